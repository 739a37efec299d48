"""(reporter's experience, broken 4) Files over the organisation's limits, in Chromium.
With JavaScript they are taken out of the selection as soon as they are chosen, and the
others stay chosen; without it the server stops reading as soon as a limit is passed,
says so, and keeps the text and the files that came before. The demo's limits are
100 MB a file and 500 MB in all; the large files are sparse, so they cost no disk."""

import pytest

from tests.browser.test_reporter_journey import fill_the_report
from tests.served import DEMO

pytestmark = [pytest.mark.browser, pytest.mark.served]

MB = 1024 * 1024


@pytest.fixture
def files(tmp_path):
    def make(name: str, size: int, content: bytes = b""):
        path = tmp_path / name
        with open(path, "wb") as handle:
            handle.write(content)
            handle.truncate(size or len(content))
        return str(path)

    return make


def test_with_javascript_a_file_over_the_limit_is_refused_when_chosen(
    served, page_with_javascript, files
):
    page = page_with_javascript
    fill_the_report(page, served.base_url, "Filerna kontrolleras när de väljs.")
    requests_sent = []
    page.on("request", lambda request: requests_sent.append(request.method))
    page.set_input_files(
        "#id_files",
        [files("protokoll.txt", 0, b"minutes"), files("film.mp4", 101 * MB)],
    )
    note = page.locator(".file-limits")
    note.wait_for(state="visible")
    assert "”film.mp4” kom inte med: filen är större än 100 MB" in note.inner_text()
    chosen = page.eval_on_selector("#id_files", "input => [...input.files].map(f => f.name)")
    assert chosen == ["protokoll.txt"]
    assert "POST" not in requests_sent  # nothing was uploaded to find this out

    page.click("text=Fortsätt: granska din anmälan")
    page.wait_for_url(f"**/{DEMO}/report/review/")
    assert "protokoll.txt" in page.content() and "film.mp4" not in page.content()


def test_without_javascript_the_server_stops_at_the_file_and_keeps_the_rest(
    served, page_without_javascript, files
):
    page = page_without_javascript
    what = "Utan JavaScript stoppar servern vid filen."
    fill_the_report(page, served.base_url, what)
    page.set_input_files(
        "#id_files",
        [
            files("protokoll.txt", 0, b"minutes"),
            files("film.mp4", 101 * MB),
            files("efter.txt", 0, b"after"),
        ],
    )
    page.click("text=Fortsätt: granska din anmälan")
    errors = page.locator(".error-summary")
    errors.wait_for()
    text = errors.inner_text()
    assert "”film.mp4” kom inte med: filen är större än 100 MB" in text
    assert "filerna du valde efter den kom inte fram" in text
    assert page.input_value("#id_what_happened") == what
    assert "Ta bort ”protokoll.txt”" in page.content()  # kept: not chosen again
    assert "efter.txt" not in page.content()

    page.click("text=Fortsätt: granska din anmälan")
    page.wait_for_url(f"**/{DEMO}/report/review/")
    assert "protokoll.txt" in page.content() and "film.mp4" not in page.content()


def test_without_javascript_a_selection_over_the_total_is_refused_at_once(
    served, page_without_javascript, files
):
    page = page_without_javascript
    what = "Alldeles för mycket på en gång."
    fill_the_report(page, served.base_url, what)
    page.set_input_files("#id_files", [files("arkiv.zip", 600 * MB)])
    page.click("text=Fortsätt: granska din anmälan")
    errors = page.locator(".error-summary")
    errors.wait_for(timeout=10_000)
    assert "Tillsammans är filerna du valde större än 500 MB" in errors.inner_text()
    assert page.input_value("#id_what_happened") == what
