"""An enterprise advisor enters an assessment in Chromium: answers saved as she goes, kept on
reload, the management systems filled, reviewed and finalised."""

from __future__ import annotations

from typing import Any

import pytest

from assessments.models import Assessment, Cluster, Question
from tests.browser import browser_page, sign_in
from tests.conftest import Cast

__all__ = ["browser_page"]  # the fixture, imported for pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _row(page: Any, code: str) -> Any:
    return page.locator(f'[id="q-{code}"]')


def test_it_lets_an_ea_enter_findings_come_back_and_finalise(
    browser_page: Any, live_server: Any, cast: Cast
) -> None:
    from playwright.sync_api import expect

    first, second = Cluster.objects.order_by("order")[:2]
    in_first = Question.objects.filter(compliance_point__cluster=first).order_by("code")[0].code
    in_second = Question.objects.filter(compliance_point__cluster=second).order_by("code")[0].code
    page = browser_page
    sign_in(page, live_server, cast.ea.username)

    # From the home page: start an assessment of her factory, with the proposed cycle and date.
    page.locator("#factories tr", has_text=cast.factory.name).get_by_role(
        "link", name="New assessment"
    ).click()
    page.get_by_role("button", name="Start the draft").click()
    page.wait_for_url("**/assessments/*/")
    assessment = Assessment.objects.get(factory=cast.factory)

    # A non-compliance with a note in the first cluster: saved row by row, no reload.
    row = _row(page, in_first)
    row.get_by_label("Non-compliant").check()
    expect(row.locator(".qstatus .saved")).to_be_visible()
    row.get_by_placeholder("Note").fill("Two workers under 15 on the sewing line")
    row.get_by_placeholder("Note").press("Tab")
    expect(page.locator(f'[id="summary-progress-{first.code}"]')).to_contain_text("1 non-compliant")

    # The second cluster is collapsed: open it and answer there too.
    page.locator(f"#cluster-{second.code} > summary").click()
    row = _row(page, in_second)
    row.get_by_label("Non-compliant").check()
    expect(row.locator(".qstatus .saved")).to_be_visible()
    expect(page.locator("#progress-total")).to_contain_text("2 non-compliant")

    # Come back later: everything is kept.
    page.reload()
    expect(_row(page, in_first).get_by_label("Non-compliant")).to_be_checked()
    expect(_row(page, in_first).get_by_placeholder("Note")).to_have_value(
        "Two workers under 15 on the sewing line"
    )
    page.locator(f"#cluster-{second.code} > summary").click()
    expect(_row(page, in_second).get_by_label("Non-compliant")).to_be_checked()

    # The 13 management-system elements, one click each.
    elements = page.locator("#elements .choicerow")
    expect(elements).to_have_count(13)
    for index in range(13):
        element = elements.nth(index)
        element.get_by_label("Satisfied", exact=True).check()
        expect(element.locator(".qstatus .saved")).to_be_visible()

    # Review, confirm, finalise: the assessment becomes read-only. The questions she did not
    # answer are recorded compliant only by saying so.
    total = Question.objects.count()
    page.get_by_role("link", name="Review and finalise").click()
    expect(page.locator("#missing")).to_contain_text(
        f"{total - 2} of {total} questions are not answered yet"
    )
    expect(page.get_by_role("heading", name="Non-compliances (2)")).to_be_visible()
    page.get_by_role("button", name="Finalise the assessment").click()
    # The confirmation is required: the browser refuses to submit without it.
    assert page.url.endswith("/review/")
    page.get_by_label("I confirm").check()
    page.get_by_label("Every question not yet answered is compliant").check()
    page.get_by_role("button", name="Finalise the assessment").click()
    expect(page.locator(".message.success")).to_contain_text("finalised")
    expect(page.get_by_text("This assessment is finalised and read-only.")).to_be_visible()

    assessment.refresh_from_db()
    assert assessment.status == "finalised"
    assert assessment.finalised_by == cast.ea
    assert set(
        assessment.findings.filter(non_compliant=True).values_list("question__code", flat=True)
    ) == {in_first, in_second}
    assert assessment.management_systems.filter(satisfied=True).count() == 13
