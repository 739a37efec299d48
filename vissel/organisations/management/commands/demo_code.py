import pyotp
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from vissel.organisations.demo import is_demo_account
from vissel.organisations.people.totp import decrypt_secret


class Command(BaseCommand):
    help = "Print the current authenticator code of a demo account (never in production)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if settings.PRODUCTION or not is_demo_account(username):
            raise CommandError("only for the demo accounts, and never in production")
        person = get_user_model().objects.filter(username=username).first()
        if person is None:
            raise CommandError("no such demo account; run `vissel create-demo`")
        secret = decrypt_secret(person.pk, person.second_factor.encrypted_secret)
        self.stdout.write(pyotp.TOTP(secret).now())
