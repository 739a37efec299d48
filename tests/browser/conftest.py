import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page_without_javascript(chromium):
    context = chromium.new_context(java_script_enabled=False, locale="sv-SE")
    yield context.new_page()
    context.close()


@pytest.fixture
def page_with_javascript(chromium):
    context = chromium.new_context(java_script_enabled=True, locale="sv-SE")
    yield context.new_page()
    context.close()
