"""Reads of the improvement plan."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from factories.models import Factory
from workspace.models import (
    ImprovementPlanItem,
)

if TYPE_CHECKING:
    pass


# --- improvement plan ----------------------------------------------------------------------


@dataclass
class PlanSummary:
    total: int
    pending: int
    in_progress: int
    completed: int
    awaiting_confirmation: int
    confirmed: int

    @property
    def percent(self) -> int:
        return round(100 * self.confirmed / self.total) if self.total else 100


def _summarise(items: list[ImprovementPlanItem]) -> PlanSummary:
    statuses = Counter(i.status for i in items)
    confirmed = sum(1 for i in items if i.is_closed)
    return PlanSummary(
        total=len(items),
        pending=statuses[ImprovementPlanItem.Status.PENDING],
        in_progress=statuses[ImprovementPlanItem.Status.IN_PROGRESS],
        completed=statuses[ImprovementPlanItem.Status.COMPLETED],
        awaiting_confirmation=sum(1 for i in items if i.awaiting_confirmation),
        confirmed=confirmed,
    )


def improvement_plan_items(factory: Factory) -> QuerySet[ImprovementPlanItem]:
    return ImprovementPlanItem.objects.filter(factory=factory).select_related(
        "question__compliance_point", "assessment", "confirmed_by", "updated_by"
    )


@dataclass
class Plan:
    items: list[ImprovementPlanItem]
    summary: PlanSummary
    by_compliance_point: list[dict[str, Any]]


def improvement_plan_for(factory: Factory) -> Plan:
    """'Progress towards full compliance with public reporting issues', overall and per CP."""
    items = list(improvement_plan_items(factory))
    points: dict[int, list[ImprovementPlanItem]] = {}
    for item in items:
        points.setdefault(item.question.compliance_point_id, []).append(item)
    ordered = sorted(points.values(), key=lambda rows: rows[0].question.compliance_point.code)
    by_point: list[dict[str, Any]] = [
        {"compliance_point": rows[0].question.compliance_point, "summary": _summarise(rows)}
        for rows in ordered
    ]
    return Plan(items=items, summary=_summarise(items), by_compliance_point=by_point)
