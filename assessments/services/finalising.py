"""Finalising an assessment: complete answers (or the explicit bulk act), the record, the next
assessment due, and the signal that the plan and the evaluation follow."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _

from assessments import signals
from assessments.catalogue_i18n import catalogue_text
from assessments.models import (
    Assessment,
    BulkAnswer,
    Cluster,
    Finding,
    ManagementSystemElement,
    ProgressItem,
    Question,
    QuestionQuerySet,
)
from assessments.schedule import next_assessment_due_set
from assessments.services.answers import _lock_factory
from assessments.services.entry import _locked_draft
from assessments.services.history import _record
from assessments.vocabulary import Status
from betterwork.core.errors import Conflict

if TYPE_CHECKING:
    from django.contrib.auth.models import User


FIRST_UNANSWERED = 5


@dataclass(frozen=True)
class Completeness:
    """What still stands in the way of finalising an assessment."""

    total: int
    unanswered: int
    # (code, short English text) of the first few, in order; messages() shows them localized.
    first_unanswered: list[tuple[str, str]]
    missing_elements: list[str]
    missing_additional: list[str]

    @property
    def complete(self) -> bool:
        return not (self.unanswered or self.missing_elements or self.missing_additional)

    def messages(self) -> list[str]:
        """The refusal in words, one line per kind of gap."""
        lines: list[str] = []
        if self.unanswered:
            first = "; ".join(
                f"{code} ({Truncator(catalogue_text(code, text)).chars(60)})"
                for code, text in self.first_unanswered
            )
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
                gettext("Management-system elements not filled: {elements}.").format(
                    elements=", ".join(self.missing_elements)
                )
            )
        if self.missing_additional:
            lines.append(
                gettext("Additional questions not answered: {questions}.").format(
                    questions=", ".join(self.missing_additional)
                )
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
        raise Conflict(gettext("This assessment is already finalised."))
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
