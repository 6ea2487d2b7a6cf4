"""The database also refuses to delete an audit event (issue 8 item 19).

0002 refuses UPDATE; this adds a trigger that refuses DELETE, on SQLite and PostgreSQL, so
that even raw SQL cannot remove rows. The audit log has no retention period; docs/privacy.md
("The audit log") describes the one documented procedure by which an operator may purge rows,
inside one transaction that lifts this guard and restores it before committing.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS core_auditevent_no_delete;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION core_auditevent_refuse_delete() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit events are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse_delete();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS core_auditevent_no_delete ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_refuse_delete();
"""


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        sql = sql_by_vendor.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0003_norms_moved_to_signalling")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
