"""The improvement plan: opened from a finalised assessment, worked by the factory, confirmed by the EA."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from workspace.models import (
    ImprovementPlanItem,
)
from workspace.services.permissions import (
    require_staff,
    require_work,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from assessments.models import Assessment


# --- the improvement plan ------------------------------------------------------------------


@transaction.atomic
def improvement_plan_open_for(*, assessment: Assessment) -> list[ImprovementPlanItem]:
    """Open one item per non-compliance on a publicly reported question of a finalised
    assessment. Idempotent: a second call opens nothing new."""
    from assessments.models import Finding

    if not assessment.is_finalised:
        raise ValidationError(
            {"assessment": [gettext("Only a finalised assessment opens plan items.")]}
        )
    findings = Finding.objects.filter(
        assessment=assessment, non_compliant=True, question__publicly_reported=True
    ).select_related("question")
    existing = set(
        ImprovementPlanItem.objects.filter(assessment=assessment).values_list(
            "question_id", flat=True
        )
    )
    items = [
        ImprovementPlanItem(
            factory_id=assessment.factory_id,
            assessment=assessment,
            finding=finding,
            question=finding.question,
        )
        for finding in findings
        if finding.question_id not in existing
    ]
    return ImprovementPlanItem.objects.bulk_create(items)


@transaction.atomic
def improvement_plan_item_update(
    *,
    item: ImprovementPlanItem,
    actor: User,
    action: str,
    responsible: str,
    deadline: datetime.date | None,
    status: str,
) -> ImprovementPlanItem:
    """The factory works its plan. Marking an item Completed leaves it awaiting the EA."""
    require_work(actor, item.factory)
    item = ImprovementPlanItem.objects.select_for_update().get(pk=item.pk)
    if status not in ImprovementPlanItem.Status.values:
        raise ValidationError({"status": [gettext("Choose Pending, In progress or Completed.")]})
    if item.confirmed_at is not None:
        raise ValidationError(
            {"status": [gettext("The enterprise advisor confirmed this item; it is closed.")]}
        )
    if status == ImprovementPlanItem.Status.COMPLETED and not action.strip():
        raise ValidationError(
            {"action": [gettext("Say what was done before marking it Completed.")]}
        )
    item.action = action.strip()
    item.responsible = responsible.strip()
    item.deadline = deadline
    item.status = status
    item.updated_by = actor
    item.save()
    return item


@transaction.atomic
def improvement_plan_item_confirm(*, item: ImprovementPlanItem, actor: User) -> ImprovementPlanItem:
    """The EA (or a PM) confirms that a completed item is fixed."""
    require_staff(
        actor,
        item.factory,
        gettext("Only the enterprise advisor or a programme manager confirms completion."),
    )
    item = ImprovementPlanItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ImprovementPlanItem.Status.COMPLETED:
        raise ValidationError(
            {"status": [gettext("Only an item the factory completed can be confirmed.")]}
        )
    if item.confirmed_at is not None:
        raise ValidationError({"status": [gettext("This item is already confirmed.")]})
    item.confirmed_by = actor
    item.confirmed_at = timezone.now()
    item.save(update_fields=["confirmed_by", "confirmed_at"])
    return item


def improvement_plan_items_remediated(
    *, assessment: Assessment, question_id: int, actor: User, note: str, at: datetime.datetime
) -> None:
    """A remediation recorded on the finalised assessment closes its open item for the question
    (confirmed by whoever recorded it; the note is the action when none was written)."""
    for item in ImprovementPlanItem.objects.select_for_update().filter(
        assessment=assessment, question_id=question_id, confirmed_at__isnull=True
    ):
        item.status = ImprovementPlanItem.Status.COMPLETED
        item.action = item.action or note
        item.updated_by = item.confirmed_by = actor
        item.confirmed_at = at
        item.save()
