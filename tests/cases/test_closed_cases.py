"""No message is ever parked in a closed case (case handling, broken 3 and 5): the
reporter is told the case is closed and how to file a new report, and keeps their text;
readers reopen a case with a reason (audited) to answer. The reporter's inbox says what is
true now."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from tests.factories import file_report
from tests.journey import log_in
from tests.staff.helpers import concluded_case, lock_for, log_in_staff, screen_as
from vissel.audit.models import AuditEntry
from vissel.cases import workflow
from vissel.cases.models import Message, Status
from vissel.cases.services import CaseClosed, post_message, unlock_as_reporter


def closed_case(cast):
    filed = concluded_case(cast)
    workflow.close(filed.case, lock_for(filed.case, cast.internal_a), cast.internal_a, "Done.")
    filed.case.refresh_from_db()
    return filed


def dismissed_case(cast):
    filed = file_report(cast.org_a)
    screen_as(
        cast.screener_a,
        filed.case,
        "dismiss",
        "Not a whistleblowing matter.",
        message_to_reporter="This is a matter for the personnel department.",
    )
    filed.case.refresh_from_db()
    return filed


@pytest.mark.parametrize("make", [closed_case, dismissed_case])
def test_a_reporter_cannot_write_in_a_closed_case_and_is_told_so(client, cast, make):
    filed = make(cast)
    before = Message.objects.filter(case=filed.case).count()
    inbox = log_in(client, cast.org_a, filed.case_number, filed.password)
    page = client.get(reverse("inbox", args=["org-a"])).content.decode()
    assert 'id="closed"' in page and "Gör en ny anmälan" in page
    assert 'action="/org-a/inbox/reply/"' not in page  # no form that leads nowhere
    assert inbox.status_code == 302
    response = client.post(reverse("inbox_reply", args=["org-a"]), {"body": "One more thing."})
    assert response.status_code == 400
    text = response.content.decode()
    assert "ärendet är avslutat" in text.lower() and "One more thing." in text  # text kept
    assert Message.objects.filter(case=filed.case).count() == before
    with pytest.raises(CaseClosed):
        lock = unlock_as_reporter(filed.case, filed.password)
        post_message(filed.case, lock, "again", "reporter")


def test_a_reader_reopens_a_closed_case_with_a_reason_and_answers(client, cast):
    filed = closed_case(cast)
    log_in_staff(client, cast.internal_a)
    page = client.get(reverse("staff_case", args=["org-a", filed.case.pk])).content.decode()
    assert 'id="reopen"' in page
    response = client.post(
        reverse("staff_case_reopen", args=["org-a", filed.case.pk]),
        {"reopen-reason": "The reporter has new information."},
    )
    assert response.status_code == 302
    filed.case.refresh_from_db()
    assert filed.case.status == Status.CONCLUDED and filed.case.closed_on is None
    assert AuditEntry.objects.filter(case=filed.case, action="case_reopen").exists()
    workflow.message_reporter(
        filed.case, lock_for(filed.case, cast.internal_a), cast.internal_a, "Tell us more."
    )


def test_a_dismissed_case_is_reopened_by_a_screener_into_screening(cast):
    filed = dismissed_case(cast)
    lock = lock_for(filed.case, cast.screener_a)
    with pytest.raises(workflow.NotAllowed, match="reason"):
        workflow.reopen(filed.case, lock, cast.screener_a, " ")
    workflow.reopen(filed.case, lock, cast.screener_a, "The reporter added evidence.")
    filed.case.refresh_from_db()
    assert filed.case.status == Status.RECEIVED and filed.case.outcome == ""
    screen_as(cast.screener_a, filed.case, "internal")


def test_the_inbox_says_what_is_true_now(client, cast):
    with time_machine.travel("2026-11-28 10:00+01:00", tick=False):
        filed = file_report(cast.org_a)
        screen_as(cast.screener_a, filed.case, "internal")

    def facts():
        log_in(client, cast.org_a, filed.case_number, filed.password)
        page = client.get(reverse("inbox", args=["org-a"])).content.decode()
        return re.sub(r"\s+", " ", page.split('<dl class="facts">')[1].split("</dl>")[0])

    with time_machine.travel("2026-11-30 10:00+01:00", tick=False):
        assert "Första svar senast" in facts() and "5 december 2026" in facts()
        lock = lock_for(filed.case, cast.internal_a)
        workflow.message_reporter(filed.case, lock, cast.internal_a, "Received.")
        shown = facts()
        assert "Första svar skickat" in shown and "30 november 2026" in shown
        assert "5 december" not in shown  # the stale promise is gone
        assert "Återkoppling senast" in shown and "28 februari 2027" in shown
    with time_machine.travel("2026-12-10 10:00+01:00", tick=False):
        workflow.message_reporter(filed.case, lock, cast.internal_a, "Done.", is_feedback=True)
        filed.case.refresh_from_db()
        workflow.conclude(filed.case, lock, cast.internal_a, "confirmed", "Report.", "ok")
        workflow.close(filed.case, lock, cast.internal_a, "closed")
        shown = facts()
        assert "Återkoppling lämnad" in shown and "Avslutat" in shown
        assert "senast" not in shown
    assert filed.case.received_on == date(2026, 11, 28)
