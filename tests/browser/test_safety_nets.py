"""(reporter's experience, broken 2, 3, 5 and 6) The reporter's safety nets in Chromium,
each with JavaScript and without: a too long text is refused and kept whole; a reply
typed as the session ran out is kept and put back after logging in again; a right
password during a login pause is told about the pause, not called wrong; the password
on a phone is shown whole. (1 is in test_double_send.py, 4 in test_file_limits.py.)"""

from datetime import UTC, datetime

import pytest

from tests.browser.test_reporter_journey import fill_the_report
from tests.served import DEMO, file_a_report, try_to_log_in

pytestmark = [pytest.mark.browser, pytest.mark.served]


@pytest.fixture(params=[False, True], ids=["without-javascript", "with-javascript"])
def phone(request, chromium):
    context = chromium.new_context(
        java_script_enabled=request.param,
        locale="sv-SE",
        viewport={"width": 360, "height": 740},
    )
    yield context.new_page()
    context.close()


def the_password_is_shown_whole_on_a_phone(page):
    """(broken 6) Two lines of three groups at most, in a monospace face, inside the
    screen, and no group broken across lines."""
    page.wait_for_load_state("load")  # measured with the style sheet applied
    shown = page.locator("#case-password")
    box = shown.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    font = page.eval_on_selector("#case-password", "e => getComputedStyle(e).fontFamily")
    assert "mono" in font.lower()
    groups = shown.inner_text().split("-")
    assert len(groups) == 6 and all(len(group) == 4 for group in groups)
    tops = page.eval_on_selector(
        "#case-password",
        "e => { const r = document.createRange(); const t = e.firstChild; const tops = [];"
        " for (let i = 0; i < t.length; i++) { r.setStart(t, i); r.setEnd(t, i + 1);"
        " tops.push(Math.round(r.getBoundingClientRect().top)); } return tops; }",
    )
    for index in range(6):
        assert len(set(tops[index * 5 : index * 5 + 4])) == 1, tops
    assert len(set(tops)) <= 2


def log_in(page, base_url, number, password):
    page.goto(f"{base_url}/{DEMO}/login/")
    page.fill("input[name=case_number]", number)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def test_a_too_long_text_is_refused_and_kept_whole(served, phone):
    page = phone
    page.goto(f"{served.base_url}/{DEMO}/report/")
    page.check("input[name=category][value=theft]")
    text = "Lång text. " * 2300  # 25,300 characters, over the 20,000 allowed
    page.fill("#id_what_happened", text)
    page.check("input[name=relationship][value=employee]")
    page.check("input[name=identity][value=anonymous]")
    page.click("text=Fortsätt: granska din anmälan")
    assert "Texten är för lång. Den får vara högst 20000 tecken." in page.content()
    assert page.input_value("#id_what_happened") == text.replace("\r\n", "\n")


def test_a_reply_typed_as_the_session_ran_out_comes_back_after_logging_in(served, phone):
    page = phone
    number, password = file_a_report(served, "Svar efter utloggning.")
    log_in(page, served.base_url, number, password)
    page.fill("#id_body", "Ett tillägg som inte får försvinna.")
    served.sql("UPDATE vissel_session SET expire_date = ?", (datetime(2000, 1, 1, tzinfo=UTC),))
    page.click("button:has-text('Skicka meddelande')")
    assert page.locator("#reply-kept").is_visible()
    page.fill("input[name=case_number]", number)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    assert page.locator("#unsent-kept").is_visible()
    assert page.input_value("#id_body") == "Ett tillägg som inte får försvinna."
    assert page.locator(".message.from-reporter").count() == 0  # not sent by itself


def test_the_right_password_during_a_pause_is_not_called_wrong(served, phone):
    page = phone
    number, password = file_a_report(served, "Inloggning under paus.")
    for _ in range(5):
        answer = try_to_log_in(served, number, "fel-fel-fel-fel-fel-fel")
    assert "Ärendenumret eller lösenordet är fel." in answer
    log_in(page, served.base_url, number, password)
    errors = page.locator(
        ".error-summary, .errorlist, .field-error, [role=alert]"
    ).all_inner_texts()
    said = " ".join(errors)
    assert "för många försök" in said and "Det betyder inte att det du skrev är fel" in said
    assert "Ärendenumret eller lösenordet är fel." not in said


def test_the_password_is_shown_whole_on_a_phone(served, phone):
    page = phone
    fill_the_report(page, served.base_url, "Lösenordet på en telefon.")
    page.click("text=Fortsätt: granska din anmälan")
    page.click("button:has-text('Skicka anmälan')")
    the_password_is_shown_whole_on_a_phone(page)


def test_the_forms_own_messages_speak_swedish_not_the_browsers(served, phone):
    """Chromium's own checks would stop an empty form with an English bubble ("Please
    select one of these options"); the forms leave the checking to the server, which
    answers in the page's language."""
    page = phone
    page.goto(f"{served.base_url}/{DEMO}/report/")
    page.click("text=Fortsätt: granska din anmälan")
    summary = page.locator(".error-summary")
    summary.wait_for(timeout=5_000)
    assert "Välj vad anmälan gäller." in summary.inner_text()
    page.goto(f"{served.base_url}/{DEMO}/login/")
    page.click("main button[type=submit]")
    page.locator(".field-error").first.wait_for(timeout=5_000)
    assert "Skriv ditt ärendenummer." in page.content()
