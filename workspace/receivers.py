"""The workspace's answers to what assessments announce (assessments.signals), connected in
WorkspaceConfig.ready(). They run inside the sender's transaction."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from assessments.models import Assessment, Finding
from assessments.signals import record_finalised, remediation_recorded
from workspace.services.plan import improvement_plan_items_remediated, improvement_plan_open_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def open_improvement_plan(sender: type[Any], *, record: Any, **kwargs: Any) -> None:
    if isinstance(record, Assessment):
        improvement_plan_open_for(assessment=record)


def close_remediated_items(
    sender: type[Any],
    *,
    finding: Finding,
    assessment: Assessment,
    actor: User,
    note: str,
    at: datetime.datetime,
    **kwargs: Any,
) -> None:
    improvement_plan_items_remediated(
        assessment=assessment, question_id=finding.question_id, actor=actor, note=note, at=at
    )


def connect() -> None:
    record_finalised.connect(open_improvement_plan, dispatch_uid="workspace.open_improvement_plan")
    remediation_recorded.connect(
        close_remediated_items, dispatch_uid="workspace.close_remediated_items"
    )
