"""Scope changes made the way platform staff make them: form posts to the Django admin."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from factories.models import Buyer, Factory, Profile, Programme
from factories.vocabulary import Role


def admin_client() -> tuple[Client, User]:
    staff = User.objects.create_superuser("root-admin", "root@example.org", "unused")
    client = Client()
    client.force_login(staff)
    return client, staff


def _saved(response: Any) -> None:
    """The admin answers a saved form with a redirect; a form with errors comes back as 200."""
    errors = getattr(response, "context", None) and response.context.get("errors")
    assert response.status_code == 302, f"the admin did not save: {errors}"


def move_factory(client: Client, factory: Factory, country: str) -> None:
    factory = Factory.objects.get(pk=factory.pk)
    _saved(
        client.post(
            f"/admin/factories/factory/{factory.pk}/change/",
            {
                "name": factory.name,
                "programme": Programme.objects.get(code=country).pk,
                "enterprise_advisor": factory.enterprise_advisor_id or "",
                "enrolled_on": factory.enrolled_on.isoformat(),
                "os_id": factory.os_id,
                "next_assessment_due": "",
                "assessment_interval_months": factory.assessment_interval_months,
                "_save": "Save",
            },
        )
    )


def change_profile(
    client: Client,
    user: User,
    *,
    role: str,
    countries: Iterable[str] = (),
    factory: Factory | None = None,
    buyer: Buyer | None = None,
) -> None:
    programmes = [p.pk for p in Programme.objects.filter(code__in=list(countries))]
    profile = Profile.objects.get(user=user)
    _saved(
        client.post(
            f"/admin/factories/profile/{profile.pk}/change/",
            {
                # As the form shows them: the person's title, and their position if they stay
                # a factory user.
                "title": profile.title,
                "position": profile.position if role == Role.FACTORY else "",
                "user": user.pk,  # read-only on a change (ignored), editable on an add
                "role": role,
                "programmes": programmes,
                "factory": factory.pk if factory else "",
                "buyer": buyer.pk if buyer else "",
                "_save": "Save",
            },
        )
    )


def move_staff(client: Client, user: User, *countries: str) -> None:
    change_profile(client, user, role=Profile.objects.get(user=user).role, countries=countries)


def move_factory_user(client: Client, user: User, factory: Factory) -> None:
    change_profile(client, user, role=Role.FACTORY, factory=factory)


def move_buyer_user(client: Client, user: User, buyer: Buyer) -> None:
    change_profile(client, user, role=Role.BUYER, buyer=buyer)
