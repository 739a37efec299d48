"""Four eyes cannot be taken apart by one admin: with two admins or more, turning it off
and sending Tor Browser users to another onion address wait for the second admin, as
giving a reading role does (threat model, section 5)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import staff
from tests.organisations.helpers import settings_of
from tests.staff.helpers import log_in_staff, settings_data
from vissel.audit.models import AuditEntry
from vissel.organisations import administration as org_admin
from vissel.organisations.models import ApprovalAction, PendingApproval, Role
from vissel.organisations.people import administration as people_admin

ONION = "http://" + "c" * 56 + ".onion"


@pytest.fixture
def second_admin(cast):
    return staff(cast.org_a, Role.ADMIN, "second-admin-a")


def ask_for_the_onion_address(cast) -> list[str]:
    return org_admin.update_settings(
        cast.org_a, cast.admin_a, **settings_of(cast.org_a, onion_address=ONION)
    )


def test_with_two_admins_turning_four_eyes_off_waits_for_the_second(cast, second_admin):
    waiting = org_admin.update_settings(
        cast.org_a, cast.admin_a, **settings_of(cast.org_a, four_eyes=False)
    )
    assert waiting == ["four_eyes"]
    cast.org_a.refresh_from_db()
    assert cast.org_a.four_eyes
    approval = PendingApproval.objects.get()
    assert approval.action == ApprovalAction.FOUR_EYES_OFF
    with pytest.raises(people_admin.Refused, match="own_request"):
        people_admin.decide_approval(approval, cast.admin_a, approve=True)
    people_admin.decide_approval(approval, second_admin, approve=True)
    cast.org_a.refresh_from_db()
    assert not cast.org_a.four_eyes
    assert AuditEntry.objects.filter(action="settings_changed", detail__fields=["four_eyes"])


def test_with_two_admins_a_new_onion_address_waits_and_a_declined_one_never_applies(
    cast, second_admin
):
    ask_for_the_onion_address(cast)
    approval = PendingApproval.objects.get()
    assert approval.subject == ONION  # what the second admin is asked to approve
    people_admin.decide_approval(approval, second_admin, approve=False)
    cast.org_a.refresh_from_db()
    assert cast.org_a.onion_address == ""


def test_an_approved_onion_address_applies(cast, second_admin):
    ask_for_the_onion_address(cast)
    people_admin.decide_approval(PendingApproval.objects.get(), second_admin, approve=True)
    cast.org_a.refresh_from_db()
    assert cast.org_a.onion_address == ONION


def test_turning_four_eyes_on_and_the_other_settings_never_wait(cast, second_admin):
    cast.org_a.four_eyes = False
    cast.org_a.save()
    waiting = org_admin.update_settings(
        cast.org_a, cast.admin_a, **settings_of(cast.org_a, four_eyes=True), meeting_days=9
    )
    cast.org_a.refresh_from_db()
    assert waiting == [] and cast.org_a.four_eyes and cast.org_a.meeting_days == 9
    assert not PendingApproval.objects.exists()


def test_a_sole_admin_changes_them_at_once(cast):
    ask_for_the_onion_address(cast)
    cast.org_a.refresh_from_db()
    assert cast.org_a.onion_address == ONION


def test_the_admin_is_told_it_waits_and_the_second_admin_sees_the_address(cast, second_admin):
    client = Client()
    log_in_staff(client, cast.admin_a)
    data = settings_data(**{"settings-four_eyes": "on", "settings-onion_address": ONION})
    response = client.post(reverse("staff_admin", args=["org-a"]), data, follow=True)
    assert response.redirect_chain[-1][0].endswith("?done=1&waiting=1")
    assert "måste godkännas av en andra administratör" in response.content.decode()
    other = Client()
    log_in_staff(other, second_admin)
    page = other.get(reverse("staff_admin_people", args=["org-a"])).content.decode()
    assert ONION in page and 'name="approve"' in page
