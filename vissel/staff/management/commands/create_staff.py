import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from vissel.organisations.models import Organisation, Role
from vissel.staff.services import create_staff


class Command(BaseCommand):
    help = "Create a staff account with its key pair; --role slug:role, repeatable."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--role",
            action="append",
            default=[],
            help=f"organisation-slug:role, role one of {', '.join(Role.values)}",
        )
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args, username, email, role, password_stdin, **options):
        if get_user_model().objects.filter(username=username).exists():
            raise CommandError(f"{username} exists already")
        memberships = []
        for item in role:
            slug, _, role_name = item.partition(":")
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None or role_name not in Role.values:
                raise CommandError(f"unknown organisation or role: {item}")
            memberships.append((organisation, role_name))
        password = (
            self.stdin_password()
            if password_stdin
            else getpass.getpass("Password for the new account: ")
        )
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        create_staff(username, password, email=email, memberships=memberships)
        self.stdout.write(f"created {username}")

    def stdin_password(self) -> str:
        import sys

        return sys.stdin.readline().rstrip("\n")
