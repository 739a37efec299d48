from django.core.management.base import BaseCommand, CommandError

from vissel.organisations.models import Organisation, Role
from vissel.staff.accounts import invite


class Command(BaseCommand):
    help = (
        "Invite a staff member: create the account with its roles and print the one-time "
        "link where they set a password, enrol their authenticator and get their key pair."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--role",
            action="append",
            default=[],
            required=True,
            help=f"organisation-slug:role, role one of {', '.join(Role.values)}",
        )
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, username, email, role, base_url, **options):
        by_organisation: dict[Organisation, list[str]] = {}
        for item in role:
            slug, _, role_name = item.partition(":")
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None or role_name not in Role.values:
                raise CommandError(f"unknown organisation or role: {item}")
            by_organisation.setdefault(organisation, []).append(role_name)
        token = ""
        for organisation, roles in by_organisation.items():
            _person, issued = invite(organisation, username, roles, email=email)
            token = token or issued
        if token:
            self.stdout.write(
                f"invitation for {username}: {base_url.rstrip('/')}/staff/invitation/{token}/"
            )
        else:
            self.stdout.write(f"{username} exists already; roles added")
