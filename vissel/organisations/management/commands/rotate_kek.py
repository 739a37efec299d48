from django.core.management.base import BaseCommand, CommandError

from vissel.crypto import kek
from vissel.organisations.people.keys import rewrap_all_under_newest_kek


class Command(BaseCommand):
    help = (
        "Rotate the key-encryption key: a new key goes first in VISSEL_KEK_FILE, every "
        "staff key pair is re-wrapped under it (no password needed), then the old keys "
        "are dropped from the file. With VISSEL_KEK set, put the new key first there "
        "yourself and run this with --rewrap-only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rewrap-only", action="store_true")

    def handle(self, *args, rewrap_only, **options):
        try:
            if not rewrap_only:
                self.stdout.write(f"new key-encryption key {kek.add_new_key()}")
            moved, in_use = rewrap_all_under_newest_kek()
        except kek.KekMissing as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"staff key pairs re-wrapped: {moved}")
        if not rewrap_only:
            dropped = kek.retire_keys(in_use)
            self.stdout.write(f"old keys dropped from the file: {dropped}")
