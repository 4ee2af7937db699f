"""The answers' checks against the catalogue (so the API, the pages and the bulk import refuse
the same things with the same words), writing them, and an assessment created or replaced whole
(API, import). Errors are ValidationError dicts keyed by field."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from assessments.models import (
    AdditionalAnswer,
    Assessment,
    Finding,
    ManagementSystemElement,
    ManagementSystemResult,
    ProgressItem,
    ProgressReport,
    Question,
)
from assessments.services.history import _assessment_snapshot, _finding_value, _record, _record_diff
from assessments.services.inputs import AnswerInput, ElementInput, FindingInput, RatingInput
from assessments.vocabulary import Rating
from betterwork.core.errors import Conflict
from factories.models import Factory
from factories.vocabulary import Stage

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _errors_by_index(errors: dict[int, dict[str, list[str]]], size: int) -> list[dict[str, Any]]:
    return [errors.get(i, {}) for i in range(size)]


class EntryErrors(ValidationError):
    """Errors of a list's entries by position, e.g. {"findings": [{}, {"question": [...]}]}.

    Django flattens nested errors into one list of messages (what forms show); `api_detail`
    keeps the positions for the API's exception handler.
    """

    def __init__(self, field: str, errors: dict[int, dict[str, list[str]]], size: int) -> None:
        by_index = _errors_by_index(errors, size)
        super().__init__({field: [m for entry in by_index for ms in entry.values() for m in ms]})
        self.api_detail = {field: by_index}


def _check_findings(findings: Sequence[FindingInput]) -> dict[str, Question]:
    questions = {
        q.code: q for q in Question.objects.filter(code__in={f.question for f in findings})
    }
    errors: dict[int, dict[str, list[str]]] = {}
    seen: set[str] = set()
    for i, finding in enumerate(findings):
        question = questions.get(finding.question)
        if question is None:
            errors[i] = {
                "question": [
                    gettext("Unknown question code '{question}'.").format(question=finding.question)
                ]
            }
        elif finding.question in seen:
            errors[i] = {
                "question": [
                    gettext("Question {question} is listed twice.").format(
                        question=finding.question
                    )
                ]
            }
        elif finding.not_applicable and finding.non_compliant:
            errors[i] = {"not_applicable": [_not_both()]}
        elif finding.remediated and not finding.non_compliant:
            errors[i] = {"remediated": [gettext("Only a non-compliance can be remediated.")]}
        elif finding.remediated and not question.zero_tolerance:
            errors[i] = {
                "remediated": [
                    gettext(
                        "Question {question} is not zero tolerance; remediation is recorded for zero-tolerance findings only."
                    ).format(question=finding.question)
                ]
            }
        seen.add(finding.question)
    if errors:
        raise EntryErrors("findings", errors, len(findings))
    return questions


def _not_both() -> str:
    return _("A question is either non-compliant or not applicable, not both.")


def _check_elements(elements: Sequence[ElementInput]) -> dict[str, ManagementSystemElement]:
    known = {e.code: e for e in ManagementSystemElement.objects.all()}
    errors: dict[int, dict[str, list[str]]] = {}
    seen: set[str] = set()
    for i, result in enumerate(elements):
        if result.element not in known:
            errors[i] = {
                "element": [
                    gettext("Unknown management-system element '{element}'.").format(
                        element=result.element
                    )
                ]
            }
        elif result.element in seen:
            errors[i] = {
                "element": [
                    gettext("Element {element} is listed twice.").format(element=result.element)
                ]
            }
        seen.add(result.element)
    if errors:
        raise EntryErrors("management_systems", errors, len(elements))
    missing = sorted(set(known) - seen, key=lambda code: known[code].order)
    if missing:
        raise ValidationError(
            {
                "management_systems": [
                    gettext(
                        "All {count} management-system elements must be given; missing: {missing}."
                    ).format(count=len(known), missing=", ".join(missing))
                ]
            }
        )
    return known


def _check_items(
    entries: Sequence[AnswerInput | RatingInput], field: str, *, complete: bool
) -> dict[str, ProgressItem]:
    known = {i.code: i for i in ProgressItem.objects.all()}
    errors: dict[int, dict[str, list[str]]] = {}
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if entry.item not in known:
            errors[i] = {
                "item": [gettext("Unknown progress item '{item}'.").format(item=entry.item)]
            }
        elif entry.item in seen:
            errors[i] = {"item": [gettext("Item {item} is listed twice.").format(item=entry.item)]}
        elif isinstance(entry, RatingInput) and entry.rating not in Rating.values:
            errors[i] = {
                "rating": [
                    gettext("'{rating}' is not a rating; use one of {ratings}.").format(
                        rating=entry.rating, ratings=", ".join(Rating.values)
                    )
                ]
            }
        seen.add(entry.item)
    if errors:
        raise EntryErrors(field, errors, len(entries))
    missing = sorted(set(known) - seen, key=lambda code: known[code].order)
    if complete and missing:
        raise ValidationError(
            {
                field: [
                    gettext("All {count} items must be given; missing: {missing}.").format(
                        count=len(known), missing=", ".join(missing)
                    )
                ]
            }
        )
    return known


def _check_date(value: datetime.date, field: str) -> None:
    if value > timezone.localdate():
        raise ValidationError(
            {field: [gettext("{value} is in the future.").format(value=value.isoformat())]}
        )


def _write_answers(
    assessment: Assessment,
    findings: Sequence[FindingInput],
    elements: Sequence[ElementInput],
    additional: Sequence[AnswerInput],
    *,
    actor: User,
    context: str,
) -> None:
    if additional and not assessment.includes_additional_questions:
        raise ValidationError(
            {
                "additional_questions": [
                    gettext(
                        "This assessment does not include the additional questions; leave them out."
                    )
                ]
            }
        )
    questions = _check_findings(findings)
    known_elements = _check_elements(elements)
    items = _check_items(additional, "additional_questions", complete=False)
    before = _assessment_snapshot(assessment)
    assessment.findings.all().delete()
    assessment.management_systems.all().delete()
    assessment.additional_answers.all().delete()
    Finding.objects.bulk_create(
        Finding(
            assessment=assessment,
            question=questions[f.question],
            non_compliant=f.non_compliant,
            not_applicable=f.not_applicable,
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
    after: dict[str, dict[str, Any]] = {
        **{f"finding:{f.question}": _finding_value(f) for f in findings},
        **{f"element:{e.element}": {"satisfied": e.satisfied} for e in elements},
        **{f"additional:{a.item}": {"met": a.met} for a in additional},
    }
    _record_diff(assessment, before, after, actor=actor, context=context)


def _lock_factory(factory_id: int) -> Factory:
    """Lock the factory row. Every writer that locks a factory and one of its records locks the
    factory FIRST, as the evaluation does: the same order everywhere cannot deadlock."""
    return Factory.objects.select_for_update().get(pk=factory_id)


def _new_assessment(
    *, factory: Factory, cycle: int, visit_date: datetime.date, actor: User
) -> Assessment:
    """The draft's header, checked; the factory is locked, so two drafts never share a cycle."""
    factory = _lock_factory(factory.pk)
    if cycle < 1:
        raise ValidationError({"cycle": [gettext("The cycle is a whole number from 1.")]})
    if Assessment.objects.filter(factory=factory, cycle=cycle).exists():
        raise ValidationError(
            {
                "cycle": [
                    gettext("{factory} already has an assessment for cycle {cycle}.").format(
                        factory=factory, cycle=cycle
                    )
                ]
            }
        )
    _check_date(visit_date, "visit_date")
    return Assessment.objects.create(
        factory=factory,
        cycle=cycle,
        visit_date=visit_date,
        created_by=actor,
        includes_additional_questions=factory.stage == Stage.CANDIDATE,
    )


