"""Factories walked to the programme manager's work through the engine: a candidate, then an
eligible factory with its pending grant request."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers

FIRST_VISIT = datetime.date(2024, 3, 12)
PR2_RELEASE = datetime.date(2024, 11, 20)
SECOND_VISIT = datetime.date(2025, 3, 18)


def make_candidate(factory: Factory, *, by: User) -> Factory:
    """A passing assessment and an all-on-track PR2: the candidate gate."""
    makers.make_assessment(factory, by=by, cycle=1, visit_date=FIRST_VISIT)
    makers.make_report(factory, by=by, cycle=1, release_date=PR2_RELEASE)
    factory_evaluate(factory_id=factory.pk, trigger="test")
    factory.refresh_from_db()
    assert factory.stage == Stage.CANDIDATE
    return factory


def make_eligible(factory: Factory, *, by: User, finaliser: User | None = None) -> ApprovalRequest:
    """Candidate, then a second assessment meeting every criterion: a pending grant request."""
    make_candidate(factory, by=by)
    makers.make_assessment(factory, by=finaliser or by, cycle=2, visit_date=SECOND_VISIT)
    factory_evaluate(factory_id=factory.pk, trigger="test")
    request: ApprovalRequest = ApprovalRequest.objects.get(factory=factory, status="pending")
    return request
