"""Writes on programmes, factories, users and third-party access: one function per change."""

from __future__ import annotations

import datetime
import unicodedata
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from factories import access
from factories.models import Buyer, Factory, Profile, Programme, ScopeChange, ThirdPartyAccess
from factories.vocabulary import Position, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def factory_create(
    *,
    name: str,
    programme: Programme,
    enterprise_advisor: User | None = None,
    enrolled_on: datetime.date | None = None,
    os_id: str = "",
) -> Factory:
    name = name.strip()
    if not name:
        raise ValidationError({"name": gettext("A factory needs a name.")})
    if any(unicodedata.category(c) == "Cc" for c in name):
        # A line break or control character breaks mail headers and spreadsheets downstream.
        raise ValidationError(
            {"name": _("A name cannot hold line breaks, tabs or other control characters.")}
        )
    if Factory.objects.filter(programme=programme, name__iexact=name).exists():
        raise ValidationError(
            {
                "name": gettext("A factory named '{name}' already exists in {code}.").format(
                    name=name, code=programme.code
                )
            }
        )
    factory = Factory.objects.create(
        name=name,
        programme=programme,
        enterprise_advisor=enterprise_advisor,
        enrolled_on=enrolled_on or timezone.localdate(),
        os_id=os_id,
    )
    access.factory_grants_sync(factory)
    return factory


def _check_scope(
    *, role: str, programmes: list[Programme], factory: Factory | None, buyer: Buyer | None
) -> None:
    """Refuse a role with the wrong kind of scope (400 naming the field, never half a scope)."""
    if role not in Role.values:
        raise ValidationError(
            {"role": _("Unknown role '%(role)s'; one of %(roles)s.")
             % {"role": role, "roles": ", ".join(Role.values)}}
        )  # fmt: skip
    if role in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR):
        if not programmes:
            raise ValidationError({"programmes": _("Programme staff need at least one programme.")})
        if factory or buyer:
            raise ValidationError(
                {"role": _("Programme staff belong to programmes, not to a factory or a buyer.")}
            )
        return
    if programmes:
        raise ValidationError({"programmes": _("Only programme staff belong to programmes.")})
    if role == Role.FACTORY and (factory is None or buyer is not None):
        raise ValidationError({"factory": _("A factory user needs exactly one factory.")})
    if role == Role.BUYER and (buyer is None or factory is not None):
        raise ValidationError({"buyer": _("A buyer user needs exactly one buyer.")})


def scope_check(
    *,
    role: str,
    programmes: list[Programme] | None = None,
    factory: Factory | None = None,
    buyer: Buyer | None = None,
) -> None:
    """The check `user_scope_change` makes, for forms that want the error before saving."""
    _check_scope(role=role, programmes=list(programmes or []), factory=factory, buyer=buyer)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    email: str = "",
    programmes: list[Programme] | None = None,
    factory: Factory | None = None,
    buyer: Buyer | None = None,
    is_staff: bool = False,
    actor: User | None = None,
    via: str = ScopeChange.Via.SERVICE,
    first_name: str = "",
    last_name: str = "",
    title: str = "",
    position: str = "",
) -> User:
    """Create a user with one role and the scope of that role, their name and title (and, for
    a factory user, their position in the factory)."""
    User = get_user_model()
    _check_scope(role=role, programmes=list(programmes or []), factory=factory, buyer=buyer)
    position_check(role=role, position=position)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": gettext("The username '{username}' is taken.").format(username=username)}
        )
    user = User.objects.create_user(
        username=username,
        password=password,
        email=email,
        is_staff=is_staff,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    user_scope_change(
        user=user,
        role=role,
        programmes=programmes,
        factory=factory,
        buyer=buyer,
        actor=actor,
        via=via,
    )
    user_details_set(user=user, title=title, position=position)
    return user


@transaction.atomic
def user_details_set(
    *,
    user: User,
    first_name: str | None = None,
    last_name: str | None = None,
    title: str | None = None,
    position: str | None = None,
) -> None:
    """Who a person is (not what they may see): name, title and position; None keeps a value."""
    profile = Profile.objects.get(user=user)
    user.profile = profile  # what the caller's user object reads from now on
    if position is not None:
        position_check(role=profile.role, position=position)
        profile.position = position
    if title is not None:
        profile.title = title.strip()
    profile.save(update_fields=["title", "position"])
    if first_name is not None:
        user.first_name = first_name.strip()
    if last_name is not None:
        user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])


def position_check(*, role: str, position: str) -> None:
    """A position in the factory is for factory users only, and one of the known ones."""
    if not position:
        return
    if position not in Position.values:
        raise ValidationError(
            {"position": gettext("Unknown position '{position}'.").format(position=position)}
        )
    if role != Role.FACTORY:
        raise ValidationError({"position": gettext("Only factory users have a position.")})


def _user_scope(user: User, profile: Profile | None) -> dict[str, Any] | None:
    """A user's scope as names, for the audit row."""
    if profile is None:
        return None
    return {
        "username": user.get_username(),
        "role": profile.role,
        "programmes": sorted(profile.programmes.values_list("code", flat=True)),
        "factory": _named(profile.factory),
        "buyer": _named(profile.buyer),
        "groups": access.user_group_names(user),
    }


def _named(obj: Factory | Buyer | None) -> dict[str, Any] | None:
    return None if obj is None else {"id": obj.pk, "name": str(obj)}


