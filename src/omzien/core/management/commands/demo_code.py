from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.demo import DEMO_ACCOUNTS
from omzien.core.totp import current_code


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo account (demo accounts only)."

    def add_arguments(self, parser):
        parser.add_argument("username", choices=[a.username for a in DEMO_ACCOUNTS])

    def handle(self, *args, username, **options):
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError("This demo account has no second factor yet: run load_demo.")
        self.stdout.write(current_code(device))
