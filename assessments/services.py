"""Writes on assessments and progress reports: create a draft, replace its answers, finalise.

Validation that needs the catalogue lives here, so the API, the pages and the bulk import refuse
the same things with the same words. Errors are ValidationError dicts keyed by field.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments import signals
from assessments.models import (
    AdditionalAnswer,
    Assessment,
    BulkAnswer,
    Cluster,
    Finding,
    ManagementSystemElement,
    ManagementSystemResult,
    ProgressItem,
    ProgressRating,
    ProgressReport,
    Question,
    QuestionQuerySet,
    RecordChange,
)
from assessments.schedule import next_assessment_due_set
from assessments.vocabulary import Rating, Status
from betterwork.core.errors import Conflict
from factories import access
from factories.models import Factory
from factories.vocabulary import Stage

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class FindingInput:
    """One answer: non-compliant, compliant (`non_compliant` False) or not applicable."""

    question: str
    non_compliant: bool = True
    remediated: bool = False
    note: str = ""
    not_applicable: bool = False


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
            errors[i] = {"question": [f"Unknown question code '{finding.question}'."]}
        elif finding.question in seen:
            errors[i] = {"question": [f"Question {finding.question} is listed twice."]}
        elif finding.not_applicable and finding.non_compliant:
            errors[i] = {"not_applicable": [_not_both()]}
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
            errors[i] = {"element": [f"Unknown management-system element '{result.element}'."]}
        elif result.element in seen:
            errors[i] = {"element": [f"Element {result.element} is listed twice."]}
        seen.add(result.element)
    if errors:
        raise EntryErrors("management_systems", errors, len(elements))
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
    entries: Sequence[AnswerInput | RatingInput], field: str, *, complete: bool
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
        raise EntryErrors(field, errors, len(entries))
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
    *,
    actor: User,
    context: str,
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
        raise ValidationError({"cycle": ["The cycle is a whole number from 1."]})
    if Assessment.objects.filter(factory=factory, cycle=cycle).exists():
        raise ValidationError(
            {"cycle": [f"{factory} already has an assessment for cycle {cycle}."]}
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
        raise ValidationError({"cycle": ["The cycle is a whole number from 1."]})
    if number not in (1, 2):
        raise ValidationError({"number": ["A progress report is number 1 or 2."]})
    if ProgressReport.objects.filter(factory=factory, cycle=cycle, number=number).exists():
        raise ValidationError({"number": [f"{factory} already has PR{number} for cycle {cycle}."]})
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
                    "This factory is a candidate: its assessment includes the additional questions; "
                    "answer them."
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
        raise Conflict("This assessment is finalised and cannot be changed.")
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


FIRST_UNANSWERED = 5


@dataclass(frozen=True)
class Completeness:
    """What still stands in the way of finalising an assessment."""

    total: int
    unanswered: int
    first_unanswered: list[tuple[str, str]]  # (code, short text) of the first few, in order
    missing_elements: list[str]
    missing_additional: list[str]

    @property
    def complete(self) -> bool:
        return not (self.unanswered or self.missing_elements or self.missing_additional)

    def messages(self) -> list[str]:
        """The refusal in words, one line per kind of gap."""
        lines: list[str] = []
        if self.unanswered:
            first = "; ".join(f"{code} ({text})" for code, text in self.first_unanswered)
            lines.append(
                ngettext(
                    "%(count)d of %(total)d questions is not answered yet: %(first)s.",
                    "%(count)d of %(total)d questions are not answered yet, the first: %(first)s.",
                    self.unanswered,
                )
                % {"count": self.unanswered, "total": self.total, "first": first}
            )
        if self.missing_elements:
            lines.append(
                f"Management-system elements not filled: {', '.join(self.missing_elements)}."
            )
        if self.missing_additional:
            lines.append(
                f"Additional questions not answered: {', '.join(self.missing_additional)}."
            )
        return lines


def unanswered_questions(
    assessment: Assessment, cluster: Cluster | None = None
) -> QuestionQuerySet:
    """The catalogue's questions this assessment has no answer to, in catalogue order."""
    questions = Question.objects.exclude(
        pk__in=Finding.objects.filter(assessment=assessment).values("question_id")
    )
    if cluster is not None:
        questions = questions.filter(compliance_point__cluster=cluster)
    return questions.order_by(
        "compliance_point__cluster__order", "compliance_point__order", "order", "code"
    )


