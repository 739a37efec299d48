from django.core.management.base import BaseCommand

from vissel.cases.notifications import queue_deadline_reminders, send_queued
from vissel.evidence.services import purge_abandoned_files
from vissel.web.models import EncryptedSession


class Command(BaseCommand):
    help = (
        "Periodic work, run every few minutes; idempotent and safe from several machines at "
        "once: deadline reminders, queued e-mails to staff, expired sessions, and the "
        "encrypted files of drafts never sent."
    )

    def handle(self, *args, **options):
        reminders = queue_deadline_reminders()
        sent = send_queued()
        EncryptedSession.get_session_store_class().clear_expired()
        removed = purge_abandoned_files()
        self.stdout.write(
            f"reminders queued: {reminders}; e-mails sent: {sent}; "
            f"abandoned encrypted files removed: {removed}"
        )
