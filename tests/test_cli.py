"""The `vissel` command line."""

import io
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model

from vissel.cli import main
from vissel.organisations.models import Membership, Organisation


# transaction=True: a management command run from the command line closes the
# database connections when it ends, as it would in a real shell.
@pytest.mark.django_db(transaction=True)
def test_create_organisation_and_staff_from_the_command_line(monkeypatch, capsys):
    main(["vissel", "create-organisation", "Region Norr", "--slug", "regionnorr"])
    assert Organisation.objects.get(slug="regionnorr").categories.count() == 7
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough password 123\n"))
    main(
        [
            "vissel",
            "create-staff",
            "intake@vendor",
            "--role",
            "regionnorr:screener",
            "--password-stdin",
        ]
    )
    person = get_user_model().objects.get(username="intake@vendor")
    assert Membership.objects.get(person=person).role == "screener"
    assert person.key_pair.public_key
    assert "created intake@vendor" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_create_staff_refuses_an_unknown_role():
    Organisation.objects.create(slug="x", name="X", languages=["sv"])
    with pytest.raises(SystemExit):
        main(["vissel", "create-staff", "someone", "--role", "x:emperor", "--password-stdin"])


def test_vissel_help_lists_the_commands():
    result = subprocess.run(
        [sys.executable, "-m", "vissel.cli", "--help"], capture_output=True, text=True, timeout=60
    )
    for command in ("serve", "create-organisation", "create-staff", "create-demo", "tick"):
        assert command in result.stdout
