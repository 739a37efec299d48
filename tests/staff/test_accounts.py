"""Accounts by invitation: password, TOTP enrolment (a QR code image, no JavaScript) and
a key pair; password changes keep the key, resets make a new one."""

import re

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import STAFF_PASSWORD, file_report, invite
from tests.staff.helpers import lock_for, log_in_staff, routed_case
from vissel.cases.models import CaseKeySeal
from vissel.cases.services import read_report, unlock_as_reader
from vissel.crypto import DecryptionFailed
from vissel.organisations.models import Role
from vissel.organisations.people.administration import reset_person
from vissel.organisations.people.keys import unlock_private_key

NEW_PASSWORD = "a brand new passphrase 2026"


def enrol(client, token, password=NEW_PASSWORD):
    page = client.get(reverse("staff_invitation", args=[token])).content.decode()
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    response = client.post(
        reverse("staff_invitation", args=[token]),
        {"password": password, "password_again": password, "code": pyotp.TOTP(secret).now()},
    )
    return page, secret, response


def test_an_invited_person_sets_up_password_code_and_key_pair(client, cast):
    person, token = invite(cast.org_a, cast.admin_a, "new-screener", [Role.SCREENER])
    page, secret, response = enrol(client, token)
    body = page.split("<body>", 1)[1]
    assert "<svg" in body and "<script" not in body  # the QR code is an image, not a script
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_active and person.key_pair.public_key
    assert unlock_private_key(person, NEW_PASSWORD)
    browser = Client()
    ok = browser.post(
        reverse("staff_login"),
        {
            "username": "new-screener",
            "password": NEW_PASSWORD,
            "code": pyotp.TOTP(secret).at(__import__("time").time() + 30),
        },
    )
    assert ok.status_code == 302
    # the new screener receives the next report
    filed = file_report(cast.org_a)
    assert CaseKeySeal.objects.filter(case=filed.case, reader=person).exists()


def test_an_invitation_works_once(client, cast):
    _person, token = invite(cast.org_a, cast.admin_a, "once", [Role.SCREENER])
    enrol(client, token)
    assert Client().get(reverse("staff_invitation", args=[token])).status_code == 404


def test_an_unknown_invitation_is_404(client, db):
    assert client.get(reverse("staff_invitation", args=["not-a-token"])).status_code == 404


def test_a_wrong_enrolment_code_is_refused_with_a_message(client, cast):
    _person, token = invite(cast.org_a, cast.admin_a, "typo", [Role.SCREENER])
    client.get(reverse("staff_invitation", args=[token]))
    response = client.post(
        reverse("staff_invitation", args=[token]),
        {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "code": "000000"},
    )
    assert response.status_code == 400 and "Koden stämmer inte" in response.content.decode()


def test_a_weak_password_is_refused(client, cast):
    _person, token = invite(cast.org_a, cast.admin_a, "weak", [Role.SCREENER])
    _page, _secret, response = enrol(client, token, password="password")
    assert response.status_code == 400


def test_a_password_change_keeps_access_to_every_case(client, cast):
    filed = routed_case(cast)
    log_in_staff(client, cast.internal_a)
    response = client.post(
        reverse("staff_password"),
        {"old_password": STAFF_PASSWORD, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    assert response.status_code == 302
    person = get_user_model().objects.get(pk=cast.internal_a.pk)
    lock = unlock_as_reader(filed.case, person, unlock_private_key(person, NEW_PASSWORD))
    assert read_report(filed.case, lock)["what_happened"]
    with pytest.raises(DecryptionFailed):
        unlock_private_key(person, STAFF_PASSWORD)


def test_a_reset_makes_a_new_key_pair_without_the_old_cases(client, cast):
    filed = routed_case(cast)
    old_public = bytes(cast.internal_a.key_pair.public_key)
    token = reset_person(cast.org_a, cast.admin_a, cast.internal_a).token
    _page, _secret, response = enrol(Client(), token)
    assert response.status_code == 302
    cast.internal_a.refresh_from_db()
    assert bytes(cast.internal_a.key_pair.public_key) != old_public
    assert not CaseKeySeal.objects.filter(case=filed.case, reader=cast.internal_a).exists()
    assert lock_for(filed.case, cast.colleague_a)  # the colleague still reads it
