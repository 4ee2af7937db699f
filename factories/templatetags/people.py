"""`{{ user|person }}`: a person by full name and title (factories.people)."""

from __future__ import annotations

from typing import Any

from django import template

from factories import people

register = template.Library()


@register.filter
def person(user: Any) -> str:
    """Empty for no one, so that `|default:"—"` can follow."""
    return people.person(user) if user is not None else ""


@register.filter
def full_name(user: Any) -> str:
    return people.full_name(user)
