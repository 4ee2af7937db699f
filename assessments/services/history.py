"""The record of every change to an assessment or a report: append-only rows, read as history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assessments.models import (
    Assessment,
    Finding,
    ProgressReport,
    RecordChange,
)
from assessments.services.inputs import FindingInput

if TYPE_CHECKING:
    from django.contrib.auth.models import User


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
    ).select_related("actor__profile")
