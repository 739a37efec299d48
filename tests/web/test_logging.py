"""Logs carry neither an address nor anything a reporter wrote."""

import io
import logging
import re
import sys
import uuid

from django.urls import reverse

from tests.journey import write
from tests.staff.helpers import log_in_staff
from vissel.web.logging import AddressScrubFilter, ContentFreeFormatter, scrub_addresses

SECRET = "HEMLIG-TEXT-I-ANMALAN"


def test_addresses_are_removed_from_a_log_line():
    line = "Invalid request from ip=203.0.113.45: bad; also 2001:db8::8a2e:370:7334 and ::1"
    scrubbed = scrub_addresses(line)
    assert "203.0.113.45" not in scrubbed and "2001:db8" not in scrubbed and "::1" not in scrubbed
    assert scrubbed.startswith("Invalid request from ip=[address removed]")


def test_the_filter_scrubs_the_formatted_message():
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "from %s", ("198.51.100.3",), None
    )
    AddressScrubFilter().filter(record)
    assert record.getMessage() == "from [address removed]"


def test_an_exception_is_logged_without_its_message():
    try:
        int(SECRET)
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    formatted = ContentFreeFormatter().format(record)
    assert "builtins.ValueError" in formatted and "test_logging.py" in formatted
    assert SECRET not in formatted


def test_a_crash_while_sending_logs_no_content_and_no_address(client, org_a, monkeypatch):
    write(client, org_a, what_happened=SECRET)
    handler = logging.getLogger("django").handlers[0]  # the configured console handler
    written = io.StringIO()
    previous = handler.setStream(written)

    def crash(submission):
        raise RuntimeError(f"could not store {submission.texts['what_happened']}")

    monkeypatch.setattr("vissel.reports.services.cases.open_case", crash)
    client.raise_request_exception = False
    try:
        response = client.post(
            reverse("report_send", args=[org_a.slug]),
            REMOTE_ADDR="203.0.113.99",
            HTTP_X_FORWARDED_FOR="198.51.100.99",
        )
    finally:
        handler.setStream(previous)
    assert response.status_code == 500
    assert SECRET not in response.content.decode()
    logged = written.getvalue()
    assert "Internal Server Error: /<slug:slug>/report/send/" in logged
    assert "RuntimeError" in logged
    for needle in (SECRET, "203.0.113.99", "198.51.100.99"):
        assert needle not in logged


def _logged_while(action) -> str:
    handler = logging.getLogger("django").handlers[0]  # the configured console handler
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        action()
    finally:
        handler.setStream(previous)
    return written.getvalue()


def test_a_reporter_side_error_is_dated_to_the_day_only(client, cast):
    """A 4xx of a reporter's page is logged without a time finer than the day (security
    review, finding 12); a staff page's keeps its time, for the operators."""
    logged = _logged_while(lambda: client.get("/no-such-organisation/report/"))
    line = next(line for line in logged.splitlines() if "Not Found" in line)
    assert "/<slug:slug>/report/" in line
    assert re.match(r"^\d{4}-\d{2}-\d{2} WARNING ", line), line
    log_in_staff(client, cast.internal_a)
    staff_logged = _logged_while(lambda: client.get(f"/staff/org-a/cases/{uuid.uuid4()}/"))
    line = next(line for line in staff_logged.splitlines() if "Not Found" in line)
    assert re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} WARNING ", line), line
