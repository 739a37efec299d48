from django.core.management.base import BaseCommand

from vissel.evidence.services import purge_abandoned_files
from vissel.web.models import EncryptedSession


class Command(BaseCommand):
    help = (
        "Periodic work, safe to run from several machines at once: removes expired "
        "sessions and the encrypted files of drafts never sent."
    )

    def handle(self, *args, **options):
        EncryptedSession.get_session_store_class().clear_expired()
        removed = purge_abandoned_files()
        self.stdout.write(f"abandoned encrypted files removed: {removed}")
