"""A flood of reports stops at the organisation's most reports a day (DESIGN: spam
without addresses, a per-organisation limit): nothing of the refused report is stored,
the reporter is told in their language and keeps the draft, and the next day takes
reports again. Another organisation is not affected."""

from datetime import datetime, timedelta

import pytest
import time_machine

from tests.factories import file_report, new_session, report_fields, upload
from tests.journey import send, write
from vissel.cases.services import ReportLimitReached
from vissel.reports import services as reporting


@pytest.fixture
def two_a_day(org_a):
    org_a.max_reports_per_day = 2
    org_a.save()
    return org_a


def test_the_report_over_the_days_limit_is_not_stored_and_the_next_day_takes_it(two_a_day):
    file_report(two_a_day)
    file_report(two_a_day)
    session = new_session()
    reporting.save_draft(session, two_a_day, report_fields(), [upload("kept.txt", b"kept")])
    with pytest.raises(ReportLimitReached):
        reporting.send_draft(session, two_a_day)
    assert two_a_day.cases.count() == 2
    with time_machine.travel(datetime.now() + timedelta(days=1)):
        receipt = reporting.send_draft(session, two_a_day)  # the same draft, files and all
    assert two_a_day.cases.count() == 3
    assert receipt.case.files.count() == 1


def test_the_reporter_is_told_and_sent_back_to_the_review(client, two_a_day):
    file_report(two_a_day)
    file_report(two_a_day)
    write(client, two_a_day, files=[("a.txt", b"a")])
    response = send(client, two_a_day)
    assert response.status_code == 503
    page = response.content.decode()
    assert "Din anmälan har inte skickats" in page  # the demo's language, Swedish
    assert f"/{two_a_day.slug}/report/review/" in page
    assert two_a_day.cases.count() == 2


def test_another_organisations_reports_do_not_count(two_a_day, org_b):
    org_b.max_reports_per_day = 1
    org_b.save()
    file_report(two_a_day)
    file_report(two_a_day)
    file_report(org_b)
    assert org_b.cases.count() == 1
