"""Reads of objectives, visits and trainings, and the cycle's allowance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from factories.models import Factory
from workspace import services as workspace
from workspace.models import (
    AdvisoryVisit,
    Objective,
    TrainingSession,
)

if TYPE_CHECKING:
    pass


# --- objectives and visits -----------------------------------------------------------------


@dataclass
class Allowance:
    visits_allowed: int
    visits_used: int
    training_days_allowed: int
    training_days_used: int
    visits_given_up: int


def allowance_for(factory: Factory, cycle: int) -> Allowance:
    visits_allowed = workspace.visits_allowed(factory)
    return Allowance(
        visits_allowed=visits_allowed,
        visits_used=AdvisoryVisit.objects.filter(factory=factory, cycle=cycle).count(),
        training_days_allowed=workspace.training_days_allowed(factory),
        training_days_used=sum(
            TrainingSession.objects.filter(factory=factory, cycle=cycle).values_list(
                "days", flat=True
            )
        ),
        visits_given_up=factory.programme.advisory_visits_per_cycle - visits_allowed,
    )


def objectives_for(factory: Factory, cycle: int) -> QuerySet[Objective]:
    return (
        Objective.objects.filter(factory=factory, cycle=cycle)
        .select_related("target", "set_by")
        .order_by("kind", "id")
    )


def visits_for(factory: Factory, cycle: int) -> QuerySet[AdvisoryVisit]:
    return (
        AdvisoryVisit.objects.filter(factory=factory, cycle=cycle)
        .select_related("advisor")
        .prefetch_related("objectives")
    )


def trainings_for(factory: Factory, cycle: int) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(factory=factory, cycle=cycle).select_related("target")
