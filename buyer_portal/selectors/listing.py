"""The supplier list's page in one SQL statement: the rows of the page, how many rows the
filters keep, and (for the page's country filter) the programmes of all the buyer's suppliers.

The statement reads the summaries (factories.SupplierSummary) of the factories the access
layer grants the user (`access.factory_ids_for`, its SQL embedded as it is), so the scope is
exactly the access layer's. It is written as SQL rather than through the ORM because it runs
on every request of the busiest page and the ORM's compiling of three querysets with nested
subqueries cost more than PostgreSQL's executing them. PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from buyer_portal.selectors.suppliers import SupplierFilters, is_buyer_user
from factories import access, summaries
from factories.models import SupplierSummary
from factories.vocabulary import BuyerStage

HIGH = BuyerStage.HIGH_PERFORMING.value
STAGE_RANK = f"CASE WHEN g.buyer_stage = '{HIGH}' THEN 1 ELSE 0 END"
ORDER_SQL: dict[str, str] = {
    "name": "g.name ASC",
    "-name": "g.name DESC",
    "stage": f"{STAGE_RANK} ASC, g.name ASC",
    "-stage": f"{STAGE_RANK} DESC, g.name ASC",
    "next_assessment_due": "g.next_assessment_due ASC NULLS LAST, g.name ASC",
    "-next_assessment_due": "g.next_assessment_due DESC NULLS LAST, g.name ASC",
    "high_performing_since": "g.high_performing_since ASC NULLS LAST, g.name ASC",
    "-high_performing_since": "g.high_performing_since DESC NULLS LAST, g.name ASC",
}
# What a list row shows: the summary's columns but when it was evaluated.
COLUMNS = tuple(c for c in summaries.COLUMNS if c != "evaluated_at")
NARROW = COLUMNS[:7]
"""The columns the filters and the orderings read."""
ROW, COUNT, COUNTRY = 0, 1, 2


@dataclass
class ListPage:
    rows: list[SupplierSummary]
    count: int
    number: int
    size: int
    countries: list[tuple[str, str]] = field(default_factory=list)

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


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _statement(
    user: Any, filters: SupplierFilters, offset: int, limit: int, countries: bool
) -> tuple[str, list[Any]]:
    scope_sql, scope_params = access.factory_ids_for(user).query.sql_with_params()
    table = connection.ops.quote_name(SupplierSummary._meta.db_table)
    conditions: list[str] = ["1 = 1"]
    params: list[Any] = []
    if filters.country:
        conditions.append("g.programme_code = %s")
        params.append(filters.country.upper())
    if filters.stage:
        conditions.append("g.buyer_stage = %s")
        params.append(filters.stage)
    if filters.search:
        conditions.append("UPPER(g.name) LIKE UPPER(%s) ESCAPE '\\'")
        params.append(_like(filters.search))
    order = ORDER_SQL.get(filters.ordering, ORDER_SQL["name"])
    columns = ", ".join(f"s.{c}" for c in COLUMNS)
    blanks = ", ".join(["NULL"] * (len(COLUMNS) - 4))
    # `granted` holds what filters and sorts (not the results): 500 narrow rows are numbered,
    # and only the page's rows are read whole.
    sql = (
        f"WITH granted AS (SELECT {', '.join(NARROW)} FROM {table} "
        f"WHERE factory_id IN ({scope_sql})), "
        f"chosen AS (SELECT g.factory_id, ROW_NUMBER() OVER (ORDER BY {order}, g.factory_id) "
        f"AS place FROM granted g WHERE {' AND '.join(conditions)}) "
        f"SELECT {ROW} AS kind, c.place, {columns} FROM chosen c "
        f"JOIN {table} s ON s.factory_id = c.factory_id "
        "WHERE c.place > %s AND c.place <= %s "
        f"UNION ALL SELECT {COUNT}, COUNT(*), NULL, NULL, NULL, NULL, {blanks} FROM chosen"
    )
    params += [offset, offset + limit]
    if countries:  # a plain arm (no DISTINCT in it), so that its NULLs take the rows' types
        sql += (
            f" UNION ALL SELECT {COUNTRY}, 0, NULL, NULL, c.programme_code, c.programme_name, "
            f"{blanks} FROM (SELECT DISTINCT programme_code, programme_name FROM granted) c"
        )
    return sql + " ORDER BY 1, 2", [*scope_params, *params]


def _when(value: Any) -> datetime.datetime | None:
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)  # SQLite keeps UTC without a zone
    return value


def _day(value: Any) -> datetime.date | None:
    return parse_date(value) if isinstance(value, str) else value


def _summary(record: tuple[Any, ...]) -> SupplierSummary:
    pk, name, code, programme, stage, since, due, interval, results = record
    return SupplierSummary(
        factory_id=pk,
        name=name,
        programme_code=code,
        programme_name=programme,
        buyer_stage=stage,
        high_performing_since=_when(since),
        next_assessment_due=_day(due),
        assessment_interval_months=interval,
        results=json.loads(results) if isinstance(results, str) else results,
    )


def _read(
    user: Any, filters: SupplierFilters, offset: int, limit: int, countries: bool
) -> tuple[list[SupplierSummary], int, list[tuple[str, str]]]:
    sql, params = _statement(user, filters, offset, limit, countries)
    rows, count, found = [], 0, []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, number, *record in cursor.fetchall():
            if kind == ROW:
                rows.append(_summary(tuple(record)))
            elif kind == COUNT:
                count = int(number)
            else:
                found.append((record[2], record[3]))
    return rows, count, sorted(found, key=lambda c: (c[1], c[0]))


def list_page(
    user: Any, filters: SupplierFilters, page: object, size: int, *, countries: bool = True
) -> ListPage:
    """Page `page` (1-based; past the end: the last page, as `Paginator.get_page` gives it)."""
    try:
        number = max(1, int(str(page)))
    except (TypeError, ValueError):
        number = 1
    return list_slice(user, filters, (number - 1) * size, size, countries=countries, page=number)


def list_slice(
    user: Any,
    filters: SupplierFilters,
    offset: int,
    limit: int,
    *,
    countries: bool = False,
    page: int | None = None,
) -> ListPage:
    """`limit` rows from `offset` (the API's pagination); one statement."""
    if not is_buyer_user(user):
        return ListPage([], 0, 1, limit)
    rows, count, found = _read(user, filters, offset, limit, countries)
    number = page or offset // max(limit, 1) + 1
    if page is not None and not rows and count and offset >= count:
        last = max(1, -(-count // limit))
        rows, count, found = _read(user, filters, (last - 1) * limit, limit, countries)
        number = last
    return ListPage(rows, count, number, limit, found)
