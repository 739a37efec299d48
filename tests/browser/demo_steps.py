"""Steps in the demo organisation through Chromium, shared by the browser tests: file a
report, log in as a demo staff member (with a TOTP code the server has not seen), open a
case by the address staff know it by."""

import time
import uuid

import pyotp

from tests.served import DEMO
from vissel.organisations.demo import DEMO_STAFF
from vissel.organisations.people.totp import STEP_SECONDS

PASSWORDS = {username: password for username, password, _secret, _role in DEMO_STAFF}


def file_report(chromium, served, what):
    page = chromium.new_context(java_script_enabled=False).new_page()
    page.goto(f"{served.base_url}/{DEMO}/report/")
    page.check("input[name=category][value=bribery]")
    page.fill("#id_what_happened", what)
    page.check("input[name=relationship][value=employee]")
    page.check("input[name=identity][value=anonymous]")
    page.click("text=Fortsätt: granska din anmälan")
    page.click("button:has-text('Skicka anmälan')")
    return page.locator("#case-number").inner_text(), page.locator("#case-password").inner_text()


def reporter_inbox(chromium, served, number, password):
    page = chromium.new_context(java_script_enabled=False).new_page()
    page.goto(f"{served.base_url}/{DEMO}/login/")
    page.fill("input[name=case_number]", number)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    return page


SECRETS = {username: secret for username, _password, secret, _role in DEMO_STAFF}
# The time step last used per demo account, in this process: each xdist worker has a
# server of its own, which refuses a code whose step it has seen.
_last_step: dict[str, int] = {}


def demo_code(username: str) -> str:
    """What the demo account's authenticator shows, never a code the server saw already:
    the next step's when this step's was used (the server accepts one step ahead),
    waiting for time to catch up if even that one was used."""
    now = int(time.time() // STEP_SECONDS)
    step = max(now, _last_step.get(username, 0) + 1)
    if step > now + 1:
        time.sleep((step - 1) * STEP_SECONDS - time.time() + 0.5)
    _last_step[username] = step
    return pyotp.TOTP(SECRETS[username]).at(step * STEP_SECONDS)


def staff(chromium, served, username, page=None):
    page = page or chromium.new_context(java_script_enabled=False).new_page()
    for attempt in range(2):
        page.goto(f"{served.base_url}/staff/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORDS[username])
        page.fill("#id_code", demo_code(username))
        page.click("main button.primary")
        if page.locator("h1").inner_text() == "Ärenden" or attempt:
            break
        # Refused all the same (a clock at a step's very edge): wait for the next step,
        # as a person would wait for the app's next code.
        time.sleep(STEP_SECONDS - time.time() % STEP_SECONDS + 1)
    assert page.locator("h1").inner_text() == "Ärenden", page.content()[:2000]
    return page


def registered(served, number):
    """What staff know the reporter's case by: its register number and an opaque id in
    the address. The reporter's case number is never on a staff page."""
    ((case_id, register_number),) = served.sql(
        "SELECT id, register_number FROM cases_case WHERE case_number = ?", (number,)
    )
    return uuid.UUID(str(case_id)), register_number


def open_case(page, served, number):
    case_id, _register_number = registered(served, number)
    page.goto(f"{served.base_url}/staff/{DEMO}/cases/{case_id}/")
    assert number not in page.content()
