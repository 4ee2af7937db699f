"""What the entry and review pages show: the catalogue with the answers, in a fixed few queries.

The whole catalogue (about 250 questions) and every answer are loaded at once and joined in
Python, so the query count does not grow with the number of findings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from assessments.models import (
    Assessment,
    Cluster,
    CompliancePoint,
    ManagementSystemElement,
    ProgressItem,
    ProgressReport,
    Question,
)
from assessments.vocabulary import Answer


@dataclass
class QuestionRow:
    question: Question
    answer: str = ""  # "" (unanswered), "compliant", "non_compliant" or "not_applicable"
    remediated: bool = False
    note: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    in_bulk: bool = False  # set by the act "every question not yet answered is compliant"
    remediated_on: datetime.date | None = None
    remediation_note: str = ""
    remediation_form: Any = None  # on a finalised record, for a zero-tolerance non-compliance

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def non_compliant(self) -> bool:
        return self.answer == Answer.NON_COMPLIANT


@dataclass
class PointBlock:
    point: CompliancePoint
    rows: list[QuestionRow]


@dataclass
class ClusterBlock:
    cluster: Cluster
    points: list[PointBlock] = field(default_factory=list)
    total: int = 0
    answered: int = 0
    non_compliant: int = 0
    not_applicable: int = 0
    has_errors: bool = False

    @property
    def visible(self) -> int:
        return sum(len(p.rows) for p in self.points)

    @property
    def unanswered(self) -> int:
        return self.total - self.answered


@dataclass
class ChoiceRow:
    """A management-system element, an additional question or a progress-report item."""

    code: str
    text: str
    group: str
    value: str = ""  # "yes"/"no" for elements and answers, a rating for reports
    errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Sheet:
    clusters: list[ClusterBlock]
    elements: list[ChoiceRow]
    additional: list[ChoiceRow]
    total: int
    answered: int
    non_compliant: int
    zero_tolerance: list[QuestionRow]
    findings: list[QuestionRow]
    not_applicable: int = 0
    in_bulk: int = 0

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def one_by_one(self) -> int:
        """Compliant or non-compliant answers given one by one (not applicable apart)."""
        return self.answered - self.in_bulk - self.not_applicable

    @property
    def elements_filled(self) -> int:
        return sum(1 for e in self.elements if e.value)

    @property
    def additional_filled(self) -> int:
        return sum(1 for a in self.additional if a.value)

    def cluster(self, code: str) -> ClusterBlock | None:
        return next((c for c in self.clusters if c.cluster.code == code), None)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def build_sheet(
    assessment: Assessment,
    *,
    only_non_compliant: bool = False,
    only_unanswered: bool = False,
    publicly_reported: bool = False,
    submitted: dict[str, dict[str, Any]] | None = None,
    errors: dict[str, dict[str, list[str]]] | None = None,
) -> Sheet:
    """The catalogue with this assessment's answers; `submitted` overrides them (kept input)."""
    submitted = submitted or {}
    errors = errors or {}
    findings = {f.question_id: f for f in assessment.findings.all()}
    clusters: dict[int, ClusterBlock] = {}
    points: dict[int, PointBlock] = {}
    all_rows: list[QuestionRow] = []
    for question in Question.objects.with_catalogue().order_by(
        "compliance_point__cluster__order", "compliance_point__order", "order", "code"
    ):
        finding = findings.get(question.pk)
        row = QuestionRow(question)
        if finding is not None:
            row.answer = finding.answer
            row.remediated, row.note = finding.remediated, finding.note
            row.in_bulk = finding.bulk_id is not None
            row.remediated_on = finding.remediated_on
            row.remediation_note = finding.remediation_note
        if question.code in submitted:
            row.answer = submitted[question.code]["answer"]
            row.remediated = submitted[question.code]["remediated"]
            row.note = submitted[question.code]["note"]
        row.errors = errors.get(question.code, {})
        all_rows.append(row)
        point = question.compliance_point
        block = clusters.get(point.cluster_id)
        if block is None:
            block = clusters[point.cluster_id] = ClusterBlock(point.cluster)
        block.total += 1
        block.answered += bool(row.answer)
        block.non_compliant += row.non_compliant
        block.not_applicable += row.answer == Answer.NOT_APPLICABLE
        block.has_errors = block.has_errors or bool(row.errors)
        if only_non_compliant and not row.non_compliant:
            continue
        if only_unanswered and row.answer:
            continue
        if publicly_reported and not question.publicly_reported:
            continue
        if point.pk not in points:
            points[point.pk] = PointBlock(point, [])
            block.points.append(points[point.pk])
        points[point.pk].rows.append(row)

    given = dict(assessment.management_systems.values_list("element_id", "satisfied"))
    elements = [
        ChoiceRow(
            e.code,
            e.display_text,
            e.get_system_display(),
            submitted.get(e.code, {}).get("value", _yes_no(given.get(e.pk))),
            errors.get(e.code, {}),
        )
        for e in ManagementSystemElement.objects.all()
    ]
    additional: list[ChoiceRow] = []
    if assessment.includes_additional_questions:
        answered = dict(assessment.additional_answers.values_list("item_id", "met"))
        additional = [
            ChoiceRow(
                i.code,
                i.display_text,
                i.get_group_display(),
                submitted.get(i.code, {}).get("value", _yes_no(answered.get(i.pk))),
                errors.get(i.code, {}),
            )
            for i in ProgressItem.objects.all()
        ]
    non_compliances = [r for r in all_rows if r.non_compliant]
    return Sheet(
        clusters=list(clusters.values()),
        elements=elements,
        additional=additional,
        total=len(all_rows),
        answered=sum(1 for r in all_rows if r.answer),
        non_compliant=len(non_compliances),
        zero_tolerance=[r for r in non_compliances if r.question.zero_tolerance],
        findings=non_compliances,
        not_applicable=sum(1 for r in all_rows if r.answer == Answer.NOT_APPLICABLE),
        in_bulk=sum(1 for r in all_rows if r.in_bulk and r.answer),
    )


def build_report_sheet(
    report: ProgressReport,
    *,
    submitted: dict[str, str] | None = None,
    errors: dict[str, dict[str, list[str]]] | None = None,
) -> list[ChoiceRow]:
    submitted = submitted or {}
    errors = errors or {}
    rated = dict(report.ratings.values_list("item_id", "rating"))
    return [
        ChoiceRow(
            i.code,
            i.display_text,
            i.get_group_display(),
            submitted.get(i.code, rated.get(i.pk, "")),
            errors.get(i.code, {}),
        )
        for i in ProgressItem.objects.all()
    ]
