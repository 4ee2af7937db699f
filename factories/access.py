"""The one access layer: which factories (and what hangs off them) a user may see or change.

Built on django-guardian's direct foreign-key tables. Permissions are granted to groups only:
one group per programme and staff role, one per factory for its users, one per buyer for its
users. A user's access is the groups it is in; scope changes set those (and a moved factory's
grants) to exactly what the new scope says, through factories/services.py.
Every queryset of the portal (pages, API, downloads, htmx fragments, background reports) starts
here, or at a small scoped selector built on `factories_for` in the app that owns the model
(`assessments.scoped`, `differentiation.scoped`). Nothing else calls guardian (factories/models.py
only declares its tables). Outside a user's scope an object does not exist (404).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext
from guardian.shortcuts import assign_perm, remove_perm

from factories.models import Buyer, Factory, FactoryGroupObjectPermission, Profile, Programme
from factories.vocabulary import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest
    from rest_framework.request import Request

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
        raise PermissionDenied(gettext("A signed-in user is needed here."))
    return request.user


def role_of(user: AnyUser) -> str | None:
    profile = profile_of(user)
    return profile.role if profile else None


# --- groups -------------------------------------------------------------------------------
#
# The scope of a user is the set of scope groups it is in; the scope of a factory is the set of
# grants groups hold on it. Both are *set* to exactly what the profile or the factory says (old
# groups and grants removed, missing ones added), never only added to, so that a move takes
# access away. The services in factories/services.py call these and write the audit row.

SCOPE_GROUP_PREFIXES = ("programme:", "factory:", "buyer:")
"""The groups this module owns. Other groups (if any) carry no grants on factories."""


def programme_group_name(code: str, role: str) -> str:
    return f"programme:{code}:{role}"


def factory_group_name(factory_id: int) -> str:
    return f"factory:{factory_id}:users"


def buyer_group_name(buyer_id: int) -> str:
    return f"buyer:{buyer_id}:users"


def programme_group(programme: Programme, role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=programme_group_name(programme.code, role))
    return group


def factory_group(factory: Factory) -> Group:
    group, _ = Group.objects.get_or_create(name=factory_group_name(factory.pk))
    return group


def buyer_group(buyer: Buyer) -> Group:
    group, _ = Group.objects.get_or_create(name=buyer_group_name(buyer.pk))
    return group


def _scope_groups_q() -> Q:
    q = Q()
    for prefix in SCOPE_GROUP_PREFIXES:
        q |= Q(name__startswith=prefix)
    return q


def _assign(group: Group, actions: tuple[Action, ...], factory: Factory) -> None:
    for action in actions:
        assign_perm(action.value, group, factory)


def factory_grants(factory: Factory) -> list[tuple[Group, tuple[Action, ...]]]:
    """The groups that must hold grants on `factory`, and which: its programme's staff, its own
    users, and the buyers it has granted third-party access to. Nothing else."""
    wanted = [
        (programme_group(factory.programme, role), ROLE_ACTIONS[role])
        for role in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR)
    ]
    wanted.append((factory_group(factory), ROLE_ACTIONS[Role.FACTORY]))
    buyers = Buyer.objects.filter(
        access_grants__factory=factory, access_grants__revoked_at__isnull=True
    ).distinct()
    wanted += [(buyer_group(buyer), ROLE_ACTIONS[Role.BUYER]) for buyer in buyers]
    return wanted


def factory_grants_sync(factory: Factory) -> list[str]:
    """Make the grants on `factory` exactly `factory_grants(factory)`; the grants held before.

    For a new factory this grants; for a moved one it also removes the old programme's grants.
    Returns the grants held before as sorted "group codename" strings, for the audit row.
    """
    held = FactoryGroupObjectPermission.objects.filter(content_object=factory).select_related(
        "group", "permission"
    )
    before = sorted(f"{row.group.name} {row.permission.codename}" for row in held)
    keep: set[tuple[int, str]] = set()
    for group, actions in factory_grants(factory):
        _assign(group, actions, factory)
        keep |= {(group.pk, action.value.split(".")[1]) for action in actions}
    stale = [row.pk for row in held if (row.group_id, row.permission.codename) not in keep]
    FactoryGroupObjectPermission.objects.filter(pk__in=stale).delete()
    return before


def factory_grant_names(factory: Factory) -> list[str]:
    """The grants on `factory` as sorted "group codename" strings (the audit row's form)."""
    rows = FactoryGroupObjectPermission.objects.filter(content_object=factory)
    return sorted(f"{g} {c}" for g, c in rows.values_list("group__name", "permission__codename"))


def grant_buyer_view(factory: Factory, buyer: Buyer) -> None:
    _assign(buyer_group(buyer), ROLE_ACTIONS[Role.BUYER], factory)


def revoke_buyer_view(factory: Factory, buyer: Buyer) -> None:
    for action in ROLE_ACTIONS[Role.BUYER]:
        remove_perm(action.value, buyer_group(buyer), factory)


def scope_groups_of(profile: Profile | None) -> list[Group]:
    """The groups a user with this profile (None: no role) must be in, and no other."""
    if profile is None:
        return []
    if profile.role in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR):
        return [programme_group(p, profile.role) for p in profile.programmes.all()]
    if profile.role == Role.FACTORY and profile.factory is not None:
        return [factory_group(profile.factory)]
    if profile.role == Role.BUYER and profile.buyer is not None:
        return [buyer_group(profile.buyer)]
    return []


