"""Scope changes revoke as well as grant (issue 12, point 1).

Each change is made as platform staff make it, by a form post to the Django admin, and is
followed by requests on every kind of path (pages, API, exports, approval decisions, htmx
posts) as the users of the old scope: each must be a 404 at once. The users of the new scope
get in, the audit row is written, and the grants and groups are exactly the new scope's.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import NoReverseMatch, reverse
from guardian.shortcuts import assign_perm

from factories import access
from factories.models import (
    Factory,
    FactoryGroupObjectPermission,
    FactoryUserObjectPermission,
    GrantNotAllowed,
    Profile,
    ScopeChange,
)
from factories.vocabulary import Role
from tests import makers
from tests.api import payloads
from tests.conftest import api_as
from tests.matrix.world import World, build_world
from tests.scope import (
    admin_client,
    change_profile,
    move_buyer_user,
    move_factory,
    move_factory_user,
    move_staff,
)


def status(user: User, method: str, url: str, data: dict[str, Any] | None = None) -> int:
    """The status of one request as `user`: the API with a token-less API client, pages with a
    signed-in browser client (no CSRF check, as in every page test)."""
    if url.startswith("/api/"):
        client: Any = api_as(user)
        return int(getattr(client, method)(url, data or {}, format="json").status_code)
    client = Client()
    client.force_login(user)
    return int(getattr(client, method)(url, data or {}).status_code)


def statuses(user: User, requests: list[tuple[str, str]]) -> dict[str, int]:
    return {f"{method.upper()} {url}": status(user, method, url) for method, url in requests}


def all_404(user: User, requests: list[tuple[str, str]]) -> None:
    got = statuses(user, requests)
    assert {k: v for k, v in got.items() if v != 404} == {}, f"{user} still reaches the old scope"


def factory_paths(world: World) -> list[tuple[str, str]]:
    """What programme staff can reach of a factory: pages, API, exports, decisions, htmx."""
    pk = world.cast.factory.pk
    return [
        ("get", reverse("factories:progress", args=[pk])),
        ("get", reverse("factories:road_map", args=[pk])),
        ("post", reverse("factories:target_edit", args=[pk, world.target.pk])),  # htmx row
        ("get", reverse("assessments:entry", args=[world.draft.pk])),
        ("post", reverse("assessments:finding", args=[world.draft.pk, "CL-1.1"])),  # htmx
        ("get", reverse("assessments:start", args=[pk])),
        ("get", reverse("differentiation:note-pdf", args=[world.note.pk])),  # an export
        ("get", f"/api/v1/factories/{pk}/"),
        ("get", f"/api/v1/factories/{pk}/evaluations/"),
        ("get", f"/api/v1/assessments/{world.draft.pk}/"),
        ("get", f"/api/v1/progress-reports/{world.report.pk}/"),
    ]


def decision_paths(world: World) -> list[tuple[str, str]]:
    pk = world.request.pk
    return [
        ("get", reverse("differentiation:request", args=[pk])),
        ("post", reverse("differentiation:approve", args=[pk])),
        ("post", reverse("differentiation:reject", args=[pk])),
        ("get", f"/api/v1/approvals/{pk}/"),
        ("post", f"/api/v1/approvals/{pk}/approve/"),
    ]


# --- a factory moves to another programme ------------------------------------------------------


def test_moving_a_factory_takes_it_from_the_old_programmes_staff(cast: Any) -> None:
    world = build_world(cast)
    admin, staff = admin_client()
    move_factory(admin, cast.factory, "VNM")

    all_404(cast.pm, factory_paths(world) + decision_paths(world))
    all_404(cast.ea, factory_paths(world))
    # The new programme's manager has it, its request and the decision; the factory's own user
    # and the buyer it granted access keep theirs.
    new = statuses(cast.other_pm, [p for p in factory_paths(world) if p[0] == "get"])
    assert set(new.values()) == {200}
    assert (
        status(cast.other_pm, "get", reverse("differentiation:request", args=[world.request.pk]))
        == 200
    )
    assert status(cast.other_pm, "post", f"/api/v1/approvals/{world.request.pk}/approve/") == 200
    assert (
        status(cast.factory_user, "get", reverse("factories:progress", args=[cast.factory.pk]))
        == 200
    )
    assert status(cast.buyer_user, "get", f"/api/v1/suppliers/{cast.factory.pk}/") == 200

    factory = Factory.objects.get(pk=cast.factory.pk)
    assert factory.enterprise_advisor is None  # erin is no VNM advisor
    assert access.factory_grant_names(factory) == sorted(
        [f"programme:VNM:programme_manager {a.value.split('.')[1]}" for a in access.Action]
        + [f"programme:VNM:enterprise_advisor {c}" for c in ("view_factory", "change_factory", "assess_factory", "work_factory")]
        + [f"factory:{factory.pk}:users {c}" for c in ("view_factory", "manage_factory_access", "work_factory")]
        + [f"buyer:{cast.buyer.pk}:users view_factory"]
    )  # fmt: skip
    change = ScopeChange.objects.get(factory=factory)
    assert (change.kind, change.via, change.actor) == ("factory_programme", "admin", staff)
    assert (change.before["programme"], change.after["programme"]) == ("BGD", "VNM")
    assert (change.before["enterprise_advisor"], change.after["enterprise_advisor"]) == (
        "erin-ea",
        None,
    )
    assert "programme:BGD:programme_manager decide_factory" in change.before["grants"]
    assert not [g for g in change.after["grants"] if g.startswith("programme:BGD")]


def test_moving_a_factory_back_and_forth_leaves_one_programmes_grants(cast: Any) -> None:
    admin, _ = admin_client()
    for country in ("VNM", "KHM", "BGD"):
        move_factory(admin, cast.factory, country)
    names = access.factory_grant_names(cast.factory)
    assert {n.split(":")[1] for n in names if n.startswith("programme:")} == {"BGD"}
    assert ScopeChange.objects.filter(factory=cast.factory).count() == 3
    assert access.may(cast.pm, access.Action.DECIDE, cast.factory)


def test_saving_a_factory_without_moving_it_writes_no_audit_row(cast: Any) -> None:
    admin, _ = admin_client()
    move_factory(admin, cast.factory, "BGD")
    assert not ScopeChange.objects.filter(factory=cast.factory).exists()


# --- programme staff move ----------------------------------------------------------------------


def test_moving_an_advisor_takes_the_old_programmes_factories_away(cast: Any) -> None:
    world = build_world(cast)
    admin, staff = admin_client()
    vnm = makers.make_factory("Saigon Garments Co", country="VNM")
    move_staff(admin, cast.ea, "VNM")

    all_404(cast.ea, factory_paths(world))
    assert status(cast.ea, "get", reverse("assessments:start", args=[vnm.pk])) == 200
    client = Client()
    client.force_login(cast.ea)
    listed = client.get(reverse("factories:list")).content.decode()
    assert "Saigon Garments Co" in listed and "Dhaka Knitwear Ltd" not in listed
    listed_api = api_as(cast.ea).get("/api/v1/factories/").json()
    assert [f["name"] for f in listed_api["results"]] == ["Saigon Garments Co"]
    # No assessment on an old factory: the body names a factory the advisor no longer knows.
    created = api_as(cast.ea).post(
        "/api/v1/assessments/", payloads.assessment(cast.other_factory, cycle=1), format="json"
    )
    assert created.status_code == 400 and created.json() == {"factory": ["Unknown factory."]}
    post = status(cast.ea, "post", reverse("assessments:start", args=[cast.other_factory.pk]))
    assert post == 404

    assert access.user_group_names(cast.ea) == ["programme:VNM:enterprise_advisor"]
    # Erin advised both BGD factories; a VNM advisor is no longer their named advisor.
    assert not Factory.objects.filter(enterprise_advisor=cast.ea).exists()
    change = ScopeChange.objects.get(user=cast.ea, kind="user_programmes")
    assert (change.via, change.actor) == ("admin", staff)
    assert (change.before["programmes"], change.after["programmes"]) == (["BGD"], ["VNM"])
    assert change.before["groups"] == ["programme:BGD:enterprise_advisor"]
    assert sorted(change.after["no_longer_advisor_of"]) == sorted(
        [cast.factory.pk, cast.other_factory.pk]
    )


def test_moving_a_manager_to_another_programme_takes_the_decisions_away(cast: Any) -> None:
    world = build_world(cast)
    admin, _ = admin_client()
    move_staff(admin, cast.pm, "VNM")
    all_404(cast.pm, factory_paths(world) + decision_paths(world))
    assert (
        status(cast.pm2, "get", reverse("differentiation:request", args=[world.request.pk])) == 200
    )


def test_a_role_change_takes_the_old_roles_rights_away(cast: Any) -> None:
    world = build_world(cast)
    admin, _ = admin_client()
    change_profile(admin, cast.pm2, role=Role.ENTERPRISE_ADVISOR, countries=["BGD"])
    all_404(cast.pm2, decision_paths(world))
    # Still programme staff of BGD, now as an advisor.
    assert status(cast.pm2, "get", reverse("assessments:entry", args=[world.draft.pk])) == 200
    assert access.user_group_names(cast.pm2) == ["programme:BGD:enterprise_advisor"]
    change = ScopeChange.objects.get(user=cast.pm2, kind="user_role")
    assert (change.before["role"], change.after["role"]) == (
        "programme_manager",
        "enterprise_advisor",
    )


def test_a_role_change_from_staff_to_buyer_keeps_no_programme(cast: Any) -> None:
    world = build_world(cast)
    admin, _ = admin_client()
    change_profile(admin, cast.ea, role=Role.BUYER, buyer=cast.outsider_buyer)
    all_404(cast.ea, factory_paths(world))
    profile = Profile.objects.get(user=cast.ea)
    assert list(profile.programmes.all()) == []
    assert access.user_group_names(cast.ea) == [f"buyer:{cast.outsider_buyer.pk}:users"]


def test_the_admin_refuses_a_role_with_the_wrong_scope_and_changes_nothing(cast: Any) -> None:
    admin, _ = admin_client()
    profile = Profile.objects.get(user=cast.ea)
    response = admin.post(
        f"/admin/factories/profile/{profile.pk}/change/",
        {"role": Role.FACTORY, "programmes": [], "factory": "", "buyer": "", "_save": "Save"},
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "A factory user needs exactly one factory." in response.content.decode()
    assert access.user_group_names(cast.ea) == ["programme:BGD:enterprise_advisor"]
    assert not ScopeChange.objects.filter(user=cast.ea).exclude(kind="user_created").exists()


# --- a factory user moves to another factory ---------------------------------------------------


def test_moving_a_factory_user_takes_the_old_factorys_access_management_away(cast: Any) -> None:
    world = build_world(cast)
    admin, _ = admin_client()
    move_factory_user(admin, cast.factory_user, cast.other_factory)
    pk, buyer = cast.factory.pk, cast.buyer.pk
    old = [
        ("get", reverse("factories:progress", args=[pk])),
        ("get", reverse("factories:committee", args=[pk])),
        ("post", reverse("factories:member_edit", args=[pk, world.member.pk])),  # htmx
        ("get", reverse("buyer_portal:access", args=[pk])),
        ("post", reverse("buyer_portal:access", args=[pk])),
        ("post", reverse("buyer_portal:access-revoke", args=[pk, buyer])),
        ("get", f"/api/v1/factories/{pk}/third-party-access/"),
        ("post", f"/api/v1/factories/{pk}/third-party-access/"),
        ("delete", f"/api/v1/factories/{pk}/third-party-access/{buyer}/"),
        ("get", reverse("differentiation:note-pdf", args=[world.note.pk])),
    ]
    all_404(cast.factory_user, old)
    new = cast.other_factory.pk
    assert status(cast.factory_user, "get", reverse("buyer_portal:access", args=[new])) == 200
    assert access.user_group_names(cast.factory_user) == [f"factory:{new}:users"]
    change = ScopeChange.objects.get(user=cast.factory_user, kind="user_factory")
    assert (change.before["factory"]["id"], change.after["factory"]["id"]) == (pk, new)


# --- a buyer user moves to another buyer -------------------------------------------------------


def test_moving_a_buyer_user_takes_the_old_buyers_suppliers_away(cast: Any) -> None:
    build_world(cast)
    admin, _ = admin_client()
    client = Client()
    client.force_login(cast.buyer_user)
    api = api_as(cast.buyer_user)
    # Warm the caches of the list and the API first: a move must not be served from them.
    assert "Dhaka Knitwear Ltd" in client.get(reverse("buyer_portal:suppliers")).content.decode()
    assert api.get("/api/v1/suppliers/").json()["count"] == 1

    move_buyer_user(admin, cast.buyer_user, cast.outsider_buyer)

    page = client.get(reverse("buyer_portal:suppliers")).content.decode()
    assert "Dhaka Knitwear Ltd" not in page
    assert api.get("/api/v1/suppliers/").json()["count"] == 0
    csv = client.get(reverse("buyer_portal:suppliers-csv"))
    assert csv.status_code == 200 and b"Dhaka Knitwear Ltd" not in csv.content
    pk = cast.factory.pk
    all_404(
        cast.buyer_user,
        [
            ("get", reverse("buyer_portal:supplier", args=[pk])),
            ("get", reverse("factories:progress", args=[pk])),
            ("get", f"/api/v1/suppliers/{pk}/"),
            ("get", f"/api/v1/factories/{pk}/"),
        ],
    )
    assert access.user_group_names(cast.buyer_user) == [f"buyer:{cast.outsider_buyer.pk}:users"]
    change = ScopeChange.objects.get(user=cast.buyer_user, kind="user_buyer")
    assert (change.before["buyer"]["name"], change.after["buyer"]["name"]) == (
        "Northwind Apparel",
        "Contoso Retail",
    )


# --- grants go to groups only ------------------------------------------------------------------


def test_the_admin_offers_no_per_user_object_permission_pages(cast: Any) -> None:
    admin, _ = admin_client()
    with pytest.raises(NoReverseMatch):
        reverse("admin:factories_factory_permissions", args=[cast.factory.pk])
    page = admin.get(f"/admin/factories/factory/{cast.factory.pk}/change/").content.decode()
    assert "/permissions/" not in page


def test_a_per_user_object_permission_is_refused_and_never_read(cast: Any) -> None:
    with pytest.raises(GrantNotAllowed):
        assign_perm("factories.view_factory", cast.outsider_buyer_user, cast.factory)
    # Written behind save()'s back, such a row still gives nothing.
    FactoryUserObjectPermission.objects.bulk_create(
        [
            FactoryUserObjectPermission(
                user=cast.outsider_buyer_user,
                permission=FactoryGroupObjectPermission.objects.filter(content_object=cast.factory)
                .first()
                .permission,  # type: ignore[union-attr]
                content_object=cast.factory,
            )
        ]
    )
    assert not access.factories_for(cast.outsider_buyer_user).exists()


def test_a_group_grant_outside_the_allowed_set_is_refused(cast: Any) -> None:
    with pytest.raises(GrantNotAllowed):
        assign_perm("factories.delete_factory", access.factory_group(cast.factory), cast.factory)


def test_staff_cannot_change_groups_in_the_admin(cast: Any) -> None:
    admin, _ = admin_client()
    assert admin.get("/admin/auth/group/add/").status_code == 403
    group = Group.objects.get(name=f"factory:{cast.factory.pk}:users")
    assert admin.post(f"/admin/auth/group/{group.pk}/delete/", {"post": "yes"}).status_code == 403
    user = User.objects.get(pk=cast.outsider_buyer_user.pk)
    response = admin.post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": user.username,
            "email": user.email,
            "is_active": "on",
            "groups": [group.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    assert access.user_group_names(user) == [f"buyer:{cast.outsider_buyer.pk}:users"]
    assert Profile.objects.filter(user=user).exists()
    assert admin.get(f"/admin/factories/profile/{user.profile.pk}/delete/").status_code == 403


def test_a_profile_added_in_the_admin_gives_its_scope_through_the_service(cast: Any) -> None:
    admin, staff = admin_client()
    newcomer = User.objects.create_user("nina", password="unused")
    response = admin.post(
        "/admin/factories/profile/add/",
        {"user": newcomer.pk, "role": Role.PROGRAMME_MANAGER, "programmes": [makers.programme("VNM").pk], "factory": "", "buyer": "", "_save": "Save"},
    )  # fmt: skip
    assert response.status_code == 302
    assert access.user_group_names(newcomer) == ["programme:VNM:programme_manager"]
    change = ScopeChange.objects.get(user=newcomer)
    assert (change.kind, change.actor, change.before) == ("user_created", staff, None)


def test_the_audit_row_outlives_the_user_it_names(cast: Any) -> None:
    """Audit rows are append-only, yet a user without other history can still be deleted."""
    change = ScopeChange.objects.get(user=cast.outsider_buyer_user)
    with pytest.raises(RuntimeError):
        change.delete()
    change.after = {}
    with pytest.raises(RuntimeError):
        change.save()
    User.objects.filter(pk=cast.outsider_buyer_user.pk).delete()
    change = ScopeChange.objects.get(pk=change.pk)
    assert change.user is None and change.after["username"] == "carl-buyer"
