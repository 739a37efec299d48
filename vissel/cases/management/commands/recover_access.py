import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from vissel.cases.access import recover
from vissel.cases.models import Case
from vissel.cases.workflow import NotAllowed
from vissel.crypto import DecryptionFailed


class Command(BaseCommand):
    help = (
        "Give a case back to a reader with the organisation's recovery key, read from "
        "standard input (never from the command line, where it would stay in the history)."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        parser.add_argument("register_number", help='as in the register, e.g. "VB 2026/0001"')
        parser.add_argument("username")

    def handle(self, *args, organisation, register_number, username, **options):
        case = (
            Case.objects.with_scopes_disabled()  # the operator names the organisation
            .filter(organisation__slug=organisation, register_number=register_number)
            .first()
        )
        person = get_user_model().objects.filter(username=username).first()
        if case is None or person is None:
            raise CommandError("no such case or person")
        try:
            recover(case, sys.stdin.readline(), person)
        except DecryptionFailed as exc:
            raise CommandError("that recovery key does not open this case") from exc
        except NotAllowed as exc:
            raise CommandError(f"not allowed: {exc.code}") from exc
        self.stdout.write(f"case {register_number} granted to {username}")
