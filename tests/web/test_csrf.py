"""With Referrer-Policy no-referrer, browsers post our forms with `Origin: null`."""

from django.test import Client
from django.urls import reverse


def _post_language(origin_headers):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/org-a/")
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    return browser.post(
        reverse("switch_language", args=["org-a"]),
        {"language": "en", "csrfmiddlewaretoken": token},
        **origin_headers,
    )


def test_a_same_origin_post_with_a_null_origin_is_accepted(org_a):
    response = _post_language({"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "same-origin"})
    assert response.status_code == 302


def test_a_cross_site_post_with_a_null_origin_is_refused(org_a):
    response = _post_language({"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "cross-site"})
    assert response.status_code == 403


def test_a_post_from_another_origin_is_refused(org_a):
    response = _post_language(
        {"HTTP_ORIGIN": "https://evil.example", "HTTP_SEC_FETCH_SITE": "cross-site"}
    )
    assert response.status_code == 403
