"""What a curious admin could do quietly is announced at once (threat model, section 5):
taking away a role that reads cases (and with it the keys it gave), disabling a reader,
turning four eyes off, and sending Tor Browser users to another onion address. Each is
e-mailed to the organisation's other admins and to those who read cases, never to the
admin who did it, and says nothing of any case."""

import pytest

from tests.factories import staff
from tests.organisations.helpers import settings_of
from vissel.organisations import administration as org_admin
from vissel.organisations.models import PendingApproval, Role
from vissel.organisations.people import administration as people_admin

ONION = "http://" + "b" * 56 + ".onion"


@pytest.fixture
def second_admin(cast):
    return staff(cast.org_a, Role.ADMIN, "second-admin-a")


def told(smtp_server) -> set[str]:
    return {rcpt for rcpts, _message in smtp_server.messages for rcpt in rcpts}


def test_taking_a_reading_role_away_is_mailed_to_the_admins_the_holders_and_the_person(
    cast, second_admin, smtp_server, django_capture_on_commit_callbacks
):
    cast.org_a.four_eyes = False  # with it, the role goes when a second admin approves
    cast.org_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        people_admin.set_roles(cast.org_a, cast.admin_a, cast.internal_a, {Role.CHAIR})
    assert {second_admin.email, cast.colleague_a.email, cast.internal_a.email} <= told(smtp_server)
    assert cast.admin_a.email not in told(smtp_server)
    assert "internal-a" in smtp_server.bodies()


def test_disabling_a_reader_is_mailed_and_enabling_them_again_is_not(
    cast, second_admin, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        people_admin.set_active(cast.org_a, cast.admin_a, cast.screener_a, False)
    assert second_admin.email in told(smtp_server)
    assert "screener-a" in smtp_server.bodies()
    before = len(smtp_server.messages)
    with django_capture_on_commit_callbacks(execute=True):
        people_admin.set_active(cast.org_a, cast.admin_a, cast.screener_a, True)
    assert len(smtp_server.messages) == before


def test_turning_four_eyes_off_is_mailed_to_every_other_admin_and_every_reader(
    cast, second_admin, smtp_server, django_capture_on_commit_callbacks
):
    # With two admins it waits for the second; approved, it is told to everyone else.
    org_admin.update_settings(cast.org_a, cast.admin_a, **settings_of(cast.org_a, four_eyes=False))
    with django_capture_on_commit_callbacks(execute=True):
        people_admin.decide_approval(PendingApproval.objects.get(), second_admin, approve=True)
    everyone = {cast.admin_a, cast.screener_a, cast.internal_a, cast.colleague_a, cast.external_a}
    assert {person.email for person in everyone} <= told(smtp_server)
    assert second_admin.email not in told(smtp_server)
    assert cast.screener_b.email not in told(smtp_server)  # another organisation's


def test_a_new_onion_address_is_mailed_with_the_address(
    cast, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        org_admin.update_settings(
            cast.org_a, cast.admin_a, **settings_of(cast.org_a, onion_address=ONION)
        )
    assert cast.screener_a.email in told(smtp_server)
    assert ONION in smtp_server.bodies()


def test_other_settings_are_not_mailed(cast, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        org_admin.update_settings(
            cast.org_a, cast.admin_a, **settings_of(cast.org_a), meeting_days=10
        )
    assert smtp_server.messages == []
