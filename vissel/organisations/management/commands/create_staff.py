from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vissel.organisations.models import Membership, Organisation, Role
from vissel.organisations.people.accounts import UsernameTaken, create_account


class Command(BaseCommand):
    help = (
        "For the server's operator (the first admin, say): a new account with its roles, and "
        "the one-time link where they set a password, enrol their authenticator and get their "
        "key pair. An existing account is never given roles here."
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
        try:
            with transaction.atomic():
                person, token = create_account(username, email)
                for organisation, roles in by_organisation.items():
                    for role in roles:
                        Membership.objects.create(
                            organisation=organisation, person=person, role=role
                        )
        except UsernameTaken:
            raise CommandError(
                f"{username} exists already; an admin offers them roles from the "
                "organisation's People and roles page, and they accept while logged in"
            ) from None
        self.stdout.write(
            f"invitation for {username}: {base_url.rstrip('/')}/staff/invitation/{token}/"
        )
