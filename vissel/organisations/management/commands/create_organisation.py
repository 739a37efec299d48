from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from vissel.organisations.services import create_organisation


class Command(BaseCommand):
    help = "Create an organisation at /<slug>/ with the seed's categories."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--slug")
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args, name, slug, language, **options):
        try:
            organisation = create_organisation(name, slug=slug, default_language=language)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"created {organisation.name} at /{organisation.slug}/")
