"""``manage.py purge_personal_data [--dry-run] [--municipality CODE]``: retention, now.

Prints counts only, never personal data. The same work runs daily as the task
``signalling.tasks.purge_personal_data`` (docs/operations.md).
"""

from django.core.management.base import BaseCommand, CommandError

from omzien.core.models import Municipality
from omzien.signalling.privacy.erasure import RetentionCounts
from omzien.signalling.privacy.retention import run_retention_everywhere


def describe(counts: RetentionCounts) -> str:
    return (
        f"{counts.cases} cases ({counts.signals} signals, {counts.events} timeline entries, "
        f"{counts.assessments} assessments), {counts.residents} residents, "
        f"{counts.reporter_contacts} reporter contacts"
    )


class Command(BaseCommand):
    help = (
        "Erase the personal data that the retention periods say is due: closed cases after "
        "the municipality's retention period, reporters' contact details after theirs, and "
        "residents nothing needs any more. Prints counts only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be erased and change nothing.",
        )
        parser.add_argument(
            "--municipality",
            metavar="CODE",
            help="Only this municipality (CBS code, e.g. GM0355).",
        )

    def handle(self, *args, dry_run: bool, municipality: str | None, **options):
        if municipality and not Municipality.objects.filter(code=municipality).exists():
            raise CommandError(f"No municipality with code {municipality!r}.")
        if dry_run:
            self.stdout.write("Dry run: nothing is changed.")
        verb = "would erase" if dry_run else "erased"
        results = run_retention_everywhere(dry_run=dry_run, code=municipality)
        names = dict(Municipality.objects.filter(code__in=results).values_list("code", "name"))
        total = RetentionCounts()
        for code, counts in results.items():
            self.stdout.write(f"{code} {names[code]}: {verb} {describe(counts)}")
            total += counts
        self.stdout.write(f"Total: {verb} {describe(total)}")