def assessment_completeness(assessment: Assessment) -> Completeness:
    """Every question answered, all 13 elements, and the additional questions when included."""
    unanswered = unanswered_questions(assessment)
    given = set(assessment.management_systems.values_list("element__code", flat=True))
    elements = ManagementSystemElement.objects.exclude(code__in=given).values_list(
        "code", flat=True
    )
    items: list[str] = []
    if assessment.includes_additional_questions:
        answered = set(assessment.additional_answers.values_list("item__code", flat=True))
        items = list(ProgressItem.objects.exclude(code__in=answered).values_list("code", flat=True))
    return Completeness(
        total=Question.objects.count(),
        unanswered=unanswered.count(),
        first_unanswered=[
            (code, Truncator(text).chars(60))
            for code, text in unanswered.values_list("code", "text")[:FIRST_UNANSWERED]
        ],
        missing_elements=list(elements),
        missing_additional=items,
    )


def assessment_missing(assessment: Assessment) -> list[str]:
    """What still stands in the way of finalising, in words."""
    return assessment_completeness(assessment).messages()


class IncompleteAssessment(ValidationError):
    """A refusal to finalise: the messages for pages, and `api_detail` with the numbers."""

    def __init__(self, completeness: Completeness) -> None:
        lines = [_("The assessment cannot be finalised yet."), *completeness.messages()]
        if completeness.unanswered:
            lines.append(
                _(
                    "Answer them, or record explicitly that every question not yet answered is "
                    "compliant (remaining_compliant)."
                )
            )
        super().__init__({"detail": lines})
        self.completeness = completeness
        self.api_detail: dict[str, Any] = {
            "detail": lines,
            "unanswered": completeness.unanswered,
            "first_unanswered": [
                {"question": code, "text": text} for code, text in completeness.first_unanswered
            ],
            "missing_elements": completeness.missing_elements,
            "missing_additional_questions": completeness.missing_additional,
        }


def _set_remaining_compliant(
    assessment: Assessment, actor: User, cluster: Cluster | None, *, context: str
) -> int:
    """Record the bulk act on a locked draft: one BulkAnswer, one finding per unanswered
    question (marked as set by it), one line of history. Nothing is recorded when none is left."""
    questions = list(unanswered_questions(assessment, cluster).values_list("pk", flat=True))
    if not questions:
        return 0
    act = BulkAnswer.objects.create(
        assessment=assessment, cluster=cluster, actor=actor, count=len(questions), context=context
    )
    Finding.objects.bulk_create(
        Finding(assessment=assessment, question_id=pk, non_compliant=False, bulk=act)
        for pk in questions
    )
    scope = cluster.code if cluster is not None else "all"
    _record(
        assessment,
        f"bulk:{scope}",
        None,
        {"compliant": len(questions)},
        actor=actor,
        context=context,
        reason=_("Every question not yet answered is compliant."),
    )
    return len(questions)


@transaction.atomic
def assessment_remaining_compliant(
    *, assessment: Assessment, actor: User, cluster: str | None = None, context: str = "entry"
) -> int:
    """The explicit act "every question not yet answered (of `cluster`, or of the whole
    assessment) is compliant"; returns how many answers it set."""
    assessment = _locked_draft(assessment)
    block = None
    if cluster is not None:
        block = Cluster.objects.filter(code=cluster).first()
        if block is None:
            raise ValidationError(
                {"cluster": [_("Unknown cluster '%(code)s'.") % {"code": cluster}]}
            )
    return _set_remaining_compliant(assessment, actor, block, context=context)


