"""Model and form choices from a vocabulary enum: the value and its label, translated lazily."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy


class Labelled(Protocol):
    value: str
    label: str


def choices(terms: Iterable[Labelled]) -> list[tuple[str, Promise]]:
    """`[(value, label)]` with each label translated when shown (the label is the msgid)."""
    return [(term.value, gettext_lazy(term.label)) for term in terms]
