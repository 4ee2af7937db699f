"""Shared set-up of the factory-workspace tests: clients per persona, a high-performing factory,
a road map with targets and an improvement plan opened from a finalised assessment."""

from __future__ import annotations

import datetime

import pytest

from assessments.services import FindingInput
from differentiation.decisions import approval_decide
from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import Cast
from workspace import services as workspace
from workspace.models import ImprovementPlanItem, RoadMap, RoadMapTarget

FIRST_VISIT = datetime.date(2024, 3, 12)
PR2_RELEASE = datetime.date(2024, 11, 20)
SECOND_VISIT = datetime.date(2025, 3, 18)


def make_high_performing(cast: Cast, factory: Factory | None = None) -> Factory:
    """The journey of tests/test_journey.py up to the PM's approval."""
    factory = factory or cast.factory
    makers.make_assessment(factory, by=cast.ea, cycle=1, visit_date=FIRST_VISIT)
    makers.make_report(factory, by=cast.ea, cycle=1, release_date=PR2_RELEASE)
    factory_evaluate(factory_id=factory.pk, trigger="test")
    makers.make_assessment(factory, by=cast.ea, cycle=2, visit_date=SECOND_VISIT)
    factory_evaluate(factory_id=factory.pk, trigger="test")
    request = ApprovalRequest.objects.get(factory=factory, status="pending")
    approval_decide(request=request, actor=cast.pm, approve=True)
    factory.refresh_from_db()
    assert factory.stage == Stage.HIGH_PERFORMING
    return factory


def make_road_map(cast: Cast, targets: int = 2, cycle: int = 1) -> RoadMap:
    road_map = workspace.road_map_create(factory=cast.factory, actor=cast.ea, cycle=cycle)
    for i in range(targets):
        workspace.road_map_target_add(
            road_map=road_map,
            actor=cast.ea,
            area="grievance" if i % 2 else "public_reporting",
            description=f"Target {i + 1}",
            owner="HR manager",
            due=datetime.date(2026, 6, 30),
        )
    return road_map


def make_plan(
    cast: Cast, questions: tuple[str, ...] = ("CL-1.1",), cycle: int = 1
) -> list[ImprovementPlanItem]:
    """A finalised assessment with non-compliances on publicly reported questions."""
    assessment = makers.make_assessment(
        cast.factory,
        by=cast.ea,
        cycle=cycle,
        visit_date=FIRST_VISIT + datetime.timedelta(days=400 * (cycle - 1)),
        findings=[FindingInput(question=code) for code in questions],
    )
    return list(ImprovementPlanItem.objects.filter(assessment=assessment).order_by("id"))


@pytest.fixture
def road_map(cast: Cast) -> RoadMap:
    return make_road_map(cast)


@pytest.fixture
def target(road_map: RoadMap) -> RoadMapTarget:
    found: RoadMapTarget = road_map.targets.order_by("id").first()  # type: ignore[assignment]
    return found


@pytest.fixture
def plan_item(cast: Cast) -> ImprovementPlanItem:
    return make_plan(cast)[0]
