"""An admin of one organisation can never take over a person of another (security review,
finding 1): the attack over HTTP, refused at each step."""

from django.test import Client
from django.urls import reverse

from tests.factories import STAFF_PASSWORD, file_report, staff
from tests.staff.helpers import lock_for, log_in_staff
from vissel.audit.models import AuditEntry
from vissel.cases.models import CaseKeySeal
from vissel.organisations.models import Invitation, Membership, Role, RoleOffer
from vissel.organisations.people.keys import unlock_private_key


def test_an_admin_cannot_attach_reset_or_disable_a_person_of_another_organisation(cast):
    victim = cast.screener_b
    public_key = bytes(victim.key_pair.public_key)
    before = file_report(cast.org_b)  # organisation B's report, sealed to its screener
    attacker = Client()
    attacker.cookies["vissel_language"] = "en"
    log_in_staff(attacker, cast.admin_a)

    # 1. "Inviting" the victim's username attaches nothing and shows no link.
    page = attacker.post(
        reverse("staff_admin_people", args=["org-a"]),
        {"invite-username": victim.username, "invite-roles": [Role.SCREENER]},
    ).content.decode()
    assert "invitation-link" not in page and 'id="offered"' in page
    assert not Membership.objects.filter(organisation=cast.org_a, person=victim).exists()
    assert RoleOffer.objects.filter(person=victim, answered_at=None).count() == 1

    # 2. Reset and disable: the victim is not a person of A, so the pages do not exist.
    for name in ("staff_admin_person_reset", "staff_admin_person_active"):
        response = attacker.post(reverse(name, args=["org-a", victim.pk]), {"active": "0"})
        assert response.status_code == 404, name

    # 3. Even after the victim accepts A's offer from their own session, A's admin may
    #    not reset or disable an account that also serves B.
    own = Client()
    log_in_staff(own, victim)
    offer = RoleOffer.objects.get(person=victim)
    assert own.post(reverse("staff_offer", args=[offer.pk]), {"accept": "1"}).status_code == 302
    assert Membership.objects.filter(organisation=cast.org_a, person=victim).exists()
    for name in ("staff_admin_person_reset", "staff_admin_person_active"):
        response = attacker.post(reverse(name, args=["org-a", victim.pk]), {"active": "0"})
        assert response.status_code == 400, name
        assert "only an admin of every one" in response.content.decode()

    # Nothing happened to the victim: same key pair, no link issued, B's case still open
    # to them, the account active and its password still right.
    victim.refresh_from_db()
    assert victim.is_active and bytes(victim.key_pair.public_key) == public_key
    assert not Invitation.objects.filter(person=victim).exists()
    assert CaseKeySeal.objects.filter(case=before.case, reader=victim).exists()
    assert lock_for(before.case, victim)
    assert unlock_private_key(victim, STAFF_PASSWORD)

    # Every entry about the victim's account is in B's trail too.
    about_victim = AuditEntry.objects.filter(detail__person=victim.pk)
    assert about_victim.filter(organisation=cast.org_b, action="roles_offered").exists()
    assert about_victim.filter(organisation=cast.org_b, action="roles_offer_accepted").exists()


def offer_screening_in_b_to(person, cast) -> None:
    """Organisation B's admin invites a person of A, over HTTP: an offer."""
    admin_b = staff(cast.org_b, Role.ADMIN, "admin-b")
    browser = Client()
    log_in_staff(browser, admin_b)
    browser.post(
        reverse("staff_admin_people", args=["org-b"]),
        {"invite-username": person.username, "invite-roles": [Role.SCREENER]},
    )


def test_another_organisation_cannot_use_the_link_page_to_change_a_person(client, cast):
    """Roles offered to a person are theirs to answer: nobody else can accept them."""
    offer_screening_in_b_to(cast.internal_a, cast)
    offer = RoleOffer.objects.get(person=cast.internal_a)
    log_in_staff(client, cast.colleague_a)
    assert client.post(reverse("staff_offer", args=[offer.pk]), {"accept": "1"}).status_code == 404
    assert not Membership.objects.filter(organisation=cast.org_b, person=cast.internal_a).exists()


def test_declining_an_offer_attaches_nothing(client, cast):
    offer_screening_in_b_to(cast.internal_a, cast)
    log_in_staff(client, cast.internal_a)
    dashboard = client.get(reverse("staff_dashboard")).content.decode()
    assert "Organisation B" in dashboard and 'id="offers"' in dashboard
    offer = RoleOffer.objects.get(person=cast.internal_a)
    client.post(reverse("staff_offer", args=[offer.pk]), {"accept": "0"})
    assert not Membership.objects.filter(organisation=cast.org_b, person=cast.internal_a).exists()
    assert 'id="offers"' not in client.get(reverse("staff_dashboard")).content.decode()
