"""A factory grants a buyer third-party access; the buyer then finds it, opens it and downloads
the supplier list, in Chromium."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from factories.models import ThirdPartyAccess
from tests.browser import browser_page, reads_english, sign_in
from tests.conftest import Cast

__all__ = ["browser_page"]  # the fixture, imported for pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_lets_a_factory_grant_access_and_the_buyer_find_and_download_it(
    browser_page: Any, live_server: Any, cast: Cast, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page = browser_page
    reads_english(cast.factory_user)
    # The factory user grants Contoso Retail access from the "Third-party access" page.
    sign_in(page, live_server, cast.factory_user.username)
    page.get_by_role("link", name="Third-party access").click()
    page.wait_for_url(f"**/buyers/access/{cast.factory.pk}/")
    page.get_by_label("Buyer", exact=True).select_option(label="Contoso Retail")
    page.get_by_role("button", name="Grant access").click()
    expect(page.locator(".message.success")).to_contain_text("Contoso Retail now has")
    expect(page.get_by_role("button", name="Revoke access of Contoso Retail")).to_be_visible()
    assert ThirdPartyAccess.objects.filter(
        factory=cast.factory, buyer=cast.outsider_buyer, revoked_at=None
    ).exists()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")

    # The buyer signs in, searches its suppliers and opens the factory.
    sign_in(page, live_server, cast.outsider_buyer_user.username)
    page.get_by_role("link", name="Suppliers").click()
    page.wait_for_url("**/buyers/suppliers/")
    page.get_by_label("Name contains", exact=True).fill("dhaka")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/buyers/suppliers/?*search=dhaka*")
    expect(page.locator("table.suppliers tbody tr")).to_have_count(1)
    page.get_by_role("link", name=cast.factory.name).click()
    page.wait_for_url(f"**/buyers/suppliers/{cast.factory.pk}/")
    expect(page.get_by_role("heading", name=cast.factory.name)).to_be_visible()
    expect(page.get_by_role("heading", name="Progress towards the criteria")).to_be_visible()

    # Back to the list, and download the current view as CSV.
    page.go_back()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("suppliers-")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Factory"
    assert [row[0] for row in rows[1:]] == [cast.factory.name]
