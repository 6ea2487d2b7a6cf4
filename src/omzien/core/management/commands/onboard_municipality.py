"""``manage.py onboard_municipality GM0310 --coordinator k@debilt.nl [--admin b@debilt.nl]``:
invite the first coordinator (and functional admin) of a municipality, for scripts. The same
service as the programme team's screen (``core/onboarding.py``); run by whoever operates the
server, so it acts as the system. The e-mails link to ``OMZIEN_BASE_URL``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from omzien.core.models import Municipality
from omzien.core.onboarding import Person, onboard_municipality


def _person(email: str, name: str) -> Person:
    first, _space, last = name.strip().partition(" ")
    return Person(email, first, last)


class Command(BaseCommand):
    help = "Invite the first coordinator (and admin) of a municipality."

    def add_arguments(self, parser):
        parser.add_argument("municipality", help="CBS code (GM0310) or slug (de-bilt)")
        parser.add_argument("--coordinator", required=True, help="e-mail address")
        parser.add_argument("--coordinator-name", default="", help='"Voornaam Achternaam"')
        parser.add_argument("--admin", default="", help="e-mail address (optional)")
        parser.add_argument("--admin-name", default="")

    def handle(self, *args, **options):
        ref = options["municipality"]
        municipality = (
            Municipality.objects.filter(code=ref.upper()).first()
            or Municipality.objects.filter(slug=ref).first()
        )
        if municipality is None:
            raise CommandError(f"Unknown municipality {ref!r}: give its CBS code or slug.")
        admin = _person(options["admin"], options["admin_name"]) if options["admin"] else None
        try:
            invitations = onboard_municipality(
                actor=None,
                municipality=municipality,
                coordinator=_person(options["coordinator"], options["coordinator_name"]),
                admin=admin,
                system=True,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for invitation in invitations:
            self.stdout.write(
                f"{municipality.name}: {invitation.get_role_display()} uitgenodigd "
                f"({invitation.email}); de e-mail met de link is verstuurd."
            )
