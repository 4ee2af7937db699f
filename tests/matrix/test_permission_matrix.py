"""The permission matrix: every route of the portal x persona x method -> the expected status.

Statuses per persona, in this order: anonymous, pm (BGD), ea (BGD), other_pm (VNM only),
factory_user, other_factory_user, buyer_user (with third-party access), outsider_buyer_user.
Every object behind a URL belongs to `cast.factory` (BGD); see tests/matrix/world.py. Each
request runs in a rolled-back transaction, so one persona's write never changes the next one's
answer. Reading the table: out of scope is 404 (never 403) for every object-bound URL; 403 is
only ever "in scope, but your role may not do this" or an API endpoint your role never has;
anonymous users get the sign-in page (302) or 401 from the API.

A route missing from TABLE (tests/matrix/table.py) fails `test_it_has_every_route_of_the_portal_in_the_table`.

The same table is checked again after the admin's scope changes (factories, advisor, factory
users and buyer users moved), with the moved personas' columns swapped: see the end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

import pytest

from tests.matrix.observe import PERSONAS, observe, portal_routes
from tests.matrix.table import TABLE
from tests.matrix.world import World, build_world
from tests.scope import (
    admin_client,
    move_buyer_user,
    move_factory,
    move_factory_user,
    move_staff,
)


def test_it_has_every_route_of_the_portal_in_the_table() -> None:
    routes = {name for name, _ in portal_routes()}
    assert sorted(routes - set(TABLE)) == [], "routes missing from the permission matrix"
    assert sorted(set(TABLE) - routes) == [], "the matrix names routes that no longer exist"


def _groups() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for name in TABLE:
        groups[name.split(":")[0] if ":" in name else name.split("-")[0]].append(name)
    return dict(groups)


def _mismatches(
    world: World,
    group: str,
    expect: Callable[[str], str],
    *,
    unchanged: frozenset[str] = frozenset(),
) -> list[str]:
    mismatches = []
    for name in _groups()[group]:
        expected = {
            method: statuses if name in unchanged else expect(statuses)
            for method, statuses in TABLE[name].items()
        }
        observed = observe(world, name, list(expected))
        for method, statuses in expected.items():
            if observed[method] != statuses:
                for persona, want, got in zip(
                    PERSONAS, statuses.split(), observed[method].split(), strict=True
                ):
                    if want != got:
                        mismatches.append(f"{method} {name} as {persona}: {got}, expected {want}")
    return mismatches


@pytest.mark.parametrize("group", sorted(_groups()))
def test_it_answers_every_persona_as_the_matrix_says(cast, group: str) -> None:
    mismatches = _mismatches(build_world(cast), group, lambda statuses: statuses)
    assert not mismatches, "\n".join(mismatches)


# --- after the admin's scope changes -----------------------------------------------------------
#
# Platform staff move, through the admin's forms, both BGD factories to VNM (their advisor with
# them), each factory user to the other factory and each buyer user to the other buyer. Every
# route must then answer each persona exactly as the table answers the persona whose place it
# took: the BGD manager as the VNM manager did (nothing left), the VNM manager as the BGD one
# did, and so on. A grant or a membership left behind shows as a 200 where a 404 is expected.

TOOK_THE_PLACE_OF = {
    "pm": "other_pm",
    "other_pm": "pm",
    "factory_user": "other_factory_user",
    "other_factory_user": "factory_user",
    "buyer_user": "outsider_buyer_user",
    "outsider_buyer_user": "buyer_user",
}


PERSONAL_ROUTES = frozenset({"api-token-revoke"})
"""A user's own API token is theirs whatever their scope: no move changes who may revoke it."""


def after_the_moves(statuses: str) -> str:
    before = dict(zip(PERSONAS, statuses.split(), strict=True))
    return " ".join(before[TOOK_THE_PLACE_OF.get(persona, persona)] for persona in PERSONAS)


def move_everyone_in_the_admin(cast) -> None:
    admin, _ = admin_client()
    move_staff(admin, cast.ea, "BGD", "VNM")  # first both, so the factories keep their advisor
    move_factory(admin, cast.factory, "VNM")
    move_factory(admin, cast.other_factory, "VNM")
    move_staff(admin, cast.ea, "VNM")
    move_factory_user(admin, cast.factory_user, cast.other_factory)
    move_factory_user(admin, cast.other_factory_user, cast.factory)
    move_buyer_user(admin, cast.buyer_user, cast.outsider_buyer)
    move_buyer_user(admin, cast.outsider_buyer_user, cast.buyer)


def test_the_moves_swap_the_personas_places() -> None:
    assert after_the_moves("a b c d e f g h") == "a d c b f e h g"


@pytest.mark.parametrize("group", sorted(_groups()))
def test_after_the_admins_scope_changes_each_persona_answers_as_the_one_it_replaced(
    cast, group: str
) -> None:
    world = build_world(cast)
    move_everyone_in_the_admin(cast)
    mismatches = _mismatches(world, group, after_the_moves, unchanged=PERSONAL_ROUTES)
    assert not mismatches, "\n".join(mismatches)
