"""Mitigations that the threat model (docs/threat-model.md) once listed as "not yet proven
by a test": timing of unknown accounts, TOTP secrets at rest, the reporter's password at
rest, staff password hashes, scoped case queries, cookie lifetimes, autocomplete on the
reporter's login form, and expired session rows."""

import base64
import binascii
import contextlib
import statistics
import time
import zlib
from datetime import timedelta
from html.parser import HTMLParser
from io import StringIO

import pyotp
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_scopes import ScopeError, scope, scopes_disabled

from tests.factories import TOTP_SECRET, file_report, invite, staff
from tests.journey import file_through_the_form, log_in, write
from vissel.cases.models import Case, FinalReport
from vissel.crypto import DecryptionFailed
from vissel.crypto.kdf import PROFILES, REPORTER, STAFF, KdfParams
from vissel.organisations.models import Role, SecondFactor
from vissel.organisations.people import totp
from vissel.organisations.scoping import OrganisationScopeMiddleware
from vissel.web.models import EncryptedSession, LoginThrottle
from vissel.web.sessions import row_key

# --- 1. unknown accounts take as long as known ones ---------------------------------


def _seconds(attempt) -> float:
    """How long `attempt()` takes. The throttle is cleared first (untimed), so that every
    attempt reaches the derivation and none is turned away as paused."""
    LoginThrottle.objects.all().delete()
    start = time.perf_counter()
    attempt()
    return time.perf_counter() - start


def _compare(known, unknown, times: int, warm_up: bool = True) -> float:
    """median(unknown) / median(known), the two measured alternately so that a change in
    the machine's load falls on both alike."""
    if warm_up:  # templates, connections, the first allocation
        known(), unknown()
    known_spent, unknown_spent = [], []
    for _ in range(times):
        known_spent.append(_seconds(known))
        unknown_spent.append(_seconds(unknown))
    return statistics.median(unknown_spent) / statistics.median(known_spent)


def test_an_unknown_case_number_takes_as_long_as_a_known_one(client, cast, settings):
    """Without the dummy derivation (`vissel/reports/services.py` `_spend_the_same_time`)
    an unknown number is answered some 10 ms sooner than a known one with a wrong
    password, and the ratio falls far below 0.5."""
    settings.VISSEL_KDF_PROFILE = "production"  # so that the derivation dominates
    filed = file_report(cast.org_a)  # wrapped under the production profile
    production = KdfParams(*PROFILES["production"][REPORTER])
    assert filed.case.reporter_key_kdf == production.encode()
    url = reverse("reporter_login", args=[cast.org_a.slug])
    wrong = "aaaa-bbbb-cccc-dddd-eeee-ffff"
    unknown_number = str(10**7 + (int(filed.case_number) + 1) % (9 * 10**7))
    assert not Case.objects.filter(case_number=unknown_number).exists()

    def attempt(number):
        data = {"case_number": number, "password": wrong}
        assert client.post(url, data).status_code == 400

    ratio = _compare(lambda: attempt(filed.case_number), lambda: attempt(unknown_number), times=8)
    assert 0.5 <= ratio <= 2.0, ratio


def test_an_unknown_username_takes_as_long_as_a_known_one(client, cast, settings):
    """Without the dummy derivation in `vissel/organisations/people/login.py`
    `check_credentials`, an unknown username is answered about 0.5 s sooner than a known
    one with a wrong password: a ratio near 0."""
    settings.VISSEL_KDF_PROFILE = "production"
    person = staff(cast.org_a, Role.SCREENER, "timed-screener")  # a 256 MiB private key
    assert person.key_pair.private_key_kdf == KdfParams(*PROFILES["production"][STAFF]).encode()
    url = reverse("staff_login")

    def attempt(username):
        data = {"username": username, "password": "not the right passphrase", "code": "000000"}
        assert client.post(url, data).status_code == 400

    # No warm-up: at 0.5 s a derivation, a first request's few milliseconds do not count.
    ratio = _compare(
        lambda: attempt(person.username), lambda: attempt("nobody-here"), times=3, warm_up=False
    )
    assert 0.5 <= ratio <= 2.0, ratio


# --- 2. TOTP secrets at rest --------------------------------------------------------


