"""The seed's whole process in Chromium, without JavaScript: a report filed, screened,
routed, acknowledged, answered by the reporter, fed back, its final report read by the
chief executive, closed; and a second case, about the chief executive, that the chief
executive cannot see while the chair reads its report."""

from pathlib import Path

import pytest

from tests.browser.demo_steps import file_report, open_case, registered, reporter_inbox, staff
from tests.served import DEMO

pytestmark = [pytest.mark.browser, pytest.mark.served]


def test_the_seeds_whole_process(chromium, served):
    number, password = file_report(chromium, served, "Upphandlingen av skolmat är riggad.")

    case_id, register_number = registered(served, number)
    screener = staff(chromium, served, "screener@demo")
    assert register_number in screener.content() and number not in screener.content()
    screener.click(f"a[href$='/cases/{case_id}/']")
    screener.check("input[name=screening-kind][value=internal]")
    screener.fill("#id_screening-reason", "Misstanke om muta i upphandling: visselblåsarärende.")
    screener.click("button:has-text('Registrera beslutet')")
    assert screener.locator("#case-status").inner_text() == "Intern utredning"

    jurist = staff(chromium, served, "jurist@demo")
    assert register_number in jurist.content() and "I tid" in jurist.content()
    open_case(jurist, served, number)
    jurist.select_option("#id_assign-handler", label="jurist@demo")
    jurist.click("button:has-text('Tilldela')")
    assert jurist.locator("#case-handler").inner_text() == "jurist@demo"

    # On a phone (375 px) the dashboard's cases are cards: nothing wider than the screen.
    jurist.set_viewport_size({"width": 375, "height": 800})
    jurist.goto(f"{served.base_url}/staff/")
    for selector in ("main", "table.worklist", "form.filters"):
        box = jurist.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (selector, box)
    jurist.set_viewport_size({"width": 1280, "height": 800})
    open_case(jurist, served, number)
    assert "Upphandlingen av skolmat är riggad." in jurist.content()
    jurist.fill("#id_message-body", "Tack, vi har tagit emot din anmälan och utreder den.")
    jurist.click("button:has-text('Skicka till anmälaren')")
    assert "skickad" in jurist.locator("dl.facts").inner_text()  # acknowledgement met

    inbox = reporter_inbox(chromium, served, number, password)
    assert "Tack, vi har tagit emot din anmälan" in inbox.content()
    inbox.fill("#id_body", "Avtalet skrevs i mars.")
    inbox.click("button:has-text('Skicka meddelande')")

    open_case(jurist, served, number)
    assert "Avtalet skrevs i mars." in jurist.content()
    jurist.fill("#id_message-body", "Vi har granskat avtalet och vidtagit åtgärder.")
    jurist.check("#id_message-is_feedback")
    jurist.click("button:has-text('Skicka till anmälaren')")
    assert "lämnad" in jurist.locator("dl.facts").inner_text()  # feedback given
    jurist.check("input[name=conclude-outcome][value=confirmed]")
    jurist.fill("#id_conclude-final_report", "Slutrapport: upphandlingen gjordes om.")
    jurist.fill("#id_conclude-reason", "Utredningen är klar.")
    jurist.click("button:has-text('Lämna slutrapporten')")
    assert jurist.locator("#case-status").inner_text() == "Utrett", jurist.locator(
        ".error"
    ).all_inner_texts()

    director = staff(chromium, served, "director@demo")
    director.click(f"text=Slutrapport i ärende {register_number}")
    assert "Slutrapport: upphandlingen gjordes om." in director.content()
    director.goto(f"{served.base_url}/staff/{DEMO}/cases/{case_id}/")
    assert director.locator("h1").inner_text() == "Sidan finns inte"  # the report, not the case

    open_case(jurist, served, number)
    jurist.fill("#id_close-reason", "Åtgärder vidtagna.")
    jurist.click("button:has-text('Avsluta ärendet')")
    assert jurist.locator("#case-status").inner_text() == "Avslutat"

    # The reporter writes after closing: told the case is closed; the jurist reopens it.
    inbox.goto(f"{served.base_url}/{DEMO}/inbox/")
    assert "Gör en ny anmälan" in inbox.content()
    jurist.fill("#id_reopen-reason", "Anmälaren behöver ett svar om åtgärderna.")
    jurist.click("button:has-text('Öppna ärendet igen')")
    assert jurist.locator("#case-status").inner_text() == "Utrett"
    with jurist.expect_download() as download:
        jurist.click("button:has-text('Exportera som PDF')")
    assert (
        download.value.suggested_filename
        == register_number.replace(" ", "-").replace("/", "-") + ".pdf"
    )
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"
    assert "audit trail intact" in served.run("audit-verify").stdout


def test_a_case_about_the_chief_executive_is_read_by_the_chair_alone(chromium, served):
    second, _password = file_report(chromium, served, "Kommundirektören gynnar sin bror.")
    second_id, second_register = registered(served, second)
    screener = staff(chromium, served, "screener@demo")
    screener.click(f"a[href$='/cases/{second_id}/']")
    screener.check("input[name=screening-kind][value=external]")
    screener.check("label:has-text('Demo Direktör') >> xpath=preceding-sibling::input")
    screener.fill("#id_screening-reason", "Gäller kommundirektören: extern utredning.")
    screener.click("button:has-text('Registrera beslutet')")
    assert screener.locator("#case-status").inner_text() == "Extern utredning"

    external = staff(chromium, served, "external@demo")
    open_case(external, served, second)
    external.check("input[name=conclude-outcome][value=partly_confirmed]")
    external.fill("#id_conclude-final_report", "Slutrapport till ordföranden.")
    external.fill("#id_conclude-reason", "Klar.")
    external.click("button:has-text('Lämna slutrapporten')")

    director = staff(chromium, served, "director@demo")
    assert second_register not in director.content()
    for path in (f"cases/{second_id}/", f"reports/{second_id}/"):
        director.goto(f"{served.base_url}/staff/{DEMO}/{path}")
        assert director.locator("h1").inner_text() == "Sidan finns inte"

    chair = staff(chromium, served, "chair@demo")
    chair.click(f"text=Slutrapport i ärende {second_register}")
    assert "Slutrapport till ordföranden." in chair.content()