def user_group_names(user: User) -> list[str]:
    """The user's scope groups, sorted (the audit row's form)."""
    return sorted(user.groups.filter(_scope_groups_q()).values_list("name", flat=True))


def user_scope_sync(user: User, profile: Profile | None) -> None:
    """Put `user` in exactly the scope groups of `profile`: out of every other scope group."""
    wanted = {group.pk: group for group in scope_groups_of(profile)}
    current = set(user.groups.filter(_scope_groups_q()).values_list("pk", flat=True))
    stale = current - set(wanted)
    if stale:
        user.groups.remove(*stale)
    missing = [group for pk, group in wanted.items() if pk not in current]
    if missing:
        user.groups.add(*missing)


# --- scoped querysets ---------------------------------------------------------------------


def factories_for(user: AnyUser, action: Action = Action.VIEW) -> QuerySet[Factory]:
    """The factories on which `user` may do `action`; empty for anonymous users.

    Reads guardian's direct foreign-key table of group grants in one SQL statement, with no
    Python-side lookups: it runs on every request, so it must cost nothing but the join. Only
    group grants count: per-user grants are refused when saved and never read here, so a scope
    change (a change of groups) is the whole of a user's access. Superusers and global
    permissions never widen it.
    """
    if not user.is_authenticated or not user.is_active:
        return Factory.objects.none()
    return Factory.objects.filter(pk__in=factory_ids_for(user, action))


def factory_ids_for(user: AnyUser, action: Action = Action.VIEW) -> QuerySet[Any]:
    """The ids of `factories_for(user, action)` as a subquery, for reads keyed by factory (the
    supplier list's summaries): the same grants, without the join to the factories."""
    if not user.is_authenticated or not user.is_active:
        return FactoryGroupObjectPermission.objects.none().values("content_object_id")
    app_label, codename = action.value.split(".")
    # The permission as a scalar subquery and the user's groups as a semi-join: the same rows
    # as joining the grants to the groups, permissions and content types, for a fifth of the
    # planning (the list runs this on every request).
    permission = (
        Permission.objects.filter(codename=codename, content_type__app_label=app_label)
        .order_by()
        .values("pk")[:1]
    )
    groups = Group.user_set.through.objects.filter(user_id=user.pk).values("group_id")
    by_group = FactoryGroupObjectPermission.objects.filter(
        group_id__in=groups, permission_id=Subquery(permission)
    )
    return by_group.values("content_object_id")


def get_factory_for(user: AnyUser, pk: int | str, action: Action = Action.VIEW) -> Factory:
    """The factory, or 404 when it is missing or outside the user's scope (never 403)."""
    try:
        return factories_for(user, action).get(pk=pk)
    except (Factory.DoesNotExist, ValueError, TypeError):
        raise Http404(gettext("No such factory.")) from None


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


def get_or_404(queryset: QuerySet[Any], **lookup: object) -> Any:
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(gettext("Not found.")) from None
