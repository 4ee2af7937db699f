"""Reads about how assessments were answered, for the review, record and evidence pages.

A fixed number of queries whatever the number of assessments or answers.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from assessments.models import BulkAnswer, Finding, Question
from assessments.sheets import Sheet


@dataclass(frozen=True)
class BulkAct:
    """One "every question not yet answered is compliant" act."""

    scope: str  # the cluster's name, or "" for the whole assessment
    actor: str
    at: datetime.datetime
    count: int


@dataclass
class AnswerSummary:
    """How an assessment's questions were answered. The four counts add up to `total`."""

    total: int
    one_by_one: int = 0  # compliant or non-compliant, given question by question
    in_bulk: int = 0  # still as the bulk act set them (compliant)
    not_applicable: int = 0
    non_compliant: int = 0
    acts: list[BulkAct] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return self.one_by_one + self.in_bulk + self.not_applicable

    @property
    def unanswered(self) -> int:
        return self.total - self.answered


def answer_summaries(assessment_ids: Iterable[int]) -> dict[int, AnswerSummary]:
    """The answer summary of each assessment, in three queries."""
    ids = list(assessment_ids)
    if not ids:
        return {}
    total = Question.objects.count()
    summaries = {pk: AnswerSummary(total=total) for pk in ids}
    counts = (
        Finding.objects.filter(assessment_id__in=ids)
        .order_by()
        .values("assessment_id")
        .annotate(
            answers=Count("id"),
            in_bulk=Count("id", filter=Q(bulk__isnull=False)),
            not_applicable=Count("id", filter=Q(not_applicable=True)),
            non_compliant=Count("id", filter=Q(non_compliant=True)),
        )
    )
    for row in counts:
        summary = summaries[row["assessment_id"]]
        summary.in_bulk = row["in_bulk"]
        summary.not_applicable = row["not_applicable"]
        summary.non_compliant = row["non_compliant"]
        summary.one_by_one = row["answers"] - row["in_bulk"] - row["not_applicable"]
    for pk, acts in bulk_acts(ids).items():
        summaries[pk].acts = acts
    return summaries


def bulk_acts(assessment_ids: Iterable[int]) -> dict[int, list[BulkAct]]:
    """Each assessment's bulk acts, oldest first, in one query."""
    acts: dict[int, list[BulkAct]] = {pk: [] for pk in assessment_ids}
    rows = (
        BulkAnswer.objects.filter(assessment_id__in=list(acts))
        .select_related("actor", "cluster")
        .order_by("at", "id")
    )
    for act in rows:
        acts[act.assessment_id].append(
            BulkAct(
                scope=act.cluster.display_name if act.cluster is not None else "",
                actor=act.actor.get_full_name() or act.actor.username,
                at=act.at,
                count=act.count,
            )
        )
    return acts


def summary_of_sheet(sheet: Sheet, acts: list[BulkAct]) -> AnswerSummary:
    """The same summary from a sheet the page has built anyway (no query of its own)."""
    return AnswerSummary(
        total=sheet.total,
        one_by_one=sheet.one_by_one,
        in_bulk=sheet.in_bulk,
        not_applicable=sheet.not_applicable,
        non_compliant=sheet.non_compliant,
        acts=acts,
    )
