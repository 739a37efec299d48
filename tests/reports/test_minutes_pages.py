"""Minutes through both portals: a reader sends minutes to check, the reporter sends
corrections in the inbox, the reader writes the next version from them on the case
page, and the reporter approves it; the case page says it is approved."""

from django.test import Client
from django.urls import reverse

from tests.journey import file_through_the_form, log_in
from tests.staff.helpers import log_in_staff
from vissel.cases.models import Minutes


def test_minutes_go_back_and_forth_until_the_reporter_approves(client, org_a, cast):
    number, password = file_through_the_form(client, org_a)
    case = org_a.cases.get(case_number=number)
    log_in(client, org_a, number, password)
    screener = Client()
    log_in_staff(screener, cast.screener_a)
    write = reverse("staff_case_minutes", args=[org_a.slug, case.pk])
    case_page = reverse("staff_case", args=[org_a.slug, case.pk])

    empty = screener.post(write, {"minutes-kind": "meeting", "minutes-text": ""})
    assert empty.status_code == 400
    sent = screener.post(
        write, {"minutes-kind": "meeting", "minutes-text": "Mötet: A berättade om B."}
    )
    assert sent.status_code == 302

    inbox = client.get(reverse("inbox", args=[org_a.slug])).content.decode()
    assert "Mötet: A berättade om B." in inbox
    first = Minutes.objects.get(case__case_number=number)
    answer = reverse("inbox_minutes", args=[org_a.slug])
    bare = client.post(answer, {"version": first.pk, "answer": "correct", "corrections": ""})
    assert bare.status_code == 400 and "Skriv dina rättelser." in bare.content.decode()
    assert (
        client.post(
            answer, {"version": first.pk, "answer": "correct", "corrections": "Det var C."}
        ).status_code
        == 302
    )

    page = screener.get(case_page).content.decode()
    assert "Det var C." in page and "anmälaren skickade rättelser" in page
    assert (
        screener.post(
            write,
            {
                "minutes-kind": "meeting",
                "minutes-series": str(first.series),
                "minutes-text": "Mötet: A berättade om C.",
            },
        ).status_code
        == 302
    )
    second = Minutes.objects.get(case__case_number=number, version=2)
    assert client.post(answer, {"version": second.pk, "answer": "approve"}).status_code == 302
    again = client.post(answer, {"version": second.pk, "answer": "approve"})
    assert again.status_code == 400

    page = screener.get(case_page).content.decode()
    assert "godkänd av anmälaren" in page
    assert "Mötet: A berättade om B." in page and "Mötet: A berättade om C." in page
