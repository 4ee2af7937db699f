"""Reads of the benefits a high-performing factory chose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext, ngettext

from factories.models import Factory
from factories.people import person
from workspace import services as workspace
from workspace.models import BenefitChoice
from workspace.vocabulary import BenefitKind, LearningTheme

# --- benefits ------------------------------------------------------------------------------


def benefits_for(factory: Factory) -> dict[str, BenefitChoice | None]:
    """The current state of each benefit: the latest choice per kind (None: never chosen)."""
    latest: dict[str, BenefitChoice | None] = dict.fromkeys(BenefitKind.values)
    for choice in BenefitChoice.objects.filter(factory=factory).order_by("-id"):
        latest.setdefault(choice.kind, None)
        if latest[choice.kind] is None:
            latest[choice.kind] = choice
    return latest


def benefit_history(factory: Factory) -> QuerySet[BenefitChoice]:
    return BenefitChoice.objects.filter(factory=factory).select_related("chosen_by__profile")[:50]


@dataclass
class BenefitChange:
    at: datetime
    sentence: str
    note: str


def _theme(code: str) -> str:
    return gettext(LearningTheme(code).label) if code in LearningTheme.values else code


def _benefit_sentence(choice: BenefitChoice, who: str) -> str:
    value: dict[str, Any] = choice.value or {}
    if choice.kind == BenefitKind.ASSESSMENT_INTERVAL:
        return gettext("An assessment every {months} months chosen by {who}.").format(
            months=value.get("months"), who=who
        )
    if choice.kind == BenefitKind.FEWER_VISITS:
        days = int(value.get("extra_training_days") or 0)
        return ngettext(
            "{visits} advisory visits per cycle and {days} extra training day chosen by {who}.",
            "{visits} advisory visits per cycle and {days} extra training days chosen by {who}.",
            days,
        ).format(visits=value.get("visits"), days=days, who=who)
    if choice.kind == BenefitKind.LEARNING_SERVICES:
        themes = [_theme(t) for t in value.get("themes") or []]
        if not themes:
            return gettext("No learning services chosen by {who}.").format(who=who)
        return gettext("Learning services chosen by {who}: {themes}.").format(
            who=who, themes=", ".join(themes)
        )
    benefit = gettext(BenefitKind(choice.kind).label) if choice.kind in BenefitKind.values else ""
    if value.get("opt_in"):
        return gettext("Opted in to {benefit} by {who}.").format(benefit=benefit, who=who)
    return gettext("Opted out of {benefit} by {who}.").format(benefit=benefit, who=who)


def benefit_history_in_words(factory: Factory) -> list[BenefitChange]:
    """The choices as sentences, newest first; a choice that repeats the one before is left out."""
    rows = list(benefit_history(factory))
    changes: list[BenefitChange] = []
    for index, choice in enumerate(rows):
        earlier = next((c for c in rows[index + 1 :] if c.kind == choice.kind), None)
        if earlier is not None and (earlier.value, earlier.note) == (choice.value, choice.note):
            continue
        who = person(choice.chosen_by)
        changes.append(BenefitChange(choice.chosen_at, _benefit_sentence(choice, who), choice.note))
    return changes


def opted_in(factory: Factory, kind: str) -> bool:
    """For the rest of the portal: has the factory opted into this visibility benefit?"""
    choice = workspace.latest_benefit(factory, kind)
    return bool(
        choice is not None and choice.value.get("opt_in") and workspace.is_high_performing(factory)
    )
