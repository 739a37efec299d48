"""Deadlines (S11, S17): a first reply within 7 days, feedback within 3 months of it;
shown on every case and on a dashboard sorted by urgency, labelled in text."""

import re
from datetime import date

import time_machine
from django.core.management import call_command
from django.urls import reverse

from tests.factories import file_report
from tests.staff.helpers import lock_for, log_in_staff, routed_case
from vissel.cases import workflow
from vissel.cases.deadlines import add_months, open_deadlines


def kinds(case, today) -> list[str]:
    return [deadline.kind for deadline in open_deadlines(case, today)]


def test_months_are_added_as_calendar_months():
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 5), 3) == date(2027, 3, 5)


@time_machine.travel("2026-04-01 12:00+02:00", tick=False)
def test_the_first_message_is_the_acknowledgement_and_restarts_the_feedback_clock(cast):
    filed = routed_case(cast)
    case = filed.case
    assert kinds(case, date(2026, 4, 1)) == ["acknowledgement", "feedback"]
    with time_machine.travel("2026-04-03 09:00+02:00", tick=False):
        workflow.message_reporter(
            case,
            lock_for(case, cast.internal_a),
            cast.internal_a,
            "Thank you, we have received your report.",
        )
    case.refresh_from_db()
    assert case.acknowledged_on == date(2026, 4, 3)
    assert case.feedback_by == date(2026, 7, 3)
    assert kinds(case, date(2026, 4, 3)) == ["feedback"]


@time_machine.travel("2026-04-01 12:00+02:00", tick=False)
def test_feedback_counts_from_the_seven_days_when_no_acknowledgement_was_sent(cast):
    case = file_report(cast.org_a).case
    assert (case.acknowledge_by, case.feedback_by) == (date(2026, 4, 8), date(2026, 7, 8))


@time_machine.travel("2026-04-01 12:00+02:00", tick=False)
def test_a_message_marked_feedback_keeps_the_three_month_promise(cast):
    filed = routed_case(cast)
    lock = lock_for(filed.case, cast.internal_a)
    workflow.message_reporter(filed.case, lock, cast.internal_a, "Received.")
    workflow.message_reporter(filed.case, lock, cast.internal_a, "We found ...", is_feedback=True)
    filed.case.refresh_from_db()
    assert filed.case.feedback_given_on == date(2026, 4, 1)
    assert open_deadlines(filed.case, date(2026, 4, 1)) == []


def test_the_dashboard_puts_overdue_cases_first_and_says_so_in_words(client, cast):
    numbers = {}
    for day, label in (("2026-03-01", "overdue"), ("2026-03-20", "soon"), ("2026-03-26", "ok")):
        with time_machine.travel(f"{day} 10:00+01:00", tick=False):
            numbers[label] = str(file_report(cast.org_a).case.pk)
    with time_machine.travel("2026-03-26 12:00+01:00", tick=False):
        log_in_staff(client, cast.screener_a)
        page = client.get(reverse("staff_dashboard")).content.decode()
    order = re.findall(
        r"/cases/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/\">VB ", page
    )
    assert order == [numbers["overdue"], numbers["soon"], numbers["ok"]]
    rows = page.split("<tr")[2:]
    assert "FÖRSENAD" in rows[0] and "Snart" in rows[1] and "I tid" in rows[2]


def test_the_case_page_shows_its_deadlines(client, cast):
    with time_machine.travel("2026-03-01 10:00+01:00", tick=False):
        filed = file_report(cast.org_a)
    with time_machine.travel("2026-03-10 10:00+01:00", tick=False):
        log_in_staff(client, cast.screener_a)
        page = client.get(reverse("staff_case", args=["org-a", filed.case.pk]))
    text = page.content.decode()
    assert "2026-03-08" in text and "FÖRSENAD" in text


def test_a_missed_acknowledgement_never_hides_the_feedback_deadline(client, cast, smtp_server):
    """Months later, a case never answered shows both promises broken, and the tick
    reminds of the feedback too (case handling, broken 1)."""
    with time_machine.travel("2026-01-05 10:00+01:00", tick=False):
        filed = file_report(cast.org_a)
    with time_machine.travel("2026-06-01 10:00+02:00", tick=False):
        assert [d.urgency for d in open_deadlines(filed.case, date(2026, 6, 1))] == [
            "overdue",
            "overdue",
        ]
        log_in_staff(client, cast.screener_a)
        page = client.get(reverse("staff_case", args=["org-a", filed.case.pk])).content
        text = page.decode()
        assert "första svar senast 2026-01-12" in text and "återkoppling senast 2026-04-12" in text
        dashboard = client.get(reverse("staff_dashboard")).content.decode()
        assert "återkoppling senast 2026-04-12" in dashboard
        call_command("tick")
    subjects = [str(message["Subject"]) for _rcpt, message in smtp_server.messages]
    passed = [subject for subject in subjects if "passerat" in subject or "passed" in subject]
    assert len(passed) >= 2  # one for each broken promise, not only the first
