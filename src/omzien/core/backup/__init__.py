"""Backups and restore (issue 13, docs/backups.md).

* ``dumps``: the database file: pg_dump/pg_restore on PostgreSQL, SQLite's online backup API;
* ``manifest``: the small JSON file next to it (vendor, migrations, counts per table, time);
* ``journal``: the append-only erasure journal outside the database;
* ``replay``: after a restore, erase again what was erased since the backup, then retention.

``manage.py backup`` and ``manage.py restore`` drive them.
"""
