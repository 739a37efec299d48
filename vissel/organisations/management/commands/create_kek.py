from django.core.management.base import BaseCommand

from vissel.crypto import kek


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Create the server's key-encryption key at VISSEL_KEK_FILE (mode 0600) unless one "
        "exists or VISSEL_KEK is set. Back it up apart from the database: without it no "
        "staff key pair opens, and so no case."
    )

    def handle(self, *args, **options):
        if kek.create():
            self.stdout.write(f"key-encryption key created at {kek.kek_path()}")
        else:
            self.stdout.write("key-encryption key present; nothing changed")
