"""The supplier list's read model (`models.SupplierSummary`): written with the data, not
computed on read.

`refresh_summary(factory_ids)` rewrites the summaries of these factories from their rows and
their latest evaluation, in one upsert statement a thousand factories, and bumps each row's
`version`. It is called in the transaction of every write that changes what the list shows:
a factory saved (any field, by a service or the admin: the receivers below), a programme
renamed, an evaluation written or a stage changed (differentiation calls it). Evaluations belong
to a layer above this one: differentiation registers, when the apps are ready, the function
that reads the latest results (`results_from`); batches that already hold the results pass them.

Writers lock nothing but their own factories' summary rows, so writers of other factories never
wait on one another here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, cast

from django.db import connection
from django.db.models import Field
from django.db.models.signals import post_save

from factories.models import Factory, Programme, SupplierSummary
from factories.vocabulary import BuyerStage

Results = tuple[dict[str, str] | None, datetime.datetime | None]
"""A factory's latest evaluation: its result by criterion group, and when it was made."""

ResultsSource = Callable[[list[int]], Mapping[int, Results]]

CHUNK = 1000

_source: list[ResultsSource] = []

COLUMNS = (
    "factory_id",
    "name",
    "programme_code",
    "programme_name",
    "buyer_stage",
    "high_performing_since",
    "next_assessment_due",
    "assessment_interval_months",
    "results",
    "evaluated_at",
)


def results_from(source: ResultsSource) -> None:
    """Where the latest results come from (differentiation, at start-up). One source."""
    _source[:] = [source]


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh_summary(
    factory_ids: Iterable[int], *, results: Mapping[int, Results] | None = None
) -> int:
    """Rewrite the summaries of `factory_ids` (their latest results read unless given).

    Returns the number of rows written. Call it inside the writing transaction.
    """
    ids = sorted(set(factory_ids))
    written = 0
    for chunk in _chunks(ids):
        found = results if results is not None else (_source[0](chunk) if _source else {})
        factories = (
            Factory.objects.filter(pk__in=chunk)
            .order_by("pk")
            .values_list(
                "pk",
                "name",
                "programme__code",
                "programme__name",
                "stage",
                "high_performing_since",
                "next_assessment_due",
                "assessment_interval_months",
            )
        )
        rows = [
            (
                pk,
                name,
                code,
                programme,
                BuyerStage.of(stage).value,
                since,
                due,
                interval,
                *found.get(pk, (None, None)),
            )
            for pk, name, code, programme, stage, since, due, interval in factories
        ]
        _upsert(rows)
        written += len(rows)
    return written


def _upsert(rows: list[tuple[Any, ...]]) -> None:
    """One INSERT ... ON CONFLICT statement (PostgreSQL and SQLite alike); version + 1."""
    if not rows:
        return
    table = connection.ops.quote_name(SupplierSummary._meta.db_table)
    fields = [cast(Field, SupplierSummary._meta.get_field(c)) for c in COLUMNS]
    params: list[Any] = []
    for row in rows:
        params += [
            None if v is None else f.get_db_prep_value(v, connection, prepared=False)
            for f, v in zip(fields, row, strict=True)
        ]
    placeholder = "(" + ", ".join(["%s"] * len(COLUMNS)) + ", 1)"
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:])
    sql = (
        f"INSERT INTO {table} ({', '.join(COLUMNS)}, version) VALUES "
        + ", ".join([placeholder] * len(rows))
        + f" ON CONFLICT (factory_id) DO UPDATE SET {updates}, version = {table}.version + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- every save of a factory or programme refreshes its summaries -----------------------------


def _factory_saved(sender: type[Any], instance: Factory, raw: bool = False, **_: Any) -> None:
    if not raw:
        refresh_summary([instance.pk])


def _programme_saved(sender: type[Any], instance: Programme, raw: bool = False, **_: Any) -> None:
    if not raw:
        refresh_summary(Factory.objects.filter(programme=instance).values_list("pk", flat=True))


def connect() -> None:
    post_save.connect(_factory_saved, sender=Factory, dispatch_uid="factories.summary_factory")
    post_save.connect(
        _programme_saved, sender=Programme, dispatch_uid="factories.summary_programme"
    )
