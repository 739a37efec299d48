"""WCAG 2.1 AA on every reporter page, in Swedish and in English, on a phone (320 px: the
reflow width, 1280 px at 400 % zoom) and on a desktop (1280 px).

axe-core (bundled by axe-playwright-python) runs every rule tagged WCAG 2.0/2.1 A and AA,
the WCAG 2.2 AA ones (target size) and the best practices, and must find nothing. What
axe cannot judge is checked here by hand: no page scrolls sideways at 320 px, every radio
button and checkbox is at least 24 × 24 px (WCAG 2.5.8), the focus ring has 3:1 against
the background it is drawn on (WCAG 1.4.11), and the error summary takes the focus when
a page shows it, also after an upload has replaced the page (WCAG 3.3.1)."""

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults

from tests.served import DEMO

pytestmark = [pytest.mark.browser, pytest.mark.served]

PHONE, DESKTOP = 320, 1280
HEIGHT = 900
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
WRONG_PASSWORD = "aaaaa-bbbbb-ccccc-ddddd-eeeee"

RUN_AXE = "options => axe.run(document, options)"

SIDEWAYS = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const wide = [...document.querySelectorAll("body *")].filter(
    el => el.getBoundingClientRect().right > root.clientWidth + 0.5);
  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
           wide: wide.slice(-5).map(el => el.outerHTML.slice(0, 120)) };
}"""

SMALL_TARGETS = """min => [...document.querySelectorAll(
    "input[type=radio], input[type=checkbox]")]
  .filter(el => el.getClientRects().length && !el.closest("[aria-hidden=true]"))
  .map(el => [el.id || el.name, el.getBoundingClientRect()])
  .filter(([, box]) => box.width < min || box.height < min)
  .map(([name, box]) => `${name}: ${box.width}×${box.height}`)"""

# Every focusable control is focused in turn; its ring (outline) must have 3:1 against
# the background it is drawn on: the ring sits outside the control (outline-offset), so
# that is the first opaque background of the control's ancestors.
WEAK_FOCUS_RINGS = """() => {
  const rgb = value => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => [r, g, b]
    .map(c => c / 255).map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const behind = el => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      const colour = rgb(getComputedStyle(up).backgroundColor);
      if (colour.length === 3 || colour[3] > 0) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const weak = [];
  const controls = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), textarea, select, [tabindex]");
  for (const el of controls) {
    if (!el.getClientRects().length || el.closest("[aria-hidden=true]")) continue;
    el.focus();
    if (document.activeElement !== el) continue;
    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth);
    const ratio = contrast(rgb(style.outlineColor), behind(el));
    if (style.outlineStyle === "none" || width < 2 || ratio < 3) {
      weak.push(`${el.outerHTML.slice(0, 80)}: ${style.outlineStyle} ${width}px, `
                + `${ratio.toFixed(2)}:1 against rgb(${behind(el)})`);
    }
  }
  document.activeElement.blur();
  return weak;
}"""

# At 320 px a word of a heading or a label may move to the next line, but not be cut in
# two ("missförhållande-n"): the type is small enough for long Swedish compounds.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const el of document.querySelectorAll("h1, h2, h3, legend, label, .button")) {
    if (!el.getClientRects().length || el.closest("[aria-hidden=true]")) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

# Every help text and error message of a field is tied to what it describes: the group
# (fieldset) of radio buttons or checkboxes, or the control, by aria-describedby.
UNTIED_TEXTS = """() => [...document.querySelectorAll(".field")].flatMap(field => {
  const described = field.querySelector("fieldset")
    || field.querySelector("input:not([type=hidden]), textarea, select");
  const ids = ((described && described.getAttribute("aria-describedby")) || "").split(/\\s+/);
  const texts = ids.map(id => id && document.getElementById(id)).filter(Boolean);
  return [...field.querySelectorAll(".help, .field-error")]
    .filter(text => !texts.some(tied => tied.contains(text)))
    .map(text => `${field.id}: ${text.textContent.trim().slice(0, 60)}`);
})"""


class Audit:
    """Collects what is wrong on each page, so that one run shows all of it."""

    def __init__(self, page, language):
        self.page = page
        self.language = language
        self.problems = []

    def complain(self, where, what):
        self.problems.append(f"{where}: {what}")

    def axe(self, where):
        results = AxeResults(self.page.evaluate(RUN_AXE, AXE_OPTIONS))
        if results.violations_count:
            self.complain(where, results.generate_report())

    def check(self, name):
        """axe at both widths; at the phone's width nothing may scroll sideways and every
        choice is a big enough target; the focus ring is checked once, on the desktop."""
        assert self.page.locator("html").get_attribute("lang") == self.language, name
        for width in (PHONE, DESKTOP):
            where = f"{name} ({self.language}, {width} px)"
            self.page.set_viewport_size({"width": width, "height": HEIGHT})
            self.axe(where)
            if width == PHONE:
                sideways = self.page.evaluate(SIDEWAYS)
                if sideways:
                    self.complain(where, f"scrolls sideways: {sideways}")
                broken = self.page.evaluate(BROKEN_WORDS)
                if broken:
                    self.complain(where, f"words cut in two: {broken}")
                small = self.page.evaluate(SMALL_TARGETS, 24)
                if small:
                    self.complain(where, f"targets smaller than 24 × 24 px: {small}")
        untied = self.page.evaluate(UNTIED_TEXTS)
        if untied:
            self.complain(f"{name} ({self.language})", f"not tied by aria-describedby: {untied}")
        weak = self.page.evaluate(WEAK_FOCUS_RINGS)
        if weak:
            self.complain(f"{name} ({self.language})", "focus rings under 3:1: " + "; ".join(weak))

    def expect_focus_on(self, selector, where):
        focused = self.page.evaluate(
            "selector => document.activeElement === document.querySelector(selector)", selector
        )
        if not focused:
            active = self.page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
            self.complain(f"{where} ({self.language})", f"{selector} lacks focus, {active} has it")


def submit(page, form_selector):
    """Press the form's submit button. Chromium's own checks of `required` are turned off
    first, as the form's `novalidate` does, so that the server's messages show."""
    page.locator(form_selector).evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").click()


def fill_the_report(page, recording):
    """An oral report with a written part and a file: the review page then shows the
    recording's player as well."""
    page.check("input[name=category][value=theft]")
    page.check("input[name=channel][value=oral]")
    page.set_input_files("#id_recording", str(recording))
    page.fill("#id_what_happened", "Datorer försvinner från förrådet varje månad.")
    page.fill("#id_where", "Förrådet vid idrottshallen")
    page.check("input[name=relationship][value=employee]")
    page.check("input[name=identity][value=anonymous]")


