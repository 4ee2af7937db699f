"""The plain data the differentiation rules read, and its canonical, fingerprinted form.

The ORM side loads these from the database; nothing here knows about Django.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from assessments.vocabulary import Rating

from .rules import RULE_VERSION

PROGRESS_REPORT_2 = 2
"""PR2, "released by Better Work in the 11th month of the service cycle": the only report rated."""


def rating_label(rating: str) -> str:
    """How a rating reads in a reason, tolerating a value outside the three known ones."""
    try:
        return Rating(rating).label
    except ValueError:
        return repr(rating)


@dataclass(frozen=True)
class FindingFact:
    """A finding on one catalogue question in an assessment."""

    id: int
    question: str
    publicly_reported: bool
    zero_tolerance: bool
    non_compliant: bool
    remediated: bool


@dataclass(frozen=True)
class ElementFact:
    """Whether one HR or OSH management-system element was satisfied in an assessment."""

    id: int
    element: str
    system: str  # "HR" | "OSH"
    satisfied: bool


@dataclass(frozen=True)
class AdditionalAnswerFact:
    """The answer to the additional question verifying one social-dialogue or learning item."""

    id: int
    item: str
    met: bool


@dataclass(frozen=True)
class AssessmentFact:
    id: int
    cycle: int
    visit_date: date
    finalised: bool
    includes_additional_questions: bool
    findings: tuple[FindingFact, ...]
    elements: tuple[ElementFact, ...]
    additional_answers: tuple[AdditionalAnswerFact, ...]


@dataclass(frozen=True)
class RatingFact:
    id: int
    item: str
    rating: str


@dataclass(frozen=True)
class ProgressReportFact:
    id: int
    cycle: int
    number: int
    release_date: date
    finalised: bool
    ratings: tuple[RatingFact, ...]


@dataclass(frozen=True)
class FactoryFacts:
    assessments: tuple[AssessmentFact, ...]
    progress_reports: tuple[ProgressReportFact, ...]


def assessment_order(assessment: AssessmentFact) -> tuple[int, date, int]:
    """Cycles order assessments ("each cycle has one compliance assessment"); dates break ties."""
    return (assessment.cycle, assessment.visit_date, assessment.id)


def progress_report_order(report: ProgressReportFact) -> tuple[int, date, int, int]:
    return (report.cycle, report.release_date, report.number, report.id)


def finalised_assessments(facts: FactoryFacts) -> tuple[AssessmentFact, ...]:
    """Finalised assessments, oldest first; drafts are never evidence."""
    return tuple(sorted((a for a in facts.assessments if a.finalised), key=assessment_order))


def finalised_progress_reports_2(facts: FactoryFacts) -> tuple[ProgressReportFact, ...]:
    """Finalised PR2s, oldest first; drafts and PR1s are never evidence."""
    reports = (r for r in facts.progress_reports if r.finalised and r.number == PROGRESS_REPORT_2)
    return tuple(sorted(reports, key=progress_report_order))


def _assessment_to_json(assessment: AssessmentFact) -> dict[str, Any]:
    return {
        "id": assessment.id,
        "cycle": assessment.cycle,
        "visit_date": assessment.visit_date.isoformat(),
        "includes_additional_questions": assessment.includes_additional_questions,
        "findings": [
            {
                "id": f.id,
                "question": f.question,
                "publicly_reported": f.publicly_reported,
                "zero_tolerance": f.zero_tolerance,
                "non_compliant": f.non_compliant,
                "remediated": f.remediated,
            }
            for f in sorted(assessment.findings, key=lambda f: (f.id, f.question))
        ],
        "elements": [
            {"id": e.id, "element": e.element, "system": e.system, "satisfied": e.satisfied}
            for e in sorted(assessment.elements, key=lambda e: (e.id, e.system, e.element))
        ],
        "additional_answers": [
            {"id": a.id, "item": a.item, "met": a.met}
            for a in sorted(assessment.additional_answers, key=lambda a: (a.id, a.item))
        ],
    }


def _progress_report_to_json(report: ProgressReportFact) -> dict[str, Any]:
    return {
        "id": report.id,
        "cycle": report.cycle,
        "number": report.number,
        "release_date": report.release_date.isoformat(),
        "ratings": [
            {"id": r.id, "item": r.item, "rating": r.rating}
            for r in sorted(report.ratings, key=lambda r: (r.id, r.item))
        ],
    }


def facts_to_json(facts: FactoryFacts) -> dict[str, Any]:
    """The inputs as stored with an evaluation: only what the rules may read.

    Drafts and PR1s are left out, so editing a draft or finalising a PR1 leaves the
    fingerprint (and so the stored evaluation) unchanged. Everything is sorted and dates are ISO.
    """
    return {
        "assessments": [_assessment_to_json(a) for a in finalised_assessments(facts)],
        "progress_reports": [
            _progress_report_to_json(r) for r in finalised_progress_reports_2(facts)
        ],
    }


# --- the canonical form: the evidence as sorted rows ---------------------------------------

EvidenceRow = tuple[Any, ...]
"""One record of finalised evidence: (kind, parent id, own id, values...).

