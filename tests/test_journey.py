"""The whole differentiation journey through the services, as docs/rules.md section 7 tells it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from assessments.services import FindingInput
from differentiation.decisions import approval_decide
from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest, Evaluation, StageChange
from factories.vocabulary import Stage
from tests import makers


def test_it_walks_a_factory_from_first_assessment_to_high_performing_and_back(cast):
    factory, ea, pm = cast.factory, cast.ea, cast.pm
    # Cycle 1: a passing assessment, then a PR2 all on track -> candidate.
    makers.make_assessment(factory, by=ea, cycle=1, visit_date=datetime.date(2024, 3, 12))
    factory_evaluate(factory_id=factory.pk, trigger="test")
    factory.refresh_from_db()
    assert factory.stage == Stage.NOT_ON_TRACK
    makers.make_report(factory, by=ea, cycle=1, release_date=datetime.date(2024, 11, 20))
    factory_evaluate(factory_id=factory.pk, trigger="test")
    factory.refresh_from_db()
    assert factory.stage == Stage.CANDIDATE

    # Cycle 2: the candidate's assessment carries the additional questions, all met -> eligible.
    second = makers.make_assessment(factory, by=pm, cycle=2, visit_date=datetime.date(2025, 3, 18))
    assert second.includes_additional_questions
    run = factory_evaluate(factory_id=factory.pk, trigger="test")
    assert run.stage == Stage.ELIGIBLE
    request = ApprovalRequest.objects.get(factory=factory, status="pending")
    assert request.kind == "grant"

    # Idempotent: the same data again changes nothing and queues nothing.
    again = factory_evaluate(factory_id=factory.pk, trigger="test")
    assert again.evaluation is None
    assert ApprovalRequest.objects.filter(factory=factory).count() == 1

    # pm finalised the triggering assessment: four eyes, pm2 approves.
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=pm, approve=True)
    approval_decide(request=request, actor=cast.pm2, approve=True)
    factory.refresh_from_db()
    assert factory.stage == Stage.HIGH_PERFORMING
    assert factory.high_performing_since is not None

    # Cycle 3: a publicly reported non-compliance -> under review, review request queued.
    makers.make_assessment(
        factory,
        by=ea,
        cycle=3,
        visit_date=datetime.date(2026, 3, 3),
        findings=[FindingInput(question="CL-1.1", non_compliant=True, remediated=True)],
    )
    factory_evaluate(factory_id=factory.pk, trigger="test")
    factory.refresh_from_db()
    assert factory.stage == Stage.UNDER_REVIEW
    review = ApprovalRequest.objects.get(factory=factory, status="pending")
    assert review.kind == "review"
    approval_decide(request=review, actor=cast.pm2, approve=False, reason="CL-1.1 failed")
    factory.refresh_from_db()
    assert factory.stage == Stage.NOT_ON_TRACK
    assert factory.assessment_interval_months == 12
    assert factory.high_performing_since is None
    assert Evaluation.objects.filter(factory=factory).count() == 4
    assert list(
        StageChange.objects.filter(factory=factory)
        .order_by("id")
        .values_list("to_stage", flat=True)
    ) == ["candidate", "eligible", "high_performing", "under_review", "not_on_track"]
