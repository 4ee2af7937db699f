"""How the portal names people: by full name and title (or role), never by login name."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext

from factories.vocabulary import Position, Role


def profile_of(user: Any) -> Any:
    """The user's profile, or None (the caller selects `profile` with the user)."""
    try:
        return user.profile
    except (ObjectDoesNotExist, AttributeError):
        return None


def full_name(user: Any) -> str:
    """'Nguyen Van A'; the login name only when no name was given."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def role_title(user: Any) -> str:
    """The person's title; without one, their position in the factory or their role."""
    profile = profile_of(user)
    if profile is None:
        return ""
    if profile.title:
        return str(profile.title)
    if profile.position in Position.values:
        return gettext(Position(profile.position).label)
    if profile.role in Role.values:
        return gettext(Role(profile.role).label)
    return ""


def person(user: Any) -> str:
    """'Nguyen Van A, Enterprise advisor': full name and title (or role)."""
    if user is None:
        return gettext("the portal")
    title = role_title(user)
    name = full_name(user)
    if not title:
        return name
    return gettext("{name}, {title}").format(name=name, title=title)
