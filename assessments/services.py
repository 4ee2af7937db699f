"""Writes on assessments and progress reports: create a draft, replace its answers, finalise.

Validation that needs the catalogue lives here, so the API, the pages and the bulk import refuse
the same things with the same words. Errors are ValidationError dicts keyed by field.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models import (
    AdditionalAnswer,
    Assessment,
    Finding,
    ManagementSystemElement,
    ManagementSystemResult,
    ProgressItem,
    ProgressRating,
    ProgressReport,
    Question,
    Rating,
    Status,
)
from betterwork.api import Conflict
from betterwork.tasks import enqueue_on_commit
from factories.models import Factory, Stage
from factories.services import next_assessment_due

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class FindingInput:
    question: str
    non_compliant: bool = True
    remediated: bool = False
    note: str = ""


@dataclass(frozen=True)
class ElementInput:
    element: str
    satisfied: bool


@dataclass(frozen=True)
class AnswerInput:
    item: str
    met: bool


@dataclass(frozen=True)
class RatingInput:
    item: str
    rating: str


def _errors_by_index(errors: dict[int, dict[str, list[str]]], size: int) -> list[dict[str, Any]]:
    return [errors.get(i, {}) for i in range(size)]


def _check_findings(findings: Sequence[FindingInput]) -> dict[str, Question]:
    questions = {
        q.code: q for q in Question.objects.filter(code__in={f.question for f in findings})
    }
    errors: dict[int, dict[str, list[str]]] = {}
    seen: set[str] = set()
    for i, finding in enumerate(findings):
        question = questions.get(finding.question)
        if question is None:
            errors[i] = {"question": [f"Unknown question code '{finding.question}'."]}
        elif finding.question in seen:
            errors[i] = {"question": [f"Question {finding.question} is listed twice."]}
        elif finding.remediated and not finding.non_compliant:
            errors[i] = {"remediated": ["Only a non-compliance can be remediated."]}
        elif finding.remediated and not question.zero_tolerance:
            errors[i] = {
                "remediated": [
                    f"Question {finding.question} is not zero tolerance; remediation is recorded "
                    "for zero-tolerance findings only."
                ]
            }
        seen.add(finding.question)
    if errors:
        raise ValidationError({"findings": _errors_by_index(errors, len(findings))})
    return questions


def _check_elements(elements: Sequence[ElementInput]) -> dict[str, ManagementSystemElement]:
    known = {e.code: e for e in ManagementSystemElement.objects.all()}
    errors: dict[int, dict[str, list[str]]] = {}
    seen: set[str] = set()
    for i, result in enumerate(elements):
        if result.element not in known:
            errors[i] = {"element": [f"Unknown management-system element '{result.element}'."]}
        elif result.element in seen:
            errors[i] = {"element": [f"Element {result.element} is listed twice."]}
        seen.add(result.element)
    if errors:
        raise ValidationError({"management_systems": _errors_by_index(errors, len(elements))})
    missing = sorted(set(known) - seen, key=lambda code: known[code].order)
    if missing:
        raise ValidationError(
            {
                "management_systems": [
                    f"All {len(known)} management-system elements must be given; missing: "
                    f"{', '.join(missing)}."
                ]
            }
        )
    return known


def _check_items(
    entries: Sequence[AnswerInput] | Sequence[RatingInput], field: str, *, complete: bool
) -> dict[str, ProgressItem]:
    known = {i.code: i for i in ProgressItem.objects.all()}
    errors: dict[int, dict[str, list[str]]] = {}
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if entry.item not in known:
            errors[i] = {"item": [f"Unknown progress item '{entry.item}'."]}
        elif entry.item in seen:
            errors[i] = {"item": [f"Item {entry.item} is listed twice."]}
        elif isinstance(entry, RatingInput) and entry.rating not in Rating.values:
            errors[i] = {
                "rating": [
                    f"'{entry.rating}' is not a rating; use one of {', '.join(Rating.values)}."
                ]
            }
        seen.add(entry.item)
    if errors:
        raise ValidationError({field: _errors_by_index(errors, len(entries))})
    missing = sorted(set(known) - seen, key=lambda code: known[code].order)
    if complete and missing:
        raise ValidationError(
            {field: [f"All {len(known)} items must be given; missing: {', '.join(missing)}."]}
        )
    return known


def _check_date(value: datetime.date, field: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: [f"{value.isoformat()} is in the future."]})


def _write_answers(
    assessment: Assessment,
    findings: Sequence[FindingInput],
    elements: Sequence[ElementInput],
    additional: Sequence[AnswerInput],
) -> None:
    if additional and not assessment.includes_additional_questions:
        raise ValidationError(
            {
                "additional_questions": [
                    "This assessment does not include the additional questions; leave them out."
                ]
            }
        )
    questions = _check_findings(findings)
    known_elements = _check_elements(elements)
    items = _check_items(additional, "additional_questions", complete=False)
    assessment.findings.all().delete()
    assessment.management_systems.all().delete()
    assessment.additional_answers.all().delete()
    Finding.objects.bulk_create(
        Finding(
            assessment=assessment,
            question=questions[f.question],
            non_compliant=f.non_compliant,
            remediated=f.remediated,
            note=f.note,
        )
        for f in findings
    )
    ManagementSystemResult.objects.bulk_create(
        ManagementSystemResult(
            assessment=assessment, element=known_elements[e.element], satisfied=e.satisfied
        )
        for e in elements
    )
    AdditionalAnswer.objects.bulk_create(
        AdditionalAnswer(assessment=assessment, item=items[a.item], met=a.met) for a in additional
    )


@transaction.atomic
def assessment_create(
    *,
    factory: Factory,
    cycle: int,
    visit_date: datetime.date,
    actor: User,
    findings: Sequence[FindingInput] = (),
    elements: Sequence[ElementInput] = (),
    additional: Sequence[AnswerInput] = (),
) -> Assessment:
    """A draft assessment. A candidate's next assessment carries the additional questions."""
    factory = Factory.objects.select_for_update().get(pk=factory.pk)
    if cycle < 1:
        raise ValidationError({"cycle": ["The cycle is a whole number from 1."]})
    if Assessment.objects.filter(factory=factory, cycle=cycle).exists():
        raise ValidationError(
            {"cycle": [f"{factory} already has an assessment for cycle {cycle}."]}
        )
    _check_date(visit_date, "visit_date")
    assessment = Assessment.objects.create(
        factory=factory,
        cycle=cycle,
        visit_date=visit_date,
        created_by=actor,
        includes_additional_questions=factory.stage == Stage.CANDIDATE,
    )
    if assessment.includes_additional_questions and not additional:
        raise ValidationError(
            {
                "additional_questions": [
                    "This factory is a candidate: its assessment includes the additional questions; "
                    "answer them."
                ]
            }
        )
    _write_answers(assessment, findings, elements, additional)
    return assessment


