from django.core.management.base import BaseCommand, CommandError

from vissel.audit.trail import verify


class Command(BaseCommand):
    help = "Check the audit trail's hash chain: a changed, removed or reordered entry fails."

    def handle(self, *args, **options):
        verdict = verify()
        if not verdict.ok:
            raise CommandError(
                f"audit trail broken at entry {verdict.first_bad_seq}: {verdict.problem} "
                f"({verdict.entries} entries verified before it)"
            )
        self.stdout.write(f"audit trail intact: {verdict.entries} entries")
