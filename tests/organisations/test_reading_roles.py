"""Admins never read a case (security review, finding 2): nobody gives themselves a role
that reads cases; giving one, or resetting someone who holds one, is e-mailed at once to
the other admins and the role's holders; with two admins a second one must approve."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import staff
from tests.staff.helpers import log_in_staff
from vissel.audit.models import AuditEntry
from vissel.organisations.models import (
    ApprovalAction,
    Invitation,
    Membership,
    PendingApproval,
    Role,
)
from vissel.organisations.people import administration as people_admin


def roles(person, organisation) -> set[str]:
    return set(
        Membership.objects.filter(person=person, organisation=organisation).values_list(
            "role", flat=True
        )
    )


def test_an_admin_cannot_give_themselves_a_reading_role_over_http(client, cast):
    client.cookies["vissel_language"] = "en"
    log_in_staff(client, cast.admin_a)
    response = client.post(
        reverse("staff_admin_person_roles", args=["org-a", cast.admin_a.pk]),
        {f"p{cast.admin_a.pk}-roles": [Role.ADMIN, Role.SCREENER]},
    )
    assert response.status_code == 400
    assert "Nobody can give themselves a role that reads cases" in response.content.decode()
    assert roles(cast.admin_a, cast.org_a) == {Role.ADMIN}


@pytest.mark.parametrize("role", sorted(Role.values))
def test_no_reading_role_can_be_self_given(cast, role):
    if role == Role.ADMIN:
        return
    with pytest.raises(people_admin.Refused, match="self_reading_role"):
        people_admin.set_roles(cast.org_a, cast.admin_a, cast.admin_a, {Role.ADMIN, role})


def test_an_admin_cannot_reset_themselves_to_take_a_fresh_link(cast):
    with pytest.raises(people_admin.Refused, match="self"):
        people_admin.reset_person(cast.org_a, cast.admin_a, cast.admin_a)


def test_giving_a_reading_role_is_mailed_at_once_to_admins_and_the_roles_holders(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    second_screener = staff(cast.org_a, Role.SCREENER, "second-screener-a")
    with django_capture_on_commit_callbacks(execute=True):
        people_admin.set_roles(
            cast.org_a, cast.admin_a, cast.external_a, {Role.EXTERNAL_INVESTIGATOR, Role.SCREENER}
        )
    told = {rcpt for rcpts, _message in smtp_server.messages for rcpt in rcpts}
    assert {cast.screener_a.email, second_screener.email} <= told
    assert cast.external_a.email not in told and cast.admin_a.email not in told
    assert "external-a" in smtp_server.bodies()
    assert AuditEntry.objects.filter(action="roles_added", detail__person=cast.external_a.pk)


def test_resetting_a_reader_is_mailed_at_once(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = people_admin.reset_person(cast.org_a, cast.admin_a, cast.internal_a)
    assert outcome.token
    assert smtp_server.to(cast.colleague_a.email)  # the other holder of the role
    assert "internal-a" in smtp_server.bodies()


def test_with_two_admins_a_reading_role_waits_for_the_second(cast):
    second = staff(cast.org_a, Role.ADMIN, "second-admin-a")
    outcome = people_admin.set_roles(
        cast.org_a, cast.admin_a, cast.chair_a, {Role.CHAIR, Role.SCREENER}
    )
    assert outcome.pending and Role.SCREENER not in roles(cast.chair_a, cast.org_a)
    approval = PendingApproval.objects.get(person=cast.chair_a)
    with pytest.raises(people_admin.Refused, match="own_request"):
        people_admin.decide_approval(approval, cast.admin_a, approve=True)
    people_admin.decide_approval(approval, second, approve=True)
    assert Role.SCREENER in roles(cast.chair_a, cast.org_a)


def test_with_two_admins_a_readers_reset_waits_and_the_approver_gets_the_link(client, cast):
    second = staff(cast.org_a, Role.ADMIN, "second-admin-a")
    log_in_staff(client, cast.admin_a)
    page = client.post(
        reverse("staff_admin_person_reset", args=["org-a", cast.internal_a.pk])
    ).content.decode()
    assert 'id="pending"' in page and "invitation-link" not in page
    assert not Invitation.objects.filter(person=cast.internal_a).exists()
    approval = PendingApproval.objects.get(person=cast.internal_a)
    other = Client()
    log_in_staff(other, second)
    page = other.post(
        reverse("staff_admin_approval", args=["org-a", approval.pk]), {"approve": "1"}
    ).content.decode()
    assert "invitation-link" in page
    assert Invitation.objects.filter(person=cast.internal_a, used_at=None).exists()


def test_with_two_admins_taking_a_reading_role_away_waits_for_the_second(cast):
    """Its keys cannot be given back: a curious admin alone cannot cut the investigators
    off their cases. The person reads on until a second admin approves."""
    second = staff(cast.org_a, Role.ADMIN, "second-admin-a")
    outcome = people_admin.set_roles(cast.org_a, cast.admin_a, cast.internal_a, set())
    assert outcome.pending
    assert roles(cast.internal_a, cast.org_a) == {Role.INTERNAL_INVESTIGATOR}  # reads on
    approval = PendingApproval.objects.get(person=cast.internal_a)
    assert approval.action == ApprovalAction.REMOVE_ROLES
    with pytest.raises(people_admin.Refused, match="own_request"):
        people_admin.decide_approval(approval, cast.admin_a, approve=True)
    people_admin.decide_approval(approval, second, approve=True)
    assert roles(cast.internal_a, cast.org_a) == set()
    assert AuditEntry.objects.filter(action="roles_removed", detail__person=cast.internal_a.pk)


def test_a_declined_removal_of_a_reading_role_leaves_it_in_place(cast):
    second = staff(cast.org_a, Role.ADMIN, "second-admin-a")
    people_admin.set_roles(cast.org_a, cast.admin_a, cast.internal_a, set())
    people_admin.decide_approval(PendingApproval.objects.get(), second, approve=False)
    assert roles(cast.internal_a, cast.org_a) == {Role.INTERNAL_INVESTIGATOR}


def test_a_role_that_reads_no_cases_is_taken_away_at_once_under_four_eyes(cast):
    staff(cast.org_a, Role.ADMIN, "second-admin-a")
    both = {Role.INTERNAL_INVESTIGATOR, Role.ADMIN}
    people_admin.set_roles(cast.org_a, cast.admin_a, cast.internal_a, both)
    outcome = people_admin.set_roles(
        cast.org_a, cast.admin_a, cast.internal_a, {Role.INTERNAL_INVESTIGATOR}
    )
    assert outcome.done and not outcome.pending
    assert roles(cast.internal_a, cast.org_a) == {Role.INTERNAL_INVESTIGATOR}


def test_four_eyes_can_be_turned_off(cast):
    staff(cast.org_a, Role.ADMIN, "second-admin-a")
    cast.org_a.four_eyes = False
    cast.org_a.save()
    outcome = people_admin.set_roles(
        cast.org_a, cast.admin_a, cast.chair_a, {Role.CHAIR, Role.SCREENER}
    )
    assert outcome.done and Role.SCREENER in roles(cast.chair_a, cast.org_a)


def test_a_new_account_invited_with_a_reading_role_waits_for_approval(cast):
    second = staff(cast.org_a, Role.ADMIN, "second-admin-a")
    outcome = people_admin.invite_person(
        cast.org_a, cast.admin_a, "newcomer", "", [Role.SCREENER, Role.ADMIN]
    )
    assert outcome.pending and outcome.token
    newcomer = Invitation.objects.get().person
    assert roles(newcomer, cast.org_a) == {Role.ADMIN}
    people_admin.decide_approval(PendingApproval.objects.get(), second, approve=True)
    assert roles(newcomer, cast.org_a) == {Role.ADMIN, Role.SCREENER}