@transaction.atomic
def assessment_finalise(
    *,
    assessment: Assessment,
    actor: User,
    remaining_compliant: bool = False,
    context: str = "finalise",
) -> Assessment:
    """Make the assessment the record: read-only, next one due, evaluation queued on commit.

    Refused while a question, an element or an additional question is unanswered, unless
    `remaining_compliant` records, in the same transaction, that every question not yet
    answered is compliant.
    """
    factory = _lock_factory(assessment.factory_id)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_finalised:
        raise Conflict("This assessment is already finalised.")
    if remaining_compliant:
        _set_remaining_compliant(assessment, actor, None, context=context)
    completeness = assessment_completeness(assessment)
    if not completeness.complete:
        raise IncompleteAssessment(completeness)
    assessment.status = Status.FINALISED
    assessment.finalised_by = actor
    assessment.finalised_at = timezone.now()
    assessment.save(update_fields=["status", "finalised_by", "finalised_at"])
    signals.record_finalised.send(
        sender=Assessment,
        record=assessment,
        factory_id=factory.pk,
        trigger=f"assessment:{assessment.pk}",
    )
    _record(
        assessment,
        "status",
        {"status": Status.DRAFT},
        {"status": Status.FINALISED},
        actor=actor,
        context="finalise",
    )
    fields = next_assessment_due_set(factory)
    if fields:
        factory.save(update_fields=fields)
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
    context: str = "",
) -> ProgressReport:
    report = _new_report(
        factory=factory, cycle=cycle, number=number, release_date=release_date, actor=actor
    )
    items = _check_items(ratings, "items", complete=number == 2)
    ProgressRating.objects.bulk_create(
        ProgressRating(report=report, item=items[r.item], rating=r.rating) for r in ratings
    )
    _record_diff(
        report,
        {},
        {f"rating:{r.item}": {"rating": r.rating} for r in ratings},
        actor=actor,
        context=context,
    )
    return report


@transaction.atomic
def progress_report_replace_ratings(
    *, report: ProgressReport, actor: User, ratings: Sequence[RatingInput], context: str = ""
) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.is_finalised:
        raise Conflict("This progress report is finalised and cannot be changed.")
    items = _check_items(ratings, "items", complete=report.number == 2)
    before = {
        f"rating:{code}": {"rating": rating}
        for code, rating in report.ratings.values_list("item__code", "rating")
    }
    report.ratings.all().delete()
    ProgressRating.objects.bulk_create(
        ProgressRating(report=report, item=items[r.item], rating=r.rating) for r in ratings
    )
    after = {f"rating:{r.item}": {"rating": r.rating} for r in ratings}
    _record_diff(report, before, after, actor=actor, context=context)
    return report


def progress_report_missing(report: ProgressReport) -> list[str]:
    if report.number != 2:
        return []
    rated = set(report.ratings.values_list("item__code", flat=True))
    items = ProgressItem.objects.exclude(code__in=rated).values_list("code", flat=True)
    return [f"Items not rated: {', '.join(items)}."] if items else []


@transaction.atomic
def progress_report_finalise(*, report: ProgressReport, actor: User) -> ProgressReport:
    _lock_factory(report.factory_id)
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
    _record(
        report,
        "status",
        {"status": Status.DRAFT},
        {"status": Status.FINALISED},
        actor=actor,
        context="finalise",
    )
    signals.record_finalised.send(
        sender=ProgressReport,
        record=report,
        factory_id=report.factory_id,
        trigger=f"progress_report:{report.pk}",
    )
    return report


# --- the record of every change ------------------------------------------------------------


def _record_type(record: Assessment | ProgressReport) -> str:
    if isinstance(record, Assessment):
        return RecordChange.RecordType.ASSESSMENT
    return RecordChange.RecordType.PROGRESS_REPORT


def _change(
    record: Assessment | ProgressReport,
    target: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    actor: User,
    context: str,
    reason: str = "",
) -> RecordChange:
    return RecordChange(
        record_type=_record_type(record),
        record_id=record.pk,
        factory_id=record.factory_id,
        target=target,
        before=before,
        after=after,
        actor=actor,
        context=context,
        reason=reason,
    )


def _record(
    record: Assessment | ProgressReport,
    target: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    actor: User,
    context: str,
    reason: str = "",
) -> None:
    _change(record, target, before, after, actor=actor, context=context, reason=reason).save()


def _record_diff(
    record: Assessment | ProgressReport,
    before: dict[str, dict[str, Any]],
    after: dict[str, dict[str, Any]],
    *,
    actor: User,
    context: str,
) -> None:
    """One change row per target whose value differs; targets are kept in catalogue-code order."""
    RecordChange.objects.bulk_create(
        _change(record, target, before.get(target), after.get(target), actor=actor, context=context)
        for target in sorted(set(before) | set(after))
        if before.get(target) != after.get(target)
    )


