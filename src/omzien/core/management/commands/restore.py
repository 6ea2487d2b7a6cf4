"""``manage.py restore FILE [--force]``: load a backup into an empty database, then erase
again what the erasure journal says was erased after the backup (docs/backups.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from omzien.core.backup.dumps import BackupError
from omzien.core.backup.service import restore


class Command(BaseCommand):
    help = (
        "Restore a backup of `manage.py backup` into the configured database (refused if it "
        "is not empty, unless --force), replay the erasure journal and run retention once."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .pgdump or .sqlite3 file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database that is not empty.",
        )

    def handle(self, *args, file, force=False, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        try:
            result = restore(file, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(result.manifest["tables"].values())
        self.stdout.write(f"restored {file.name}: {rows} rows in the backup")
        for kind, n in sorted(result.replayed.items()):
            self.stdout.write(f"erased again since the backup: {kind} {n}")
        self.stdout.write(f"journal entries already erased: {result.already_erased}")
