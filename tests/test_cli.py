"""The `vissel` command line."""

import re
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from vissel.cli import main
from vissel.organisations.models import Membership, Organisation


def test_the_command_line_names_commands_with_dashes(monkeypatch):
    """`vissel create-organisation` is Django's create_organisation (run in-process here:
    the commands themselves are tested through call_command below)."""
    seen = []
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line", lambda argv: seen.append(argv)
    )
    main(["vissel", "create-organisation", "Region Norr", "--slug", "regionnorr"])
    assert seen == [["vissel", "create_organisation", "Region Norr", "--slug", "regionnorr"]]


@pytest.mark.django_db
def test_create_organisation_and_invite_staff_from_the_command_line(capsys):
    call_command("create_organisation", "Region Norr", "--slug", "regionnorr")
    assert Organisation.objects.get(slug="regionnorr").categories.count() == 7
    call_command(
        "create_staff",
        "intake@vendor",
        "--role",
        "regionnorr:screener",
        "--base-url",
        "https://vissel.example",
    )
    person = get_user_model().objects.get(username="intake@vendor")
    assert Membership.objects.get(person=person).role == "screener"
    assert not person.is_active and not person.has_usable_password()
    link = capsys.readouterr().out.strip().rsplit(" ", 1)[1]
    assert re.fullmatch(r"https://vissel\.example/staff/invitation/[\w-]{43}/", link)


@pytest.mark.django_db
def test_create_staff_refuses_an_unknown_role():
    Organisation.objects.create(slug="x", name="X", languages=["sv"])
    with pytest.raises(CommandError, match="unknown organisation or role"):
        call_command("create_staff", "someone", "--role", "x:emperor")


@pytest.mark.django_db
def test_create_staff_never_gives_roles_to_an_existing_account(cast):
    with pytest.raises(CommandError, match="exists already"):
        call_command("create_staff", "screener-b", "--role", "org-a:screener")
    assert not Membership.objects.filter(person=cast.screener_b, organisation=cast.org_a)


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
