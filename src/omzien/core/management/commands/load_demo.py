from django.core.management.base import BaseCommand, CommandError

from omzien.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoError, demo_totp_secret, load_demo


class Command(BaseCommand):
    help = "Load the demo municipality Zeist with fictitious residents and one account per role."

    def handle(self, *args, **options):
        try:
            result = load_demo()
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        made = ", ".join(f"{n} {key.removesuffix('_created')}" for key, n in result.items())
        self.stdout.write(f"Demo Zeist ready (created: {made}).")
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<16} {account.role}")
        self.stdout.write("")
        self.stdout.write(
            "Second factor: with OMZIEN_TWO_FACTOR=off (the make run default) none is asked and "
            "every page shows a banner. With it on, add the account to an authenticator app "
            "with the key below, or run `manage.py demo_code USERNAME`."
        )
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<16} {demo_totp_secret(account.username)}")
