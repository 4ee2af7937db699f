"""Reads of the benefits a high-performing factory chose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from factories.models import Factory
from workspace import services as workspace
from workspace.models import BenefitChoice
from workspace.vocabulary import BenefitKind

if TYPE_CHECKING:
    pass


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
    return BenefitChoice.objects.filter(factory=factory).select_related("chosen_by")[:50]


def opted_in(factory: Factory, kind: str) -> bool:
    """For the rest of the portal: has the factory opted into this visibility benefit?"""
    choice = workspace.latest_benefit(factory, kind)
    return bool(
        choice is not None and choice.value.get("opt_in") and workspace.is_high_performing(factory)
    )
