"""The learning survey: preferred areas for advanced learning services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from factories import access
from factories.models import Buyer, Factory
from factories.vocabulary import Role
from workspace.models import LearningSurveyResponse
from workspace.vocabulary import LearningTheme

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- the learning survey -------------------------------------------------------------------


@transaction.atomic
def learning_survey_submit(
    *,
    actor: User,
    year: int,
    themes: Iterable[str],
    other: str = "",
    factory: Factory | None = None,
    buyer: Buyer | None = None,
) -> LearningSurveyResponse:
    """One response per factory or buyer and year; answering again adds a row that replaces
    the earlier one in the results."""
    if (factory is None) == (buyer is None):
        raise ValidationError(
            {"detail": [gettext("A response is from a factory or from a buyer.")]}
        )
    profile = access.profile_of(actor)
    if factory is not None and (
        profile is None or profile.role != Role.FACTORY or profile.factory_id != factory.pk
    ):
        raise PermissionDenied(gettext("Only the factory's own users answer for the factory."))
    if buyer is not None and (
        profile is None or profile.role != Role.BUYER or profile.buyer_id != buyer.pk
    ):
        raise PermissionDenied(gettext("Only the buyer's own users answer for the buyer."))
    chosen = list(dict.fromkeys(themes))
    unknown = [t for t in chosen if t not in LearningTheme.values]
    if unknown:
        raise ValidationError(
            {
                "themes": [
                    gettext("Unknown learning theme: {themes}.").format(themes=", ".join(unknown))
                ]
            }
        )
    if not chosen and not other.strip():
        raise ValidationError(
            {"themes": [gettext("Choose at least one area, or describe another.")]}
        )
    return LearningSurveyResponse.objects.create(
        factory=factory,
        buyer=buyer,
        year=year,
        themes=chosen,
        other=other.strip(),
        submitted_by=actor,
    )
