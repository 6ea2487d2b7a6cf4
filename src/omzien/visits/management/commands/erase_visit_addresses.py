"""``manage.py erase_visit_addresses [--dry-run] [--municipality CODE]``: erase the addresses
of home-visit rounds closed longer ago than their retention (visits/privacy/retention.py).

Prints counts only, never personal data. Run it nightly (docs/operations.md).
"""

from django.core.management.base import BaseCommand, CommandError

from omzien.core.models import Municipality
from omzien.visits.privacy.retention import run_address_retention


class Command(BaseCommand):
    help = (
        "Erase the addresses of home-visit rounds that closed longer ago than their "
        "retention; a tombstone keeps the counts. Prints counts only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; change nothing."
        )
        parser.add_argument(
            "--municipality", metavar="CODE", help="Only this municipality (CBS code)."
        )

    def handle(self, *args, dry_run: bool, municipality: str | None, **options):
        if municipality and not Municipality.objects.filter(code=municipality).exists():
            raise CommandError(f"No municipality with code {municipality!r}.")
        if dry_run:
            self.stdout.write("Dry run: nothing is changed.")
        verb = "would erase" if dry_run else "erased"
        results = run_address_retention(dry_run=dry_run, code=municipality)
        rounds = addresses = 0
        for code, tally in sorted(results.items()):
            self.stdout.write(
                f"{code}: {verb} {tally['addresses']} addresses of {tally['rounds']} rounds"
            )
            rounds += tally["rounds"]
            addresses += tally["addresses"]
        self.stdout.write(f"Total: {verb} {addresses} addresses of {rounds} rounds")
