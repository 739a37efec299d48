"""The reporter's steps through Django's test client, as a browser without JavaScript
would take them."""

import re
from io import BytesIO

from django.urls import reverse

from tests.factories import report_fields

# The reporter's pages that need no draft and no login, by URL name.
REPORTER_PAGES = [
    "landing",
    "report_form",
    "reporter_login",
    "safety_advice",
    "privacy_notice",
    "accessibility_statement",
]

RECEIPT = re.compile(r'id="case-number">(\d+)<.*?id="case-password">([a-z0-9-]+)<', re.S)


def named_file(name: str, content: bytes) -> BytesIO:
    handle = BytesIO(content)
    handle.name = name
    return handle


def write(client, organisation, files=(), **overrides):
    data = report_fields(**overrides)
    data["files"] = [named_file(name, content) for name, content in files]
    return client.post(reverse("report_form", args=[organisation.slug]), data)


def send(client, organisation):
    return client.post(reverse("report_send", args=[organisation.slug]))


def receipt_of(response) -> tuple[str, str]:
    match = RECEIPT.search(response.content.decode())
    assert match, "no case number and password on the page"
    return match.group(1), match.group(2)


def file_through_the_form(client, organisation, files=(), **overrides) -> tuple[str, str]:
    response = write(client, organisation, files=files, **overrides)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("report_review", args=[organisation.slug])
    return receipt_of(send(client, organisation))


def log_in(client, organisation, case_number, password):
    return client.post(
        reverse("reporter_login", args=[organisation.slug]),
        {"case_number": case_number, "password": password},
    )