def a_file(name="inventarielista.txt"):
    return [{"name": name, "mimeType": "text/plain", "buffer": b"12 laptops missing"}]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_reporter_page_is_accessible(chromium, served, language, speech_file):
    context = chromium.new_context(
        java_script_enabled=True, locale="sv-SE", viewport={"width": DESKTOP, "height": HEIGHT}
    )
    context.add_init_script(AXE_SCRIPT)  # in every page, before its own scripts
    page = context.new_page()
    audit = Audit(page, language)
    base = f"{served.base_url}/{DEMO}"
    report_form = f"form[action='/{DEMO}/report/']"
    try:
        page.goto(f"{base}/")
        if language == "en":
            with page.expect_navigation():
                page.click("header form.language button[value=en]")
        audit.check("landing")

        page.goto(f"{base}/report/")
        audit.check("report form")

        submit(page, report_form)
        audit.expect_focus_on("#errors", "report form after an empty submit")
        audit.check("report form with errors")

        # With a file chosen, upload.js posts the form itself and puts the answer in place
        # of the page: the error summary must take the focus then too.
        page.set_input_files("#id_files", a_file())
        page.locator(report_form).evaluate("form => { form.noValidate = true; }")
        page.evaluate("() => { document.body.dataset.replaced = 'not yet'; }")
        page.locator(f"{report_form} button[type=submit]").click()
        page.wait_for_function("() => !document.body.dataset.replaced")
        audit.expect_focus_on("#errors", "report form after an upload with errors")
        audit.check("report form with errors and a file added")

        fill_the_report(page, speech_file)
        page.set_input_files("#id_files", a_file("andra.txt"))
        page.locator(f"{report_form} button[type=submit]").click()
        page.wait_for_url(f"**/{DEMO}/report/review/")
        page.wait_for_load_state()
        audit.check("review")

        with page.expect_navigation():
            page.locator(f"form[action='/{DEMO}/report/send/'] button[type=submit]").click()
        number = page.locator("#case-number").inner_text()
        password = page.locator("#case-password").inner_text()
        audit.check("receipt")

        login_form = f"form[action='/{DEMO}/login/']"
        page.goto(f"{base}/login/")
        assert page.url.endswith(f"/{DEMO}/login/")
        audit.check("login")
        page.fill("input[name=case_number]", number)
        page.fill("input[name=password]", WRONG_PASSWORD)
        submit(page, f"main {login_form}")
        audit.expect_focus_on("#login-error", "login after a wrong password")
        audit.check("login with an error")

        page.fill("input[name=case_number]", number)
        page.fill("input[name=password]", password)
        submit(page, f"main {login_form}")
        assert page.url.endswith(f"/{DEMO}/inbox/")
        audit.check("inbox")

        submit(page, f"form[action='/{DEMO}/inbox/reply/']")
        audit.expect_focus_on(".error-summary", "inbox after an empty reply")
        audit.check("inbox with an error")

        for path in ("safety", "privacy", "accessibility"):
            page.goto(f"{base}/{path}/")
            audit.check(f"/{path}/")

        # A page that does not exist links back to the start page of the organisation the
        # address names; an organisation that does not exist gets a plain 404.
        assert page.goto(f"{base}/nonexistent/").status == 404
        links = page.locator("main a").evaluate_all("links => links.map(a => a.pathname)")
        if links != [f"/{DEMO}/"]:
            audit.complain(f"404 ({language})", f"links {links}, not the start page's alone")
        audit.check("404")
        assert page.goto(f"{served.base_url}/no-such-organisation/nonexistent/").status == 404
        if page.locator("main a").count():
            audit.complain(f"404 of no organisation ({language})", "links somewhere")
        audit.check("404 of no organisation")
    finally:
        context.close()
    assert not audit.problems, "\n\n".join(audit.problems)
