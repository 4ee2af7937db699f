"""Browser tests (Playwright); the shared helpers are in `playwright_helpers`, re-exported so
that `from tests.browser import browser_page, sign_in` works from any test."""

from __future__ import annotations

from tests.browser.playwright_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    browser_page,
    open_menu,
    reads_english,
    sign_in,
)

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "browser_page", "open_menu", "reads_english", "sign_in"]
