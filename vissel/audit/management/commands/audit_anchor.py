from django.core.management.base import BaseCommand

from vissel.audit.trail import anchor


class Command(BaseCommand):
    help = (
        "Print the audit trail's head as a line to keep outside the database; "
        "`vissel audit-verify --anchors FILE` checks the chain still holds it."
    )

    def handle(self, *args, **options):
        self.stdout.write(anchor())
