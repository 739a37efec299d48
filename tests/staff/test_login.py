"""Staff log in with password and TOTP, always; the private key lives only in the
encrypted session; failed logins slow down per account."""

from datetime import timedelta

import pyotp
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import STAFF_PASSWORD, TOTP_SECRET, code_for
from tests.staff.helpers import log_in_staff
from vissel.staff.authentication import SESSION_KEY
from vissel.web.models import EncryptedSession, LoginThrottle
from vissel.web.sessions import row_key


def attempt(client, username, password=STAFF_PASSWORD, code="000000"):
    return client.post(
        reverse("staff_login"), {"username": username, "password": password, "code": code}
    )


def test_password_and_code_open_the_dashboard(client, cast):
    log_in_staff(client, cast.screener_a)
    page = client.get(reverse("staff_dashboard")).content.decode()
    assert "Organisation A" in page and "Organisation B" not in page


def test_a_right_password_without_the_right_code_is_refused(client, cast):
    response = attempt(client, "screener-a", code="123456")
    assert response.status_code == 400
    assert client.get(reverse("staff_dashboard")).status_code == 302


def test_a_code_cannot_be_used_twice(client, cast):
    code = code_for(cast.screener_a)
    assert attempt(client, "screener-a", code=code).status_code == 302
    assert attempt(Client(), "screener-a", code=code).status_code == 400


def test_unknown_user_wrong_password_and_wrong_code_get_the_same_answer(client, cast):
    pages = [
        attempt(Client(), "nobody", code=pyotp.TOTP(TOTP_SECRET).now()),
        attempt(Client(), "screener-a", password="wrong", code=code_for(cast.screener_a)),
        attempt(Client(), "screener-a", code="999999"),
    ]
    errors = {
        page.content.decode().split('id="login-error">')[1].split("</div>")[0] for page in pages
    }
    assert len(errors) == 1


def test_failed_logins_slow_down_per_account(client, cast):
    for _ in range(5):
        attempt(client, "screener-a", password="wrong")
    refused = attempt(client, "screener-a", code=code_for(cast.screener_a))
    assert refused.status_code == 400
    said = refused.content.decode()
    assert "pausad i 30 sekunder till" in said and "betyder inte att det du skrev är fel" in said
    assert attempt(Client(), "internal-a", code=code_for(cast.internal_a)).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        assert attempt(client, "screener-a", code=code_for(cast.screener_a)).status_code == 302


def test_a_code_used_once_is_refused_as_used_not_as_wrong(client, cast):
    code = code_for(cast.screener_a)
    assert attempt(Client(), "screener-a", code=code).status_code == 302
    again = attempt(client, "screener-a", code=code)
    assert again.status_code == 400
    said = again.content.decode()
    assert "redan använts" in said and "Vänta tills appen visar nästa kod" in said
    assert not LoginThrottle.objects.exists()  # not counted against the person


def test_the_private_key_is_in_the_session_only_encrypted(client, cast):
    log_in_staff(client, cast.screener_a)
    held = client.session[SESSION_KEY]
    row = EncryptedSession.objects.get(session_key=row_key(client.cookies["vissel_session"].value))
    assert held not in row.session_data


def test_logout_destroys_the_session_and_its_key(client, cast):
    log_in_staff(client, cast.screener_a)
    cookie = client.cookies["vissel_session"].value
    client.post(reverse("staff_logout"))
    assert not EncryptedSession.objects.filter(session_key=row_key(cookie)).exists()
    assert client.get(reverse("staff_dashboard")).status_code == 302


def test_an_idle_staff_session_expires(client, cast):
    log_in_staff(client, cast.screener_a)
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert client.get(reverse("staff_dashboard")).status_code == 302


def test_one_screening_party_serves_several_organisations(client, cast):
    from tests.factories import file_report
    from vissel.organisations.models import Membership

    Membership.objects.create(organisation=cast.org_b, person=cast.screener_a, role="screener")
    in_a, in_b = file_report(cast.org_a), file_report(cast.org_b)
    log_in_staff(client, cast.screener_a)
    page_a = client.get(reverse("staff_dashboard") + "?org=org-a").content.decode()
    page_b = client.get(reverse("staff_dashboard") + "?org=org-b").content.decode()
    a, b = str(in_a.case.pk), str(in_b.case.pk)
    assert a in page_a and b not in page_a
    assert b in page_b and a not in page_b
    assert "Organisation B" in page_a  # the other organisation, one click away
    assert client.get(reverse("staff_case", args=["org-b", in_b.case.pk])).status_code == 200
    # the case of B is not reachable under A's address
    assert client.get(reverse("staff_case", args=["org-a", in_b.case.pk])).status_code == 404


def test_staff_pages_have_their_own_footer(client, cast):
    """Not the reporter's "Your report is encrypted" (case handling, broken 10)."""
    log_in_staff(client, cast.internal_a)
    staff_page = client.get(reverse("staff_dashboard")).content.decode()
    reporter_page = Client().get("/org-a/").content.decode()
    assert "Din anmälan krypteras" in reporter_page
    assert "Din anmälan krypteras" not in staff_page
    assert "Vissel ärendehantering" in staff_page.split("<footer")[1]


def test_logging_in_gives_a_new_session_key_and_the_old_one_opens_nothing(client, cast):
    planted = client.session  # a session before the login, as a fixation attack sets one
    planted["planted"] = True
    planted.save()
    before = client.cookies["vissel_session"].value
    assert EncryptedSession.objects.filter(session_key=row_key(before)).exists()
    log_in_staff(client, cast.internal_a)
    after = client.cookies["vissel_session"].value
    assert after != before
    assert not EncryptedSession.objects.filter(session_key=row_key(before)).exists()
    fixated = Client()
    fixated.cookies["vissel_session"] = before  # a cookie planted before the login
    assert fixated.get(reverse("staff_dashboard")).status_code == 302
