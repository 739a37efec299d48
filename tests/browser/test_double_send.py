"""Two quick taps on "Skicka anmälan", then a reload: exactly one case, and its case number
and password stay on the screen in that browser until the reporter confirms they saved
them, with JavaScript and without (reporter's experience, broken 1)."""

import re

import pytest

from tests.served import DEMO

pytestmark = [pytest.mark.browser, pytest.mark.served]


@pytest.mark.parametrize("javascript", [False, True])
def test_a_double_tap_and_a_reload_keep_the_credentials(chromium, served, javascript):
    context = chromium.new_context(
        java_script_enabled=javascript, viewport={"width": 375, "height": 800}
    )
    page = context.new_page()
    text = f"Dubbelklick {'med' if javascript else 'utan'} JavaScript."
    page.goto(f"{served.base_url}/{DEMO}/report/")
    page.check("input[name=category][value=theft]")
    page.fill("#id_what_happened", text)
    page.check("input[name=relationship][value=employee]")
    page.check("input[name=identity][value=anonymous]")
    page.click("text=Fortsätt: granska din anmälan")
    page.dblclick("button:has-text('Skicka anmälan')", delay=150)
    page.wait_for_selector("#case-number")
    page.wait_for_load_state("load")  # measured with the style sheet applied
    number = page.locator("#case-number").inner_text()
    password = page.locator("#case-password").inner_text()
    assert re.fullmatch(r"\d{8}", number)
    box = page.locator("#case-password").bounding_box()
    assert box["x"] + box["width"] <= 375  # a phone shows it whole
    if javascript:  # two lines of three groups, never broken inside a group
        lines = page.evaluate(
            "(() => { const range = document.createRange();"
            " const text = document.getElementById('case-password').firstChild;"
            " const tops = new Set(); for (let i = 0; i < text.length; i++) {"
            " range.setStart(text, i); range.setEnd(text, i + 1);"
            " tops.add(Math.round(range.getBoundingClientRect().top)); }"
            " return [...tops].length; })()"
        )
        assert lines == 2
        first_line_end = page.evaluate(
            "(() => { const range = document.createRange();"
            " const text = document.getElementById('case-password').firstChild;"
            " range.setStart(text, 0); range.setEnd(text, 1);"
            " const top = Math.round(range.getBoundingClientRect().top);"
            " for (let i = 1; i < text.length; i++) { range.setStart(text, i);"
            " range.setEnd(text, i + 1);"
            " if (Math.round(range.getBoundingClientRect().top) !== top) return i; }"
            " return -1; })()"
        )
        assert first_line_end == 15  # "abcd-efgh-ijkm-" on the first line
    page.reload()
    assert page.locator("#case-number").inner_text() == number
    assert page.locator("#case-password").inner_text() == password
    page.go_back()
    page.goto(f"{served.base_url}/{DEMO}/report/send/")
    assert page.locator("#case-password").inner_text() == password
    assert served.sql("SELECT count(*) FROM cases_case WHERE case_number = ?", (number,)) == [(1,)]
    page.click("text=Jag har sparat ärendenumret och lösenordet")
    page.goto(f"{served.base_url}/{DEMO}/report/send/")
    assert password not in page.content()
    context.close()
