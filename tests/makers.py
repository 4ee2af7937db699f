"""Test data, built through the same services the portal uses (factory-boy where plain rows do)."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable
from typing import Any

import factory as fb
from django.contrib.auth.models import User

from assessments import services as assessment_services
from assessments.models import Assessment, ManagementSystemElement, ProgressItem, ProgressReport
from assessments.services import AnswerInput, ElementInput, FindingInput, RatingInput
from differentiation.evaluation import EVALUATED
from differentiation.models import ApprovalRequest, Decision, Evaluation, FormalNote, StageChange
from differentiation.vocabulary import Outcome, RequestKind
from factories import services as factory_services
from factories.models import Buyer, Factory, Programme
from factories.summaries import refresh_summary
from factories.vocabulary import Role
from workspace.models import ImprovementPlanItem

_names = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


class BuyerMaker(fb.django.DjangoModelFactory):
    class Meta:
        model = Buyer
        django_get_or_create = ("name",)

    name = fb.Sequence(lambda n: f"Buyer {n}")


class EvaluationMaker(fb.django.DjangoModelFactory):
    """An evaluation row as the engine stores it, for tests that need a given outcome; give
    `factory` (and `outcome`, `all_met` ... as the test needs)."""

    class Meta:
        model = Evaluation

    rule_version = "BW-2017"
    fingerprint = fb.Sequence(lambda n: f"test-{n}")
    inputs = fb.LazyFunction(dict)
    outcome = fb.LazyFunction(dict)
    all_met = False
    prequalified = False
    stage_before = fb.SelfAttribute("factory.stage")
    stage_after = fb.SelfAttribute("factory.stage")

    @classmethod
    def _after_postgeneration(cls, instance: Evaluation, create: bool, results: Any = None) -> None:
        """The engine refreshes the factory's summary with every evaluation it writes."""
        if create:
            refresh_summary([instance.factory_id])


class ApprovalRequestMaker(fb.django.DjangoModelFactory):
    """A request for the PMs; give `factory` and `evaluation` (the engine raises real ones)."""

    class Meta:
        model = ApprovalRequest

    kind = RequestKind.GRANT


class DecisionMaker(fb.django.DjangoModelFactory):
    """A PM's decision row; give `request` and `decided_by` (approval_decide makes real ones)."""

    class Meta:
        model = Decision

    outcome = Outcome.APPROVED


class FormalNoteMaker(fb.django.DjangoModelFactory):
    """A formal note with a stand-in PDF; give `factory`, `decision` and `buyers`."""

    class Meta:
        model = FormalNote
        skip_postgeneration_save = True

    pdf = b"%PDF-1.4 test"

    @fb.post_generation
    def buyers(self, create: bool, extracted: Iterable[Buyer] | None, **kwargs: Any) -> None:
        if create and extracted:
            self.buyers.set(extracted)  # type: ignore[attr-defined]


class StageChangeMaker(fb.django.DjangoModelFactory):
    """A stage change as an evaluation writes it; give `factory`, `from_stage`, `to_stage`."""

    class Meta:
        model = StageChange

    event = EVALUATED


class ImprovementPlanItemMaker(fb.django.DjangoModelFactory):
    """A plan item (finalising opens real ones); give `assessment` and `question`."""

    class Meta:
        model = ImprovementPlanItem

    factory = fb.SelfAttribute("assessment.factory")


def programme(code: str = "BGD") -> Programme:
    return Programme.objects.get(code=code)


def make_factory(
    name: str | None = None, *, country: str = "BGD", advisor: User | None = None, **extra: Any
) -> Factory:
    return factory_services.factory_create(
        name=name or f"Factory {next(_names)}",
        programme=programme(country),
        enterprise_advisor=advisor,
        **extra,
    )


def make_user(
    role: str,
    username: str | None = None,
    *,
    countries: Iterable[str] = (),
    factory: Factory | None = None,
    buyer: Buyer | None = None,
    email: str | None = None,
    first_name: str = "",
    last_name: str = "",
    title: str = "",
    position: str = "",
) -> User:
    username = username or f"{role}-{next(_names)}"
    return factory_services.user_create(
        username=username,
        password=PASSWORD,
        role=role,
        email=email if email is not None else f"{username}@example.org",
        programmes=[programme(c) for c in countries] or None,
        factory=factory,
        buyer=buyer,
        first_name=first_name,
        last_name=last_name,
        title=title,
        position=position,
    )


def make_pm(countries: Iterable[str] = ("BGD",), **kw: Any) -> User:
    return make_user(Role.PROGRAMME_MANAGER, countries=countries, **kw)


def make_ea(countries: Iterable[str] = ("BGD",), **kw: Any) -> User:
    return make_user(Role.ENTERPRISE_ADVISOR, countries=countries, **kw)


def all_elements(satisfied: bool = True, *, failing: Iterable[str] = ()) -> list[ElementInput]:
    failing = set(failing)
    return [
        ElementInput(element=code, satisfied=satisfied and code not in failing)
        for code in ManagementSystemElement.objects.values_list("code", flat=True)
    ]


def all_items_met(*, failing: Iterable[str] = ()) -> list[AnswerInput]:
    failing = set(failing)
    return [
        AnswerInput(item=code, met=code not in failing)
        for code in ProgressItem.objects.values_list("code", flat=True)
    ]


def all_ratings(
    rating: str = "on_track", *, overrides: dict[str, str] | None = None
) -> list[RatingInput]:
    overrides = overrides or {}
    return [
        RatingInput(item=code, rating=overrides.get(code, rating))
        for code in ProgressItem.objects.values_list("code", flat=True)
    ]


def make_assessment(
    factory: Factory,
    *,
    by: User,
    cycle: int = 1,
    visit_date: datetime.date = datetime.date(2024, 3, 12),
    findings: Iterable[FindingInput] = (),
    elements: list[ElementInput] | None = None,
    additional: Iterable[AnswerInput] | None = None,
    finalise: bool = True,
    remaining_compliant: bool = True,
) -> Assessment:
    """An assessment with the given findings; finalised (by default), every question not given
    recorded compliant by the explicit bulk act, as an EA would."""
    factory.refresh_from_db()
    if additional is None:
        additional = all_items_met() if factory.stage == "candidate" else ()
    assessment = assessment_services.assessment_create(
        factory=factory,
        cycle=cycle,
        visit_date=visit_date,
        actor=by,
        findings=list(findings),
        elements=elements if elements is not None else all_elements(),
        additional=list(additional),
    )
    if finalise:
        assessment_services.assessment_finalise(
            assessment=assessment, actor=by, remaining_compliant=remaining_compliant
        )
    return assessment


def make_report(
    factory: Factory,
    *,
    by: User,
    cycle: int = 1,
    number: int = 2,
    release_date: datetime.date = datetime.date(2024, 11, 20),
    ratings: list[RatingInput] | None = None,
    finalise: bool = True,
) -> ProgressReport:
    report = assessment_services.progress_report_create(
        factory=factory,
        cycle=cycle,
        number=number,
        release_date=release_date,
        actor=by,
        ratings=ratings if ratings is not None else all_ratings(),
    )
    if finalise:
        assessment_services.progress_report_finalise(report=report, actor=by)
    return report
