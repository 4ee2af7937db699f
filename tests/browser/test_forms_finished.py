"""Forms that look finished, in Chromium at a phone's width: the committee form passes axe-core
before and after a failed submit (the error beside its field), and the entry page's sidebar
counter of additional questions follows each answer as htmx saves it."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from factories.vocabulary import Stage
from tests.browser import browser_page, sign_in
from tests.conftest import Cast
from tests.entry.entry_helpers import draft

__all__ = ["browser_page"]  # the fixture, imported for pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _fits_and_passes_axe(page: Any) -> None:
    overflow = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('main form, main form *')]"
        ".map(e => e.getBoundingClientRect().right)) - window.innerWidth"
    )
    assert overflow <= 0, f"{page.url} is wider than {WIDTH} px"
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_the_committee_form_reads_well_and_shows_errors_beside_fields(
    browser_page: Any, allowed_console_errors: list[str], live_server: Any, cast: Cast
) -> None:
    from playwright.sync_api import expect

    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, live_server, cast.ea.username)
    page.goto(f"{live_server.url}/factories/{cast.factory.pk}/committee/members/add/")
    expect(page.get_by_label("Side")).to_have_value("")
    expect(page.get_by_label("Elected by the workers")).not_to_be_checked()
    _fits_and_passes_axe(page)
    page.get_by_label("Side").select_option(label="Workers")
    # The refused form comes back as a 400, which Chromium logs.
    allowed_console_errors.append("status of 400 (Bad Request)")
    page.locator("section.ws-form button.primary").click()
    name = page.get_by_label("Full name")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_name_error")).to_be_visible()
    _fits_and_passes_axe(page)


def test_the_sidebar_counter_follows_the_additional_questions(
    browser_page: Any, live_server: Any, cast: Cast
) -> None:
    from playwright.sync_api import expect

    cast.factory.stage = Stage.CANDIDATE
    cast.factory.save()
    assessment = draft(cast)
    page = browser_page
    sign_in(page, live_server, cast.ea.username)
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    counter = page.locator("#progress-additional-nav")
    expect(counter).to_have_text("0/6")
    rows = page.locator("#additional .choicerow")
    for index in range(2):
        rows.nth(index).get_by_label("Met", exact=True).check()
        expect(counter).to_have_text(f"{index + 1}/6")
    page.locator("#elements .choicerow").first.get_by_label("Satisfied", exact=True).check()
    expect(page.locator("#progress-elements-nav")).to_have_text("1/13")
