"""The help pages in a phone's width: each role finds Help in the header, lands on its own page,
and every help page fits 390 px without scrolling sideways."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import browser_page, open_menu, reads_english, sign_in  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OWN = {
    "alice-pm": "/help/programme-manager/",
    "erin-ea": "/help/enterprise-advisor/",
    "fiona-factory": "/help/factory/",
    "bella-buyer": "/help/buyer/",
}
WIDTH = 390
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _overflow(page) -> int:
    """How far the help's content reaches past the window (0: it fits)."""
    return page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('main, main *')]"
        ".map(e => e.getBoundingClientRect().right)) - window.innerWidth"
    )


def test_each_role_finds_its_help_and_every_page_fits_a_phone(
    browser_page,  # noqa: F811
    live_server,
    cast,
) -> None:
    page = browser_page
    reads_english(cast.factory_user)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    for username, own in OWN.items():
        sign_in(page, live_server, username)
        open_menu(page)  # a phone's header keeps its links in a menu
        page.locator("header").get_by_role("link", name="Help").click()
        page.wait_for_url(f"{live_server.url}{own}")
        assert page.locator("h1").first.inner_text().startswith("Help for")
        for path in OWN.values():
            page.goto(f"{live_server.url}{path}")
            assert _overflow(page) <= 0, f"{path} is wider than {WIDTH} px for {username}"
            if username == "bella-buyer":  # once: the pages are the same for every reader
                results = Axe().run(
                    page,
                    options={"runOnly": {"type": "tag", "values": AXE_TAGS}},
                )
                assert results.violations_count == 0, results.generate_report()
        open_menu(page)
        page.locator("header").get_by_role("button", name="Sign out").click()
        page.wait_for_url(f"{live_server.url}/accounts/login/")
