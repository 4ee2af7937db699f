"""The road map: targets, endorsement and sign-off, and the versions kept after sign-off."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from factories import access
from factories.models import Factory, Profile
from factories.vocabulary import COMMITTEE_POSITIONS, Position, Role
from workspace.models import RoadMap, RoadMapTarget, RoadMapVersion
from workspace.services.permissions import (
    require_work,
)
from workspace.vocabulary import TargetArea

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- the road map --------------------------------------------------------------------------


def _snapshot(road_map: RoadMap) -> list[dict[str, Any]]:
    return [
        {
            "id": t.pk,
            "area": t.area,
            "description": t.description,
            "owner": t.owner,
            "due": t.due.isoformat(),
            "status": t.status,
            "progress": t.progress,
        }
        for t in road_map.targets.order_by("id")
    ]


def _revise_if_signed_off(road_map: RoadMap, actor: User) -> None:
    """'Changing a signed-off road map records a new version': keep the signed-off targets,
    then clear the sign-off so that top management signs the revised map again."""
    if not road_map.is_signed_off:
        return
    RoadMapVersion.objects.create(
        road_map=road_map,
        number=road_map.version,
        targets=_snapshot(road_map),
        endorsed_by=road_map.endorsed_by,
        endorsed_at=road_map.endorsed_at,
        signed_off_by=road_map.signed_off_by,
        signed_off_at=road_map.signed_off_at,
        revised_by=actor,
    )
    road_map.version += 1
    road_map.signed_off_by = None
    road_map.signed_off_at = None
    road_map.save(update_fields=["version", "signed_off_by", "signed_off_at"])


@transaction.atomic
def road_map_create(*, factory: Factory, actor: User, cycle: int) -> RoadMap:
    require_work(actor, factory)
    if cycle < 1:
        raise ValidationError({"cycle": [gettext("The cycle is a whole number from 1.")]})
    if RoadMap.objects.filter(factory=factory, cycle=cycle).exists():
        raise ValidationError(
            {"cycle": [gettext("Cycle {cycle} already has a road map.").format(cycle=cycle)]}
        )
    return RoadMap.objects.create(factory=factory, cycle=cycle)


def _check_target(area: str, description: str, owner: str, status: str, progress: int) -> None:
    errors: dict[str, list[str]] = {}
    if area not in TargetArea.values:
        errors["area"] = [gettext("Choose one of the five target areas.")]
    if not description.strip():
        errors["description"] = [gettext("Describe the target.")]
    if not owner.strip():
        errors["owner"] = [gettext("Name who owns the target.")]
    if status not in RoadMapTarget.Status.values:
        errors["status"] = [gettext("Choose not started, in progress or done.")]
    if not 0 <= progress <= 100:
        errors["progress"] = [gettext("Progress is a percentage from 0 to 100.")]
    elif status == RoadMapTarget.Status.DONE and progress != 100:
        errors["progress"] = [gettext("A target that is done is at 100 %.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def road_map_target_add(
    *,
    road_map: RoadMap,
    actor: User,
    area: str,
    description: str,
    owner: str,
    due: datetime.date,
    status: str = RoadMapTarget.Status.NOT_STARTED,
    progress: int = 0,
) -> RoadMapTarget:
    require_work(actor, road_map.factory)
    road_map = RoadMap.objects.select_for_update().get(pk=road_map.pk)
    _check_target(area, description, owner, status, progress)
    _revise_if_signed_off(road_map, actor)
    return RoadMapTarget.objects.create(
        road_map=road_map,
        area=area,
        description=description.strip(),
        owner=owner.strip(),
        due=due,
        status=status,
        progress=progress,
    )


@transaction.atomic
def road_map_target_update(
    *,
    target: RoadMapTarget,
    actor: User,
    description: str,
    owner: str,
    due: datetime.date,
    status: str,
    progress: int,
    area: str | None = None,
) -> RoadMapTarget:
    road_map = (
        RoadMap.objects.select_for_update().select_related("factory").get(pk=target.road_map_id)
    )
    require_work(actor, road_map.factory)
    target = RoadMapTarget.objects.select_for_update().get(pk=target.pk)
    area = area or target.area
    _check_target(area, description, owner, status, progress)
    changed = (area, description.strip(), owner.strip(), due, status, progress) != (
        target.area,
        target.description,
        target.owner,
        target.due,
        target.status,
        target.progress,
    )
    if not changed:
        return target
    _revise_if_signed_off(road_map, actor)
    target.area = area
    target.description = description.strip()
    target.owner = owner.strip()
    target.due = due
    target.status = status
    target.progress = progress
    target.save()
    return target


def _position(actor: User) -> str:
    """The actor's position in their factory ('' for staff and users without one)."""
    if access.role_of(actor) != Role.FACTORY:
        return ""
    return str(Profile.objects.filter(user=actor).values_list("position", flat=True).first() or "")


def endorse_refusal(actor: User, road_map: RoadMap, *, position: str | None = None) -> str | None:
    """Why `actor` may not record the committee's endorsement (None: they may). `position`:
    the actor's, when the caller has it (a page), else read now."""
    if (_position(actor) if position is None else position) not in COMMITTEE_POSITIONS:
        return gettext(
            "A member of the bipartite committee records its endorsement: a factory user whose "
            "position is committee member (worker or management side)."
        )
    return None


def sign_off_refusal(actor: User, road_map: RoadMap, *, position: str | None = None) -> str | None:
    """Why `actor` may not sign off (None: they may): top management only, and never the
    person who recorded the committee's endorsement (two people, two roles)."""
    if (_position(actor) if position is None else position) != Position.TOP_MANAGEMENT:
        return gettext(
            "Top management of the factory signs off its road map: a factory user whose "
            "position is top management."
        )
    if road_map.endorsed_by_id is not None and road_map.endorsed_by_id == actor.pk:
        return gettext(
            "You recorded the committee's endorsement; another person, of top management, "
            "signs off."
        )
    return None


@transaction.atomic
def road_map_endorse(*, road_map: RoadMap, actor: User) -> RoadMap:
    """Records that the bipartite committee endorsed the map (it owns it): by one of its
    members."""
    require_work(actor, road_map.factory)
    road_map = RoadMap.objects.select_for_update().get(pk=road_map.pk)
    if (refusal := endorse_refusal(actor, road_map)) is not None:
        raise PermissionDenied(refusal)
    if not road_map.targets.exists():
        raise ValidationError(
            {"detail": [gettext("Set at least one target before the committee endorses.")]}
        )
    road_map.endorsed_by = actor
    road_map.endorsed_at = timezone.now()
    road_map.save(update_fields=["endorsed_by", "endorsed_at"])
    return road_map


@transaction.atomic
def road_map_sign_off(*, road_map: RoadMap, actor: User) -> RoadMap:
    """Top management signs off, after the committee endorsed the map, and not the person who
    recorded the endorsement."""
    require_work(actor, road_map.factory)
    road_map = RoadMap.objects.select_for_update().get(pk=road_map.pk)
    if (refusal := sign_off_refusal(actor, road_map)) is not None:
        raise PermissionDenied(refusal)
    if road_map.endorsed_at is None:
        raise ValidationError(
            {"detail": [gettext("The bipartite committee endorses the map first.")]}
        )
    if road_map.is_signed_off:
        raise ValidationError({"detail": [gettext("This version is already signed off.")]})
    road_map.signed_off_by = actor
    road_map.signed_off_at = timezone.now()
    road_map.save(update_fields=["signed_off_by", "signed_off_at"])
    return road_map
