"""Phones, keyboards and forms (issue 14, points 5 and 6): the navigation is a menu on a phone
and a bar on a laptop, a skip link leads to the content, the focus is always visible, targets
are at least 24 px, the buyer's supplier table fits its card at 1,280 px, and a form's errors are
announced and tied to their fields."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.browser import browser_page, sign_in  # noqa: F401  (the fixture)
from tests.browser.a11y_support import (
    LAPTOP,
    LOGINS,
    PHONE,
    axe_violations,
    overflow,
    seed_small_programme,
)
from tests.conftest import Cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAST_HASHING = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Overrides conftest's: the demo's logins carry a cheap PBKDF2 hash."""
    settings.PASSWORD_HASHERS = FAST_HASHING


def test_the_navigation_is_a_menu_on_a_phone_and_a_bar_on_a_laptop(
    browser_page: Any,  # noqa: F811
    live_server: Any,
    cast: Cast,
) -> None:
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, cast.pm.username)
    nav = page.get_by_role("navigation", name="Main")
    menu = page.locator(".navmenu > summary")
    expect(menu).to_be_visible()
    expect(nav.get_by_role("link", name="Approvals")).to_be_hidden()
    assert menu.bounding_box()["height"] >= 24
    menu.click()
    expect(nav.get_by_role("link", name="Approvals")).to_be_visible()
    links = nav.get_by_role("link").all()
    assert all(link.bounding_box()["height"] >= 24 for link in links)
    # The open menu covers the page but does not widen it.
    assert not overflow(page)
    nav.get_by_role("link", name="Approvals").click()
    page.wait_for_url(f"{live_server.url}/differentiation/approvals/")
    expect(nav.get_by_role("link", name="Pipeline")).to_be_hidden()  # closed on the next page

    page.set_viewport_size(LAPTOP)
    expect(menu).to_be_hidden()
    expect(nav.get_by_role("link", name="Pipeline")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_a_skip_link_is_the_first_stop_of_the_keyboard_and_leads_to_the_content(
    browser_page: Any,  # noqa: F811
    live_server: Any,
    cast: Cast,
) -> None:
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, cast.ea.username)
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).not_to_be_in_viewport()  # out of sight until it has the focus
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the content, past the header
    assert page.evaluate("!!document.activeElement.closest('main')")


FOCUS_JS = """() => {
  const el = document.activeElement;
  if (el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    what: el.outerHTML.slice(0, 80),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""


@pytest.mark.parametrize("width", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_every_control_reached_by_the_keyboard_shows_its_focus(
    browser_page: Any,  # noqa: F811
    live_server: Any,
    cast: Cast,
    width: dict[str, int],
) -> None:
    page = browser_page
    page.set_viewport_size(width)
    sign_in(page, live_server, cast.pm.username)
    page.goto(f"{live_server.url}/differentiation/approvals/")
    unseen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_JS)
        if state and not state["outline"]:
            unseen.append(state["what"])
    assert not unseen, "no visible focus on:\n" + "\n".join(unseen)


def test_the_buyer_supplier_table_fits_its_card_on_a_laptop_and_a_phone(
    browser_page: Any,  # noqa: F811
    live_server: Any,
) -> None:
    seed_small_programme()
    page = browser_page
    sign_in(page, live_server, LOGINS["buyer"])
    for size in (LAPTOP, PHONE):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/buyers/suppliers/")
        fits = page.evaluate(
            """() => {
              const table = document.querySelector('table.suppliers');
              const card = table.closest('.card');
              const t = table.getBoundingClientRect(), c = card.getBoundingClientRect();
              return t.left >= c.left - 1 && t.right <= c.right + 1
                && card.scrollWidth <= card.clientWidth;
            }"""
        )
        assert fits, f"the supplier table overflows its card at {size['width']} px"
        assert not overflow(page)


@pytest.fixture
def allowed_console_errors() -> list[str]:
    return ["status of 400 (Bad Request)"]  # the refused forms below answer 400


def test_form_errors_are_announced_and_tied_to_their_fields(
    browser_page: Any,  # noqa: F811
    live_server: Any,
    cast: Cast,
) -> None:
    page = browser_page
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, cast.ea.username)

    # A workspace form sent empty: the summary is an alert naming the field, linked to it.
    page.goto(f"{live_server.url}/factories/{cast.factory.pk}/committee/members/add/")
    page.get_by_role("button", name="Save").click()
    summary = page.get_by_role("alert")
    expect(summary.first).to_be_visible()
    name = page.locator("#id_name")
    expect(name).to_have_attribute("aria-invalid", "true")
    described = name.get_attribute("aria-describedby") or ""
    texts = [page.locator(f"#{ident}").inner_text() for ident in described.split()]
    assert any("required" in text for text in texts), texts
    summary.first.get_by_role("link").first.click()
    expect(name).to_be_focused()
    assert axe_violations(page) == []

    # The import page's file input has a label; sending no file is an error tied to it.
    page.goto(f"{live_server.url}/assessments/import/")
    upload = page.get_by_label("Assessment file")
    expect(upload).to_be_visible()
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(upload).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []


def test_stage_and_result_badges_carry_words_not_colour_alone(
    browser_page: Any,  # noqa: F811
    live_server: Any,
) -> None:
    seed_small_programme()
    pm = User.objects.get(username=LOGINS["pm"])
    page = browser_page
    sign_in(page, live_server, pm.username)
    for path in ("/", "/differentiation/pipeline/", "/differentiation/approvals/"):
        page.goto(live_server.url + path)
        badges = page.locator(".stage, .badge, .status, .result-badge")
        assert badges.count(), path
        words = [text.strip() for text in badges.all_inner_texts()]
        assert all(words), f"a badge without a word on {path}: {words}"
