"""Bad input: a clear message in the page's language, everything else kept, never a
server error, never a half-created case."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.journey import receipt_of, send, write
from vissel.cases.models import Case, CaseKeySeal
from vissel.organisations.models import Membership

TYPED = "Text som måste finnas kvar"


def test_empty_required_fields_come_back_with_messages_and_the_rest_kept(client, org_a):
    response = client.post(
        reverse("report_form", args=[org_a.slug]), {"where": TYPED, "relationship": "none"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Välj vad anmälan gäller." in page
    assert "Skriv vad som har hänt." in page
    assert "Välj om du vill vara anonym eller lämna kontaktuppgifter." in page
    assert TYPED in page
    assert re.search(r'<input[^>]*name="relationship" value="none"[^>]*checked', page)
    assert Case.objects.count() == 0


def test_messages_follow_the_chosen_language(client, org_a):
    client.post(reverse("switch_language", args=[org_a.slug]), {"language": "en"})
    response = client.post(reverse("report_form", args=[org_a.slug]), {})
    assert "Choose what the report is about." in response.content.decode()


def test_text_over_the_field_limit_is_refused(client, org_a):
    response = write(client, org_a, what_happened="x" * 20001, where=TYPED)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Texten är för lång. Den får vara högst 20000 tecken." in page
    assert TYPED in page


def test_an_unknown_category_is_refused(client, org_a):
    response = write(client, org_a, category="embezzlement-of-cake", where=TYPED)
    assert response.status_code == 400
    assert "Välj ett av alternativen i listan." in response.content.decode()


def test_a_category_of_another_organisation_is_unknown_here(client, org_a, org_b):
    org_b.categories.create(key="only-in-b", names={"sv": "Bara B"})
    response = write(client, org_a, category="only-in-b")
    assert response.status_code == 400


def test_contact_details_chosen_but_none_given(client, org_a):
    response = write(client, org_a, identity="contact")
    assert "Fyll i minst ett sätt att nå dig" in response.content.decode()


def test_contact_details_typed_then_anonymity_chosen_are_not_kept(client, org_a):
    response = write(client, org_a, identity="anonymous", contact_name="Anna Andersson")
    review = client.get(response["Location"]).content.decode()
    assert "Anna Andersson" not in review


def test_an_invalid_email_is_refused(client, org_a):
    response = write(client, org_a, identity="contact", contact_email="not an address")
    assert "Kontrollera e-postadressen" in response.content.decode()


def test_a_filled_honeypot_is_refused_and_nothing_kept(client, org_a):
    response = write(client, org_a, website="http://spam.example")
    assert response.status_code == 400
    assert client.get(reverse("report_review", args=[org_a.slug])).status_code == 302


def test_a_forged_form_without_token_comes_back_with_what_was_typed(org_a):
    browser = Client(enforce_csrf_checks=True)
    response = write(browser, org_a, where=TYPED)
    page = response.content.decode()
    assert response.status_code == 403
    assert "Formuläret hade gått ut eller kom inte från den här sidan" in page
    assert TYPED in page
    assert browser.get(reverse("report_review", args=[org_a.slug])).status_code == 302


def test_a_forged_send_creates_no_case(client, org_a):
    write(client, org_a)
    forger = Client(enforce_csrf_checks=True)
    forger.cookies = client.cookies  # the victim's cookies, without the page's token
    assert forger.post(reverse("report_send", args=[org_a.slug])).status_code == 403
    assert Case.objects.count() == 0


def test_a_replayed_send_creates_one_case_and_shows_the_same_receipt(client, org_a):
    """Two taps on Send, a reload, the address opened again: one case, and the same
    credentials every time until the reporter confirms (reporter's experience, 1)."""
    write(client, org_a)
    first = send(client, org_a)
    again = send(client, org_a)
    reloaded = client.get(reverse("report_send", args=[org_a.slug]))
    assert first.status_code == again.status_code == reloaded.status_code == 200
    credentials = receipt_of(first)
    assert receipt_of(again) == credentials == receipt_of(reloaded)
    assert Case.objects.count() == 1
    client.post(reverse("report_receipt_saved", args=[org_a.slug]))
    gone = client.get(reverse("report_send", args=[org_a.slug]))
    assert gone.status_code == 302 and credentials[1] not in gone.content.decode()
    assert send(client, org_a).status_code == 409


def test_sending_without_a_draft_is_harmless(client, org_a):
    assert send(client, org_a).status_code == 409
    assert Case.objects.count() == 0


def test_sending_is_refused_when_the_organisation_has_no_screener(client, org_a, cast, settings):
    Membership.objects.filter(organisation=org_a, role="screener").delete()
    response = write(client, org_a, files=[("a.txt", b"content")], where=TYPED)
    page = response.content.decode()
    assert "ingen har utsetts att ta emot dem" in page and TYPED in page
    assert Case.objects.count() == 0
    assert list(settings.VISSEL_FILES_DIR.glob("*.vss")) == []


def test_a_screener_removed_between_review_and_send_stores_nothing(client, org_a, settings):
    write(client, org_a, files=[("a.txt", b"content")])
    Membership.objects.filter(organisation=org_a, role="screener").delete()
    response = send(client, org_a)
    assert response.status_code == 503
    assert Case.objects.count() == 0
    assert list(settings.VISSEL_FILES_DIR.glob("*.vss")) == []


def test_a_crash_mid_submission_leaves_no_half_case(client, org_a, monkeypatch):
    write(client, org_a, files=[("a.txt", b"content")])

    def attach_fails(*args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr("vissel.cases.services.attach_staged_files", attach_fails)
    client.raise_request_exception = False
    response = send(client, org_a)
    assert response.status_code == 500
    assert "Ingenting har sparats" in response.content.decode()
    assert Case.objects.count() == 0 and CaseKeySeal.objects.count() == 0


@pytest.mark.parametrize("path", ["report/review/", "inbox/", "login/", "report/"])
def test_an_unknown_organisation_is_a_plain_404(client, db, path):
    assert client.get(f"/no-such-organisation/{path}").status_code == 404


def test_a_body_over_djangos_outer_limit_is_a_clear_400_not_a_crash(client, org_a):
    response = client.post(
        reverse("report_form", args=[org_a.slug]), {"what_happened": "x" * (3 * 1024 * 1024)}
    )
    assert response.status_code == 400
    assert "Det du skickade kunde inte läsas" in response.content.decode()
    assert Case.objects.count() == 0


def test_a_pasted_text_over_the_limit_is_refused_whole_never_cut(client, org_a):
    """(reporter's experience, broken 2) No maxlength that the browser would enforce by
    dropping the rest; the server says so, and every character is still in the form."""
    form = client.get(reverse("report_form", args=[org_a.slug])).content.decode()
    assert not re.search(r"<textarea[^>]*maxlength", form)
    long_text = "Ordet fusk upprepas. " * 1234  # 25,914 characters
    response = write(client, org_a, what_happened=long_text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "för lång" in page and "20000" in page
    assert long_text.strip() in html.unescape(page)
    assert Case.objects.count() == 0


def test_a_body_cut_short_is_a_clear_400_and_the_draft_before_it_stays(client, org_a):
    assert write(client, org_a, what_happened="Written before the cut").status_code == 302
    boundary = "cut-short"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="what_happened"\r\n\r\nOther'
        f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="files"; '
        'filename="a.txt"\r\n\r\nhalf a file'
    ).encode()
    response = client.generic(
        "POST",
        reverse("report_form", args=[org_a.slug]),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 400
    assert "Det du skickade kunde inte läsas" in response.content.decode()
    review = client.get(reverse("report_review", args=[org_a.slug])).content.decode()
    assert "Written before the cut" in review and "Other" not in review
    assert Case.objects.count() == 0
