"""The `vissel` command line."""

import re
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model

from vissel.cli import main
from vissel.organisations.models import Membership, Organisation


# transaction=True: a management command run from the command line closes the
# database connections when it ends, as it would in a real shell.
@pytest.mark.django_db(transaction=True)
def test_create_organisation_and_invite_staff_from_the_command_line(capsys):
    main(["vissel", "create-organisation", "Region Norr", "--slug", "regionnorr"])
    assert Organisation.objects.get(slug="regionnorr").categories.count() == 7
    main(
        [
            "vissel",
            "create-staff",
            "intake@vendor",
            "--role",
            "regionnorr:screener",
            "--base-url",
            "https://vissel.example",
        ]
    )
    person = get_user_model().objects.get(username="intake@vendor")
    assert Membership.objects.get(person=person).role == "screener"
    assert not person.is_active and not person.has_usable_password()
    link = capsys.readouterr().out.strip().rsplit(" ", 1)[1]
    assert re.fullmatch(r"https://vissel\.example/staff/invitation/[\w-]{43}/", link)


@pytest.mark.django_db(transaction=True)
def test_create_staff_refuses_an_unknown_role():
    Organisation.objects.create(slug="x", name="X", languages=["sv"])
    with pytest.raises(SystemExit):
        main(["vissel", "create-staff", "someone", "--role", "x:emperor"])


def test_vissel_help_lists_the_commands():
    result = subprocess.run(
        [sys.executable, "-m", "vissel.cli", "--help"], capture_output=True, text=True, timeout=60
    )
    for command in (
        "serve",
        "create-organisation",
        "create-staff",
        "create-demo",
        "tick",
        "audit-verify",
        "recover-access",
        "demo-code",
    ):
        assert command in result.stdout
