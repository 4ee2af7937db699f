"""The data migration that removes grants left behind by scope changes made before the services.

The migration function is run directly on rows crafted as the old admin left them: grants of a
factory's former programme, memberships of former groups, per-user object permissions.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from guardian.shortcuts import assign_perm

from factories import access
from factories.models import (
    Factory,
    FactoryGroupObjectPermission,
    FactoryUserObjectPermission,
    Profile,
    ScopeChange,
)
from factories.vocabulary import Role
from tests import makers

cleanup = importlib.import_module("factories.migrations.0005_remove_leftover_grants")

BUYERS = {7}  # the buyers with open third-party access to factory 1 in the table below

GRANTS = [
    # group, codename, allowed on factory 1 of BGD?
    ("programme:BGD:programme_manager", "decide_factory", True),
    ("programme:BGD:enterprise_advisor", "assess_factory", True),
    ("programme:BGD:enterprise_advisor", "decide_factory", False),  # advisors never decide
    ("programme:VNM:programme_manager", "view_factory", False),  # the former programme
    ("programme:BGD:buyer", "view_factory", False),  # no such role
    ("factory:1:users", "manage_factory_access", True),
    ("factory:1:users", "decide_factory", False),
    ("factory:2:users", "view_factory", False),  # another factory's users
    ("buyer:7:users", "view_factory", True),
    ("buyer:7:users", "change_factory", False),
    ("buyer:8:users", "view_factory", False),  # no open access
    ("buyer:x:users", "view_factory", False),
    ("editors", "view_factory", False),  # not a scope group
    ("factory:1", "view_factory", False),
]


@pytest.mark.parametrize(("group", "codename", "allowed"), GRANTS)
def test_it_knows_which_grant_the_scope_gives(group: str, codename: str, allowed: bool) -> None:
    assert (
        cleanup.grant_allowed(
            group=group, codename=codename, factory_id=1, programme="BGD", open_buyers=BUYERS
        )
        is allowed
    )


PROFILES = [
    (Role.PROGRAMME_MANAGER, {"BGD", "VNM"}, None, None, {"programme:BGD:programme_manager", "programme:VNM:programme_manager"}),
    (Role.ENTERPRISE_ADVISOR, {"BGD"}, None, None, {"programme:BGD:enterprise_advisor"}),
    (Role.FACTORY, set(), 3, None, {"factory:3:users"}),
    (Role.BUYER, set(), None, 9, {"buyer:9:users"}),
    (None, set(), None, None, set()),
]  # fmt: skip


@pytest.mark.parametrize(("role", "programmes", "factory", "buyer", "groups"), PROFILES)
def test_it_knows_which_groups_a_profile_gives(
    role: str | None, programmes: set[str], factory: int | None, buyer: int | None, groups: set[str]
) -> None:
    assert (
        cleanup.wanted_groups(role=role, programmes=programmes, factory_id=factory, buyer_id=buyer)
        == groups
    )


def grants_on(factory: Factory) -> set[str]:
    return set(access.factory_grant_names(factory))


def scope_grants(factory: Factory) -> set[str]:
    return {
        f"{group.name} {action.value.split('.')[1]}"
        for group, actions in access.factory_grants(factory)
        for action in actions
    }


def groups_of(user: User) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def craft_leftovers(cast: Any) -> dict[str, Any]:
    """What moves under the old admin left: it only ever added."""
    vnm = makers.programme("VNM")
    # cast.factory was in VNM and moved to BGD: VNM's staff groups kept their grants.
    for role in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR):
        for action in access.ROLE_ACTIONS[role]:
            assign_perm(action.value, access.programme_group(vnm, role), cast.factory)
    # Northwind's access to Chittagong Denim was revoked by hand, its grant left standing.
    assign_perm("factories.view_factory", access.buyer_group(cast.buyer), cast.other_factory)
    # A group outside the access layer, with a grant and a member who keeps the membership.
    editors = Group.objects.create(name="editors")
    assign_perm("factories.view_factory", editors, cast.factory)
    cast.ea.groups.add(editors)
    # Per-user grants from guardian's admin pages (written behind save()'s back).
    view = Permission.objects.get(codename="view_factory")
    FactoryUserObjectPermission.objects.bulk_create(
        [
            FactoryUserObjectPermission(user=cast.outsider_buyer_user, permission=view, content_object=cast.factory),
            FactoryUserObjectPermission(user=cast.outsider_buyer_user, permission=view, content_object=cast.other_factory),
        ]
    )  # fmt: skip
    # People moved: the PM from VNM, the factory user from Chittagong, the buyer user from
    # Contoso; and a user whose profile was deleted.
    cast.pm.groups.add(access.programme_group(vnm, Role.PROGRAMME_MANAGER))
    cast.factory_user.groups.add(access.factory_group(cast.other_factory))
    cast.buyer_user.groups.add(access.buyer_group(cast.outsider_buyer))
    Profile.objects.filter(user=cast.pm2).delete()
    return {"editors": editors}


def test_it_leaves_exactly_the_grants_and_groups_the_scope_gives(cast: Any) -> None:
    craft_leftovers(cast)
    assert access.may(cast.other_pm, access.Action.DECIDE, cast.factory)  # the leak, before
    assert access.factories_for(cast.buyer_user).count() == 2

    cleanup.remove_leftover_grants(apps, None)

    for factory in (cast.factory, cast.other_factory):
        assert grants_on(factory) == scope_grants(factory), factory
    assert not FactoryUserObjectPermission.objects.exists()
    assert not access.factories_for(cast.other_pm).exists()
    assert list(access.factories_for(cast.buyer_user)) == [cast.factory]
    assert groups_of(cast.pm) == {"programme:BGD:programme_manager"}
    assert groups_of(cast.pm2) == set()
    assert groups_of(cast.ea) == {"programme:BGD:enterprise_advisor", "editors"}
    assert groups_of(cast.factory_user) == {f"factory:{cast.factory.pk}:users"}
    assert groups_of(cast.buyer_user) == {f"buyer:{cast.buyer.pk}:users"}
    assert groups_of(cast.other_pm) == {"programme:VNM:programme_manager"}  # untouched

    rows = ScopeChange.objects.filter(kind="cleanup", via="migration")
    by_factory = {row.factory_id: row for row in rows if row.factory_id}
    assert set(by_factory) == {cast.factory.pk, cast.other_factory.pk}
    assert (
        "programme:VNM:programme_manager decide_factory"
        in by_factory[cast.factory.pk].after["removed"]
    )
    assert by_factory[cast.other_factory.pk].after["removed"] == [
        f"buyer:{cast.buyer.pk}:users view_factory"
    ]
    by_user = {row.user_id: row for row in rows if row.user_id}
    assert set(by_user) == {
        cast.pm.pk,
        cast.pm2.pk,
        cast.factory_user.pk,
        cast.buyer_user.pk,
        cast.outsider_buyer_user.pk,
    }
    assert by_user[cast.outsider_buyer_user.pk].before["user_grants"] == sorted(
        [f"factory:{cast.factory.pk} view_factory", f"factory:{cast.other_factory.pk} view_factory"]
    )
    assert by_user[cast.pm.pk].after["removed_groups"] == ["programme:VNM:programme_manager"]

    # Run again: nothing left to remove, nothing written.
    count = ScopeChange.objects.count()
    cleanup.remove_leftover_grants(apps, None)
    assert ScopeChange.objects.count() == count


def test_it_keeps_every_grant_of_a_consistent_database(cast: Any) -> None:
    before = {f.pk: grants_on(f) for f in Factory.objects.all()}
    memberships = {u.pk: groups_of(u) for u in User.objects.all()}
    cleanup.remove_leftover_grants(apps, None)
    assert {f.pk: grants_on(f) for f in Factory.objects.all()} == before
    assert {u.pk: groups_of(u) for u in User.objects.all()} == memberships
    assert not ScopeChange.objects.filter(kind="cleanup").exists()
    assert FactoryGroupObjectPermission.objects.count() > 0
