"""Full-text search with Dutch stemming for the public finder (issue 9): a GIN expression
index on ``to_tsvector('dutch', ...)`` on PostgreSQL, an FTS5 table kept in sync by triggers
on SQLite (see ``socialmap/finder/fulltext.py`` and ``finder/index.py``). Other engines get
nothing (the finder falls back to plain containment)."""

from django.db import migrations


def create(apps, schema_editor):
    from omzien.socialmap.finder import index

    index.ensure(schema_editor.connection)


def drop(apps, schema_editor):
    from omzien.socialmap.finder import index

    index.drop(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("socialmap", "0003_keys_points_settings"),
    ]

    operations = [migrations.RunPython(create, drop)]
