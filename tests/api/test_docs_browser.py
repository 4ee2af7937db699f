"""The browsable API docs load in a browser under the strict CSP ('self' only)."""

from __future__ import annotations

from typing import Any

import pytest

from tests import makers
from tests.browser import browser_page, sign_in

__all__ = ["browser_page"]  # the fixture, imported for pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_loads_the_api_docs_in_a_browser(browser_page: Any, live_server: Any) -> None:
    makers.make_pm(username="docs-pm")
    sign_in(browser_page, live_server, "docs-pm")
    browser_page.goto(f"{live_server.url}/api/v1/docs/")
    browser_page.wait_for_selector("text=/api/v1/assessments/")
    assert browser_page.locator(".opblock").count() > 10
