"""Loading what an evaluation reads: the evidence rows and facts of many factories in a fixed
number of queries, and the evidence no decision has seen yet."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.db.models import Max

from assessments.models import (
    AdditionalAnswer,
    Assessment,
    Finding,
    ManagementSystemResult,
    ProgressRating,
    ProgressReport,
)
from differentiation import criteria
from differentiation.models import (
    Decision,
)

log = logging.getLogger(__name__)


# --- loading the facts --------------------------------------------------------------------


def load_evidence(factory_ids: list[int]) -> dict[int, list[criteria.EvidenceRow]]:
    """The finalised evidence of many factories, as `criteria.evidence_rows`, in six queries.

    The rows come unsorted; sort a factory's rows before fingerprinting them. Only what the rules
    may read is read: finalised assessments and PR2s, and of the findings the non-compliant ones
    (a compliant answer can neither fail nor complete a criterion, and an assessment answers the
    whole catalogue, so this reads about 5% of the rows). Rows are read as tuples, not model
    instances: at programme scale (thousands of factories, see `manage.py benchmark`) building
    model objects or facts cost several times the queries themselves.
    """
    rows: dict[int, list[criteria.EvidenceRow]] = {pk: [] for pk in factory_ids}
    finalised = Assessment.objects.finalised().filter(factory_id__in=factory_ids)
    reports = ProgressReport.objects.finalised().filter(
        factory_id__in=factory_ids, number=criteria.PROGRESS_REPORT_2
    )
    owner: dict[int, int] = {}
    for factory_id, pk, cycle, visit_date, additional in finalised.order_by().values_list(
        "factory_id", "id", "cycle", "visit_date", "includes_additional_questions"
    ):
        owner[pk] = factory_id
        rows[factory_id].append((criteria.ASSESSMENT_ROW, pk, pk, cycle, visit_date, additional))
    report_owner: dict[int, int] = {}
    for factory_id, pk, cycle, number, release_date in reports.order_by().values_list(
        "factory_id", "id", "cycle", "number", "release_date"
    ):
        report_owner[pk] = factory_id
        rows[factory_id].append((criteria.REPORT_ROW, pk, pk, cycle, number, release_date))
    children: list[tuple[str, dict[int, int], Iterable[tuple[Any, ...]]]] = []
    if owner:
        # The children join to a subquery rather than carry long lists of ids. No ordering:
        # the rows are sorted per factory.
        in_finalised = finalised.values("id")
        children += [
            (
                criteria.FINDING_ROW,
                owner,
                Finding.objects.filter(assessment__in=in_finalised, non_compliant=True)
                .order_by()
                .values_list(
                    "assessment_id",
                    "id",
                    "question__code",
                    "question__publicly_reported",
                    "question__zero_tolerance",
                    "non_compliant",
                    "remediated",
                ),
            ),
            (
                criteria.ELEMENT_ROW,
                owner,
                ManagementSystemResult.objects.filter(assessment__in=in_finalised)
                .order_by()
                .values_list(
                    "assessment_id", "id", "element__code", "element__system", "satisfied"
                ),
            ),
            (
                criteria.ANSWER_ROW,
                owner,
                AdditionalAnswer.objects.filter(assessment__in=in_finalised)
                .order_by()
                .values_list("assessment_id", "id", "item__code", "met"),
            ),
        ]
    if report_owner:
        children.append(
            (
                criteria.RATING_ROW,
                report_owner,
                ProgressRating.objects.filter(report__in=reports.values("id"))
                .order_by()
                .values_list("report_id", "id", "item__code", "rating"),
            )
        )
    for kind, parents, records in children:
        tag = (kind,)
        for record in records:
            owner_id = parents.get(record[0])
            # None: its assessment or report was finalised after they were read (each statement
            # sees the latest commits); that finalisation queues its own evaluation.
            if owner_id is not None:
                rows[owner_id].append(tag + record)
    return rows


def load_facts(factory_ids: list[int]) -> dict[int, criteria.FactoryFacts]:
    """The facts of many factories in a fixed number of queries (see `load_evidence`)."""
    return {pk: criteria.facts_from_rows(rows) for pk, rows in load_evidence(factory_ids).items()}


def last_decisions(factory_ids: list[int]) -> dict[int, datetime.datetime]:
    """When a programme manager last decided on each factory (factories never decided on are
    left out). One query."""
    rows = (
        Decision.objects.filter(request__factory_id__in=factory_ids)
        .order_by()
        .values_list("request__factory_id")
        .annotate(at=Max("decided_at"))
    )
    return dict(rows)


def load_new_evidence(factory_ids: list[int]) -> dict[int, criteria.NewEvidence | None]:
    """Per factory, the finalised assessments and PR2s no decision has seen yet: finalised after
    its last decision. None for a factory never decided on (everything is new). Three queries."""
    decided = last_decisions(factory_ids)
    new: dict[int, criteria.NewEvidence | None] = {pk: None for pk in factory_ids}
    if not decided:
        return new
    assessments: dict[int, set[int]] = {pk: set() for pk in decided}
    reports: dict[int, set[int]] = {pk: set() for pk in decided}
    records = (
        (Assessment.objects.finalised(), assessments),
        (ProgressReport.objects.finalised().filter(number=criteria.PROGRESS_REPORT_2), reports),
    )
    for queryset, found in records:
        rows = queryset.filter(factory_id__in=list(decided)).order_by()
        for factory_id, pk, finalised_at in rows.values_list("factory_id", "id", "finalised_at"):
            if finalised_at is not None and finalised_at > decided[factory_id]:
                found[factory_id].add(pk)
    for pk in decided:
        new[pk] = criteria.NewEvidence(frozenset(assessments[pk]), frozenset(reports[pk]))
    return new
