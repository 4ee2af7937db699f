"""The one transition service, for every (stage, event, actor)."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import PermissionDenied

from betterwork.core.errors import Conflict
from differentiation.evaluation import (
    EVALUATED,
    GRANT_APPROVED,
    GRANT_REJECTED,
    REVIEW_KEPT,
    REVIEW_WITHDRAWN,
    TRANSITIONS,
    stage_transition,
)
from differentiation.models import StageChange
from factories.models import Factory
from factories.vocabulary import Stage

EVENTS = [
    EVALUATED,
    GRANT_APPROVED,
    GRANT_REJECTED,
    REVIEW_KEPT,
    REVIEW_WITHDRAWN,
]
ACTORS = ["system", "pm", "ea", "other_pm", "factory_user"]


def _expected(from_stage: str, event: str, to_stage: str, actor: str) -> str:
    if to_stage not in TRANSITIONS.get((from_stage, event), frozenset()):
        return "conflict"
    if event == EVALUATED:
        return "ok" if actor == "system" else "denied"
    return "ok" if actor == "pm" else "denied"


def _targets(from_stage: str, event: str) -> list[str]:
    """Every allowed target, and one refused target, of (stage, event)."""
    allowed = sorted(TRANSITIONS.get((from_stage, event), frozenset()))
    refused = [t for t in Stage.values if t not in allowed][:1]
    return allowed + refused


CASES = [
    pytest.param(f, e, t, a, _expected(f, e, t, a), id=f"{f}-{e}-{t}-{a}")
    for f, e in itertools.product(Stage.values, EVENTS)
    for t in _targets(f, e)
    for a in (ACTORS if t in TRANSITIONS.get((f, e), frozenset()) else ["system", "pm"])
]


def test_it_allows_exactly_the_transitions_of_rules_md_section_4() -> None:
    allowed = {(f, e, t) for (f, e), targets in TRANSITIONS.items() for t in targets}
    assert (Stage.NOT_ON_TRACK, EVALUATED, Stage.HIGH_PERFORMING) not in allowed
    assert (Stage.CANDIDATE, EVALUATED, Stage.HIGH_PERFORMING) not in allowed
    assert (Stage.ELIGIBLE, GRANT_APPROVED, Stage.HIGH_PERFORMING) in allowed
    assert (Stage.UNDER_REVIEW, REVIEW_WITHDRAWN, Stage.NOT_ON_TRACK) in allowed
    assert (Stage.HIGH_PERFORMING, EVALUATED, Stage.UNDER_REVIEW) in allowed
    # Nothing reaches high_performing but a PM's approval (or keeping it under review).
    into_hp = {(f, e) for f, e, t in allowed if t == Stage.HIGH_PERFORMING and f != t}
    assert into_hp == {
        (Stage.ELIGIBLE, GRANT_APPROVED),
        (Stage.UNDER_REVIEW, REVIEW_KEPT),
    }


@pytest.mark.parametrize(("from_stage", "event", "to_stage", "actor", "expected"), CASES)
def test_it_checks_every_stage_event_and_actor(
    cast, from_stage: str, event: str, to_stage: str, actor: str, expected: str
) -> None:
    Factory.objects.filter(pk=cast.factory.pk).update(stage=from_stage)
    factory = Factory.objects.get(pk=cast.factory.pk)
    user = None if actor == "system" else getattr(cast, actor)
    before = StageChange.objects.count()
    if expected == "conflict":
        with pytest.raises(Conflict):
            stage_transition(factory=factory, to_stage=to_stage, event=event, actor=user)
    elif expected == "denied":
        with pytest.raises(PermissionDenied):
            stage_transition(factory=factory, to_stage=to_stage, event=event, actor=user)
    else:
        change = stage_transition(factory=factory, to_stage=to_stage, event=event, actor=user)
        factory.refresh_from_db()
        assert factory.stage == to_stage
        assert (change is None) == (from_stage == to_stage)
        assert StageChange.objects.count() == before + (0 if from_stage == to_stage else 1)
        return
    factory.refresh_from_db()
    assert factory.stage == from_stage
    assert StageChange.objects.count() == before


def test_it_ends_the_benefits_when_status_is_withdrawn(cast) -> None:
    Factory.objects.filter(pk=cast.factory.pk).update(
        stage=Stage.UNDER_REVIEW, assessment_interval_months=24
    )
    stage_transition(
        factory=cast.factory,
        to_stage=Stage.NOT_ON_TRACK,
        event=REVIEW_WITHDRAWN,
        actor=cast.pm,
        reason="CL-1.1",
    )
    factory = Factory.objects.get(pk=cast.factory.pk)
    assert factory.assessment_interval_months == 12
    assert factory.high_performing_since is None
    change = StageChange.objects.get(factory=factory)
    assert (change.actor, change.reason) == (cast.pm, "CL-1.1")
