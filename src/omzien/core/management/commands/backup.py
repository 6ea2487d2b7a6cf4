"""``manage.py backup [--dir DIR]``: a consistent backup of the database (docs/backups.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from omzien.core.backup.dumps import BackupError
from omzien.core.backup.manifest import manifest_path
from omzien.core.backup.service import take_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, the backup API on SQLite) into "
        "OMZIEN_BACKUP_DIR, with a manifest (no personal data)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="Directory (default OMZIEN_BACKUP_DIR).")

    def handle(self, *args, dir=None, **options):
        try:
            target = take_backup(dir)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{target}\n{manifest_path(target)}")