@transaction.atomic
def assessment_replace_answers(
    *,
    assessment: Assessment,
    actor: User,
    visit_date: datetime.date | None = None,
    findings: Sequence[FindingInput],
    elements: Sequence[ElementInput],
    additional: Sequence[AnswerInput] = (),
) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_finalised:
        raise Conflict("This assessment is finalised and cannot be changed.")
    if visit_date is not None:
        _check_date(visit_date, "visit_date")
        assessment.visit_date = visit_date
        assessment.save(update_fields=["visit_date"])
    _write_answers(assessment, findings, elements, additional)
    return assessment


def assessment_missing(assessment: Assessment) -> list[str]:
    """What still stands in the way of finalising, in words."""
    missing: list[str] = []
    given = set(assessment.management_systems.values_list("element__code", flat=True))
    elements = ManagementSystemElement.objects.exclude(code__in=given).values_list(
        "code", flat=True
    )
    if elements:
        missing.append(f"Management-system elements not filled: {', '.join(elements)}.")
    if assessment.includes_additional_questions:
        answered = set(assessment.additional_answers.values_list("item__code", flat=True))
        items = ProgressItem.objects.exclude(code__in=answered).values_list("code", flat=True)
        if items:
            missing.append(f"Additional questions not answered: {', '.join(items)}.")
    return missing


