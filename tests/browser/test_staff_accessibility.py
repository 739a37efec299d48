"""WCAG 2.1 AA on every staff page too: axe-core finds nothing, at a phone's width and a
desktop's, and what axe cannot judge (sideways scrolling, target sizes, focus rings, help
tied to its field) is checked by hand, as on the reporter's pages."""

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from tests.browser.demo_steps import file_report, registered, staff
from tests.browser.test_accessibility import DESKTOP, HEIGHT, Audit
from tests.served import DEMO

pytestmark = [pytest.mark.browser, pytest.mark.served]


def staff_page(chromium, served, username):
    context = chromium.new_context(
        java_script_enabled=True, locale="sv-SE", viewport={"width": DESKTOP, "height": HEIGHT}
    )
    context.add_init_script(AXE_SCRIPT)
    return staff(chromium, served, username, page=context.new_page())


def test_every_staff_page_is_accessible(chromium, served):
    number, _password = file_report(chromium, served, "Fakturor betalades två gånger.")
    case_id, _register_number = registered(served, number)
    base = f"{served.base_url}/staff/{DEMO}"
    problems = []

    screener = staff_page(chromium, served, "screener@demo")
    audit = Audit(screener, "sv")
    audit.check("dashboard (screener)")
    screener.goto(f"{base}/cases/{case_id}/")
    audit.check("case page, to screen")
    screener.check("input[name=screening-kind][value=internal]")
    screener.fill("#id_screening-reason", "Visselblåsarärende.")
    screener.click("button:has-text('Registrera beslutet')")
    problems += audit.problems

    jurist = staff_page(chromium, served, "jurist@demo")
    audit = Audit(jurist, "sv")
    for name, path in (
        ("case page, investigated", f"/cases/{case_id}/"),
        ("secrecy review", f"/cases/{case_id}/secrecy/"),
        ("register", "/register/"),
        ("statistics", "/statistics/"),
        ("half-year summaries", "/summaries/"),
    ):
        jurist.goto(base + path)
        audit.check(name)
    jurist.goto(f"{served.base_url}/staff/password/")
    audit.check("password")
    problems += audit.problems

    admin = staff_page(chromium, served, "admin@demo")
    audit = Audit(admin, "sv")
    for name, path in (
        ("admin: settings", "/admin/"),
        ("admin: categories", "/admin/categories/"),
        ("admin: people", "/admin/people/"),
        ("admin: senior officials", "/admin/officials/"),
    ):
        admin.goto(base + path)
        audit.check(name)
    problems += audit.problems
    assert problems == [], "\n\n".join(problems)
