from django.core.management.base import BaseCommand

from vissel.cases.scheduled import tick


class Command(BaseCommand):
    help = (
        "Periodic work, run every few minutes; idempotent and safe from several machines at "
        "once: the day's reporter events into the audit trail and the day's files to fresh "
        "inodes (after midnight), deadline reminders, e-mails to staff, expired sessions, "
        "and the encrypted files of drafts never sent."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(tick()))
