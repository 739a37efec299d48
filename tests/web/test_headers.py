"""Security headers on every page, and nothing loaded from anywhere else."""

import re

import pytest
from django.urls import reverse

from tests.journey import log_in


def pages(client, filed):
    slug = filed.organisation.slug
    yield "/"
    yield reverse("landing", args=[slug])
    yield reverse("report_form", args=[slug])
    yield reverse("reporter_login", args=[slug])
    yield "/no-such-organisation/"
    log_in(client, filed.organisation, filed.case_number, filed.password)
    yield reverse("inbox", args=[slug])


def test_every_page_carries_the_security_headers(client, filed):
    for path in pages(client, filed):
        response = client.get(path)
        csp = dict(
            part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
        )
        assert csp["script-src"] == "'self'", path
        assert csp["default-src"] == "'none'"
        assert csp["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_no_page_has_inline_script_or_third_party_resources(client, filed):
    for path in pages(client, filed):
        page = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), path
        assert " on" + "click=" not in page and "style=" not in page
        for url in re.findall(r'(?:src|href|action)="([^"]+)"', page):
            assert url.startswith(("/", "#")), f"{path}: {url}"


def test_a_file_download_is_never_rendered_as_a_page(client, filed):
    log_in(client, filed.organisation, filed.case_number, filed.password)
    file_row = filed.case.files.get()
    response = client.get(reverse("inbox_file", args=[filed.organisation.slug, file_row.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("header", ["HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED"])
def test_the_client_address_is_gone_before_any_view_runs(rf, header):
    from vissel.web.middleware import ForgetClientAddressMiddleware

    seen = {}

    def view(request):
        seen.update(request.META)
        from django.http import HttpResponse

        return HttpResponse()

    request = rf.get("/", REMOTE_ADDR="203.0.113.9", **{header: "198.51.100.7"})
    ForgetClientAddressMiddleware(view)(request)
    assert "203.0.113.9" not in str(seen) and "198.51.100.7" not in str(seen)
