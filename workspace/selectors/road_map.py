"""Reads of the road map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from factories.models import Factory
from workspace.models import RoadMap, RoadMapTarget, TrainingRecommendation
from workspace.vocabulary import TargetArea

if TYPE_CHECKING:
    pass


# --- road map ------------------------------------------------------------------------------


@dataclass
class RoadMapSummary:
    total: int
    done: int
    in_progress: int
    average_progress: int


def road_map_summary(targets: list[RoadMapTarget]) -> RoadMapSummary:
    total = len(targets)
    return RoadMapSummary(
        total=total,
        done=sum(1 for t in targets if t.status == RoadMapTarget.Status.DONE),
        in_progress=sum(1 for t in targets if t.status == RoadMapTarget.Status.IN_PROGRESS),
        average_progress=round(sum(t.progress for t in targets) / total) if total else 0,
    )


def road_map_for(factory: Factory, cycle: int) -> RoadMap | None:
    return (
        RoadMap.objects.filter(factory=factory, cycle=cycle)
        .select_related("endorsed_by__profile", "signed_off_by__profile")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=RoadMapTarget.objects.order_by("area", "due", "id").prefetch_related(
                    Prefetch(
                        "recommendations",
                        queryset=TrainingRecommendation.objects.select_related("recommended_by"),
                    )
                ),
            ),
            "versions__revised_by__profile",
        )
        .first()
    )


def targets_by_area(road_map: RoadMap | None) -> list[dict[str, Any]]:
    targets = list(road_map.targets.all()) if road_map else []
    return [
        {"area": value, "label": gettext(label), "targets": [t for t in targets if t.area == value]}
        for value, label in TargetArea.choices
    ]


def targets_of(factory: Factory) -> QuerySet[RoadMapTarget]:
    return RoadMapTarget.objects.filter(road_map__factory=factory).select_related("road_map")
