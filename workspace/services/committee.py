"""The bipartite committee (PICC): members, the chair, meetings."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from factories.models import Factory
from workspace.models import (
    CommitteeMeeting,
    CommitteeMember,
)
from workspace.services.permissions import (
    require_work,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- the bipartite committee ---------------------------------------------------------------


def _check_chair(
    factory: Factory, is_chair: bool, left: datetime.date | None, pk: int | None
) -> None:
    if not is_chair or left is not None:
        return
    others = CommitteeMember.objects.filter(factory=factory, is_chair=True, left__isnull=True)
    if pk is not None:
        others = others.exclude(pk=pk)
    chair = others.first()
    if chair is not None:
        raise ValidationError(
            {
                "is_chair": [
                    gettext("{name} is the current chair; make them step down first.").format(
                        name=chair.name
                    )
                ]
            }
        )


def _check_member_dates(joined: datetime.date, left: datetime.date | None) -> None:
    if joined > timezone.localdate():
        raise ValidationError(
            {"joined": [gettext("{joined} is in the future.").format(joined=joined.isoformat())]}
        )
    if left is not None and left < joined:
        raise ValidationError({"left": [gettext("A member cannot leave before joining.")]})


@transaction.atomic
def committee_member_add(
    *,
    factory: Factory,
    actor: User,
    name: str,
    category: str,
    joined: datetime.date,
    position: str = "",
    union_representative: bool = False,
    elected: bool = False,
    is_chair: bool = False,
) -> CommitteeMember:
    require_work(actor, factory)
    Factory.objects.select_for_update().get(pk=factory.pk)  # one chair at a time
    name = name.strip()
    if not name:
        raise ValidationError({"name": [gettext("A member needs a name.")]})
    if category not in CommitteeMember.Category.values:
        raise ValidationError({"category": [gettext("Choose management or workers.")]})
    _check_member_dates(joined, None)
    _check_chair(factory, is_chair, None, None)
    return CommitteeMember.objects.create(
        factory=factory,
        name=name,
        category=category,
        position=position.strip(),
        union_representative=union_representative,
        elected=elected,
        joined=joined,
        is_chair=is_chair,
    )


@transaction.atomic
def committee_member_update(
    *,
    member: CommitteeMember,
    actor: User,
    name: str,
    category: str,
    joined: datetime.date,
    position: str = "",
    union_representative: bool = False,
    elected: bool = False,
    is_chair: bool = False,
    left: datetime.date | None = None,
) -> CommitteeMember:
    require_work(actor, member.factory)
    Factory.objects.select_for_update().get(pk=member.factory_id)
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    if category not in CommitteeMember.Category.values:
        raise ValidationError({"category": [gettext("Choose management or workers.")]})
    _check_member_dates(joined, left)
    _check_chair(member.factory, is_chair, left, member.pk)
    member.name = name.strip() or member.name
    member.category = category
    member.position = position.strip()
    member.union_representative = union_representative
    member.elected = elected
    member.joined = joined
    member.left = left
    member.is_chair = is_chair
    member.save()
    return member


@transaction.atomic
def committee_member_leave(
    *, member: CommitteeMember, actor: User, left: datetime.date
) -> CommitteeMember:
    """A member who leaves keeps their row, with the date they left; never deleted."""
    require_work(actor, member.factory)
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    if member.left is not None:
        raise ValidationError(
            {
                "left": [
                    gettext("{name} already left on {left}.").format(
                        name=member.name, left=member.left
                    )
                ]
            }
        )
    _check_member_dates(member.joined, left)
    if left > timezone.localdate():
        raise ValidationError(
            {"left": [gettext("{left} is in the future.").format(left=left.isoformat())]}
        )
    member.left = left
    member.save(update_fields=["left"])
    return member


@transaction.atomic
def committee_meeting_add(
    *, factory: Factory, actor: User, date: datetime.date, minutes: str
) -> CommitteeMeeting:
    require_work(actor, factory)
    if date > timezone.localdate():
        raise ValidationError(
            {"date": [gettext("{date} is in the future.").format(date=date.isoformat())]}
        )
    if not minutes.strip():
        raise ValidationError({"minutes": [gettext("Write down what the committee discussed.")]})
    return CommitteeMeeting.objects.create(
        factory=factory, date=date, minutes=minutes.strip(), recorded_by=actor
    )
