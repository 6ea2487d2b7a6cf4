"""``manage.py send_overdue_digest [--municipality CODE]``: the coordinators' daily digest of
overdue cases, now. The same work runs daily as the task
``signalling.tasks.send_overdue_digest`` (docs/operations.md). Run it once a day."""

from django.core.management.base import BaseCommand, CommandError

from omzien.core.models import Municipality
from omzien.signalling.digest import send_overdue_digests


class Command(BaseCommand):
    help = "E-mail each municipality's coordinators the digest of overdue cases."

    def add_arguments(self, parser):
        parser.add_argument(
            "--municipality",
            metavar="CODE",
            help="Only this municipality (CBS code, e.g. GM0355).",
        )

    def handle(self, *args, municipality: str | None, **options):
        if municipality and not Municipality.objects.filter(code=municipality).exists():
            raise CommandError(f"No municipality with code {municipality!r}.")
        results = send_overdue_digests(code=municipality)
        for code, result in results.items():
            if result.recipients:
                self.stdout.write(
                    f"{code}: digest of {result.cases} overdue cases sent to "
                    f"{result.recipients} addresses"
                )
            else:
                self.stdout.write(
                    f"{code}: {result.cases} overdue cases but no coordinator e-mail address"
                )
        sent = sum(1 for result in results.values() if result.recipients)
        self.stdout.write(f"Total: {sent} digests sent")