@transaction.atomic
def assessment_finalise(*, assessment: Assessment, actor: User) -> Assessment:
    """Make the assessment the record: read-only, next one due, evaluation queued on commit."""
    from differentiation.tasks import evaluate_factory

    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_finalised:
        raise Conflict("This assessment is already finalised.")
    missing = assessment_missing(assessment)
    if missing:
        raise ValidationError({"detail": ["The assessment cannot be finalised yet.", *missing]})
    assessment.status = Status.FINALISED
    assessment.finalised_by = actor
    assessment.finalised_at = timezone.now()
    assessment.save(update_fields=["status", "finalised_by", "finalised_at"])
    factory = Factory.objects.select_for_update().get(pk=assessment.factory_id)
    latest_visit = (
        factory.assessments.finalised()
        .order_by("-visit_date")
        .values_list("visit_date", flat=True)
        .first()
    )
    if latest_visit is not None:
        factory.next_assessment_due = next_assessment_due(
            last_visit=latest_visit, interval_months=factory.assessment_interval_months
        )
        factory.save(update_fields=["next_assessment_due"])
    enqueue_on_commit(evaluate_factory, factory.pk, f"assessment:{assessment.pk}")
    return assessment


@transaction.atomic
def progress_report_create(
    *,
    factory: Factory,
    cycle: int,
    number: int,
    release_date: datetime.date,
    actor: User,
    ratings: Sequence[RatingInput] = (),
) -> ProgressReport:
    if cycle < 1:
        raise ValidationError({"cycle": ["The cycle is a whole number from 1."]})
    if number not in (1, 2):
        raise ValidationError({"number": ["A progress report is number 1 or 2."]})
    if ProgressReport.objects.filter(factory=factory, cycle=cycle, number=number).exists():
        raise ValidationError({"number": [f"{factory} already has PR{number} for cycle {cycle}."]})
    _check_date(release_date, "release_date")
    items = _check_items(ratings, "items", complete=number == 2)
    report = ProgressReport.objects.create(
        factory=factory, cycle=cycle, number=number, release_date=release_date, created_by=actor
    )
    ProgressRating.objects.bulk_create(
        ProgressRating(report=report, item=items[r.item], rating=r.rating) for r in ratings
    )
    return report


@transaction.atomic
def progress_report_replace_ratings(
    *, report: ProgressReport, actor: User, ratings: Sequence[RatingInput]
) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.is_finalised:
        raise Conflict("This progress report is finalised and cannot be changed.")
    items = _check_items(ratings, "items", complete=report.number == 2)
    report.ratings.all().delete()
    ProgressRating.objects.bulk_create(
        ProgressRating(report=report, item=items[r.item], rating=r.rating) for r in ratings
    )
    return report


def progress_report_missing(report: ProgressReport) -> list[str]:
    if report.number != 2:
        return []
    rated = set(report.ratings.values_list("item__code", flat=True))
    items = ProgressItem.objects.exclude(code__in=rated).values_list("code", flat=True)
    return [f"Items not rated: {', '.join(items)}."] if items else []


@transaction.atomic
def progress_report_finalise(*, report: ProgressReport, actor: User) -> ProgressReport:
    from differentiation.tasks import evaluate_factory

    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.is_finalised:
        raise Conflict("This progress report is already finalised.")
    missing = progress_report_missing(report)
    if missing:
        raise ValidationError(
            {"detail": ["The progress report cannot be finalised yet.", *missing]}
        )
    report.status = Status.FINALISED
    report.finalised_by = actor
    report.finalised_at = timezone.now()
    report.save(update_fields=["status", "finalised_by", "finalised_at"])
    enqueue_on_commit(evaluate_factory, report.factory_id, f"progress_report:{report.pk}")
    return report
