"""Every page of every role, on a phone, in English, Arabic and Vietnamese: zero axe-core
violations (WCAG 2.2 AA tags), no horizontal scroll of the page at 390 px, and in Arabic and
Vietnamese no English sentence of the UI's catalogue left on the page (issue 14).

One browser per role, reused across its pages; the pages are those reachable by links from the
home page (see tests/browser/a11y_support.py), plus the detail pages the crawl must include.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from assessments.models import Assessment
from assessments.vocabulary import Status
from tests.browser import browser_page, sign_in  # noqa: F401  (the fixture)
from tests.browser.a11y_support import (
    LAPTOP,
    LOGINS,
    PHONE,
    Report,
    check_page,
    crawl,
    seed_small_programme,
    set_language,
    shape,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOGIN = "/accounts/login/"

# The demo's logins are hashed with a cheap PBKDF2 that the default hasher checks.
FAST_HASHING = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# Pages a role must see among those crawled (URL shapes): the main detail pages.
EXPECTED = {
    "pm": [
        "/differentiation/approvals/",
        "/differentiation/approvals/N/",
        "/differentiation/pipeline/",
        "/factories/",
        "/factories/N/",
        "/factories/N/committee/",
        "/assessments/import/",
        "/buyers/overviews/",
        "/factories/survey/results/",
    ],
    "ea": [
        "/factories/",
        "/factories/N/",
        "/factories/N/road-map/",
        "/factories/N/improvement-plan/",
        "/assessments/N/",
        "/assessments/import/",
    ],
    "factory": [
        "/factories/N/",
        "/factories/N/committee/",
        "/factories/N/benefits/",
        "/buyers/access/N/",
        "/factories/N/survey/",
    ],
    "buyer": [
        "/buyers/suppliers/",
        "/buyers/suppliers/N/",
        "/buyers/overviews/",
        "/buyers/overviews/N/",
        "/factories/survey/buyer/",
    ],
}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Overrides conftest's: MD5 alone cannot check the demo's (cheap) PBKDF2 hashes."""
    settings.PASSWORD_HASHERS = FAST_HASHING


def extra_pages(role: str) -> list[str]:
    """Detail pages a link may not lead to from the first pages found: the EA's draft entry and
    its review."""
    if role != "ea":
        return []
    draft = Assessment.objects.get(status=Status.DRAFT)
    return [f"/assessments/{draft.pk}/", f"/assessments/{draft.pk}/review/"]


@pytest.mark.parametrize("role", list(LOGINS))
def test_every_page_of_the_role_passes_axe_and_fits_a_phone_in_english_and_arabic(
    role: str,
    browser_page: Any,  # noqa: F811
    live_server: Any,
) -> None:
    seed_small_programme()
    user = User.objects.get(username=LOGINS[role])
    page = browser_page
    page.set_viewport_size(PHONE)
    origin = live_server.url
    report = Report()

    for language in ("en", "ar", "vi"):
        set_language(user, language)
        page.context.clear_cookies()
        page.context.add_cookies([{"name": "django_language", "value": language, "url": origin}])
        # The sign-in page, before anyone signs in: in the language of the visitor's cookie.
        page.set_viewport_size(PHONE)
        report.pages += 1
        where = f"[{role} {language} 390]"
        report.add(f"{where} sign-in", check_page(page, origin + LOGIN, language=language))
        sign_in(page, live_server, user.username)
        if language == "en":
            paths = crawl(page, origin, extra_pages(role))
            missing = sorted(set(EXPECTED[role]) - {shape(p) for p in paths})
            assert not missing, f"{role} did not reach {missing}; found {paths}"
        # On a phone in both languages; on a laptop too in English (the menu is a bar there).
        for size in (PHONE, LAPTOP) if language == "en" else (PHONE,):
            page.set_viewport_size(size)
            where = f"[{role} {language} {size['width']}]"
            for path in paths:
                report.pages += 1
                report.add(f"{where} {path}", check_page(page, origin + path, language=language))

    if report.problems:
        pytest.fail(str(report), pytrace=False)