def _finding_value(finding: Finding | FindingInput) -> dict[str, Any]:
    value = {
        "non_compliant": finding.non_compliant,
        "remediated": finding.remediated,
        "note": finding.note,
    }
    if finding.not_applicable:  # only when set, so that older history reads the same
        value["not_applicable"] = True
    return value


def _assessment_snapshot(assessment: Assessment) -> dict[str, dict[str, Any]]:
    snapshot: dict[str, dict[str, Any]] = {}
    for finding in assessment.findings.select_related("question"):
        snapshot[f"finding:{finding.question.code}"] = _finding_value(finding)
    for code, satisfied in assessment.management_systems.values_list("element__code", "satisfied"):
        snapshot[f"element:{code}"] = {"satisfied": satisfied}
    for code, met in assessment.additional_answers.values_list("item__code", "met"):
        snapshot[f"additional:{code}"] = {"met": met}
    return snapshot


def record_history(record: Assessment | ProgressReport) -> Any:
    """The changes to `record`, newest first, with their authors (one query)."""
    return RecordChange.objects.filter(
        record_type=_record_type(record), record_id=record.pk
    ).select_related("actor")


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
        raise Conflict("This assessment is finalised and cannot be changed.")
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
        raise ValidationError({"question": [f"Unknown question code '{code}'."]})
    if not_applicable and non_compliant:
        raise ValidationError({"not_applicable": [_not_both()]})
    if non_compliant is None and not not_applicable and (remediated or note):
        raise ValidationError(
            {"non_compliant": ["Say whether the question is compliant or not before the rest."]}
        )
    if remediated and not non_compliant:
        raise ValidationError({"remediated": ["Only a non-compliance can be remediated."]})
    if remediated and not question.zero_tolerance:
        raise ValidationError(
            {
                "remediated": [
                    f"Question {code} is not zero tolerance; remediation is recorded for "
                    "zero-tolerance findings only."
                ]
            }
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": [f"A note has at most {NOTE_MAX_LENGTH} characters (this one {len(note)})."]}
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
        raise ValidationError({"element": [f"Unknown management-system element '{element}'."]})
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
                    "This assessment does not include the additional questions; leave them out."
                ]
            }
        )
    known = ProgressItem.objects.filter(code=item).first()
    if known is None:
        raise ValidationError({"item": [f"Unknown progress item '{item}'."]})
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


# --- corrections ---------------------------------------------------------------------------


@transaction.atomic
def assessment_reopen(*, assessment: Assessment, actor: User, reason: str) -> Assessment:
    """A PM reopens a finalised assessment to correct it; it becomes a draft marked reopened.

    Every later change is recorded with its author; finalising again re-runs the evaluation.
    """
    factory = _lock_factory(assessment.factory_id)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    assessment.factory = factory
    if not access.may(actor, access.Action.DECIDE, factory):
        raise PermissionDenied("Only a programme manager of the factory's programme may reopen.")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": ["Say why the assessment is reopened."]})
    if not assessment.is_finalised:
        raise Conflict("Only a finalised assessment can be reopened; this one is a draft.")
    assessment.status = Status.DRAFT
    assessment.reopened_at = timezone.now()
    assessment.save(update_fields=["status", "reopened_at"])
    _record(
        assessment,
        "status",
        {"status": Status.FINALISED},
        {"status": Status.DRAFT, "reopened": True},
        actor=actor,
        context="reopen",
        reason=reason,
    )
    return assessment


def _not_a_zero_tolerance_non_compliance(code: str) -> ValidationError:
    return ValidationError(
        {
            "question": [
                _("%(code)s is not a zero-tolerance non-compliance of this assessment.")
                % {"code": code}
            ]
        }
    )


REMEDIATION_TARGET = "remediation:"
"""The history target of a remediation recorded after finalising: new evidence for the sweep."""


