from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vissel.organisations.services import create_organisation, create_recovery_key


class Command(BaseCommand):
    help = "Create an organisation at /<slug>/ with the seed's categories."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--slug")
        parser.add_argument("--language", default="sv", choices=["sv", "en"])
        parser.add_argument(
            "--private",
            action="store_true",
            help="a company or other private organisation: no public-document texts",
        )
        parser.add_argument(
            "--recovery-key",
            action="store_true",
            help="also create a recovery key; its private half is printed once, here",
        )

    def handle(self, *args, name, slug, language, recovery_key, private, **options):
        try:
            with transaction.atomic():
                organisation = create_organisation(
                    name, slug=slug, default_language=language, is_public_sector=not private
                )
                printed = create_recovery_key(organisation) if recovery_key else ""
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"created {organisation.name} at /{organisation.slug}/")
        if printed:
            self.stdout.write(
                "RECOVERY KEY (shown once; print it, keep it offline, never store it here):\n"
                f"  {printed}"
            )
