"""Reads of the learning survey."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext

from factories import access
from factories.models import Factory, ThirdPartyAccess
from workspace.models import LearningSurveyResponse
from workspace.vocabulary import LearningTheme

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# --- the learning survey -------------------------------------------------------------------


def latest_survey_response(
    *, year: int, factory: Factory | None = None, buyer: Any = None
) -> LearningSurveyResponse | None:
    responses = LearningSurveyResponse.objects.filter(year=year)
    if factory is not None:
        responses = responses.filter(factory=factory)
    else:
        responses = responses.filter(buyer=buyer)
    return responses.order_by("-id").first()


def survey_results(user: User, year: int) -> list[dict[str, Any]]:
    """Counts per theme for each programme of a PM: the latest response of each factory of the
    programme, and of each buyer with access to a factory of the programme, in that year."""
    programmes = list(access.programmes_for(user).order_by("name"))
    responses = list(
        LearningSurveyResponse.objects.filter(year=year)
        .filter(
            Q(factory__programme__in=programmes)
            | Q(
                buyer__access_grants__factory__programme__in=programmes,
                buyer__access_grants__revoked_at__isnull=True,
            )
        )
        .distinct()
        .select_related("factory", "buyer")
        .order_by("-id")
    )
    buyer_programmes: dict[int, set[int]] = {}
    for buyer_id, programme_id in ThirdPartyAccess.objects.filter(
        revoked_at__isnull=True, factory__programme__in=programmes
    ).values_list("buyer_id", "factory__programme_id"):
        buyer_programmes.setdefault(buyer_id, set()).add(programme_id)
    latest: dict[tuple[str, int], LearningSurveyResponse] = {}
    for response in responses:
        key = (
            ("factory", response.factory_id)
            if response.factory_id
            else ("buyer", response.buyer_id)
        )
        latest.setdefault(key, response)  # type: ignore[arg-type]
    results = []
    for programme in programmes:
        counts = {"factory": Counter[str](), "buyer": Counter[str]()}
        respondents = {"factory": 0, "buyer": 0}
        others: list[str] = []
        for (kind, respondent_id), response in latest.items():
            if (
                kind == "factory"
                and getattr(response.factory, "programme_id", None) != programme.pk
            ):
                continue
            if kind == "buyer" and programme.pk not in buyer_programmes.get(respondent_id, set()):
                continue
            respondents[kind] += 1
            counts[kind].update(response.themes)
            if response.other:
                others.append(response.other)
        results.append(
            {
                "programme": programme,
                "factories": respondents["factory"],
                "buyers": respondents["buyer"],
                "themes": [
                    {
                        "theme": value,
                        "label": gettext(label),
                        "factories": counts["factory"][value],
                        "buyers": counts["buyer"][value],
                        "total": counts["factory"][value] + counts["buyer"][value],
                    }
                    for value, label in LearningTheme.choices
                ],
                "others": others,
            }
        )
    return results


def this_year() -> int:
    return datetime.date.today().year
