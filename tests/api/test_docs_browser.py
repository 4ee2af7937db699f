"""The browsable API docs load in a browser under the strict CSP ('self' only)."""

from __future__ import annotations

import pytest

from tests import makers
from tests.browser import browser_page, sign_in  # noqa: F401  (the fixture)


@pytest.mark.browser
def test_it_loads_the_api_docs_in_a_browser(browser_page, live_server, transactional_db):  # noqa: F811
    makers.make_pm(username="docs-pm")
    sign_in(browser_page, live_server, "docs-pm")
    browser_page.goto(f"{live_server.url}/api/v1/docs/")
    browser_page.wait_for_selector("text=/api/v1/assessments/")
    assert browser_page.locator(".opblock").count() > 10
