"""Writes on programmes, factories, users and third-party access: one function per change."""

from __future__ import annotations

import datetime
import unicodedata
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from betterwork import access
from factories.models import Buyer, Factory, Profile, Programme, Role, ThirdPartyAccess

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
        raise ValidationError({"name": "A factory needs a name."})
    if any(unicodedata.category(c) == "Cc" for c in name):
        # A line break or control character breaks mail headers and spreadsheets downstream.
        raise ValidationError(
            {"name": _("A name cannot hold line breaks, tabs or other control characters.")}
        )
    if Factory.objects.filter(programme=programme, name__iexact=name).exists():
        raise ValidationError(
            {"name": f"A factory named '{name}' already exists in {programme.code}."}
        )
    factory = Factory.objects.create(
        name=name,
        programme=programme,
        enterprise_advisor=enterprise_advisor,
        enrolled_on=enrolled_on or timezone.localdate(),
        os_id=os_id,
    )
    access.grant_factory_permissions(factory)
    return factory


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
) -> User:
    """Create a user with one role and the scope of that role."""
    User = get_user_model()
    if role not in Role.values:
        raise ValidationError({"role": f"Unknown role '{role}'; one of {', '.join(Role.values)}."})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"The username '{username}' is taken."})
    if role in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR):
        if not programmes:
            raise ValidationError({"programmes": "Programme staff need at least one programme."})
        if factory or buyer:
            raise ValidationError(
                {"role": "Programme staff belong to programmes, not to a factory or a buyer."}
            )
    if role == Role.FACTORY and (factory is None or buyer is not None):
        raise ValidationError({"factory": "A factory user needs exactly one factory."})
    if role == Role.BUYER and (buyer is None or factory is not None):
        raise ValidationError({"buyer": "A buyer user needs exactly one buyer."})
    user = User.objects.create_user(
        username=username, password=password, email=email, is_staff=is_staff
    )
    profile = Profile.objects.create(user=user, role=role, factory=factory, buyer=buyer)
    if programmes:
        profile.programmes.set(programmes)
    access.join_scope(profile)
    return user


@transaction.atomic
def third_party_access_grant(*, factory: Factory, buyer: Buyer, actor: User) -> ThirdPartyAccess:
    """Grant a buyer third-party access to a factory; its users see the factory at once."""
    Factory.objects.select_for_update().get(pk=factory.pk)
    existing = ThirdPartyAccess.objects.filter(factory=factory, buyer=buyer, revoked_at=None)
    if existing.exists():
        raise ValidationError({"buyer": f"{buyer} already has third-party access."})
    grant = ThirdPartyAccess.objects.create(factory=factory, buyer=buyer, granted_by=actor)
    access.grant_buyer_view(factory, buyer)
    return grant


@transaction.atomic
def third_party_access_revoke(*, factory: Factory, buyer: Buyer, actor: User) -> ThirdPartyAccess:
    """Close the open grant; the buyer loses sight of the factory at once."""
    Factory.objects.select_for_update().get(pk=factory.pk)
    grant = ThirdPartyAccess.objects.filter(factory=factory, buyer=buyer, revoked_at=None).first()
    if grant is None:
        raise ValidationError({"buyer": f"{buyer} has no third-party access to revoke."})
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    access.revoke_buyer_view(factory, buyer)
    return grant


def next_assessment_due(*, last_visit: datetime.date, interval_months: int) -> datetime.date:
    """The visit date plus the interval, clamped to the month's last day (31 Jan + 1 = 28 Feb)."""
    month_index = last_visit.month - 1 + interval_months
    year, month = last_visit.year + month_index // 12, month_index % 12 + 1
    for day in (last_visit.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
