"""The full-text index of initiatives (see ``fulltext.py``), created by migration 0004 and
checked after every ``migrate``.

SQLite drops a table's triggers when Django rebuilds the table (any later ``AlterField`` on
``Initiative``), so ``ensure`` runs after every migrate (``post_migrate``): it recreates what
is missing and then rebuilds the FTS5 table from the initiatives, so the index never silently
goes stale.
"""

# ruff: noqa: S608  (fixed table and column names only; no value ever enters this SQL)
from __future__ import annotations

from omzien.socialmap.finder.fulltext import PG_DOCUMENT, PG_INDEX, SQLITE_TABLE

TABLE = "socialmap_initiative"
_COLUMNS = "name, description, place"

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5({_COLUMNS}, "
    f"content='{TABLE}', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {SQLITE_TABLE}(rowid, {_COLUMNS}) "
    f"VALUES (new.id, new.name, new.description, new.place); END",
    f"CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, {_COLUMNS}) "
    f"VALUES ('delete', old.id, old.name, old.description, old.place); END",
    f"CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_au AFTER UPDATE OF {_COLUMNS} ON {TABLE} "
    f"BEGIN INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, {_COLUMNS}) "
    f"VALUES ('delete', old.id, old.name, old.description, old.place); "
    f"INSERT INTO {SQLITE_TABLE}(rowid, {_COLUMNS}) "
    f"VALUES (new.id, new.name, new.description, new.place); END",
]
SQLITE_REBUILD = f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')"
SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_{suffix}" for suffix in ("ai", "ad", "au")),
    f"DROP TABLE IF EXISTS {SQLITE_TABLE}",
]
PG_CREATE = [f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {TABLE} USING gin (({PG_DOCUMENT}))"]
PG_DROP = [f"DROP INDEX IF EXISTS {PG_INDEX}"]
#: The finder's default list: one municipality's published initiatives by name, a page at a
#: time (an index scan instead of sorting a big city's whole offer for every page). Not in
#: the model's Meta: it serves only this public read, and lives with the search index.
ORDER_INDEX = "socialmap_initiative_public_order"
ORDER_CREATE = (
    f"CREATE INDEX IF NOT EXISTS {ORDER_INDEX} ON {TABLE} (municipality_id, status, name, id)"
)
ORDER_DROP = f"DROP INDEX IF EXISTS {ORDER_INDEX}"


def _sqlite_complete(cursor) -> bool:
    cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE (type = 'table' AND name = %s) "
        "OR (type = 'trigger' AND name LIKE %s)",
        [SQLITE_TABLE, f"{SQLITE_TABLE}_a_"],
    )
    return cursor.fetchone()[0] == 4


def _missing_indexes(cursor, vendor: str) -> list[str]:
    wanted = {ORDER_INDEX: ORDER_CREATE}
    if vendor == "postgresql":
        wanted[PG_INDEX] = PG_CREATE[0]
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [TABLE])
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s",
                       [TABLE])  # fmt: skip
    present = {row[0] for row in cursor.fetchall()}
    return [sql for name, sql in wanted.items() if name not in present]


def ensure(connection) -> bool:
    """Create what is missing; True if something was (re)made."""
    if connection.vendor not in ("postgresql", "sqlite"):
        return False
    made = False
    with connection.cursor() as cursor:
        for sql in _missing_indexes(cursor, connection.vendor):
            cursor.execute(sql)
            made = True
        if connection.vendor == "sqlite" and not _sqlite_complete(cursor):
            for sql in SQLITE_CREATE:
                cursor.execute(sql)
            cursor.execute(SQLITE_REBUILD)
            made = True
    return made


def drop(connection) -> None:
    statements = {"postgresql": PG_DROP, "sqlite": SQLITE_DROP}.get(connection.vendor, [])
    statements = [*statements, ORDER_DROP]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def after_migrate(sender, using="default", **kwargs) -> None:
    """``post_migrate``: put back what a table rebuild took away (see the module docstring)."""
    from django.db import connections

    connection = connections[using]
    if TABLE in connection.introspection.table_names():
        ensure(connection)


def connect() -> None:
    from django.apps import apps
    from django.db.models.signals import post_migrate

    post_migrate.connect(
        after_migrate, sender=apps.get_app_config("socialmap"), dispatch_uid="socialmap_fts"
    )
