"""Remove the access that scope changes before the scope services left behind.

Until then the admin only ever added: a factory moved to another programme kept the old
programme's staff groups' grants, a user moved to other programmes, another factory or another
buyer stayed in the old groups, and guardian's per-user object-permission pages could grant a
single user a factory. This keeps exactly what the current programmes and profiles say:

- every per-user object permission on a factory is deleted (grants go to groups only);
- a group grant on a factory stays only if its group is the factory's programme's staff group
  with that role's permission, the factory's own users' group, or the group of a buyer the
  factory has open third-party access for (view only);
- a user stays in a scope group ("programme:", "factory:", "buyer:") only if the profile says so.

Each factory and user changed gets a ScopeChange row (via "migration") listing what was removed.
The rules are frozen here, as a migration must not import the code that may later change;
they are those of betterwork.access at the time.
"""

from collections import defaultdict

from django.db import migrations

STAFF_ACTIONS = {
    "programme_manager": {
        "view_factory",
        "change_factory",
        "assess_factory",
        "decide_factory",
        "manage_factory_access",
        "work_factory",
    },
    "enterprise_advisor": {"view_factory", "change_factory", "assess_factory", "work_factory"},
}
FACTORY_ACTIONS = {"view_factory", "manage_factory_access", "work_factory"}
BUYER_ACTIONS = {"view_factory"}
SCOPE_PREFIXES = ("programme:", "factory:", "buyer:")


def grant_allowed(
    *, group: str, codename: str, factory_id: int, programme: str, open_buyers: set[int]
) -> bool:
    """May the group `group` hold `codename` on this factory, as its scope stands now?"""
    parts = group.split(":")
    if len(parts) != 3:
        return False
    kind, key, rest = parts
    if kind == "programme":
        return key == programme and codename in STAFF_ACTIONS.get(rest, set())
    if kind == "factory" and rest == "users":
        return key == str(factory_id) and codename in FACTORY_ACTIONS
    if kind == "buyer" and rest == "users":
        return key.isdigit() and int(key) in open_buyers and codename in BUYER_ACTIONS
    return False


def wanted_groups(
    *, role: str | None, programmes: set[str], factory_id: int | None, buyer_id: int | None
) -> set[str]:
    """The scope groups a user with this profile belongs in (role None: no profile, none)."""
    if role in STAFF_ACTIONS:
        return {f"programme:{code}:{role}" for code in programmes}
    if role == "factory" and factory_id is not None:
        return {f"factory:{factory_id}:users"}
    if role == "buyer" and buyer_id is not None:
        return {f"buyer:{buyer_id}:users"}
    return set()


def remove_leftover_grants(apps, schema_editor):
    Factory = apps.get_model("factories", "Factory")
    Profile = apps.get_model("factories", "Profile")
    ThirdPartyAccess = apps.get_model("factories", "ThirdPartyAccess")
    GroupGrant = apps.get_model("factories", "FactoryGroupObjectPermission")
    UserGrant = apps.get_model("factories", "FactoryUserObjectPermission")
    ScopeChange = apps.get_model("factories", "ScopeChange")
    User = apps.get_model("auth", "User")
    Membership = User.groups.through

    programme_of = dict(Factory.objects.values_list("pk", "programme__code"))
    name_of = dict(Factory.objects.values_list("pk", "name"))
    open_buyers: dict[int, set[int]] = defaultdict(set)
    for factory_id, buyer_id in ThirdPartyAccess.objects.filter(
        revoked_at__isnull=True
    ).values_list("factory_id", "buyer_id"):
        open_buyers[factory_id].add(buyer_id)

    # Group grants on factories that the factory's scope no longer gives.
    held: dict[int, list[str]] = defaultdict(list)
    stale: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = GroupGrant.objects.values_list(
        "pk", "content_object_id", "group__name", "permission__codename"
    )
    for pk, factory_id, group, codename in rows.iterator(chunk_size=5000):
        held[factory_id].append(f"{group} {codename}")
        if not grant_allowed(
            group=group,
            codename=codename,
            factory_id=factory_id,
            programme=programme_of[factory_id],
            open_buyers=open_buyers[factory_id],
        ):
            stale[factory_id].append((pk, f"{group} {codename}"))
    for factory_id, removed in stale.items():
        GroupGrant.objects.filter(pk__in=[pk for pk, _ in removed]).delete()
        gone = {name for _, name in removed}
        ScopeChange.objects.create(
            kind="cleanup",
            via="migration",
            factory_id=factory_id,
            before={"name": name_of[factory_id], "grants": sorted(held[factory_id])},
            after={
                "grants": sorted(g for g in held[factory_id] if g not in gone),
                "removed": sorted(gone),
            },
        )

    # Per-user grants and scope-group memberships that the profiles no longer give.
    user_grants: dict[int, list[str]] = defaultdict(list)
    for user_id, factory_id, codename in UserGrant.objects.values_list(
        "user_id", "content_object_id", "permission__codename"
    ):
        user_grants[user_id].append(f"factory:{factory_id} {codename}")
    profiles = {}
    for profile in Profile.objects.all():
        profiles[profile.user_id] = profile
    programmes_of: dict[int, set[str]] = defaultdict(set)
    for user_id, code in Profile.programmes.through.objects.values_list(
        "profile__user", "programme__code"
    ):
        programmes_of[user_id].add(code)
    memberships: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, user_id, group in Membership.objects.values_list("pk", "user_id", "group__name"):
        if group.startswith(SCOPE_PREFIXES):
            memberships[user_id].append((pk, group))

    for user_id in sorted(set(memberships) | set(user_grants)):
        profile = profiles.get(user_id)
        wanted = wanted_groups(
            role=profile.role if profile else None,
            programmes=programmes_of[user_id],
            factory_id=profile.factory_id if profile else None,
            buyer_id=profile.buyer_id if profile else None,
        )
        leave = [(pk, group) for pk, group in memberships[user_id] if group not in wanted]
        if not leave and not user_grants[user_id]:
            continue
        Membership.objects.filter(pk__in=[pk for pk, _ in leave]).delete()
        groups = sorted(group for _, group in memberships[user_id])
        ScopeChange.objects.create(
            kind="cleanup",
            via="migration",
            user_id=user_id,
            before={"groups": groups, "user_grants": sorted(user_grants[user_id])},
            after={
                "groups": sorted(set(groups) - {group for _, group in leave}),
                "user_grants": [],
                "removed_groups": sorted(group for _, group in leave),
            },
        )
    UserGrant.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("factories", "0004_scope_change"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(remove_leftover_grants, migrations.RunPython.noop)]
