from django.core.management.base import BaseCommand

from vissel.organisations.demo import DEMO_STAFF, create_demo


class Command(BaseCommand):
    help = "Create the demo organisation (Östersunds kommun) and its demo staff; idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        organisation = create_demo()
        self.stdout.write(f"Demo reporting channel: http://127.0.0.1:{port}/{organisation.slug}/")
        self.stdout.write(f"Demo staff portal:      http://127.0.0.1:{port}/staff/")
        self.stdout.write("Demo staff (password; authenticator key, or `vissel demo-code USER`):")
        for username, password, secret, role in DEMO_STAFF:
            self.stdout.write(f"  {role:<22} {username:<18} {password:<22} {secret}")
