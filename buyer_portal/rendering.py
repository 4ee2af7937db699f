"""The supplier list's table rows and filter selects, written as HTML in Python.

A page of 25 suppliers is 25 rows of 11 cells: through the template engine (a node, a variable
lookup and an escape per cell) that was most of the page's time, more than its queries. Here
every value is escaped with `escape` (names, codes: anything stored) and the cells that only
depend on a criterion and its result are made once per process. The markup is the one the
template wrote; the page around it is still a template.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import cache

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from differentiation import display
from differentiation.vocabulary import Group, Result
from factories.models import SupplierSummary
from factories.vocabulary import BuyerStage

GROUPS = tuple(group.value for group in Group)
UNKNOWN = Result.UNKNOWN.value
NONE = "—"


@cache
def _criterion_cell(group: str, result: str) -> str:
    label = display.group_label(group)
    return (
        f'<td class="criterion result-{escape(result)}" title="{escape(label)}">'
        f"{escape(display.result_label(result))}</td>"
    )


@cache
def _stage_span(stage: str) -> str:
    return f'<span class="stage stage-{escape(stage)}">{escape(BuyerStage(stage).label)}</span>'


def _day(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return NONE
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def supplier_rows(summaries: Iterable[SupplierSummary]) -> SafeString:
    """The <tr> of each supplier: name (linked), programme, stage, since, the five criteria,
    next assessment due and interval."""
    link = reverse("buyer_portal:supplier", kwargs={"factory_id": 0})[:-2]
    months = escape(gettext("months"))
    rows = []
    for s in summaries:
        results = s.results or {}
        criteria = "".join(_criterion_cell(g, str(results.get(g, UNKNOWN))) for g in GROUPS)
        rows.append(
            f'<tr><td><a href="{link}{s.factory_id}/">{escape(s.name)}</a></td>'
            f"<td>{escape(s.programme_code)}</td><td>{_stage_span(s.buyer_stage)}</td>"
            f"<td>{_day(s.high_performing_since)}</td>{criteria}"
            f"<td>{_day(s.next_assessment_due)}</td>"
            f"<td>{s.assessment_interval_months} {months}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # every stored value above is escaped


def select(name: str, choices: Iterable[tuple[str, str]], value: object) -> SafeString:
    """A <select> as Django's Select widget writes it (id "id_<name>"), `value` selected."""
    chosen = "" if value is None else str(value)
    options = "".join(
        f'<option value="{escape(v)}"{" selected" if str(v) == chosen else ""}>{escape(label)}'
        "</option>"
        for v, label in choices
    )
    return mark_safe(f'<select name="{name}" id="id_{name}">{options}</select>')  # escaped above
