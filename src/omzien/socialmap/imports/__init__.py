"""Importing a catalogue file (issue 9, item 2): CSV and Excel with the Dutch template
columns (``columns.py``), and HSDS JSON (``omzien.socialmap.hsds``). A file is read into rows
(``reading.py``), every row is converted and checked before anything is written
(``checking.py``), and a good file is applied in one transaction through the social map's
services (``applying.py``). ``jobs.py`` runs it: in the request for a small file, as a task
with a progress bar for a large one. See docs/socialmap-import.md."""
