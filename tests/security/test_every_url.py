"""Every URL of both portals, the way an attacker would try them: each POST without a
CSRF token and with another session's token is refused; each page a person may see
carries the security headers. The staff URLs come from the access table, which fails
when a URL is added without an entry, so no page escapes these checks either."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.journey import REPORTER_PAGES, file_through_the_form, log_in
from tests.staff.test_access import EXPECTED, url_for, world  # noqa: F401 (a fixture)

REPORTER_POSTS = (
    "switch_language",
    "report_form",
    "report_review",
    "report_send",
    "reporter_login",
    "inbox_reply",
    "inbox_meeting",
    "inbox_minutes",
    "reporter_logout",
)


def with_csrf_checks(client: Client) -> Client:
    """A browser with the same session, whose POSTs Django checks for the token."""
    checked = Client(enforce_csrf_checks=True)
    checked.cookies = client.cookies
    return checked


def foreign_token() -> str:
    """A valid token of someone else's session."""
    other = Client()
    page = other.get("/org-a/report/").content.decode()
    return page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def assert_secure_headers(response, where):
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy, where
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy, where
    assert response["Referrer-Policy"] == "no-referrer", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["X-Frame-Options"] == "DENY", where
    assert "no-store" in response["Cache-Control"], where


def test_every_staff_post_refuses_a_missing_or_a_foreign_csrf_token(cast, world, staff_client):  # noqa: F811
    token = foreign_token()
    posts = [(name, entry) for name, entry in EXPECTED.items() if entry[0] == "POST"]
    assert len(posts) > 20
    for name, (_method, case, right, _expected) in posts:
        if name in ("staff_logout", "staff_language"):
            continue  # checked below, last: they change the session
        url = url_for(name, case, world)
        checked = with_csrf_checks(staff_client(getattr(cast, right)))
        assert checked.post(url, {}).status_code == 403, name
        assert checked.post(url, {"csrfmiddlewaretoken": token}).status_code == 403, name
    checked = with_csrf_checks(staff_client(cast.internal_a))
    for name in ("staff_language", "staff_logout", "staff_login"):
        assert checked.post(reverse(name), {"csrfmiddlewaretoken": token}).status_code == 403


def test_every_page_staff_may_see_carries_the_security_headers(cast, world, staff_client):  # noqa: F811
    for name, (method, case, right, expected) in EXPECTED.items():
        if method != "GET" or expected["right"] != 200:
            continue
        response = staff_client(getattr(cast, right)).get(url_for(name, case, world))
        assert response.status_code == 200, name
        assert_secure_headers(response, name)


def test_every_reporter_post_refuses_a_missing_or_a_foreign_csrf_token(client, org_a):
    number, password = file_through_the_form(client, org_a)
    log_in(client, org_a, number, password)
    token = foreign_token()
    checked = with_csrf_checks(client)
    for name in REPORTER_POSTS:
        url = reverse(name, args=[org_a.slug])
        assert checked.post(url, {}).status_code == 403, name
        assert checked.post(url, {"csrfmiddlewaretoken": token}).status_code == 403, name
    # Still logged in: nothing of the refused posts acted.
    assert client.get(reverse("inbox", args=[org_a.slug])).status_code == 200


def test_every_reporter_page_carries_the_security_headers(client, org_a):
    for name in REPORTER_PAGES:
        response = client.get(reverse(name, args=[org_a.slug]))
        assert response.status_code == 200, name
        assert_secure_headers(response, name)
    number, password = file_through_the_form(client, org_a)
    log_in(client, org_a, number, password)
    response = client.get(reverse("inbox", args=[org_a.slug]))
    assert response.status_code == 200
    assert_secure_headers(response, "inbox")
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
