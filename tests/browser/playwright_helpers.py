"""Shared Playwright helpers: Debian's Chromium, headless, failing on any JavaScript error.

Use with pytest-django's `live_server` and transactional data:

    from tests.browser import browser_page, sign_in  # noqa: F401  (the fixture)

    @pytest.mark.browser
    def test_it_...(browser_page, live_server, transactional_db): ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import needs_chromium
from tests.makers import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _record_console_error(message: Any, errors: list[str]) -> None:
    # Chromium asks every site for /favicon.ico on its own; that 404 is no error of our pages.
    if message.type != "error" or "favicon.ico" in str(message.location.get("url", "")):
        return
    errors.append(f"console: {message.text} ({message.location.get('url', '')})")


@pytest.fixture
def browser_page(allowed_console_errors: list[str]) -> Iterator[Any]:
    """A fresh page; the test fails if the page logs a console error or throws (but for the
    ones the test expects: `allowed_console_errors`, in tests/conftest.py)."""
    needs_chromium()
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context()
            page = context.new_page()
            page.set_default_timeout(10_000)
            page.on("console", lambda msg: _record_console_error(msg, errors))
            page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
            yield page
            context.close()
        finally:
            browser.close()
    errors = [e for e in errors if not any(part in e for part in allowed_console_errors)]
    assert not errors, "JavaScript errors in the browser:\n" + "\n".join(errors)


def reads_english(*users: Any) -> None:
    """These users read the portal in English (a factory user in Bangladesh reads Bengali by
    default): for the tests that read the English labels."""
    for user in users:
        user.profile.language = "en"
        user.profile.save(update_fields=["language"])


def open_menu(page: Any) -> None:
    """On a phone the header's links are in a menu (a <details>): open it, as a person would;
    on a laptop they are in view already."""
    menu = page.locator(".navmenu > summary")
    if menu.is_visible() and page.locator(".navmenu[open]").count() == 0:
        menu.click()


def sign_in(page: Any, live_server: Any, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
