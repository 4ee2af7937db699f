"""Of the factories' summaries (the read model kept by factories.summaries): the programmes of
a buyer's suppliers (the downloads' filter form) and the five criteria of a summary. The list's
page itself is read by selectors.listing."""

from __future__ import annotations

from typing import Any

from buyer_portal.selectors.suppliers import is_buyer_user
from differentiation import display
from differentiation.vocabulary import Group, Result
from factories import access
from factories.models import SupplierSummary

UNKNOWN = Result.UNKNOWN.value


def summary_countries(user: Any) -> list[tuple[str, str]]:
    """(code, name) of the programmes of the user's suppliers, for the country filter."""
    if not is_buyer_user(user):
        return []
    return list(
        SupplierSummary.objects.filter(factory_id__in=access.factory_ids_for(user))
        .order_by("programme_name", "programme_code")
        .values_list("programme_code", "programme_name")
        .distinct()
    )


def criteria_of(summary: SupplierSummary) -> list[dict[str, str]]:
    """The five criteria in the annex's order: `group`, `label`, `result`, `result_label`."""
    results = summary.results or {}
    rows = []
    for group in Group:
        result = results.get(group.value, UNKNOWN)
        rows.append(
            {
                "group": group.value,
                "label": group.label,
                "result": result,
                "result_label": display.result_label(result),
            }
        )
    return rows


def with_criteria(summaries: list[SupplierSummary]) -> list[SupplierSummary]:
    """Set `criteria` (see `criteria_of`) on each summary, for the page."""
    for summary in summaries:
        summary.criteria = criteria_of(summary)  # type: ignore[attr-defined]
    return summaries