def test_totp_secrets_are_stored_encrypted_under_the_servers_key(cast, settings):
    person = cast.screener_a
    row = SecondFactor.objects.filter(person=person).values().get()
    stored = bytes(row["encrypted_secret"])
    raw_secret = base64.b32decode(TOTP_SECRET)
    for text in (TOTP_SECRET, TOTP_SECRET.lower()):
        assert text.encode() not in stored
        assert all(text not in str(value) for value in row.values())
    assert raw_secret not in stored
    # It is the secret, sealed: it opens with the server's key, and with no other.
    assert totp.decrypt_secret(person.pk, stored) == TOTP_SECRET
    settings.SECRET_KEY = "another server's secret key, not this one's at all"
    with pytest.raises(DecryptionFailed):
        totp.decrypt_secret(person.pk, stored)


# --- 3. the reporter's password at rest ---------------------------------------------


def _readable_forms(value) -> list[bytes]:
    """A stored value as bytes, and what a base64 (or signed, compressed) encoding of it
    would hide: Django's default session encoding is such text."""
    if isinstance(value, memoryview | bytes | bytearray):
        return [bytes(value)]
    text = str(value)
    forms = [text.encode()]
    for part in text.split(":"):
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                decoded = decode(part.lstrip(".") + "=" * (-len(part.lstrip(".")) % 4))
            except (binascii.Error, ValueError):
                continue
            forms.append(decoded)
            with contextlib.suppress(zlib.error):
                forms.append(zlib.decompress(decoded))
    return forms


def _everything_at_rest() -> list[bytes]:
    with scopes_disabled():
        rows = [
            value
            for model in apps.get_models()
            for row in model._base_manager.all().values()
            for value in row.values()
            if value is not None
        ]
    files = [path.read_bytes() for path in settings.VISSEL_FILES_DIR.rglob("*") if path.is_file()]
    return [form for value in rows for form in _readable_forms(value)] + files


def test_the_reporters_password_never_reaches_the_database_the_files_or_the_logs(
    client, cast, caplog
):
    """The password is held in the session until the receipt is confirmed, encrypted
    (`vissel/web/sessions.py`); were the session stored as Django's default signed
    base64 JSON, or the password kept in any column, this would find it."""
    caplog.set_level("DEBUG")
    case_number, password = file_through_the_form(
        client, cast.org_a, files=[("evidence.txt", b"ledger page 4\n")]
    )
    assert log_in(Client(), cast.org_a, case_number, password).status_code == 302
    assert log_in(client, cast.org_a, case_number, password).status_code == 302
    needles = {password, password.replace("-", "")}  # as shown, and as typed without dashes
    stored = _everything_at_rest()
    assert any(case_number.encode() in value for value in stored)  # the search does reach
    for needle in needles:
        assert not any(needle.encode("utf-8") in value for value in stored), needle
        assert needle not in caplog.text


# --- 4. no usable staff password hash -----------------------------------------------


def test_django_keeps_no_usable_staff_password_hash_after_enrolment_or_a_change(client, cast):
    """Each step sets a fresh unusable password (`set_unusable_password` in
    `vissel/organisations/people/accounts.py`): without it the column would not change,
    and with `set_password` it would hold a hash of the new password."""
    first, second = "a brand new passphrase 2026", "another fresh passphrase 2027"
    person, token = invite(cast.org_a, cast.admin_a, "hashless", [Role.SCREENER])
    before = get_user_model().objects.get(pk=person.pk).password
    page = client.get(reverse("staff_invitation", args=[token])).content.decode()
    secret = page.split('<code class="secret">', 1)[1].split("<", 1)[0]
    response = client.post(
        reverse("staff_invitation", args=[token]),
        {"password": first, "password_again": first, "code": pyotp.TOTP(secret).now()},
    )
    assert response.status_code == 302
    enrolled = get_user_model().objects.get(pk=person.pk)
    assert enrolled.is_active and not enrolled.has_usable_password()
    assert enrolled.password != before and not check_password(first, enrolled.password)

    browser = Client()
    code = pyotp.TOTP(secret).at(time.time() + 30)  # the enrolment used this step's code
    login = browser.post(
        reverse("staff_login"), {"username": "hashless", "password": first, "code": code}
    )
    assert login.status_code == 302
    changed = browser.post(
        reverse("staff_password"),
        {"old_password": first, "password": second, "password_again": second},
    )
    assert changed.status_code == 302
    after = get_user_model().objects.get(pk=person.pk)
    assert not after.has_usable_password()
    assert after.password != enrolled.password  # a fresh value: other sessions end
    for password in (first, second):
        assert not check_password(password, after.password)
        assert password not in after.password


