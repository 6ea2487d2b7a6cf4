"""The public activity finder (issue 9): ``/activiteiten/<gemeente>/`` for residents, without
login, tracking or cookies. ``fulltext.py`` (Dutch full-text search in the database's own
engine), ``search.py`` (the filters, distance and order), ``forms.py`` (what was typed),
``views.py`` (the pages: finder, agenda, initiative, "Voel je je eenzaam?")."""
