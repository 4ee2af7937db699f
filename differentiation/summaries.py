"""The latest results of factories for their supplier summaries (factories.summaries): the
evaluations are this layer's, so it tells the summaries where to read them."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery

from differentiation.models import Evaluation
from factories.summaries import Results


def results_of(outcome: dict[str, Any] | None) -> dict[str, str] | None:
    """An evaluation's result by criterion group, as the summaries keep it."""
    if not outcome:
        return None
    return {str(c.get("group")): str(c.get("result")) for c in outcome.get("criteria", [])}


def latest_results(factory_ids: list[int]) -> dict[int, Results]:
    """Each factory's latest evaluation's results and time (factories never evaluated are
    left out). One query."""
    latest = Subquery(
        Evaluation.objects.filter(factory_id=OuterRef("factory_id"))
        .order_by("-created_at", "-id")
        .values("id")[:1]
    )
    rows = (
        Evaluation.objects.filter(factory_id__in=factory_ids, id=latest)
        .order_by()
        .values_list("factory_id", "outcome", "created_at")
    )
    return {pk: (results_of(outcome), at) for pk, outcome, at in rows}
