"""(oral reports) A reporter speaks their report in Chromium: with JavaScript by
recording in the browser (a fake microphone playing Swedish speech), without it by
choosing a sound file; either way the review page plays the disguised recording, and
the case that is sent is oral."""

import pytest

from tests.browser.conftest import CHROMIUM, FLAGS
from tests.browser.test_case_handling import open_case, staff
from tests.served import DEMO

pytestmark = [pytest.mark.browser, pytest.mark.served]


@pytest.fixture(scope="module")
def microphone(chromium, speech_file):
    browser = chromium.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *FLAGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={speech_file}",
        ],
    )
    yield browser
    browser.close()


def the_rest_of_the_form(page):
    page.check("input[name=category][value=bribery]")
    page.check("input[name=relationship][value=employee]")
    page.check("input[name=identity][value=anonymous]")


def the_disguised_recording_plays(page):
    page.wait_for_url(f"**/{DEMO}/report/review/")
    page.wait_for_function(
        "() => { const a = document.getElementById('recording-preview');"
        " return a && a.readyState >= 1 && a.duration > 1; }",
        timeout=15_000,
    )


def sent_case_is_oral(page, served) -> str:
    page.click("button:has-text('Skicka anmälan')")
    number = page.locator("#case-number").inner_text()
    rows = served.sql("SELECT channel FROM cases_case WHERE case_number = ?", (number,))
    assert rows == [("oral",)]
    return number


def a_reader_plays_it_back(chromium, served, number):
    # intake@demo, the intake party's second screener: screener@demo logs in elsewhere in
    # this process, and a second login in one 30-second step would wait for the next.
    screener = staff(chromium, served, "intake@demo", page=chromium.new_context().new_page())
    try:
        open_case(screener, served, number)
        screener.wait_for_function(
            "() => { const a = document.querySelector('#files audio, audio');"
            " if (a && a.preload === 'none') { a.preload = 'metadata'; a.load(); }"
            " return a && a.readyState >= 1 && a.duration > 1; }",
            timeout=15_000,
        )
    finally:
        screener.context.close()


def test_with_javascript_the_report_is_recorded_in_the_browser(served, microphone, chromium):
    context = microphone.new_context(locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(f"{served.base_url}/{DEMO}/report/")
        the_rest_of_the_form(page)
        page.check("input[name=channel][value=oral]")
        page.click("button.recorder-record")
        page.wait_for_timeout(2500)
        page.click("button.recorder-stop")
        names = page.eval_on_selector("#id_recording", "i => [...i.files].map(f => f.name)")
        assert len(names) == 1 and names[0].startswith("recording.")
        page.click("text=Fortsätt: granska din anmälan")
        the_disguised_recording_plays(page)
        number = sent_case_is_oral(page, served)
    finally:
        context.close()
    a_reader_plays_it_back(chromium, served, number)


def test_without_javascript_a_sound_file_is_chosen(served, chromium, speech_file):
    context = chromium.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(f"{served.base_url}/{DEMO}/report/")
        the_rest_of_the_form(page)
        page.check("input[name=channel][value=oral]")
        page.set_input_files("#id_recording", str(speech_file))
        page.click("text=Fortsätt: granska din anmälan")
        the_disguised_recording_plays(page)
        sent_case_is_oral(page, served)
    finally:
        context.close()
