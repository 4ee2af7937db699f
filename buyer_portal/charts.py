"""The buyer's pictures: its suppliers by stage (as buyers see it) in each country, and by
criterion (met, not met, unknown). The home page draws them from the present (three queries);
a quarterly overview draws the same two from its stored figures (no query), in the page, its
PDF and its workbook."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext

from betterwork.core.charts import Chart, bar_chart
from buyer_portal.selectors import OverviewView, attach_criteria, suppliers_for
from differentiation.charts import criteria_chart, result_counts, stage_series
from factories import access
from factories.vocabulary import BuyerStage


def stage_chart(slug: str, title: str, rows: Iterable[tuple[str, str, int]]) -> Chart:
    """Suppliers per stage in each country, from (country, buyer stage, count) rows."""
    counts: Counter[tuple[str, str]] = Counter()
    for country, stage, n in rows:
        counts[(country, BuyerStage.of(stage).value)] += n
    countries = sorted({country for country, _ in counts})
    return bar_chart(
        slug=slug,
        title=title,
        categories=countries,
        series=stage_series(BuyerStage.values, counts, countries),
        category_header=gettext("Country"),
        stacked=True,
        total_header=gettext("Suppliers"),
    )


def supplier_charts(user: Any) -> list[Chart]:
    """The buyer's suppliers today, by stage and by criterion (their latest evaluations)."""
    rows = (
        access.factories_for(user)
        .order_by()
        .values_list("programme__code", "stage")
        .annotate(n=Count("id"))
    )
    suppliers = attach_criteria(suppliers_for(user).only("pk", "name", "programme__code"))
    return [
        stage_chart("chart-supplier-stages", gettext("Your suppliers by stage"), rows),
        criteria_chart(
            "chart-supplier-criteria",
            gettext("Your suppliers by criterion"),
            result_counts(s.criteria for s in suppliers),  # type: ignore[attr-defined]
        ),
    ]


def overview_charts(view: OverviewView) -> list[Chart]:
    """The same two charts for a quarterly overview, from the rows the buyer may see."""
    rows: Counter[tuple[str, str]] = Counter(
        (str(s["country"]), str(s["stage"])) for s in view.suppliers
    )
    criteria: list[list[Mapping[str, Any]]] = [s["criteria"] for s in view.suppliers]
    return [
        stage_chart(
            "chart-overview-stages",
            gettext("Suppliers by stage at quarter end"),
            ((country, stage, n) for (country, stage), n in rows.items()),
        ),
        criteria_chart(
            "chart-overview-criteria",
            gettext("Suppliers by criterion at quarter end"),
            result_counts(criteria),
        ),
    ]
