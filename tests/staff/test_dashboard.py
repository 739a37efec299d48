"""The handler's dashboard: per case its category, status, handler, every open deadline
and whether the reporter has written since the handler last read it; filters, a search by
case number and pages; a fixed number of queries whatever the number of cases."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import file_report
from tests.journey import log_in
from tests.staff.helpers import lock_for, log_in_staff, routed_case
from vissel.audit.models import AuditEntry
from vissel.cases import handling, workflow
from vissel.cases.worklist import PER_PAGE


def row_of(page: str, number: str) -> str:
    return next(row for row in page.split("<tr")[1:] if number in row)


def cases_on(page: str) -> list[str]:
    """The cases a dashboard lists, by the opaque ids of their addresses."""
    return re.findall(
        r'href="/staff/org-a/cases/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/"',
        page,
    )


def ids(*filed) -> list[str]:
    return [str(one.case.pk) for one in filed]


def test_a_case_is_assigned_to_a_named_handler_and_reassigned(client, cast):
    filed = routed_case(cast)
    log_in_staff(client, cast.internal_a)
    case_page = reverse("staff_case", args=["org-a", filed.case.pk])
    assign = reverse("staff_case_assign", args=["org-a", filed.case.pk])
    assert client.post(assign, {"assign-handler": str(cast.colleague_a.pk)}).status_code == 302
    assert 'id="case-handler">colleague-a<' in client.get(case_page).content.decode()
    client.post(assign, {"assign-handler": str(cast.internal_a.pk)})
    filed.case.refresh_from_db()
    assert filed.case.assigned_to == cast.internal_a
    assert AuditEntry.objects.filter(case=filed.case, action="case_assigned").count() == 2
    # Only within the group holding the case: not the screener, not someone concerned.
    response = client.post(assign, {"assign-handler": str(cast.screener_a.pk)})
    assert response.status_code == 400
    workflow.name_concerned(filed.case, cast.internal_a, person=cast.internal_a)
    filed.case.refresh_from_db()
    assert filed.case.assigned_to is None  # a person concerned is no one's handler


def test_the_dashboard_says_who_handles_what_and_what_is_new(client, cast):
    filed = routed_case(cast)
    handling.assign(filed.case, cast.internal_a, cast.colleague_a)
    log_in_staff(client, cast.internal_a)
    client.get(reverse("staff_case", args=["org-a", filed.case.pk]))  # read it
    dashboard = reverse("staff_dashboard")
    row = row_of(client.get(dashboard).content.decode(), filed.case.register_number)
    assert "colleague-a" in row and "Bedrägeri" in row and "Intern utredning" in row
    assert "Nytt från anmälaren" not in row
    reporter = type(client)()
    log_in(reporter, cast.org_a, filed.case_number, filed.password)
    reporter.post(reverse("inbox_reply", args=["org-a"]), {"body": "More: the invoices."})
    row = row_of(client.get(dashboard).content.decode(), filed.case.register_number)
    assert "Nytt från anmälaren" in row
    client.get(reverse("staff_case", args=["org-a", filed.case.pk]))
    row = row_of(client.get(dashboard).content.decode(), filed.case.register_number)
    assert "Nytt från anmälaren" not in row


def test_filters_and_search(client, cast):
    fraud = file_report(cast.org_a, category="fraud")
    theft = file_report(cast.org_a, category="theft")
    mine = routed_case(cast)
    handling.assign(mine.case, cast.internal_a, cast.internal_a)
    log_in_staff(client, cast.screener_a)
    url = reverse("staff_dashboard")
    assert cases_on(client.get(url + "?category=theft").content.decode()) == ids(theft)
    by_status = cases_on(client.get(url + "?status=received").content.decode())
    assert set(by_status) == set(ids(fraud, theft))
    typed = fraud.case.register_number.split()[-1]  # "2026/0001", as staff would type it
    assert cases_on(client.get(url + f"?number={typed}").content.decode()) == ids(fraud)
    # The reporter's case number finds nothing: staff never know a case by it.
    assert cases_on(client.get(url + f"?number={fraud.case_number}").content.decode()) == []
    log_in_staff(client, cast.internal_a)
    assert cases_on(client.get(url + "?handler=me").content.decode()) == ids(mine)
    assert cases_on(client.get(url + "?deadline=overdue").content.decode()) == []


def test_pages_and_a_fixed_number_of_queries(client, cast):
    for _ in range(PER_PAGE + 5):
        file_report(cast.org_a)
    log_in_staff(client, cast.screener_a)
    url = reverse("staff_dashboard")
    with CaptureQueriesContext(connection) as first:
        page_one = client.get(url).content.decode()
    assert len(cases_on(page_one)) == PER_PAGE and "Ärenden 1–50" in page_one
    assert 'rel="next"' in page_one
    page_two = client.get(url + "?page=2").content.decode()
    assert len(cases_on(page_two)) == 5 and 'rel="next"' not in page_two
    assert not set(cases_on(page_one)) & set(cases_on(page_two))
    for _ in range(20):
        file_report(cast.org_a)
    with CaptureQueriesContext(connection) as later:
        client.get(url)
    assert len(later.captured_queries) == len(first.captured_queries)


def test_the_assigned_handler_is_reminded_first(cast, smtp_server):
    import time_machine
    from django.core.management import call_command

    with time_machine.travel("2026-03-01 10:00+01:00", tick=False):
        filed = routed_case(cast)
        handling.assign(filed.case, cast.internal_a, cast.colleague_a)
        lock = lock_for(filed.case, cast.internal_a)
        workflow.message_reporter(filed.case, lock, cast.internal_a, "Received.")
    with time_machine.travel("2026-05-25 10:00+02:00", tick=False):  # feedback soon
        call_command("tick")
    soon = [
        rcpts for rcpts, message in smtp_server.messages if "närmar sig" in str(message["Subject"])
    ]
    assert soon == [["colleague-a@example.org"]]


def test_next_starts_after_the_last_case_of_the_page_and_lists_each_case_once(client, cast):
    for _ in range(PER_PAGE + 5):
        file_report(cast.org_a)
    log_in_staff(client, cast.screener_a)
    url = reverse("staff_dashboard")
    page_one = client.get(url).content.decode()
    (next_link,) = re.findall(r'href="\?([^"]+)" rel="next"', page_one)
    next_link = next_link.replace("&amp;", "&")
    assert f"after={cases_on(page_one)[-1]}" in next_link
    by_link = client.get(f"{url}?{next_link}").content.decode()
    by_number = client.get(url + "?page=2").content.decode()
    assert cases_on(by_link) == cases_on(by_number)
    assert "Ärenden 51–55" in by_link
    (previous_link,) = re.findall(r'href="\?([^"]+)" rel="prev"', by_link)
    previous_link = previous_link.replace("&amp;", "&")
    assert f"before={cases_on(by_link)[0]}" in previous_link
    back = client.get(f"{url}?{previous_link}").content.decode()
    assert cases_on(back) == cases_on(page_one) and "Ärenden 1–50" in back


def test_next_after_a_case_the_reader_cannot_see_is_an_ordinary_page(client, cast):
    mine = file_report(cast.org_a)
    theirs = file_report(cast.org_b)
    log_in_staff(client, cast.screener_a)
    url = reverse("staff_dashboard")
    for typed in (str(theirs.case.pk), "not-an-id", "9" * 400):
        page = client.get(f"{url}?page=1&after={typed}").content.decode()
        assert cases_on(page) == [str(mine.case.pk)]
