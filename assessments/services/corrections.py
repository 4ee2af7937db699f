"""Corrections after finalising: reopening with a reason, and a remediation recorded without
reopening."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from assessments import signals
from assessments.models import (
    Assessment,
    Finding,
)
from assessments.services.answers import _lock_factory
from assessments.services.entry import NOTE_MAX_LENGTH
from assessments.services.history import _finding_value, _record
from assessments.vocabulary import Status
from betterwork.core.errors import Conflict
from factories import access

if TYPE_CHECKING:
    from django.contrib.auth.models import User


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
        raise PermissionDenied(
            gettext("Only a programme manager of the factory's programme may reopen.")
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [gettext("Say why the assessment is reopened.")]})
    if not assessment.is_finalised:
        raise Conflict(gettext("Only a finalised assessment can be reopened; this one is a draft."))
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
