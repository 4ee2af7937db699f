"""A factory user works the road map and the improvement plan in Chromium, with htmx, and sees
the progress numbers move without leaving the page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import browser_page, reads_english, sign_in
from tests.conftest import Cast
from tests.workspace.conftest import make_plan, make_road_map
from workspace.models import ImprovementPlanItem, RoadMapTarget

__all__ = ["browser_page"]  # the fixture, imported for pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_lets_a_factory_user_edit_a_target_and_a_plan_item_and_see_progress_move(
    browser_page: Any, live_server: Any, cast: Cast
) -> None:
    from playwright.sync_api import expect

    road_map = make_road_map(cast, targets=2)
    target = road_map.targets.order_by("id").first()
    assert target is not None
    [item] = make_plan(cast, ("CL-1.1",))
    reads_english(cast.factory_user)
    page = browser_page
    sign_in(page, live_server, cast.factory_user.username)

    # The home page is the factory's progress, with its workspace tabs.
    expect(page.get_by_role("heading", name="What still stands between you")).to_be_visible()
    page.get_by_role("link", name="Road map").click()
    page.wait_for_url("**/road-map/")
    summary = page.locator("#road-map-summary")
    expect(summary.get_by_test_id("road-map-average")).to_have_text("0 %")

    row = page.locator(f"#target-{target.pk}")
    row.get_by_role("link", name="Edit").click()
    progress = row.get_by_label("Progress (%)")
    expect(progress).to_be_visible()
    progress.fill("60")
    row.get_by_label("Status").select_option("in_progress")
    row.get_by_role("button", name="Save").click()
    expect(row.get_by_test_id("target-progress")).to_have_text("60 %")
    expect(summary.get_by_test_id("road-map-average")).to_have_text("30 %")
    assert page.url.endswith("/road-map/")  # updated in place, no page load
    target = RoadMapTarget.objects.get(pk=target.pk)
    assert (target.progress, target.status) == (60, "in_progress")

    page.get_by_role("link", name="Improvement plan").click()
    page.wait_for_url("**/improvement-plan/")
    plan = page.locator("#plan-summary")
    expect(plan.get_by_test_id("plan-pending")).to_have_text("1")
    expect(plan.get_by_test_id("plan-in-progress")).to_have_text("0")
    item_row = page.locator(f"#item-{item.pk}")
    item_row.get_by_role("link", name="Update").click()
    item_row.get_by_label("Action").fill("Age verification at every recruitment")
    item_row.get_by_label("Status").select_option("completed")
    item_row.get_by_role("button", name="Save").click()
    expect(item_row.get_by_test_id("item-status")).to_have_text("Completed")
    expect(item_row).to_contain_text("Awaiting EA confirmation")
    expect(plan.get_by_test_id("plan-pending")).to_have_text("0")
    expect(plan.get_by_test_id("plan-awaiting")).to_have_text("1")
    expect(plan.get_by_test_id("plan-percent")).to_have_text("0 %")
    item = ImprovementPlanItem.objects.get(pk=item.pk)
    assert item.status == "completed" and item.confirmed_at is None

    # Without a reload the numbers are the database's: reload and check they stay.
    page.reload()
    expect(page.locator("#plan-summary").get_by_test_id("plan-awaiting")).to_have_text("1")
