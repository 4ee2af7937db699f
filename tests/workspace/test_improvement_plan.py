"""The improvement plan: opened from findings when an assessment is finalised, worked by the
factory, confirmed by the EA; its progress towards full compliance on public-reporting issues."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.services import FindingInput
from tests import makers
from tests.conftest import Cast, client_as
from tests.workspace.conftest import FIRST_VISIT, make_plan
from workspace import selectors
from workspace import services as workspace
from workspace.models import ImprovementPlanItem


def test_it_opens_an_item_for_each_publicly_reported_non_compliance_on_finalise(
    cast: Cast,
) -> None:
    assessment = makers.make_assessment(
        cast.factory,
        by=cast.ea,
        visit_date=FIRST_VISIT,
        findings=[
            FindingInput(question="CL-1.1"),  # publicly reported
            FindingInput(question="CL-1.2"),  # not publicly reported
            FindingInput(question="CL-2.1", non_compliant=False),
        ],
    )
    items = ImprovementPlanItem.objects.filter(factory=cast.factory)
    assert [i.question.code for i in items] == ["CL-1.1"]
    assert items[0].assessment == assessment
    assert items[0].status == "pending"


def test_it_opens_nothing_for_a_draft(cast: Cast) -> None:
    makers.make_assessment(
        cast.factory, by=cast.ea, findings=[FindingInput(question="CL-1.1")], finalise=False
    )
    assert not ImprovementPlanItem.objects.exists()


def test_it_opens_each_item_once(cast: Cast) -> None:
    [item] = make_plan(cast)
    again = workspace.improvement_plan_open_for(assessment=item.assessment)
    assert again == []
    assert ImprovementPlanItem.objects.count() == 1


def test_it_waits_for_the_ea_to_confirm_a_completed_item(cast: Cast) -> None:
    [item] = make_plan(cast)
    with pytest.raises(ValidationError) as refused:
        workspace.improvement_plan_item_update(
            item=item,
            actor=cast.factory_user,
            action="",
            responsible="",
            deadline=None,
            status="completed",
        )
    assert "action" in refused.value.message_dict
    item = workspace.improvement_plan_item_update(
        item=item,
        actor=cast.factory_user,
        action="Age verification at recruitment",
        responsible="HR manager",
        deadline=None,
        status="completed",
    )
    assert item.awaiting_confirmation
    plan = selectors.improvement_plan_for(cast.factory)
    assert (plan.summary.awaiting_confirmation, plan.summary.confirmed, plan.summary.percent) == (
        1,
        0,
        0,
    )
    with pytest.raises(PermissionDenied):
        workspace.improvement_plan_item_confirm(item=item, actor=cast.factory_user)
    item = workspace.improvement_plan_item_confirm(item=item, actor=cast.ea)
    assert item.confirmed_by == cast.ea and item.is_closed
    plan = selectors.improvement_plan_for(cast.factory)
    assert (plan.summary.confirmed, plan.summary.total, plan.summary.percent) == (1, 1, 100)
    with pytest.raises(ValidationError):
        workspace.improvement_plan_item_update(
            item=item,
            actor=cast.factory_user,
            action="x",
            responsible="",
            deadline=None,
            status="pending",
        )


def test_it_refuses_to_confirm_an_item_not_completed(cast: Cast) -> None:
    [item] = make_plan(cast)
    with pytest.raises(ValidationError):
        workspace.improvement_plan_item_confirm(item=item, actor=cast.ea)


def test_it_counts_progress_per_compliance_point(cast: Cast) -> None:
    items = make_plan(cast, ("CL-1.1", "DI-3.1", "DI-3.2"))
    assert len(items) == 3
    first = items[0]
    workspace.improvement_plan_item_update(
        item=first,
        actor=cast.factory_user,
        action="Fixed",
        responsible="HR",
        deadline=None,
        status="completed",
    )
    workspace.improvement_plan_item_confirm(item=first, actor=cast.ea)
    plan = selectors.improvement_plan_for(cast.factory)
    assert plan.summary.percent == 33
    per_point = {row["compliance_point"].code: row["summary"] for row in plan.by_compliance_point}
    point = first.question.compliance_point.code
    assert per_point[point].confirmed == 1
    assert sum(s.total for s in per_point.values()) == 3


def test_it_updates_an_item_in_place_with_htmx(cast: Cast) -> None:
    [item] = make_plan(cast)
    prefix = f"item-{item.pk}"
    response = client_as(cast.factory_user).post(
        f"/factories/{cast.factory.pk}/improvement-plan/{item.pk}/edit/",
        {f"{prefix}-action": "Checks", f"{prefix}-status": "in_progress"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="item-{item.pk}"')
    assert 'id="plan-summary"' in html and 'hx-swap-oob="true"' in html


def test_it_shows_the_plan_with_its_progress(cast: Cast) -> None:
    make_plan(cast, ("CL-1.1", "DI-1.1"))
    html = (
        client_as(cast.factory_user)
        .get(f"/factories/{cast.factory.pk}/improvement-plan/")
        .content.decode()
    )
    assert "CL-1.1" in html and "DI-1.1" in html
    assert "0 of 2 confirmed" in html
