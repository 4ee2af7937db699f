"""Data for the buyer-portal tests, built through the services (or placed in time by .update())."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from differentiation.decisions import approval_decide
from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest, Decision, Evaluation, FormalNote
from differentiation.vocabulary import Group, Result
from factories import services as factory_services
from factories.models import Buyer, Factory
from factories.summaries import refresh_summary
from factories.vocabulary import Stage
from tests import makers


def at(day: str) -> datetime.datetime:
    """Noon of an ISO day, in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.fromisoformat(day).replace(hour=12))


def outcome(**results: str) -> dict[str, Any]:
    """An evaluation outcome: every criterion `unknown` unless given, e.g. compliance="met"."""
    return {
        "criteria": [
            {
                "group": g.value,
                "result": results.get(g.value, "unknown"),
                "reasons": [f"{g.label} is {results.get(g.value, 'unknown')}."],
                "evidence": {},
            }
            for g in Group
        ]
    }


def make_evaluation(factory: Factory, *, when: str | None = None, **results: str) -> Evaluation:
    evaluation = makers.EvaluationMaker(
        factory=factory,
        fingerprint=f"test-{factory.pk}-{when}",
        outcome=outcome(**results),
        all_met=all(results.get(g.value) == Result.MET for g in Group),
    )
    if when:
        Evaluation.objects.filter(pk=evaluation.pk).update(created_at=at(when))
        refresh_summary([factory.pk])  # placed in time behind the engine's back
    return evaluation


def make_supplier(buyer: Buyer, *, actor: User, name: str | None = None, **extra: Any) -> Factory:
    factory = makers.make_factory(name, **extra)
    factory_services.third_party_access_grant(factory=factory, buyer=buyer, actor=actor)
    return factory


def make_high_performing(cast: Any) -> Decision:
    """Walk cast.factory to high-performing through the engine (as tests/test_journey.py)."""
    factory, ea, pm = cast.factory, cast.ea, cast.pm
    makers.make_assessment(factory, by=ea, cycle=1, visit_date=datetime.date(2024, 3, 12))
    makers.make_report(factory, by=ea, cycle=1, release_date=datetime.date(2024, 11, 20))
    factory_evaluate(factory_id=factory.pk, trigger="test")
    makers.make_assessment(factory, by=pm, cycle=2, visit_date=datetime.date(2025, 3, 18))
    factory_evaluate(factory_id=factory.pk, trigger="test")
    request = ApprovalRequest.objects.get(factory=factory, status="pending")
    decision = approval_decide(request=request, actor=cast.pm2, approve=True)
    factory.refresh_from_db()
    assert factory.stage == Stage.HIGH_PERFORMING
    return decision


def make_formal_note(factory: Factory, decision: Decision, buyers: list[Buyer]) -> FormalNote:
    note: FormalNote = makers.FormalNoteMaker(factory=factory, decision=decision, buyers=buyers)
    return note