def _new_report(
    *, factory: Factory, cycle: int, number: int, release_date: datetime.date, actor: User
) -> ProgressReport:
    """The draft report's header, checked; the factory is locked, as for an assessment."""
    factory = _lock_factory(factory.pk)
    if cycle < 1:
        raise ValidationError({"cycle": [gettext("The cycle is a whole number from 1.")]})
    if number not in (1, 2):
        raise ValidationError({"number": [gettext("A progress report is number 1 or 2.")]})
    if ProgressReport.objects.filter(factory=factory, cycle=cycle, number=number).exists():
        raise ValidationError(
            {
                "number": [
                    gettext("{factory} already has PR{number} for cycle {cycle}.").format(
                        factory=factory, number=number, cycle=cycle
                    )
                ]
            }
        )
    _check_date(release_date, "release_date")
    return ProgressReport.objects.create(
        factory=factory, cycle=cycle, number=number, release_date=release_date, created_by=actor
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
    context: str = "",
) -> Assessment:
    """A draft assessment. A candidate's next assessment carries the additional questions."""
    assessment = _new_assessment(factory=factory, cycle=cycle, visit_date=visit_date, actor=actor)
    if assessment.includes_additional_questions and not additional:
        raise ValidationError(
            {
                "additional_questions": [
                    gettext(
                        "This factory is a candidate: its assessment includes the additional questions; "
                        "answer them."
                    )
                ]
            }
        )
    _write_answers(assessment, findings, elements, additional, actor=actor, context=context)
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
    context: str = "",
) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_finalised:
        raise Conflict(gettext("This assessment is finalised and cannot be changed."))
    if visit_date is not None:
        _check_date(visit_date, "visit_date")
        if visit_date != assessment.visit_date:
            _record(
                assessment,
                "visit_date",
                {"visit_date": assessment.visit_date.isoformat()},
                {"visit_date": visit_date.isoformat()},
                actor=actor,
                context=context,
            )
        assessment.visit_date = visit_date
        assessment.save(update_fields=["visit_date"])
    _write_answers(assessment, findings, elements, additional, actor=actor, context=context)
    return assessment
