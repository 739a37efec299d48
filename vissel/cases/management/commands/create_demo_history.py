from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from vissel.cases.demo_history import create_demo_history
from vissel.organisations.defaults import DEMO_SLUG
from vissel.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Give the demo organisation two and a half years of made-up cases (once, while it "
        "has none): the register, statistics, summaries and erasure then have something "
        "to show."
    )

    def handle(self, *args, **options):
        organisation = Organisation.objects.get(slug=DEMO_SLUG)
        with scopes_disabled():
            made = create_demo_history(organisation)
        self.stdout.write(f"demo history: {made} cases" if made else "demo history: already there")
