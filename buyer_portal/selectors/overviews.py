"""Quarterly overviews: each supplier's state at the quarter's end, the figures, and what a buyer
(or a PM) sees of one."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from buyer_portal.quarters import Quarter
from buyer_portal.selectors.suppliers import (
    CRITERIA_GROUPS,
    _buyer_stage_label,
    _criteria_of,
    buyer_of,
)
from differentiation import display
from differentiation.models import Evaluation, StageChange
from factories import access
from factories.models import Buyer, Factory, ThirdPartyAccess
from factories.vocabulary import BuyerStage, Role, Stage

if TYPE_CHECKING:
    from buyer_portal.models import QuarterlyOverview


# --- quarterly overviews ------------------------------------------------------------------


def buyers_for_programme_manager(user: Any) -> QuerySet[Buyer]:
    """The buyers with an open grant from a factory in the PM's programmes."""
    if access.role_of(user) != Role.PROGRAMME_MANAGER:
        return Buyer.objects.none()
    return Buyer.objects.filter(
        pk__in=ThirdPartyAccess.objects.filter(
            revoked_at=None, factory__in=access.factories_for(user, access.Action.DECIDE)
        ).values("buyer")
    ).order_by("name")


def overviews_for(user: Any) -> QuerySet[QuarterlyOverview]:
    """A buyer user's own overviews; nobody else's."""
    from buyer_portal.models import QuarterlyOverview

    buyer = buyer_of(user)
    if buyer is None:
        return QuarterlyOverview.objects.none()
    return QuarterlyOverview.objects.filter(buyer=buyer).order_by("-period_end")


def supplier_states_at(buyer: Buyer, cutoff: datetime.datetime) -> dict[int, dict[str, Any]]:
    """Each factory with access open at `cutoff`, its stage and criteria then. Four queries."""
    open_then = ThirdPartyAccess.objects.filter(buyer=buyer, granted_at__lt=cutoff).filter(
        Q(revoked_at__isnull=True) | Q(revoked_at__gte=cutoff)
    )
    factories = list(
        Factory.objects.filter(pk__in=open_then.values("factory"))
        .select_related("programme")
        .annotate(
            stage_then=Coalesce(
                Subquery(
                    StageChange.objects.filter(factory=OuterRef("pk"), created_at__lt=cutoff)
                    .order_by("-created_at", "-id")
                    .values("to_stage")[:1]
                ),
                Value(Stage.NOT_ON_TRACK.value),
            ),
            evaluation_then=Subquery(
                Evaluation.objects.filter(factory=OuterRef("pk"), created_at__lt=cutoff)
                .order_by("-created_at", "-id")
                .values("id")[:1]
            ),
        )
        .order_by("name", "pk")
    )
    ids = [f.evaluation_then for f in factories if f.evaluation_then]
    evaluations = {
        e.pk: e for e in Evaluation.objects.filter(pk__in=ids).only("id", "outcome", "created_at")
    }
    states: dict[int, dict[str, Any]] = {}
    for factory in factories:
        evaluation = evaluations.get(factory.evaluation_then or 0)
        states[factory.pk] = {
            "factory_id": factory.pk,
            "name": factory.name,
            "country": factory.programme.code,
            "stage": BuyerStage.of(factory.stage_then).value,
            "evaluated_at": evaluation.created_at.isoformat() if evaluation else None,
            "criteria": [
                {"group": c["group"], "result": c["result"]} for c in _criteria_of(evaluation)
            ],
        }
    return states


def stage_counts(stages: Iterable[str]) -> dict[str, int]:
    """Suppliers per stage as buyers see it (a stored internal stage counts as its decision)."""
    counts = dict.fromkeys(BuyerStage.values, 0)
    for stage in stages:
        counts[BuyerStage.of(stage).value] += 1
    return counts


