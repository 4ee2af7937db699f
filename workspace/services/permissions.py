"""Who within a factory's scope may do what on its workspace (scope itself is the access layer's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from factories import access
from factories.models import Factory
from factories.vocabulary import HIGH_PERFORMING_STAGES, STAFF_ROLES, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- who may -------------------------------------------------------------------------------


def require_work(actor: User, factory: Factory) -> None:
    if not access.may(actor, access.Action.WORK, factory):
        raise PermissionDenied(gettext("You do not work on this factory's workspace."))


def is_staff_of(actor: User, factory: Factory) -> bool:
    """The EA and the PMs of the factory's programme."""
    return access.role_of(actor) in STAFF_ROLES and access.may(actor, access.Action.WORK, factory)


def require_staff(actor: User, factory: Factory, refusal: str) -> None:
    """`refusal`: the whole sentence (translated), e.g. "Only the enterprise advisor or a
    programme manager sets objectives."."""
    if not is_staff_of(actor, factory):
        raise PermissionDenied(refusal)


def may_choose_benefits(actor: User, factory: Factory) -> bool:
    """Factory users choose; PMs of the programme may record a choice on the factory's behalf."""
    role = access.role_of(actor)
    if role == Role.FACTORY:
        return access.may(actor, access.Action.WORK, factory)
    if role == Role.PROGRAMME_MANAGER:
        return access.may(actor, access.Action.DECIDE, factory)
    return False


def is_high_performing(factory: Factory) -> bool:
    """Under review keeps the benefits until the PM withdraws the status."""
    return factory.stage in HIGH_PERFORMING_STAGES
