"""A reporter in Chromium: files a report with a file and follows it, first with
JavaScript disabled (the Tor Browser at its safest), then with upload progress."""

import pytest

from tests.served import DEMO

pytestmark = [pytest.mark.browser, pytest.mark.served]


def fill_the_report(page, base_url, what):
    page.goto(f"{base_url}/{DEMO}/")
    page.click("text=Skriv en anmälan")
    page.check("input[name=category][value=theft]")
    page.fill("#id_what_happened", what)
    page.fill("#id_where", "Förrådet vid idrottshallen")
    page.check("input[name=relationship][value=employee]")
    page.check("input[name=identity][value=anonymous]")
    page.set_input_files(
        "#id_files",
        [
            {
                "name": "inventarielista.txt",
                "mimeType": "text/plain",
                "buffer": b"12 laptops missing",
            }
        ],
    )


def test_file_a_report_and_follow_it_without_javascript(served, page_without_javascript):
    page = page_without_javascript
    what = "Datorer försvinner från förrådet varje månad."
    fill_the_report(page, served.base_url, what)
    page.click("text=Fortsätt: granska din anmälan")

    assert page.locator("h1").inner_text() == "Granska din anmälan innan du skickar"
    assert what in page.content()
    assert "inventarielista.txt" in page.content()
    page.click("button:has-text('Skicka anmälan')")

    case_number = page.locator("#case-number").inner_text()
    password = page.locator("#case-password").inner_text()
    assert len(case_number) == 8 and len(password) == 29
    assert "kan inte återskapas" in page.content()

    page.context.clear_cookies()
    page.goto(f"{served.base_url}/{DEMO}/login/")
    page.fill("input[name=case_number]", case_number)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")

    assert page.locator("h1").inner_text() == f"Ditt ärende {case_number}"
    assert what in page.content() and "inventarielista.txt" in page.content()
    page.fill("#id_body", "Jag kan komplettera med datum.")
    page.click("button:has-text('Skicka meddelande')")
    assert page.locator(".message.from-reporter").inner_text().count("Jag kan komplettera") == 1

    with page.expect_download() as download:
        page.click("text=inventarielista.txt >> nth=0")
    assert download.value.path().read_bytes() == b"12 laptops missing"

    page.click("text=Logga ut")
    assert "Du är utloggad." in page.content()


def test_english_without_javascript(served, page_without_javascript):
    page = page_without_javascript
    page.goto(f"{served.base_url}/{DEMO}/")
    page.click("header button:has-text('English')")
    assert page.locator("h1").inner_text() == "Report suspected wrongdoing"
    assert page.locator("html").get_attribute("lang") == "en"


def test_upload_shows_progress_and_reaches_the_review_with_javascript(served, page_with_javascript):
    page = page_with_javascript
    fill_the_report(page, served.base_url, "Med JavaScript och förloppsindikator.")
    page.set_input_files(
        "#id_files",
        [
            {
                "name": "stor.bin",
                "mimeType": "application/octet-stream",
                "buffer": bytes(3 * 1024 * 1024),
            }
        ],
    )
    seen = []
    page.on("request", lambda request: seen.append((request.method, request.resource_type)))
    page.click("text=Fortsätt: granska din anmälan")
    page.wait_for_url(f"**/{DEMO}/report/review/")
    assert ("POST", "xhr") in seen  # the upload went through the progress-bar path
    assert "stor.bin" in page.content()


def test_a_failed_upload_says_so_with_javascript(served, page_with_javascript):
    page = page_with_javascript
    fill_the_report(page, served.base_url, "Uppladdningen kommer att misslyckas.")
    page.route(
        f"**/{DEMO}/report/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.click("text=Fortsätt: granska din anmälan")
    failed = page.locator(".upload-failed")
    failed.wait_for(state="visible")
    assert "Uppladdningen misslyckades och ingenting skickades" in failed.inner_text()
    assert page.input_value("#id_what_happened") == "Uppladdningen kommer att misslyckas."


def test_a_counter_warns_near_the_limit_and_nothing_is_cut(served, page_with_javascript):
    """(reporter's experience, broken 2) With JavaScript a counter near the limit; the
    pasted text is all there."""
    page = page_with_javascript
    page.goto(f"{served.base_url}/{DEMO}/report/")
    text = "x" * 20500
    page.fill("#id_what_happened", text)
    assert len(page.input_value("#id_what_happened")) == 20500  # not cut by the browser
    counter = page.locator("#id_what_happened + .counter")
    assert counter.is_visible() and "500 tecken för mycket" in counter.inner_text()
    page.fill("#id_what_happened", "y" * 19000)
    assert "1000 tecken kvar" in counter.inner_text()