def overview_figures(buyer: Buyer, quarter: Quarter) -> dict[str, Any]:
    """The figures of one quarterly overview, as of the quarter end (docs/rules.md section 11)."""
    now = supplier_states_at(buyer, quarter.cutoff)
    then = supplier_states_at(buyer, quarter.previous.cutoff)
    suppliers = []
    movements = []
    for factory_id, state in now.items():
        before = then.get(factory_id)
        stage_previous = before["stage"] if before else None
        suppliers.append({**state, "stage_previous": stage_previous, "new": before is None})
        if before is not None and BuyerStage.of(stage_previous or "") != state["stage"]:
            movements.append(
                {
                    "factory_id": factory_id,
                    "name": state["name"],
                    "from": stage_previous,
                    "to": state["stage"],
                }
            )
    lost = [
        {
            "factory_id": factory_id,
            "name": state["name"],
            "country": state["country"],
            "stage_previous": state["stage"],
        }
        for factory_id, state in then.items()
        if factory_id not in now
    ]
    return {
        "quarter": str(quarter),
        "period_end": quarter.last_day.isoformat(),
        "previous_quarter": str(quarter.previous),
        "stage_counts": stage_counts(s["stage"] for s in suppliers),
        "suppliers": suppliers,
        "movements": movements,
        "new": [s["factory_id"] for s in suppliers if s["new"]],
        "lost": lost,
    }


@dataclass
class OverviewView:
    """What a buyer is shown of a stored overview: only factories it may see today."""

    overview: QuarterlyOverview
    suppliers: list[dict[str, Any]]
    stage_counts: list[dict[str, Any]]
    movements: list[dict[str, Any]]
    new: list[dict[str, Any]]
    lost: list[dict[str, Any]]
    lost_hidden: int
    hidden: int


def overview_as_seen_by(user: Any, overview: QuarterlyOverview) -> OverviewView:
    """Revocation takes effect at once in reports too: rows of factories whose access is no
    longer open are hidden from every overview, old ones included (the stored row keeps them,
    so the history survives, and they reappear if access is granted again).
    """
    visible = set(access.factories_for(user).values_list("pk", flat=True))
    data = overview.data
    suppliers = []
    for row in data.get("suppliers", []):
        if row["factory_id"] not in visible:
            continue
        suppliers.append(
            {
                **row,
                "stage": BuyerStage.of(row["stage"]).value,
                "stage_label": _buyer_stage_label(row["stage"]),
                "stage_previous_label": _buyer_stage_label(row.get("stage_previous")),
                "criteria": [
                    {**c, "result_label": display.result_label(c["result"])}
                    for c in row["criteria"]
                ],
            }
        )
    counts = stage_counts(s["stage"] for s in suppliers)
    # Overviews stored before buyers saw decisions only may hold internal stages: a buyer
    # sees a movement only where the decision changed.
    movements = [
        {
            **m,
            "from": BuyerStage.of(m["from"]).value,
            "to": BuyerStage.of(m["to"]).value,
            "from_label": _buyer_stage_label(m["from"]),
            "to_label": _buyer_stage_label(m["to"]),
        }
        for m in data.get("movements", [])
        if m["factory_id"] in visible and BuyerStage.of(m["from"]) != BuyerStage.of(m["to"])
    ]
    lost_all = data.get("lost", [])
    lost = [row for row in lost_all if row["factory_id"] in visible]
    return OverviewView(
        overview=overview,
        suppliers=suppliers,
        stage_counts=[
            {"stage": value, "label": gettext(label), "count": counts.get(value, 0)}
            for value, label in BuyerStage.choices
        ],
        movements=movements,
        new=[s for s in suppliers if s.get("new")],
        lost=lost,
        lost_hidden=len(lost_all) - len(lost),
        hidden=len(data.get("suppliers", [])) - len(suppliers),
    )


def criteria_columns() -> Sequence[tuple[str, str]]:
    return [(g.value, gettext(g.label)) for g in CRITERIA_GROUPS]
