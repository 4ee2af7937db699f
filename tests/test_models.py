"""The data model's constraints, and migrations in step with the models."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from assessments.models import Assessment, Finding, ProgressReport, Question
from assessments.schedule import next_assessment_due
from differentiation.vocabulary import Outcome
from factories.models import Factory, Profile, Programme, ThirdPartyAccess
from factories.vocabulary import Role, Stage
from tests import makers


def test_it_has_models_and_migrations_in_step(db) -> None:
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_it_ships_the_reference_data(db) -> None:
    assert set(Programme.objects.values_list("code", flat=True)) >= {
        "BGD",
        "KHM",
        "EGY",
        "ETH",
        "HTI",
        "IDN",
        "JOR",
        "NIC",
        "PAK",
        "LKA",
        "VNM",
    }
    assert Question.objects.count() >= 150
    assert Question.objects.filter(zero_tolerance=True, publicly_reported=False).exists()
    assert Question.objects.filter(zero_tolerance=True, publicly_reported=True).exists()


def _violates(fn) -> bool:  # type: ignore[no-untyped-def]
    try:
        with transaction.atomic():
            fn()
    except IntegrityError:
        return True
    return False


def test_it_enforces_the_constraints(cast) -> None:
    factory, ea = cast.factory, cast.ea
    assessment = makers.make_assessment(factory, by=ea, cycle=1, finalise=False)
    question = Question.objects.first()
    assert _violates(lambda: Programme.objects.create(code="bd", name="lower case"))
    assert _violates(lambda: Factory.objects.create(name=factory.name, programme=factory.programme))
    assert _violates(
        lambda: Factory.objects.filter(pk=factory.pk).update(assessment_interval_months=18)
    )
    assert _violates(
        lambda: Assessment.objects.create(
            factory=factory, cycle=1, visit_date=datetime.date(2024, 1, 1), created_by=ea
        )
    )
    assert _violates(
        lambda: Assessment.objects.create(
            factory=factory, cycle=0, visit_date=datetime.date(2024, 1, 1), created_by=ea
        )
    )
    assert _violates(
        lambda: Assessment.objects.filter(pk=assessment.pk).update(
            status="finalised", finalised_at=None
        )
    )
    Finding.objects.create(assessment=assessment, question=question)
    assert _violates(lambda: Finding.objects.create(assessment=assessment, question=question))
    assert _violates(
        lambda: ProgressReport.objects.create(
            factory=factory,
            cycle=1,
            number=3,
            release_date=datetime.date(2024, 1, 1),
            created_by=ea,
        )
    )
    assert _violates(
        lambda: Profile.objects.create(
            user=makers.make_ea().__class__.objects.create(username="nobody"), role=Role.FACTORY
        )
    )
    assert _violates(
        lambda: ThirdPartyAccess.objects.create(
            factory=factory, buyer=cast.buyer, granted_by=cast.factory_user
        )
    )


def test_it_keeps_one_decision_and_one_pending_request_per_factory(cast) -> None:
    evaluation = makers.EvaluationMaker(
        factory=cast.factory,
        all_met=True,
        prequalified=True,
        stage_before=Stage.CANDIDATE,
        stage_after=Stage.ELIGIBLE,
    )
    request = makers.ApprovalRequestMaker(factory=cast.factory, evaluation=evaluation)
    assert _violates(
        lambda: makers.ApprovalRequestMaker(factory=cast.factory, evaluation=evaluation)
    )
    makers.DecisionMaker(request=request, decided_by=cast.pm)
    assert _violates(lambda: makers.DecisionMaker(request=request, decided_by=cast.pm2))
    other = makers.ApprovalRequestMaker(factory=cast.other_factory, evaluation=evaluation)
    assert _violates(
        lambda: makers.DecisionMaker(
            request=other, outcome=Outcome.REJECTED, decided_by=cast.pm, reason=""
        )
    )


@pytest.mark.parametrize(
    ("visit", "months", "due"),
    [
        (datetime.date(2025, 3, 12), 12, datetime.date(2026, 3, 12)),
        (datetime.date(2025, 3, 12), 24, datetime.date(2027, 3, 12)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2025, 1, 31), 24, datetime.date(2027, 1, 31)),
        (datetime.date(2025, 12, 15), 12, datetime.date(2026, 12, 15)),
    ],
)
def test_it_computes_the_next_assessment_due_date(visit, months, due) -> None:
    assert next_assessment_due(last_visit=visit, interval_months=months) == due