@transaction.atomic
def finding_remediate(
    *,
    assessment: Assessment,
    question_code: str,
    actor: User,
    remediated_on: datetime.date,
    note: str,
    context: str = "remediation",
) -> Finding:
    """Record that a zero-tolerance non-compliance of a finalised assessment was remediated,
    without reopening it: kept in the history, the matching improvement-plan item closed, and
    the factory re-evaluated once this commits."""
    factory = _lock_factory(assessment.factory_id)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not access.may(actor, access.Action.ASSESS, factory):
        raise PermissionDenied(
            _("Only the programme's enterprise advisors and managers record a remediation.")
        )
    if not assessment.is_finalised:
        raise ValidationError(
            {
                "assessment": [
                    _(
                        "This assessment is a draft: mark the answer remediated on the entry page; "
                        "a remediation is recorded here once the assessment is finalised."
                    )
                ]
            }
        )
    finding = (
        Finding.objects.select_for_update()
        .select_related("question")
        .filter(assessment=assessment, question__code=question_code)
        .first()
    )
    if finding is None or not finding.non_compliant or not finding.question.zero_tolerance:
        raise _not_a_zero_tolerance_non_compliance(question_code)
    note = note.strip()
    errors: dict[str, list[str]] = {}
    if not note:
        errors["note"] = [_("Say how it was remediated.")]
    elif len(note) > NOTE_MAX_LENGTH:
        errors["note"] = [
            _("A note has at most %(max)d characters (this one %(length)d).")
            % {"max": NOTE_MAX_LENGTH, "length": len(note)}
        ]
    if remediated_on > timezone.localdate():
        errors["remediated_on"] = [
            _("%(date)s is in the future.") % {"date": remediated_on.isoformat()}
        ]
    elif remediated_on < assessment.visit_date:
        errors["remediated_on"] = [
            _("%(date)s is before the visit of %(visit)s.")
            % {"date": remediated_on.isoformat(), "visit": assessment.visit_date.isoformat()}
        ]
    if errors:
        raise ValidationError(errors)

    def value() -> dict[str, Any]:
        return {
            **_finding_value(finding),
            "remediated_on": finding.remediated_on.isoformat() if finding.remediated_on else None,
            "remediation_note": finding.remediation_note,
        }

    before = value()
    finding.remediated, finding.remediated_on, finding.remediation_note = True, remediated_on, note
    finding.save(update_fields=["remediated", "remediated_on", "remediation_note"])
    _record(
        assessment,
        f"{REMEDIATION_TARGET}{question_code}",
        before,
        value(),
        actor=actor,
        context=context,
        reason=note,
    )
    signals.remediation_recorded.send(
        sender=Finding,
        finding=finding,
        assessment=assessment,
        actor=actor,
        note=note,
        at=timezone.now(),
        factory_id=factory.pk,
        trigger=f"remediation:{finding.pk}",
    )
    return finding


# --- progress reports in the browser --------------------------------------------------------


def progress_report_propose(factory: Factory) -> tuple[int, int, datetime.date]:
    """The next report: PR2 after a PR1 of the same cycle, else PR1 of the latest cycle."""
    today = timezone.localdate()
    latest_cycle = factory.assessments.order_by("-cycle").values_list("cycle", flat=True).first()
    reports = set(factory.progress_reports.values_list("cycle", "number"))
    cycle = latest_cycle or max((c for c, _ in reports), default=1)
    for number in (1, 2):
        if (cycle, number) not in reports:
            return cycle, number, today
    return cycle + 1, 1, today


@transaction.atomic
def progress_report_start(
    *, factory: Factory, actor: User, cycle: int, number: int, release_date: datetime.date
) -> ProgressReport:
    """An empty draft report (a PR2 is rated item by item before it can be finalised)."""
    report = _new_report(
        factory=factory, cycle=cycle, number=number, release_date=release_date, actor=actor
    )
    _record(report, "status", None, {"status": Status.DRAFT}, actor=actor, context="entry")
    return report


@transaction.atomic
def rating_record(
    *,
    report: ProgressReport,
    actor: User,
    item: str,
    rating: str | None,
    context: str = "entry",
) -> ProgressRating | None:
    """Rate one item of a draft progress report; None clears the rating."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.is_finalised:
        raise Conflict("This progress report is finalised and cannot be changed.")
    known = ProgressItem.objects.filter(code=item).first()
    if known is None:
        raise ValidationError({"item": [f"Unknown progress item '{item}'."]})
    if rating is not None and rating not in Rating.values:
        raise ValidationError(
            {"rating": [f"'{rating}' is not a rating; use one of {', '.join(Rating.values)}."]}
        )
    return _save_single_answer(
        report,
        f"rating:{item}",
        report.ratings.filter(item=known).first(),
        lambda: ProgressRating(report=report, item=known),
        "rating",
        rating,
        actor=actor,
        context=context,
    )
