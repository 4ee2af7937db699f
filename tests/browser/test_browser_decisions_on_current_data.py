"""In Chromium: a PM is stopped from approving on stale data before clicking; an EA records a
zero-tolerance remediation on a finalised assessment; a buyer sees the PM's decision only."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from assessments import services as assessment_services
from differentiation.evaluation import factory_evaluate
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers
from tests.browser import browser_page, sign_in
from tests.conftest import Cast, shown
from tests.pages.pm_helpers import make_eligible

__all__ = ["browser_page"]  # the fixture, imported for pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_pm_sees_the_request_is_not_on_current_data_before_clicking(
    browser_page: Any, live_server: Any, cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    from playwright.sync_api import expect

    from differentiation import tasks

    request = make_eligible(cast.factory, by=cast.ea)
    # A PR2 finalised while the broker is down: its evaluation has not run yet.
    with monkeypatch.context() as broker_down:
        broker_down.setattr(tasks.evaluate_factory, "apply_async", lambda *a, **k: None)
        makers.make_report(
            cast.factory, by=cast.ea, cycle=2, release_date=datetime.date(2025, 11, 20)
        )
    page = browser_page
    sign_in(page, live_server, cast.pm.username)
    url = f"{live_server.url}{reverse('differentiation:request', args=[request.pk])}"
    page.goto(url)
    expect(page.locator("#stale-data")).to_contain_text("Decide once the re-evaluation is done")
    expect(page.get_by_role("button", name="Approve high-performing status")).to_be_disabled()
    # The re-evaluation runs (the sweep); the request rests on it and can be approved.
    factory_evaluate(factory_id=cast.factory.pk, trigger="sweep")
    page.reload()
    expect(page.locator("#stale-data")).to_have_count(0)
    page.get_by_role("button", name="Approve high-performing status").click()
    page.get_by_role("button", name="Yes, approve").click()  # the confirmation step
    expect(page.locator(".message.success")).to_contain_text("is now High-performing")


def test_an_ea_records_a_remediation_on_a_finalised_assessment(
    browser_page: Any, live_server: Any, cast: Cast
) -> None:
    from playwright.sync_api import expect

    assessment = makers.make_assessment(
        cast.factory,
        by=cast.ea,
        cycle=1,
        visit_date=datetime.date(2025, 3, 12),
        findings=[assessment_services.FindingInput(question="CT-3.2", non_compliant=True)],
    )
    page = browser_page
    sign_in(page, live_server, cast.ea.username)
    page.goto(f"{live_server.url}{reverse('assessments:entry', args=[assessment.pk])}")
    expect(page.locator("#zt-CT-3\\.2")).to_contain_text("not remediated")
    page.locator("#zt-CT-3\\.2 summary").click()
    page.locator("#zt-CT-3\\.2 input[type=date]").fill("2025-04-02")
    page.locator("#zt-CT-3\\.2 textarea").fill("Supervisor dismissed; policy retrained.")
    page.get_by_role("button", name="Record the remediation of CT-3.2").click()
    expect(page.locator("#zt-CT-3\\.2")).to_contain_text(f"remediated on {shown('2025-04-02')}")
    finding = assessment.findings.get(question__code="CT-3.2")
    assert finding.remediated and finding.remediated_on == datetime.date(2025, 4, 2)


def test_a_buyer_sees_the_decision_not_the_review(
    browser_page: Any, live_server: Any, cast: Cast
) -> None:
    from playwright.sync_api import expect

    Factory.objects.filter(pk=cast.factory.pk).update(stage=Stage.UNDER_REVIEW)
    page = browser_page
    sign_in(page, live_server, cast.buyer_user.username)
    page.goto(f"{live_server.url}/buyers/suppliers/{cast.factory.pk}/")
    expect(page.locator(".stage-high_performing").first).to_have_text("High-performing")
    expect(page.get_by_text("under review", exact=False)).to_have_count(0)
    page.goto(f"{live_server.url}{reverse('factories:progress', args=[cast.factory.pk])}")
    expect(page.locator(".stage-high_performing").first).to_be_visible()
    expect(page.locator(".stage-under_review")).to_have_count(0)