def _user_change_kind(before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    if before is None:
        return ScopeChange.Kind.USER_CREATED
    if before["role"] != after["role"]:
        return ScopeChange.Kind.USER_ROLE
    if after["role"] == Role.FACTORY:
        return ScopeChange.Kind.USER_FACTORY
    if after["role"] == Role.BUYER:
        return ScopeChange.Kind.USER_BUYER
    return ScopeChange.Kind.USER_PROGRAMMES


@transaction.atomic
def user_scope_change(
    *,
    user: User,
    role: str,
    programmes: list[Programme] | None = None,
    factory: Factory | None = None,
    buyer: Buyer | None = None,
    actor: User | None,
    via: str,
) -> ScopeChange | None:
    """Give `user` this role and scope, and no other: the one way a user's scope changes.

    Sets the profile, then the user's groups to exactly the new scope's (out of the old
    programmes', factory's or buyer's groups); an advisor leaving a programme stops being the
    named advisor of its factories. Writes a `ScopeChange` row; None when nothing changed.
    """
    programmes = list(programmes or [])
    _check_scope(role=role, programmes=programmes, factory=factory, buyer=buyer)
    User = get_user_model()
    User.objects.select_for_update().get(pk=user.pk)  # one scope change of a user at a time
    profile = Profile.objects.filter(user=user).select_related("factory", "buyer").first()
    before = _user_scope(user, profile)
    if profile is None:
        profile = Profile(user=user)
    profile.role, profile.factory, profile.buyer = role, factory, buyer
    if role != Role.FACTORY:
        profile.position = ""  # a position in a factory is a factory user's only
    profile.save()
    profile.programmes.set(programmes)
    access.user_scope_sync(user, profile)
    still_staff_of = programmes if role in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR) else []
    released = list(
        Factory.objects.filter(enterprise_advisor=user)
        .exclude(programme__in=still_staff_of)
        .values_list("pk", flat=True)
    )
    if released:
        # The named advisor of a factory works in its programme; who no longer does, is not.
        Factory.objects.filter(pk__in=released).update(enterprise_advisor=None)
    after = _user_scope(user, profile)
    assert after is not None
    if released:
        after["no_longer_advisor_of"] = released
    if before == after:
        return None
    return ScopeChange.objects.create(
        kind=_user_change_kind(before, after),
        via=via,
        user=user,
        actor=actor,
        before=before,
        after=after,
    )


def _factory_scope(factory: Factory) -> dict[str, Any]:
    advisor = factory.enterprise_advisor
    return {
        "name": factory.name,
        "programme": factory.programme.code,
        "enterprise_advisor": advisor.get_username() if advisor else None,
        "grants": access.factory_grant_names(factory),
    }


@transaction.atomic
def factory_programme_change(
    *, factory: Factory, programme: Programme, actor: User | None, via: str
) -> ScopeChange | None:
    """Move a factory to another country programme: the one way a factory's scope changes.

    The old programme's staff lose every grant on it and the new programme's staff get theirs;
    its own users and the buyers it granted access keep theirs. A named advisor who is not
    staff of the new programme is no longer its advisor. Its records (assessments, requests,
    notes) follow it: they are scoped through the factory. None when it is already there.
    """
    factory = (
        Factory.objects.select_for_update(of=("self",))
        .select_related("programme", "enterprise_advisor")
        .get(pk=factory.pk)
    )
    if factory.programme_id == programme.pk:
        return None
    if Factory.objects.filter(programme=programme, name__iexact=factory.name).exists():
        raise ValidationError(
            {
                "programme": gettext("A factory named '{name}' already exists in {code}.").format(
                    name=factory.name, code=programme.code
                )
            }
        )
    before = _factory_scope(factory)
    factory.programme = programme
    advisor = factory.enterprise_advisor
    if advisor is not None and not programme.staff.filter(user=advisor).exists():
        factory.enterprise_advisor = None
    factory.save(update_fields=["programme", "enterprise_advisor"])
    access.factory_grants_sync(factory)
    return ScopeChange.objects.create(
        kind=ScopeChange.Kind.FACTORY_PROGRAMME,
        via=via,
        factory=factory,
        actor=actor,
        before=before,
        after=_factory_scope(factory),
    )


@transaction.atomic
def third_party_access_grant(*, factory: Factory, buyer: Buyer, actor: User) -> ThirdPartyAccess:
    """Grant a buyer third-party access to a factory; its users see the factory at once."""
    Factory.objects.select_for_update().get(pk=factory.pk)
    existing = ThirdPartyAccess.objects.filter(factory=factory, buyer=buyer, revoked_at=None)
    if existing.exists():
        raise ValidationError(
            {"buyer": gettext("{buyer} already has third-party access.").format(buyer=buyer)}
        )
    grant = ThirdPartyAccess.objects.create(factory=factory, buyer=buyer, granted_by=actor)
    access.grant_buyer_view(factory, buyer)
    return grant


@transaction.atomic
def third_party_access_revoke(*, factory: Factory, buyer: Buyer, actor: User) -> ThirdPartyAccess:
    """Close the open grant; the buyer loses sight of the factory at once."""
    Factory.objects.select_for_update().get(pk=factory.pk)
    grant = ThirdPartyAccess.objects.filter(factory=factory, buyer=buyer, revoked_at=None).first()
    if grant is None:
        raise ValidationError(
            {"buyer": gettext("{buyer} has no third-party access to revoke.").format(buyer=buyer)}
        )
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    access.revoke_buyer_view(factory, buyer)
    return grant
