"""A programme manager reads the evidence of a grant request and approves it, in Chromium."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from differentiation.models import ApprovalRequest, FormalNote
from factories import services as factory_services
from factories.vocabulary import Stage
from tests.browser import browser_page, sign_in
from tests.conftest import Cast
from tests.i18n.note_helpers import pdftotext
from tests.pages.pm_helpers import make_eligible

__all__ = ["browser_page"]  # the fixture, imported for pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_lets_a_pm_read_the_evidence_and_approve(
    browser_page: Any, live_server: Any, cast: Cast, mailoutbox: list[Any]
) -> None:
    from playwright.sync_api import expect

    request = make_eligible(cast.factory, by=cast.ea)
    factory_services.user_details_set(
        user=cast.pm, first_name="Alice", last_name="Rahman", title="Country programme manager"
    )
    page = browser_page
    sign_in(page, live_server, cast.pm.username)

    page.goto(f"{live_server.url}{reverse('differentiation:queue')}")
    expect(page.get_by_role("heading", name="Approval requests")).to_be_visible()
    page.get_by_role("link", name=cast.factory.name).click()
    page.wait_for_url(f"**{reverse('differentiation:request', args=[request.pk])}")

    criteria = page.locator("#criteria-title + p + .criteria > li")
    expect(criteria).to_have_count(5)
    expect(page.get_by_text("Compliance with publicly reported issues")).to_be_visible()
    expect(page.get_by_text("Effective social dialogue")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"No non-compliance on publicly reported questions"))
    ).to_be_visible()
    expect(page.locator(".result-badge-met")).to_have_count(5)

    page.get_by_role("button", name="Approve high-performing status").click()
    # The confirmation step: what will happen, nothing decided yet.
    expect(
        page.get_by_role("heading", name=re.compile("Approve high-performing status for"))
    ).to_be_visible()
    expect(page.locator("#confirm-effects")).to_contain_text("A formal note is issued")
    assert ApprovalRequest.objects.get(pk=request.pk).status == "pending"
    # The confirmation page fits a phone and passes axe-core.
    page.set_viewport_size({"width": 390, "height": 800})
    overflow = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('main, main *')]"
        ".map(e => e.getBoundingClientRect().right)) - window.innerWidth"
    )
    assert overflow <= 0, "the confirmation page is wider than 390 px"
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Yes, approve").click()
    page.wait_for_url(f"**{reverse('differentiation:request', args=[request.pk])}")
    expect(page.locator(".message.success")).to_contain_text("is now High-performing")
    expect(page.locator(".decision-card")).to_contain_text("Approved")
    expect(page.get_by_role("button", name="Approve high-performing status")).to_have_count(0)
    expect(page.locator(".stage-high_performing").first).to_be_visible()

    cast.factory.refresh_from_db()
    assert cast.factory.stage == Stage.HIGH_PERFORMING
    assert ApprovalRequest.objects.get(pk=request.pk).status == "approved"
    assert FormalNote.objects.filter(factory=cast.factory).exists()  # issued on commit
    page.reload()
    expect(page.get_by_role("link", name=re.compile("Formal note of"))).to_be_visible()
    # The history names her by name and title; the note is signed with them.
    expect(page.locator(".history")).to_contain_text(
        "Alice Rahman, Country programme manager approved the request"
    )
    note = FormalNote.objects.get(factory=cast.factory)
    text = " ".join(pdftotext(bytes(note.pdf)).split())
    assert "Alice Rahman, Country programme manager, Better Work Bangladesh" in text
    assert cast.pm.username not in text