# --- 5. scoped case queries ---------------------------------------------------------


def test_a_query_of_cases_outside_a_scope_raises(cast):
    """`Case.objects` is a django-scopes manager: a plain manager would read every
    organisation's cases here instead of raising."""
    of_a = file_report(cast.org_a).case
    of_b = file_report(cast.org_b).case
    with scope():  # scopes active, no organisation: what a request without one gets
        with pytest.raises(ScopeError):
            list(Case.objects.all())
        with pytest.raises(ScopeError):
            Case.objects.filter(case_number=of_a.case_number).first()
        with pytest.raises(ScopeError):
            FinalReport.objects.count()
    with scope(organisation=cast.org_a):
        seen = list(Case.objects.all())
        assert of_a in seen and of_b not in seen
        assert {case.organisation_id for case in seen} == {cast.org_a.pk}
        assert not Case.objects.filter(pk=of_b.pk).exists()


def test_a_request_without_an_organisation_queries_no_case(cast):
    """The middleware runs such a request in an empty scope: a view that forgot the
    organisation raises instead of reading every case."""
    file_report(cast.org_a)
    request = RequestFactory().get("/")

    def forgetful_view(_request):
        return Case.objects.count()

    with pytest.raises(ScopeError):
        OrganisationScopeMiddleware(forgetful_view)(request)


# --- 6. cookies end with the browser ------------------------------------------------


def _ends_with_the_browser(response, name: str) -> None:
    cookie = response.cookies[name]
    assert cookie.value
    assert cookie["max-age"] == "" and cookie["expires"] == "", cookie.output()


def test_the_csrf_and_language_cookies_end_with_the_browser(client, cast):
    """`CSRF_COOKIE_AGE = None` and the language cookie's `max_age=None`
    (`vissel/web/language.py`); a lifetime on either would set Max-Age and Expires."""
    slug = cast.org_a.slug
    form = client.get(reverse("report_form", args=[slug]))
    _ends_with_the_browser(form, settings.CSRF_COOKIE_NAME)
    staff_login = Client().get(reverse("staff_login"))
    _ends_with_the_browser(staff_login, settings.CSRF_COOKIE_NAME)
    for url, next_url in (
        (reverse("switch_language", args=[slug]), f"/{slug}/"),
        (reverse("staff_language"), "/staff/login/"),
    ):
        response = client.post(url, {"language": "en", "next": next_url})
        assert response.status_code == 302
        _ends_with_the_browser(response, settings.LANGUAGE_COOKIE_NAME)


# --- 7. autocomplete on the reporter's login form -----------------------------------


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self.inputs = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.forms.append(dict(attrs))
        elif tag == "input":
            self.inputs.append(dict(attrs))


def test_the_reporters_login_form_asks_the_browser_not_to_remember(client, cast):
    slug = cast.org_a.slug
    action = reverse("reporter_login", args=[slug])
    for page in ("reporter_login", "landing"):  # the landing page carries the form too
        parsed = _Inputs()
        parsed.feed(client.get(reverse(page, args=[slug])).content.decode())
        assert [f["autocomplete"] for f in parsed.forms if f.get("action") == action] == ["off"]
        fields = {
            i["name"]: i for i in parsed.inputs if i.get("name") in ("case_number", "password")
        }
        assert set(fields) == {"case_number", "password"}, page
        assert fields["password"]["type"] == "password"
        for field in fields.values():
            assert field.get("autocomplete") == "off", (page, field)


# --- 8. the tick removes expired sessions -------------------------------------------


def test_the_tick_removes_expired_session_rows(cast):
    """Without `clear_expired_sessions` in `vissel/cases/scheduled.py` `tick`, the expired
    row, which holds a draft's key, would stay."""
    expired, alive = Client(), Client()
    for browser in (expired, alive):
        assert write(browser, cast.org_a).status_code == 302  # a draft in the session
    expired_row = row_key(expired.cookies[settings.SESSION_COOKIE_NAME].value)
    alive_row = row_key(alive.cookies[settings.SESSION_COOKIE_NAME].value)
    EncryptedSession.objects.filter(session_key=expired_row).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    call_command("tick", stdout=StringIO())
    assert not EncryptedSession.objects.filter(session_key=expired_row).exists()
    assert EncryptedSession.objects.filter(session_key=alive_row).exists()
