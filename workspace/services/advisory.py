"""Objectives, training recommendations, advisory visits and training sessions."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from factories.models import Factory
from workspace.models import (
    AdvisoryVisit,
    Objective,
    RoadMapTarget,
    TrainingRecommendation,
    TrainingSession,
)
from workspace.services.benefits import latest_benefit
from workspace.services.permissions import (
    is_high_performing,
    is_staff_of,
    require_staff,
)
from workspace.vocabulary import BenefitKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- objectives, recommendations, visits, trainings ----------------------------------------


def _check_target_of(factory: Factory, target: RoadMapTarget | None, field: str = "target") -> None:
    if target is not None and target.road_map.factory_id != factory.pk:
        raise ValidationError({field: [gettext("That target is on another factory's road map.")]})


@transaction.atomic
def objective_set(
    *,
    factory: Factory,
    actor: User,
    kind: str,
    description: str,
    target: RoadMapTarget,
) -> Objective:
    """'The EA will work with the factory to set objectives for factory visits, trainings and
    other learning events' that contribute to the road map: each tied to a target."""
    require_staff(
        actor,
        factory,
        gettext("Only the enterprise advisor or a programme manager sets objectives."),
    )
    if kind not in Objective.Kind.values:
        raise ValidationError(
            {"kind": [gettext("Choose advisory visit, training or learning event.")]}
        )
    if not description.strip():
        raise ValidationError({"description": [gettext("Describe the objective.")]})
    _check_target_of(factory, target)
    return Objective.objects.create(
        factory=factory,
        cycle=target.road_map.cycle,
        kind=kind,
        description=description.strip(),
        target=target,
        set_by=actor,
    )


@transaction.atomic
def training_recommend(
    *, target: RoadMapTarget, actor: User, training: str, note: str = ""
) -> TrainingRecommendation:
    factory = target.road_map.factory
    require_staff(
        actor,
        factory,
        gettext("Only the enterprise advisor or a programme manager recommends trainings."),
    )
    if not training.strip():
        raise ValidationError({"training": [gettext("Name the training.")]})
    return TrainingRecommendation.objects.create(
        target=target, training=training.strip(), note=note.strip(), recommended_by=actor
    )


def visits_allowed(factory: Factory) -> int:
    """Up to 6 advisory visits per cycle by default, fewer if the factory chose training days."""
    default = factory.programme.advisory_visits_per_cycle
    choice = latest_benefit(factory, BenefitKind.FEWER_VISITS)
    if choice is not None and is_high_performing(factory):
        return min(default, int(choice.value.get("visits", default)))
    return default


def training_days_allowed(factory: Factory) -> int:
    return factory.programme.training_days_allowance + (
        factory.programme.advisory_visits_per_cycle - visits_allowed(factory)
    )


@transaction.atomic
def advisory_visit_record(
    *,
    factory: Factory,
    actor: User,
    cycle: int,
    date: datetime.date,
    advisor: User,
    objectives: Sequence[Objective] = (),
    notes: str = "",
) -> AdvisoryVisit:
    require_staff(
        actor,
        factory,
        gettext("Only the enterprise advisor or a programme manager records advisory visits."),
    )
    locked = Factory.objects.select_for_update().select_related("programme").get(pk=factory.pk)
    if date > timezone.localdate():
        raise ValidationError(
            {"date": [gettext("{date} is in the future.").format(date=date.isoformat())]}
        )
    if not is_staff_of(advisor, factory):
        raise ValidationError(
            {"advisor": [gettext("The advisor must be staff of the factory's programme.")]}
        )
    for objective in objectives:
        if objective.factory_id != factory.pk:
            raise ValidationError(
                {"objectives": [gettext("An objective belongs to another factory.")]}
            )
    allowed = visits_allowed(locked)
    used = AdvisoryVisit.objects.filter(factory=factory, cycle=cycle).count()
    if used >= allowed:
        raise ValidationError(
            {
                "date": [
                    gettext("All {allowed} advisory visits of cycle {cycle} are used.").format(
                        allowed=allowed, cycle=cycle
                    )
                ]
            }
        )
    visit = AdvisoryVisit.objects.create(
        factory=factory, cycle=cycle, date=date, advisor=advisor, notes=notes.strip()
    )
    visit.objectives.set(objectives)
    return visit


@transaction.atomic
def training_session_record(
    *,
    factory: Factory,
    actor: User,
    cycle: int,
    date: datetime.date,
    topic: str,
    days: int,
    target: RoadMapTarget | None = None,
) -> TrainingSession:
    require_staff(
        actor,
        factory,
        gettext("Only the enterprise advisor or a programme manager records training days."),
    )
    locked = Factory.objects.select_for_update().select_related("programme").get(pk=factory.pk)
    if days < 1:
        raise ValidationError({"days": [gettext("A training lasts at least one day.")]})
    if not topic.strip():
        raise ValidationError({"topic": [gettext("Name the training.")]})
    _check_target_of(factory, target)
    allowed = training_days_allowed(locked)
    used = sum(
        TrainingSession.objects.filter(factory=factory, cycle=cycle).values_list("days", flat=True)
    )
    if used + days > allowed:
        raise ValidationError(
            {
                "days": [
                    gettext(
                        "Only {left} of {allowed} training days are left in cycle {cycle}."
                    ).format(left=allowed - used, allowed=allowed, cycle=cycle)
                ]
            }
        )
    return TrainingSession.objects.create(
        factory=factory,
        cycle=cycle,
        date=date,
        topic=topic.strip(),
        days=days,
        target=target,
        recorded_by=actor,
    )
