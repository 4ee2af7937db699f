"""The factory user's day, in Chromium at a phone's width: it opens its latest assessment, reads
it as a report, downloads its PDF, opens its progress report and downloads its formal note;
every page fits 390 px and passes axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import browser_page, sign_in
from tests.conftest import Cast
from tests.records.conftest import Records

__all__ = ["browser_page"]  # the fixture, imported for pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _fits_and_passes_axe(page: Any, *parts: str) -> None:
    """The page does not scroll sideways on a phone, and axe finds no violation in `parts` (CSS
    selectors; default the whole page)."""
    wide = page.evaluate(
        "() => [...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        ".map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{page.url} is wider than {WIDTH} px: {wide}"
    )
    context = {"include": [[part] for part in parts]} if parts else None
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    results = Axe().run(page, context=context, options=options)
    assert results.violations_count == 0, results.generate_report()


def test_the_factory_user_opens_its_latest_assessment_its_report_and_its_formal_note(
    browser_page: Any, live_server: Any, cast: Cast, records: Records
) -> None:
    from playwright.sync_api import expect

    cast.factory_user.profile.language = "en"  # the user's own choice: English
    cast.factory_user.profile.save(update_fields=["language"])
    page = browser_page
    page.set_viewport_size({"width": WIDTH, "height": 800})
    sign_in(page, live_server, cast.factory_user.username)

    # Its home shows its latest records and its formal note.
    expect(page.locator("#formal-notes")).to_be_visible()
    _fits_and_passes_axe(page, "#latest-records", "#formal-notes")
    # The latest assessment, as a report whose numbers are the data.
    page.locator("#latest-records").get_by_role("link", name="Assessment, cycle 1").click()
    page.wait_for_url(f"**/assessments/{records.finalised.pk}/record/")
    expect(page.get_by_test_id("record-non-compliances")).to_have_text("3")
    expect(page.locator("#remediation")).to_contain_text("Minors removed, paid")
    _fits_and_passes_axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith("-cycle-1.pdf")

    # Every record of the factory, one tab away: the finalised ones (the draft is the staff's).
    page.get_by_role("link", name="Assessments and reports").click()
    page.wait_for_url(f"**/factories/{cast.factory.pk}/records/")
    expect(page.locator("#assessments tbody tr")).to_have_count(1)
    _fits_and_passes_axe(page)

    # Its progress report.
    page.locator("#progress-reports").get_by_role("link", name="PR2, cycle 1", exact=True).click()
    page.wait_for_url(f"**/assessments/progress-reports/{records.report.pk}/record/")
    expect(page.locator("#items")).to_contain_text("5 of 6 items on track.")
    _fits_and_passes_axe(page)

    # Its formal note.
    page.go_back()
    with page.expect_download() as download:
        page.locator("#formal-notes").get_by_role("link").first.click()
    assert download.value.suggested_filename.startswith("formal-note-")
