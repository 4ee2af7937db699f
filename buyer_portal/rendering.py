"""The supplier list's table rows and filter selects, written as HTML in Python.

A page of 25 suppliers is 25 rows of 11 cells: through the template engine (a node, a variable
lookup and an escape per cell) that was most of the page's time, more than its queries. Here
every value is escaped with `escape` (names, codes: anything stored) and the cells that only
depend on a criterion and its result (or on the stage) are made once per process and language. The markup is the one the
template wrote; the page around it is still a template.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import cache

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, gettext_noop

from differentiation.vocabulary import Group, Result
from factories.models import SupplierSummary
from factories.vocabulary import BuyerStage

GROUPS = tuple(group.value for group in Group)
UNKNOWN = Result.UNKNOWN.value
NONE = "—"


DAY_FORMAT = "DATE_FORMAT"
"""How a day is written in the rows: the reader's language's date format."""


def _label(term: type[Group] | type[Result] | type[BuyerStage], value: str) -> str:
    """A vocabulary label in the active language; an unknown value reads as itself."""
    try:
        return gettext(term(value).label)
    except ValueError:
        return value


@cache
def _criterion_cell(group: str, result: str, language: str | None) -> str:
    """Cached per language: labels are translated when the cell is first made."""
    return (
        f'<td class="criterion result-{escape(result)}" title="{escape(_label(Group, group))}" '
        f'data-label="{escape(_label(Group, group))}">'
        f"{escape(_label(Result, result))}</td>"
    )


@cache
def _stage_span(stage: str, language: str | None) -> str:
    label = _label(BuyerStage, stage)
    return f'<span class="stage stage-{escape(stage)}">{escape(label)}</span>'


@cache
def _column_labels(language: str | None) -> dict[str, str]:
    """A column's name, which a row on a phone shows beside each cell (data-label)."""
    return {
        key: escape(gettext(text))
        for key, text in (
            ("programme", gettext_noop("Programme")),
            ("stage", gettext_noop("Stage")),
            ("since", gettext_noop("High-performing since")),
            ("due", gettext_noop("Next assessment due")),
            ("interval", gettext_noop("Interval")),
        )
    }


def _day(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return NONE
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return formats.date_format(value, DAY_FORMAT)


def supplier_rows(summaries: Iterable[SupplierSummary]) -> SafeString:
    """The <tr> of each supplier: name (linked), programme, stage, since, the five criteria,
    next assessment due and interval."""
    link = reverse("buyer_portal:supplier", kwargs={"factory_id": 0})[:-2]
    language = get_language()
    rows = []
    for s in summaries:
        results = s.results or {}
        criteria = "".join(
            _criterion_cell(g, str(results.get(g, UNKNOWN)), language) for g in GROUPS
        )
        interval = gettext("%(months)s months") % {"months": s.assessment_interval_months}
        label = _column_labels(language)
        rows.append(
            f'<tr><td><a href="{link}{s.factory_id}/">{escape(s.name)}</a></td>'
            f'<td data-label="{label["programme"]}">{escape(s.programme_code)}</td>'
            f'<td data-label="{label["stage"]}">{_stage_span(s.buyer_stage, language)}</td>'
            f'<td data-label="{label["since"]}">{_day(s.high_performing_since)}</td>{criteria}'
            f'<td data-label="{label["due"]}">{_day(s.next_assessment_due)}</td>'
            f'<td data-label="{label["interval"]}">{escape(interval)}</td></tr>'
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
