"""The one access layer: which factories (and what hangs off them) a user may see or change.

Built on django-guardian's direct foreign-key tables. Permissions are granted to groups: one
group per programme and staff role, one per factory for its users, one per buyer for its users.
Every queryset of the portal (pages, API, downloads, htmx fragments, background reports) starts
here; nothing else calls guardian. Outside a user's scope an object does not exist (404).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.shortcuts import assign_perm, remove_perm

from factories.models import (
    Buyer,
    Factory,
    FactoryGroupObjectPermission,
    FactoryUserObjectPermission,
    Profile,
    Programme,
    Role,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest
    from rest_framework.request import Request

    from assessments.models import AssessmentQuerySet, ProgressReportQuerySet
    from differentiation.models import ApprovalRequestQuerySet

    AnyUser = User | AnonymousUser
else:
    AnyUser = Any


class Action(StrEnum):
    VIEW = "factories.view_factory"
    CHANGE = "factories.change_factory"
    ASSESS = "factories.assess_factory"
    DECIDE = "factories.decide_factory"
    MANAGE_ACCESS = "factories.manage_factory_access"
    WORK = "factories.work_factory"


ROLE_ACTIONS: dict[str, tuple[Action, ...]] = {
    Role.PROGRAMME_MANAGER: tuple(Action),
    Role.ENTERPRISE_ADVISOR: (Action.VIEW, Action.CHANGE, Action.ASSESS, Action.WORK),
    Role.FACTORY: (Action.VIEW, Action.MANAGE_ACCESS, Action.WORK),
    Role.BUYER: (Action.VIEW,),
}


def profile_of(user: AnyUser) -> Profile | None:
    if not user.is_authenticated:
        return None
    try:
        return user.profile  # type: ignore[union-attr]
    except Profile.DoesNotExist:
        return None


def actor_of(request: HttpRequest | Request) -> User:
    """The signed-in person of a request whose view already refused anonymous users."""
    if not request.user.is_authenticated:
        raise PermissionDenied("A signed-in user is needed here.")
    return request.user


def role_of(user: AnyUser) -> str | None:
    profile = profile_of(user)
    return profile.role if profile else None


# --- groups -------------------------------------------------------------------------------


def programme_group(programme: Programme, role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=f"programme:{programme.code}:{role}")
    return group


def factory_group(factory: Factory) -> Group:
    group, _ = Group.objects.get_or_create(name=f"factory:{factory.pk}:users")
    return group


def buyer_group(buyer: Buyer) -> Group:
    group, _ = Group.objects.get_or_create(name=f"buyer:{buyer.pk}:users")
    return group


def _assign(group: Group, actions: tuple[Action, ...], factory: Factory) -> None:
    for action in actions:
        assign_perm(action.value, group, factory)


def grant_factory_permissions(factory: Factory) -> None:
    """Give a new (or moved) factory's programme staff and its own users their permissions."""
    for role in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR):
        _assign(programme_group(factory.programme, role), ROLE_ACTIONS[role], factory)
    _assign(factory_group(factory), ROLE_ACTIONS[Role.FACTORY], factory)


def grant_buyer_view(factory: Factory, buyer: Buyer) -> None:
    _assign(buyer_group(buyer), ROLE_ACTIONS[Role.BUYER], factory)


def revoke_buyer_view(factory: Factory, buyer: Buyer) -> None:
    for action in ROLE_ACTIONS[Role.BUYER]:
        remove_perm(action.value, buyer_group(buyer), factory)


def join_scope(profile: Profile) -> None:
    """Put the profile's user in the groups of its role and scope."""
    user = profile.user
    if profile.role in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR):
        for programme in profile.programmes.all():
            user.groups.add(programme_group(programme, profile.role))
    elif profile.role == Role.FACTORY and profile.factory is not None:
        user.groups.add(factory_group(profile.factory))
    elif profile.role == Role.BUYER and profile.buyer is not None:
        user.groups.add(buyer_group(profile.buyer))


# --- scoped querysets ---------------------------------------------------------------------


def factories_for(user: AnyUser, action: Action = Action.VIEW) -> QuerySet[Factory]:
    """The factories on which `user` may do `action`; empty for anonymous users.

    Reads guardian's direct foreign-key tables in one SQL statement (grants to the user's
    groups or to the user), with no Python-side lookups: it runs on every request, so it must
    cost nothing but the join. Superusers and global permissions never widen it.
    """
    if not user.is_authenticated or not user.is_active:
        return Factory.objects.none()
    app_label, codename = action.value.split(".")
    permission = {
        "permission__codename": codename,
        "permission__content_type__app_label": app_label,
    }
    by_group = FactoryGroupObjectPermission.objects.filter(group__user=user, **permission)
    by_user = FactoryUserObjectPermission.objects.filter(user=user, **permission)
    return Factory.objects.filter(
        Q(pk__in=by_group.values("content_object_id"))
        | Q(pk__in=by_user.values("content_object_id"))
    )


def get_factory_for(user: AnyUser, pk: int | str, action: Action = Action.VIEW) -> Factory:
    """The factory, or 404 when it is missing or outside the user's scope (never 403)."""
    try:
        return factories_for(user, action).get(pk=pk)
    except (Factory.DoesNotExist, ValueError, TypeError):
        raise Http404("No such factory.") from None


def may(user: AnyUser, action: Action, factory: Factory) -> bool:
    return factories_for(user, action).filter(pk=factory.pk).exists()


def programmes_for(user: AnyUser) -> QuerySet[Programme]:
    profile = profile_of(user)
    if profile is None or profile.role not in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR):
        return Programme.objects.none()
    return profile.programmes.all()


def sees_drafts(user: AnyUser) -> bool:
    """Drafts are the staff's working copies; factories and buyers see finalised records only."""
    return role_of(user) in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR)


def assessments_for(user: AnyUser, action: Action = Action.VIEW) -> AssessmentQuerySet:
    from assessments.models import Assessment

    qs = Assessment.objects.filter(factory__in=factories_for(user, action))
    return qs if sees_drafts(user) else qs.finalised()


def progress_reports_for(user: AnyUser, action: Action = Action.VIEW) -> ProgressReportQuerySet:
    from assessments.models import ProgressReport

    qs = ProgressReport.objects.filter(factory__in=factories_for(user, action))
    return qs if sees_drafts(user) else qs.finalised()


def approval_requests_for(user: AnyUser) -> ApprovalRequestQuerySet:
    """Approval requests are the work of the PMs of the factory's programme, and only theirs."""
    from differentiation.models import ApprovalRequest

    return ApprovalRequest.objects.filter(factory__in=factories_for(user, Action.DECIDE))


def get_or_404(queryset: QuerySet[Any], **lookup: object) -> Any:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("Not found.") from None
