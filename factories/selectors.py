"""Reads of factories for programme staff (the factory list). The workspace's reads are in
workspace.selectors; every function takes a user the caller found through factories.access."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from factories import access
from factories.models import Factory

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def factories_for_staff(user: User, query: str = "") -> QuerySet[Factory]:
    factories = (
        access.factories_for(user, access.Action.WORK)
        .filter(programme__in=access.programmes_for(user))
        .select_related("programme", "enterprise_advisor")
        .order_by("name", "pk")
    )
    query = query.strip()
    if query:
        factories = factories.filter(Q(name__icontains=query) | Q(os_id__icontains=query))
    return factories
