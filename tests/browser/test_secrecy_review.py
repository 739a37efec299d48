"""The secrecy review in Chromium: without JavaScript the reader types the words to
mask and releases a copy, whose text (read back with pypdf) lacks them; with JavaScript,
selecting words in the text fills them in."""

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser.demo_steps import file_report, registered, staff
from tests.served import DEMO

pytestmark = [pytest.mark.browser, pytest.mark.served]

WHAT = "Kommunens ekonom Lisa Holm tog emot pengar från Nordbygg AB för att gynna dem."


def review_page(page, served, case_id):
    page.goto(f"{served.base_url}/staff/{DEMO}/cases/{case_id}/secrecy/")
    assert page.locator("h1").inner_text().startswith("Sekretessprövning")


def test_without_javascript_a_name_is_masked_and_absent_from_the_released_copy(chromium, served):
    number, _password = file_report(chromium, served, WHAT)
    case_id, register_number = registered(served, number)
    screener = staff(chromium, served, "screener@demo")
    screener.goto(f"{served.base_url}/staff/{DEMO}/cases/{case_id}/")
    screener.click("text=Öppna sekretessprövningen")
    screener.fill("#phrase-1", "lisa holm")
    screener.check("label:has-text('Andras identitet')")
    screener.click("#reportwhat_happened-form button:has-text('Markera som sekretess')")
    marked = screener.locator("#reportwhat_happened mark.secret")
    assert marked.inner_text() == "Lisa Holm"
    listed = screener.locator("#reportwhat_happened ul.marks").inner_text()
    assert "Lisa Holm" in listed and "OSL 17 kap. 3 b §" in listed

    screener.fill("#id_recipient", "Länstidningen")
    with screener.expect_download() as download:
        screener.click("button:has-text('Lämna ut kopian som PDF')")
    data = Path(download.value.path()).read_bytes()
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(data)).pages).split())
    assert "Lisa" not in text and "Holm" not in text
    assert "Nordbygg AB" in text and "[Sekretess: OSL 17 kap. 3 b §]" in text
    assert register_number in text and number not in text

    review_page(screener, served, case_id)
    assert "Länstidningen" in screener.locator("#release").inner_text()


def test_with_javascript_selecting_words_fills_them_in(chromium, served):
    number, _password = file_report(chromium, served, WHAT)
    case_id, _register_number = registered(served, number)
    page = staff(chromium, served, "intake@demo", page=chromium.new_context().new_page())
    review_page(page, served, case_id)
    page.evaluate(
        """() => {
            const block = document.querySelector("#reportwhat_happened .markable");
            const node = block.firstChild;
            const start = node.textContent.indexOf("Nordbygg AB");
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + "Nordbygg AB".length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            block.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }"""
    )
    assert page.input_value("#phrase-1") == "Nordbygg AB"
    page.click("#reportwhat_happened-form button:has-text('Markera som sekretess')")
    assert page.locator("#reportwhat_happened mark.secret").inner_text() == "Nordbygg AB"
