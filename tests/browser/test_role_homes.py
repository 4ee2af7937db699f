"""Each role signs in through the real sign-in page and lands on its own home page."""

from __future__ import annotations

import pytest

from tests.browser import browser_page, reads_english, sign_in  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOMES = [
    ("alice-pm", "Programme manager", "Decisions waiting for you"),
    ("erin-ea", "Enterprise advisor", "Your factories"),
    ("fiona-factory", "Dhaka Knitwear Ltd", "Where you stand"),
    ("bella-buyer", "Northwind Apparel", "Suppliers"),
]


def test_it_shows_every_role_its_own_home_page(browser_page, live_server, cast) -> None:  # noqa: F811
    page = browser_page
    reads_english(cast.factory_user)
    page.goto(f"{live_server.url}/factories/")
    assert "/accounts/login/" in page.url  # anonymous visitors only see the sign-in page
    for username, heading, section in HOMES:
        sign_in(page, live_server, username)
        assert page.locator("h1").first.inner_text().strip().startswith(heading)
        assert page.get_by_text(section).first.is_visible()
        page.click("text=Sign out")
        page.wait_for_url(f"{live_server.url}/accounts/login/")
