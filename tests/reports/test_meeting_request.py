"""A meeting on request, through both portals: the reporter asks in the inbox, the
screener sees the wishes and the due date on the case page and records the meeting, and
the reporter sees that it took place."""

from datetime import date

from django.test import Client
from django.urls import reverse

from tests.journey import file_through_the_form, log_in
from tests.staff.helpers import log_in_staff


def test_the_reporter_asks_for_a_meeting_and_the_screener_records_it(client, org_a, cast):
    number, password = file_through_the_form(client, org_a)
    case = org_a.cases.get(case_number=number)
    log_in(client, org_a, number, password)
    ask = reverse("inbox_meeting", args=[org_a.slug])

    missing = client.post(ask, {"preferences": "Helst kvällstid"})
    assert missing.status_code == 400
    assert "Välj hur du vill träffas." in missing.content.decode()

    assert client.post(ask, {"kind": "phone", "preferences": "Helst kvällstid"}).status_code == 302
    inbox = client.get(reverse("inbox", args=[org_a.slug])).content.decode()
    assert 'id="meeting-asked"' in inbox and "per telefon" in inbox
    again = client.post(ask, {"kind": "video"})
    assert again.status_code == 400 and "redan bett om ett möte" in again.content.decode()

    screener = Client()
    log_in_staff(screener, cast.screener_a)
    case_url = reverse("staff_case", args=[org_a.slug, case.pk])
    page = screener.get(case_url).content.decode()
    assert "Helst kvällstid" in page and 'id="meeting"' in page
    assert "möte som anmälaren bett om" in page  # the open task among the deadlines

    recorded = screener.post(
        reverse("staff_case_meeting", args=[org_a.slug, case.pk]),
        {"meeting-held_on": date.today().isoformat()},
    )
    assert recorded.status_code == 302
    inbox = client.get(reverse("inbox", args=[org_a.slug])).content.decode()
    assert 'id="meeting-held"' in inbox and 'id="meeting-asked"' not in inbox
