"""Conflict exclusion: a person concerned never gets the case key, gets 404 on every page
of the case, never receives its report, and does not learn that it exists."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import file_report
from tests.staff.helpers import conclude_as, lock_for, log_in_staff, routed_case, screen_as
from vissel.audit.models import AuditEntry
from vissel.cases import access, workflow
from vissel.cases.keyring import concerned_people
from vissel.cases.models import CaseKeySeal
from vissel.cases.visibility import cases_visible_to
from vissel.cases.worklist import Filters, worklist


def test_naming_a_reader_destroys_their_key_and_hides_the_case(client, cast):
    filed = routed_case(cast, "internal")
    assert CaseKeySeal.objects.filter(case=filed.case, reader=cast.colleague_a).exists()
    workflow.name_concerned(filed.case, cast.internal_a, person=cast.colleague_a)
    assert not CaseKeySeal.objects.filter(case=filed.case, reader=cast.colleague_a).exists()
    assert filed.case not in cases_visible_to(cast.colleague_a)
    assert list(worklist(cast.colleague_a, cast.org_a, Filters(), date.today())) == []
    log_in_staff(client, cast.colleague_a)
    url = reverse("staff_case", args=["org-a", filed.case.pk])
    assert client.get(url).status_code == 404
    assert str(filed.case.pk) not in client.get(reverse("staff_dashboard")).content.decode()


def test_a_person_concerned_before_routing_never_receives_the_key(cast):
    filed = file_report(cast.org_a)
    workflow.name_concerned(filed.case, cast.screener_a, person=cast.colleague_a)
    screen_as(cast.screener_a, filed.case, "internal", "Whistleblowing case")
    assert not CaseKeySeal.objects.filter(case=filed.case, reader=cast.colleague_a).exists()
    assert CaseKeySeal.objects.filter(case=filed.case, reader=cast.internal_a).exists()


def test_the_chief_executive_concerned_never_sees_case_or_report(client, cast):
    filed = routed_case(cast, "external", officials=[cast.chief_official_a])
    conclude_as(cast.external_a, filed.case, "confirmed", "About the chief executive.")
    log_in_staff(client, cast.chief_a)
    dashboard = client.get(reverse("staff_dashboard")).content.decode()
    assert str(filed.case.pk) not in dashboard and filed.case.register_number not in dashboard
    for name in ("staff_case", "staff_final_report"):
        assert client.get(reverse(name, args=["org-a", filed.case.pk])).status_code == 404


def test_a_concerned_member_of_the_internal_function_is_skipped_when_routing(cast):
    filed = file_report(cast.org_a)
    workflow.name_concerned(filed.case, cast.screener_a, person=cast.internal_a)
    screen_as(cast.screener_a, filed.case, "internal", "Whistleblowing case")
    assert set(
        CaseKeySeal.objects.filter(case=filed.case).values_list("reader__username", flat=True)
    ) == {"screener-a", "colleague-a"}


def test_routing_is_refused_when_everyone_in_the_group_is_concerned(cast):
    filed = file_report(cast.org_a)
    for person in (cast.internal_a, cast.colleague_a):
        workflow.name_concerned(filed.case, cast.screener_a, person=person)
    with pytest.raises(workflow.NotAllowed, match="no_readers"):
        screen_as(cast.screener_a, filed.case, "internal", "Whistleblowing case")
    filed.case.refresh_from_db()
    assert filed.case.status == "received"


def test_a_concerned_person_is_never_a_recipient_of_the_final_report(cast):
    filed = routed_case(cast, "internal")
    workflow.name_concerned(filed.case, cast.internal_a, person=cast.chief_a)
    conclude_as(cast.internal_a, filed.case, "confirmed", "Goes to the chair.")
    report = filed.case.final_report
    assert report.recipient_role == "chair"
    assert list(report.seals.values_list("reader__username", flat=True)) == ["chair-a"]


def test_naming_someone_concerned_can_be_withdrawn_but_gives_no_access_back(client, cast):
    """With a reason, audited; the key comes back only by a new grant (case handling,
    broken 6)."""
    filed = routed_case(cast)
    workflow.name_concerned(filed.case, cast.internal_a, person=cast.colleague_a)
    row = filed.case.concerned.get()
    lock = lock_for(filed.case, cast.internal_a)
    with pytest.raises(workflow.NotAllowed, match="reason"):
        workflow.withdraw_concerned(filed.case, lock, cast.internal_a, row, "")
    log_in_staff(client, cast.internal_a)
    response = client.post(
        reverse("staff_case_withdraw_concerned", args=["org-a", filed.case.pk, row.pk]),
        {"withdraw-reason": "Wrong person: a namesake."},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="person_concerned_withdrawn", case=filed.case)
    assert cast.colleague_a.pk not in concerned_people(filed.case)
    assert not CaseKeySeal.objects.filter(case=filed.case, reader=cast.colleague_a).exists()
    assert filed.case not in cases_visible_to(cast.colleague_a)
    access.grant(filed.case, lock, cast.internal_a, cast.colleague_a)  # a new grant
    assert filed.case in cases_visible_to(cast.colleague_a)
