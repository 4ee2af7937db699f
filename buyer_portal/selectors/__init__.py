"""Reads of the buyer portal. Every queryset starts at factories.access; query counts are flat.

The quarterly overview is the one exception: it answers a historical question ("which factories
had granted access at the end of that quarter?") that the permission tables, which only know the
present, cannot answer. It reads the ThirdPartyAccess history instead, and what a buyer is shown
of a stored overview is filtered again through the access layer at display time.


By page: `suppliers` (the list), `supplier` (one supplier, third-party access), `overviews`.
"""

from __future__ import annotations

from buyer_portal.selectors.listing import ListPage, list_page, list_slice
from buyer_portal.selectors.overviews import (
    OverviewView,
    buyers_for_programme_manager,
    criteria_columns,
    overview_as_seen_by,
    overview_figures,
    overviews_for,
    stage_counts,
    supplier_states_at,
)
from buyer_portal.selectors.summaries import (
    criteria_of,
    summary_countries,
    with_criteria,
)
from buyer_portal.selectors.supplier import (
    VISIBILITY_BENEFITS,
    Highlight,
    SupplierDetail,
    access_grants,
    get_supplier,
    grantable_buyers,
    highlight_of,
    may_manage_access,
    note_download_url,
    supplier_detail,
    visibility_of,
)
from buyer_portal.selectors.suppliers import (
    CRITERIA_GROUPS,
    CRITERION_DESCRIPTIONS,
    ORDERINGS,
    PAGE_SIZE,
    SupplierFilters,
    attach_criteria,
    buyer_of,
    buyer_stage_expression,
    is_buyer_user,
    supplier_countries,
    suppliers_for,
)

__all__ = [
    "CRITERIA_GROUPS",
    "CRITERION_DESCRIPTIONS",
    "ORDERINGS",
    "PAGE_SIZE",
    "VISIBILITY_BENEFITS",
    "Highlight",
    "ListPage",
    "OverviewView",
    "SupplierDetail",
    "SupplierFilters",
    "access_grants",
    "attach_criteria",
    "buyer_of",
    "buyer_stage_expression",
    "buyers_for_programme_manager",
    "criteria_columns",
    "criteria_of",
    "get_supplier",
    "grantable_buyers",
    "highlight_of",
    "is_buyer_user",
    "list_page",
    "list_slice",
    "may_manage_access",
    "note_download_url",
    "overview_as_seen_by",
    "overview_figures",
    "overviews_for",
    "stage_counts",
    "summary_countries",
    "supplier_countries",
    "supplier_detail",
    "supplier_states_at",
    "suppliers_for",
    "visibility_of",
    "with_criteria",
]
