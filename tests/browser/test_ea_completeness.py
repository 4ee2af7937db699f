"""An enterprise advisor in Chromium tries to finalise an incomplete assessment, is refused with
the count and the first unanswered question named, marks one cluster compliant in bulk after a
confirmation, and finalises with the explicit act for the rest of the assessment."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from assessments import services
from assessments.models import Assessment, BulkAnswer, Cluster, Question
from tests.browser import browser_page, sign_in
from tests.conftest import Cast
from tests.entry.entry_helpers import fill_elements

__all__ = ["browser_page"]  # the fixture, imported for pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_refuses_blanks_and_records_the_bulk_acts_explicitly(
    browser_page: Any, allowed_console_errors: list[str], live_server: Any, cast: Cast
) -> None:
    from playwright.sync_api import expect

    assessment = services.assessment_start(
        factory=cast.factory, actor=cast.ea, cycle=1, visit_date=datetime.date(2024, 3, 12)
    )
    fill_elements(assessment, cast.ea)
    cluster = Cluster.objects.order_by("order").first()
    in_cluster = list(
        Question.objects.filter(compliance_point__cluster=cluster)
        .order_by("compliance_point__order", "order", "code")
        .values_list("code", flat=True)
    )
    total = Question.objects.count()
    page = browser_page
    sign_in(page, live_server, cast.ea.username)

    # One non-compliance, answered row by row.
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    row = page.locator(f'[id="q-{in_cluster[0]}"]')
    row.get_by_label("Non-compliant").check()
    expect(row.locator(".qstatus .saved")).to_be_visible()
    expect(page.locator("#unanswered-total")).to_contain_text(f"{total - 1} unanswered")

    # Finalising now is refused: how many are missing, and the first one named (a 400).
    allowed_console_errors.append(
        f"status of 400 (Bad Request) ({live_server.url}/assessments/{assessment.pk}/review/)"
    )
    page.get_by_role("link", name="Review and finalise").click()
    page.get_by_label("I confirm").check()
    page.get_by_role("button", name="Finalise the assessment").click()
    refusal = page.locator(".errorlist")
    expect(refusal).to_contain_text("The assessment cannot be finalised yet.")
    expect(refusal).to_contain_text(
        f"{total - 1} of {total} questions are not answered yet, the first: {in_cluster[1]} ("
    )
    assessment.refresh_from_db()
    assert assessment.status == "draft"

    # Mark the rest of the first cluster compliant: a confirmation first, with the count.
    page.get_by_role("link", name="Back to the answers").click()
    count = len(in_cluster) - 1
    page.locator(f"#cluster-actions-{cluster.code}").get_by_role(
        "link", name=f"Mark the {count} unanswered questions of {cluster.name} compliant"
    ).click()
    expect(page.locator("#bulk-count")).to_contain_text(f"This sets {count} answers to compliant.")
    assert not BulkAnswer.objects.exists()  # nothing before the confirmation
    page.get_by_role("button", name=f"Yes, mark {count} answers compliant").click()
    expect(page.locator(".message.success")).to_contain_text(
        f"{count} answers recorded as compliant, in bulk."
    )
    expect(page.locator(f'[id="summary-progress-{cluster.code}"]')).to_contain_text(
        f"{len(in_cluster)} of {len(in_cluster)} answered"
    )

    # Finalise with the explicit act for every question still unanswered.
    rest = total - len(in_cluster)
    page.get_by_role("link", name="Review and finalise").click()
    expect(page.locator("#count-in-bulk")).to_have_text(str(count))
    expect(page.locator("#count-unanswered")).to_have_text(str(rest))
    page.get_by_label(f"Every question not yet answered is compliant ({rest} answers).").check()
    page.get_by_label("I confirm").check()
    page.get_by_role("button", name="Finalise the assessment").click()
    expect(page.locator(".message.success")).to_contain_text("finalised")
    expect(page.locator("#answers")).to_contain_text(
        f"1 answered one by one, {total - 1} in bulk, 0 not applicable of {total}"
    )

    assessment = Assessment.objects.get(pk=assessment.pk)
    assert assessment.status == "finalised"
    acts = list(BulkAnswer.objects.order_by("id").values_list("cluster__code", "count", "actor"))
    assert acts == [(cluster.code, count, cast.ea.pk), (None, rest, cast.ea.pk)]
    assert assessment.findings.count() == total
