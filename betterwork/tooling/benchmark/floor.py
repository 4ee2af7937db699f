"""Evaluating every factory against its floor: one SQL query reading the same rows."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from assessments.models import (
    AdditionalAnswer,
    Assessment,
    Finding,
    ManagementSystemElement,
    ManagementSystemResult,
    ProgressItem,
    ProgressRating,
    ProgressReport,
    Question,
)
from differentiation.models import Evaluation


@contextmanager
def counting_queries() -> Iterator[list[int]]:
    """Count the queries run inside the block (cheaper than keeping their SQL)."""
    counter = [0]

    def wrapper(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counter


def floor_sql() -> str:
    """One query reading the rows `load_facts` reads: finalised assessments and their
    non-compliant findings, results and answers; finalised reports and their ratings."""
    t = {
        m.__name__: m._meta.db_table
        for m in (
            Assessment,
            Finding,
            Question,
            ManagementSystemResult,
            ManagementSystemElement,
            AdditionalAnswer,
            ProgressItem,
            ProgressReport,
            ProgressRating,
        )
    }
    finalised = "status = 'finalised' AND factory_id = ANY(%(ids)s)"
    return f"""
    WITH a AS (SELECT id, factory_id, cycle, visit_date, includes_additional_questions
               FROM {t["Assessment"]} WHERE {finalised}),
         p AS (SELECT id, factory_id, cycle, number, release_date
               FROM {t["ProgressReport"]} WHERE {finalised})
    SELECT a.factory_id, a.id, 'assessment', a.cycle::text, a.visit_date,
           a.includes_additional_questions, false FROM a
    UNION ALL
    SELECT a.factory_id, f.id, q.code, f.assessment_id::text, NULL, q.publicly_reported,
           q.zero_tolerance AND NOT f.remediated
      FROM {t["Finding"]} f JOIN a ON a.id = f.assessment_id
      JOIN {t["Question"]} q ON q.id = f.question_id WHERE f.non_compliant
    UNION ALL
    SELECT a.factory_id, r.id, e.code, e.system, NULL, r.satisfied, false
      FROM {t["ManagementSystemResult"]} r JOIN a ON a.id = r.assessment_id
      JOIN {t["ManagementSystemElement"]} e ON e.id = r.element_id
    UNION ALL
    SELECT a.factory_id, x.id, i.code, x.assessment_id::text, NULL, x.met, false
      FROM {t["AdditionalAnswer"]} x JOIN a ON a.id = x.assessment_id
      JOIN {t["ProgressItem"]} i ON i.id = x.item_id
    UNION ALL
    SELECT p.factory_id, p.id, 'report', p.number::text, p.release_date, false, false FROM p
    UNION ALL
    SELECT p.factory_id, g.id, i.code, g.rating, NULL, false, false
      FROM {t["ProgressRating"]} g JOIN p ON p.id = g.report_id
      JOIN {t["ProgressItem"]} i ON i.id = g.item_id
    """


def evaluate_floor(factory_ids: list[int]) -> tuple[float, int]:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(floor_sql(), {"ids": factory_ids})
        rows = cursor.fetchall()
    return time.perf_counter() - started, len(rows)


def insert_floor(factory_ids: list[int]) -> tuple[float, int]:
    """One INSERT statement of as many evaluation rows, with the same contents, as there are
    evaluations of these factories (read beforehand, not timed); rolled back."""
    fields = [f.attname for f in Evaluation._meta.concrete_fields if f.attname != "id"]
    copies = [
        Evaluation(**row)
        for row in Evaluation.objects.filter(factory_id__in=factory_ids).values(*fields)
    ]
    with transaction.atomic():
        started = time.perf_counter()
        Evaluation.objects.bulk_create(copies)  # PostgreSQL: one statement, however many rows
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed, len(copies)
