"""After a reset, access comes back only when another reader grants it again, or through
the organisation's recovery key, printed once at set-up."""

import io
import re
import sys

import pytest
from django.core.management import CommandError, call_command

from tests.factories import file_report
from tests.staff.helpers import lock_for, routed_case
from vissel.cases import access, workflow
from vissel.cases.models import CaseKeySeal
from vissel.cases.services import read_report
from vissel.crypto import DecryptionFailed
from vissel.crypto.recovery import decode_recovery_key
from vissel.organisations.people.keys import give_key_pair
from vissel.organisations.services import create_recovery_key


def reset_keys(person):
    give_key_pair(person, "correct horse battery staple")  # what accepting a reset does


def test_another_reader_gives_the_case_back_after_a_reset(cast):
    filed = routed_case(cast)
    reset_keys(cast.internal_a)
    assert cast.internal_a in access.candidates(filed.case)
    access.grant(
        filed.case, lock_for(filed.case, cast.colleague_a), cast.colleague_a, cast.internal_a
    )
    assert read_report(filed.case, lock_for(filed.case, cast.internal_a))["what_happened"]


def test_a_person_concerned_can_never_be_given_the_case(cast):
    filed = routed_case(cast)
    workflow.name_concerned(filed.case, cast.internal_a, person=cast.colleague_a)
    assert cast.colleague_a not in access.candidates(filed.case)
    with pytest.raises(workflow.NotAllowed, match="grantee"):
        access.grant(
            filed.case, lock_for(filed.case, cast.internal_a), cast.internal_a, cast.colleague_a
        )


def test_nobody_outside_the_handling_groups_can_be_given_the_case(cast):
    filed = routed_case(cast)
    for outsider in (cast.external_a, cast.admin_a, cast.chief_a, cast.screener_b):
        with pytest.raises(workflow.NotAllowed, match="grantee"):
            access.grant(
                filed.case, lock_for(filed.case, cast.internal_a), cast.internal_a, outsider
            )
    assert not CaseKeySeal.objects.filter(case=filed.case, reader=cast.external_a).exists()


def test_the_recovery_key_gives_a_case_back_when_no_reader_is_left(cast, monkeypatch, capsys):
    printed = create_recovery_key(cast.org_a)
    filed = routed_case(cast)
    for person in (cast.screener_a, cast.internal_a, cast.colleague_a):
        reset_keys(person)
    assert not CaseKeySeal.objects.filter(case=filed.case).exists()
    monkeypatch.setattr(sys, "stdin", io.StringIO(printed.lower().replace("-", " ") + "\n"))
    call_command("recover_access", "org-a", filed.case.register_number, "internal-a")
    assert read_report(filed.case, lock_for(filed.case, cast.internal_a))["what_happened"]


def test_a_wrong_recovery_key_opens_nothing(cast, monkeypatch):
    create_recovery_key(cast.org_a)
    filed = file_report(cast.org_a)
    reset_keys(cast.screener_a)
    other = create_recovery_key(cast.org_b)
    monkeypatch.setattr(sys, "stdin", io.StringIO(other + "\n"))
    with pytest.raises(CommandError, match="does not open"):
        call_command("recover_access", "org-a", filed.case.register_number, "screener-a")
    with pytest.raises(DecryptionFailed):
        decode_recovery_key("not-a-key")


def test_the_recovery_key_is_printed_once_at_set_up(db, capsys):
    call_command("create_organisation", "Region Syd", "--recovery-key")
    out = capsys.readouterr().out
    assert re.search(r"RECOVERY KEY.*\n  ([A-Z2-7]{4}-){12}[A-Z2-7]{4}", out)
    from vissel.organisations.models import Organisation

    organisation = Organisation.objects.get(slug="region-syd")
    with pytest.raises(Exception, match="already"):
        create_recovery_key(organisation)
