"""Entering an assessment in the browser: an empty draft, answered one question at a time (or a
page of answers at once)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from assessments.models import (
    AdditionalAnswer,
    Assessment,
    Finding,
    ManagementSystemElement,
    ManagementSystemResult,
    ProgressItem,
    ProgressReport,
    Question,
    RecordChange,
)
from assessments.services.answers import _new_assessment, _not_both
from assessments.services.history import _change, _finding_value, _record
from assessments.services.inputs import FindingInput
from assessments.vocabulary import Status
from betterwork.core.errors import Conflict
from factories.models import Factory

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- entry in the browser: an empty draft, then one answer at a time -------------------------


def assessment_propose(factory: Factory) -> tuple[int, datetime.date]:
    """The next cycle after the factory's latest, and today as the visit date: a past due date
    would date an overdue visit before it happened."""
    last = factory.assessments.order_by("-cycle").values_list("cycle", flat=True).first()
    return (last or 0) + 1, timezone.localdate()


@transaction.atomic
def assessment_start(
    *, factory: Factory, actor: User, cycle: int, visit_date: datetime.date
) -> Assessment:
    """An empty draft, to be filled answer by answer (entry page) or by an import."""
    assessment = _new_assessment(factory=factory, cycle=cycle, visit_date=visit_date, actor=actor)
    _record(assessment, "status", None, {"status": Status.DRAFT}, actor=actor, context="entry")
    return assessment


def _locked_draft(assessment: Assessment) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_finalised:
        raise Conflict(gettext("This assessment is finalised and cannot be changed."))
    return locked


NOTE_MAX_LENGTH = 2000


def _check_finding(
    question: Question | None,
    code: str,
    non_compliant: bool | None,
    remediated: bool,
    note: str,
    not_applicable: bool = False,
) -> Question:
    if question is None:
        raise ValidationError(
            {"question": [gettext("Unknown question code '{code}'.").format(code=code)]}
        )
    if not_applicable and non_compliant:
        raise ValidationError({"not_applicable": [_not_both()]})
    if non_compliant is None and not not_applicable and (remediated or note):
        raise ValidationError(
            {
                "non_compliant": [
                    gettext("Say whether the question is compliant or not before the rest.")
                ]
            }
        )
    if remediated and not non_compliant:
        raise ValidationError({"remediated": [gettext("Only a non-compliance can be remediated.")]})
    if remediated and not question.zero_tolerance:
        raise ValidationError(
            {
                "remediated": [
                    gettext(
                        "Question {code} is not zero tolerance; remediation is recorded for zero-tolerance findings only."
                    ).format(code=code)
                ]
            }
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": [
                    gettext("A note has at most {limit} characters (this one {count}).").format(
                        limit=NOTE_MAX_LENGTH, count=len(note)
                    )
                ]
            }
        )
    return question


def _apply_finding(
    assessment: Assessment,
    question: Question,
    existing: Finding | None,
    non_compliant: bool | None,
    remediated: bool,
    note: str,
    not_applicable: bool = False,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, Finding | None]:
    """Write one answer; returns (before, after, finding). `None` means not answered.

    An answer changed one by one is no longer one set in bulk: it loses the bulk mark.
    """
    before = _finding_value(existing) if existing else None
    if non_compliant is None and not not_applicable:
        if existing is not None:
            existing.delete()
        return before, None, None
    typed = FindingInput(
        question=question.code,
        non_compliant=bool(non_compliant),
        remediated=remediated,
        note=note,
        not_applicable=not_applicable,
    )
    after = _finding_value(typed)
    if before == after:
        return before, after, existing
    finding = existing or Finding(assessment=assessment, question=question)
    finding.non_compliant, finding.not_applicable = typed.non_compliant, typed.not_applicable
    finding.remediated, finding.note, finding.bulk = remediated, note, None
    if not remediated:  # a remediation recorded after an earlier finalising no longer applies
        finding.remediated_on, finding.remediation_note = None, ""
    finding.save()
    return before, after, finding


@transaction.atomic
def finding_record(
    *,
    assessment: Assessment,
    actor: User,
    question: str,
    non_compliant: bool | None,
    remediated: bool = False,
    note: str = "",
    not_applicable: bool = False,
    context: str = "entry",
) -> Finding | None:
    """Save the answer to one question: non-compliant, compliant, not applicable
    (`not_applicable`), or (`non_compliant` None) not answered yet."""
    assessment = _locked_draft(assessment)
    note = note.strip()
    found = Question.objects.filter(code=question).first()
    checked = _check_finding(found, question, non_compliant, remediated, note, not_applicable)
    existing = assessment.findings.filter(question=checked).first()
    before, after, finding = _apply_finding(
        assessment, checked, existing, non_compliant, remediated, note, not_applicable
    )
    if before != after:
        _record(assessment, f"finding:{question}", before, after, actor=actor, context=context)
    return finding


def _save_single_answer(
    record: Assessment | ProgressReport,
    target: str,
    existing: Any,
    make: Any,
    field: str,
    value: object,
    *,
    actor: User,
    context: str,
) -> Any:
    """Set one single-valued answer (None clears it), keeping its before and after as history."""
    before = {field: getattr(existing, field)} if existing else None
    after = None if value is None else {field: value}
    if before == after:
        return existing
    _record(record, target, before, after, actor=actor, context=context)
    if value is None:
        assert existing is not None
        existing.delete()
        return None
    answer = existing or make()
    setattr(answer, field, value)
    answer.save()
    return answer


@transaction.atomic
def element_record(
    *,
    assessment: Assessment,
    actor: User,
    element: str,
    satisfied: bool | None,
    context: str = "entry",
) -> ManagementSystemResult | None:
    """Save one management-system element: satisfied, not satisfied, or (None) not filled."""
    assessment = _locked_draft(assessment)
    known = ManagementSystemElement.objects.filter(code=element).first()
    if known is None:
        raise ValidationError(
            {
                "element": [
                    gettext("Unknown management-system element '{element}'.").format(
                        element=element
                    )
                ]
            }
        )
    return _save_single_answer(
        assessment,
        f"element:{element}",
        assessment.management_systems.filter(element=known).first(),
        lambda: ManagementSystemResult(assessment=assessment, element=known),
        "satisfied",
        satisfied,
        actor=actor,
        context=context,
    )


@transaction.atomic
def additional_answer_record(
    *,
    assessment: Assessment,
    actor: User,
    item: str,
    met: bool | None,
    context: str = "entry",
) -> AdditionalAnswer | None:
    """Save the answer to one additional question (candidates' assessments only)."""
    assessment = _locked_draft(assessment)
    if not assessment.includes_additional_questions:
        raise ValidationError(
            {
                "additional_questions": [
                    gettext(
                        "This assessment does not include the additional questions; leave them out."
                    )
                ]
            }
        )
    known = ProgressItem.objects.filter(code=item).first()
    if known is None:
        raise ValidationError(
            {"item": [gettext("Unknown progress item '{item}'.").format(item=item)]}
        )
    return _save_single_answer(
        assessment,
        f"additional:{item}",
        assessment.additional_answers.filter(item=known).first(),
        lambda: AdditionalAnswer(assessment=assessment, item=known),
        "met",
        met,
        actor=actor,
        context=context,
    )


@dataclass(frozen=True)
class FindingDraft:
    """An answer as typed on the entry page: `non_compliant` None (and not `not_applicable`)
    means not answered yet."""

    question: str
    non_compliant: bool | None
    remediated: bool = False
    note: str = ""
    not_applicable: bool = False


@transaction.atomic
def assessment_answers_save(
    *,
    assessment: Assessment,
    actor: User,
    findings: Sequence[FindingDraft] = (),
    elements: Sequence[tuple[str, bool | None]] = (),
    additional: Sequence[tuple[str, bool | None]] = (),
    context: str = "entry",
) -> dict[str, dict[str, list[str]]]:
    """Save every valid answer of the entry page at once; return the errors of the others.

    Work is never lost to one wrong answer: the valid ones are saved, the invalid ones come back
    keyed by their code. Only the answers given are touched (a filtered page sends a subset).
    """
    assessment = _locked_draft(assessment)
    errors: dict[str, dict[str, list[str]]] = {}
    questions = {
        q.code: q for q in Question.objects.filter(code__in=[f.question for f in findings])
    }
    existing = {f.question.code: f for f in assessment.findings.select_related("question")}
    changes: list[RecordChange] = []
    for draft in findings:
        note = draft.note.strip()
        try:
            question = _check_finding(
                questions.get(draft.question),
                draft.question,
                draft.non_compliant,
                draft.remediated,
                note,
                draft.not_applicable,
            )
        except ValidationError as error:
            errors[draft.question] = error.message_dict
            continue
        before, after, _ = _apply_finding(
            assessment,
            question,
            existing.get(draft.question),
            draft.non_compliant,
            draft.remediated,
            note,
            draft.not_applicable,
        )
        if before != after:
            changes.append(
                _change(
                    assessment,
                    f"finding:{draft.question}",
                    before,
                    after,
                    actor=actor,
                    context=context,
                )
            )
    RecordChange.objects.bulk_create(changes)
    for code, satisfied in elements:
        try:
            element_record(
                assessment=assessment,
                actor=actor,
                element=code,
                satisfied=satisfied,
                context=context,
            )
        except ValidationError as error:
            errors[code] = error.message_dict
    for code, met in additional:
        try:
            additional_answer_record(
                assessment=assessment, actor=actor, item=code, met=met, context=context
            )
        except ValidationError as error:
            errors[code] = error.message_dict
    return errors