A finding, element, additional answer or rating has its assessment's or report's id as parent;
an assessment or report is its own parent. Values are ints, strings, booleans and dates, so the
rows sort and print (`repr`) the same in every process.
"""

ASSESSMENT_ROW = "a"
ELEMENT_ROW = "e"
FINDING_ROW = "f"
REPORT_ROW = "p"
RATING_ROW = "r"
ANSWER_ROW = "x"


def evidence_rows(facts: FactoryFacts) -> list[EvidenceRow]:
    """What the rules may read, as sorted rows: the form that is fingerprinted.

    Like `facts_to_json`, drafts and PR1s are left out. The loader reads these very rows from the
    database (`differentiation.evaluation.loading.load_evidence`), so a batch tells an unchanged factory by
    its fingerprint without building its facts; `facts_from_rows` builds them when needed.
    """
    rows: list[EvidenceRow] = []
    for a in finalised_assessments(facts):
        rows.append(
            (ASSESSMENT_ROW, a.id, a.id, a.cycle, a.visit_date, a.includes_additional_questions)
        )
        rows.extend(
            (
                FINDING_ROW,
                a.id,
                f.id,
                f.question,
                f.publicly_reported,
                f.zero_tolerance,
                f.non_compliant,
                f.remediated,
            )
            for f in a.findings
        )
        rows.extend((ELEMENT_ROW, a.id, e.id, e.element, e.system, e.satisfied) for e in a.elements)
        rows.extend((ANSWER_ROW, a.id, x.id, x.item, x.met) for x in a.additional_answers)
    for r in finalised_progress_reports_2(facts):
        rows.append((REPORT_ROW, r.id, r.id, r.cycle, r.number, r.release_date))
        rows.extend((RATING_ROW, r.id, g.id, g.item, g.rating) for g in r.ratings)
    rows.sort()
    return rows


def facts_from_rows(rows: list[EvidenceRow]) -> FactoryFacts:
    """The facts of `evidence_rows` (in any order): finalised assessments and PR2s."""
    children: dict[tuple[str, int], list[EvidenceRow]] = {}
    parents: list[EvidenceRow] = []
    for row in rows:
        if row[0] in (ASSESSMENT_ROW, REPORT_ROW):
            parents.append(row)
        else:
            children.setdefault((row[0], row[1]), []).append(row)

    def of(kind: str, parent: int) -> list[EvidenceRow]:
        return children.get((kind, parent), [])

    assessments = tuple(
        AssessmentFact(
            id=pk,
            cycle=cycle,
            visit_date=visit_date,
            finalised=True,
            includes_additional_questions=additional,
            findings=tuple(
                FindingFact(
                    id=f[2],
                    question=f[3],
                    publicly_reported=f[4],
                    zero_tolerance=f[5],
                    non_compliant=f[6],
                    remediated=f[7],
                )
                for f in of(FINDING_ROW, pk)
            ),
            elements=tuple(
                ElementFact(id=e[2], element=e[3], system=e[4], satisfied=e[5])
                for e in of(ELEMENT_ROW, pk)
            ),
            additional_answers=tuple(
                AdditionalAnswerFact(id=x[2], item=x[3], met=x[4]) for x in of(ANSWER_ROW, pk)
            ),
        )
        for kind, pk, _, cycle, visit_date, additional in parents
        if kind == ASSESSMENT_ROW
    )
    reports = tuple(
        ProgressReportFact(
            id=pk,
            cycle=cycle,
            number=number,
            release_date=release_date,
            finalised=True,
            ratings=tuple(RatingFact(id=g[2], item=g[3], rating=g[4]) for g in of(RATING_ROW, pk)),
        )
        for kind, pk, _, cycle, number, release_date in parents
        if kind == REPORT_ROW
    )
    return FactoryFacts(assessments=assessments, progress_reports=reports)


def rows_fingerprint(rows: list[EvidenceRow], rule_version: str = RULE_VERSION) -> str:
    """sha256 of the sorted rows and the rule version; `rows` must already be sorted."""
    payload = repr((rule_version, rows))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def fingerprint(facts: FactoryFacts, rule_version: str = RULE_VERSION) -> str:
    """sha256 of the canonical inputs and the rule version: equal data, equal fingerprint."""
    return rows_fingerprint(evidence_rows(facts), rule_version)
