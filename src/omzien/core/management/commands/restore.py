"""``manage.py restore FILE [--force] [--journal PATH ...|--no-journal]``: load a backup into
an empty database, then erase again what the erasure journal(s) say was erased after the
backup (docs/backups.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from omzien.core.backup import journal
from omzien.core.backup.dumps import BackupError
from omzien.core.backup.service import restore


class Command(BaseCommand):
    help = (
        "Restore a backup of `manage.py backup` into the configured database (refused if it "
        "is not empty, unless --force), replay the erasure journal(s) and run retention once."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .pgdump or .sqlite3 file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database that is not empty.",
        )
        parser.add_argument(
            "--journal",
            action="append",
            type=Path,
            default=[],
            metavar="PATH",
            help="An erasure journal file to replay; repeat it for one journal per node (their "
            "union is replayed). Default: OMZIEN_ERASURE_JOURNAL. A missing file is refused.",
        )
        parser.add_argument(
            "--no-journal",
            action="store_true",
            help="Restore without replaying any erasure journal: only for a first "
            "installation or a test (data erased after the backup would come back).",
        )

    def handle(self, *args, file, force=False, journal=(), no_journal=False, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        journals = _journals(list(journal), no_journal)
        try:
            result = restore(file, journals=journals, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(result.manifest["tables"].values())
        self.stdout.write(f"restored {file.name}: {rows} rows in the backup")
        if journals is None:
            self.stdout.write("erasure journal: none replayed (--no-journal)")
        for path, lines in result.journals.items():
            self.stdout.write(f"erasure journal {path}: {lines} lines")
        for kind, n in sorted(result.replayed.items()):
            self.stdout.write(f"erased again since the backup: {kind} {n}")
        self.stdout.write(f"journal entries already erased: {result.already_erased}")


def _journals(given: list[Path], no_journal: bool) -> list[Path] | None:
    """The journal files to replay: those given, else the configured one (an empty list when
    none is configured, which ``restore`` refuses); None with --no-journal."""
    if no_journal:
        if given:
            raise CommandError("Give either --journal or --no-journal, not both.")
        return None
    if given:
        return given
    configured = journal.journal_path()
    return [configured] if configured is not None else []
