"""The supplier list and the suppliers API read the factories' summaries (the read model kept by
factories.summaries): one indexed query over the buyer's grants joined to the summaries, the
page and the total count together, whatever the number of factories."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When, Window

from buyer_portal.selectors.suppliers import ORDERINGS, SupplierFilters, is_buyer_user
from differentiation import display
from differentiation.vocabulary import Group, Result
from factories import access
from factories.models import SupplierSummary
from factories.vocabulary import BuyerStage

UNKNOWN = Result.UNKNOWN.value


def summaries_for(user: Any, filters: SupplierFilters | None = None) -> QuerySet[SupplierSummary]:
    """The summaries of the factories that granted the user's buyer access (the access layer's
    grants, exactly as `access.factories_for`), filtered and sorted like the page."""
    filters = filters or SupplierFilters()
    if not is_buyer_user(user):
        return SupplierSummary.objects.none()
    qs = SupplierSummary.objects.filter(factory_id__in=access.factory_ids_for(user)).annotate(
        stage_rank=Case(
            When(buyer_stage=BuyerStage.HIGH_PERFORMING.value, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    if filters.country:
        qs = qs.filter(programme_code=filters.country.upper())
    if filters.stage:
        qs = qs.filter(buyer_stage=filters.stage)
    if filters.search:
        qs = qs.filter(name__icontains=filters.search)
    return qs.order_by(*ORDERINGS.get(filters.ordering, ORDERINGS["name"]), "factory_id")


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


@dataclass(frozen=True)
class SupplierPage:
    """One page of the list, as Django's paginator would give it, from one query."""

    rows: list[SupplierSummary]
    count: int
    number: int
    size: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _page_number(raw: object) -> int:
    try:
        return max(1, int(str(raw)))
    except (TypeError, ValueError):
        return 1


def supplier_page(queryset: QuerySet[SupplierSummary], page: object, size: int) -> SupplierPage:
    """The page's rows with the total count (`COUNT(*) OVER ()`) in one query; a page past the
    end gives the last page, as `Paginator.get_page` does (one more query, only then)."""
    number = _page_number(page)
    counted = queryset.annotate(total=Window(Count("*")))
    rows = list(counted[(number - 1) * size : number * size])
    if rows:
        return SupplierPage(rows, rows[0].total, number, size)  # type: ignore[attr-defined]
    if number == 1:
        return SupplierPage([], 0, 1, size)
    count = queryset.count()
    last = max(1, -(-count // size))
    return SupplierPage(list(queryset[(last - 1) * size : last * size]), count, last, size)
