"""The session row holds nothing readable, and cannot be tied to its cookie or case."""

import base64
from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.journey import log_in
from tests.staff.helpers import log_in_staff
from vissel.web.models import EncryptedSession
from vissel.web.sessions import row_key


def test_a_logged_in_reporters_session_row_names_no_case_and_holds_no_key(client, filed):
    log_in(client, filed.organisation, filed.case_number, filed.password)
    cookie = client.cookies["vissel_session"].value
    row = EncryptedSession.objects.get(session_key=row_key(cookie))
    assert row.session_key != cookie
    stored = base64.b64decode(row.session_data)
    for needle in (str(filed.case.pk), filed.case.pk.hex, filed.case_number, "reporter"):
        assert needle.encode() not in stored and needle not in row.session_data
    held = client.session["reporter"]
    assert held["key"] not in row.session_data
    assert base64.b64decode(held["key"]) not in stored


def test_a_row_without_its_cookie_does_not_open(client, filed):
    log_in(client, filed.organisation, filed.case_number, filed.password)
    row = clients_row(client)
    thief = Client()
    thief.cookies["vissel_session"] = row.session_key  # knowing the row is not enough
    response = thief.get(reverse("inbox", args=[filed.organisation.slug]))
    assert response.status_code == 302


def test_a_changed_row_is_an_empty_session(client, filed):
    log_in(client, filed.organisation, filed.case_number, filed.password)
    row = clients_row(client)
    blob = bytearray(base64.b64decode(row.session_data))
    blob[-1] ^= 1
    row.session_data = base64.b64encode(bytes(blob)).decode()
    row.save()
    assert client.get(reverse("inbox", args=[filed.organisation.slug])).status_code == 302


def test_logging_out_deletes_the_row(client, filed):
    log_in(client, filed.organisation, filed.case_number, filed.password)
    cookie = client.cookies["vissel_session"].value
    client.post(reverse("reporter_logout", args=[filed.organisation.slug]))
    assert not EncryptedSession.objects.filter(session_key=row_key(cookie)).exists()


def clients_row(client) -> EncryptedSession:
    return EncryptedSession.objects.get(session_key=row_key(client.cookies["vissel_session"].value))


def _session_cookie_attributes(response) -> str:
    return response.cookies["vissel_session"].output().lower()


def test_reporter_and_staff_cookies_end_with_the_browser(client, filed, cast):
    """No Max-Age, no Expires: the cookie is gone when the browser closes; the idle limit
    is enforced by the server (security review, finding 11)."""
    reporter = log_in(client, filed.organisation, filed.case_number, filed.password)
    staff_client = Client()
    staff = log_in_staff(staff_client, cast.internal_a)
    for response in (reporter, staff):
        attributes = _session_cookie_attributes(response)
        assert "max-age" not in attributes and "expires" not in attributes
        assert "httponly" in attributes


def test_an_idle_staff_session_ends_on_the_server(cast):
    browser = Client()
    log_in_staff(browser, cast.internal_a)
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert browser.get(reverse("staff_dashboard")).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=29 + 31)):
        assert browser.get(reverse("staff_dashboard")).status_code == 302
