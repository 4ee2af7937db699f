"""The plain data the differentiation rules read, and its canonical, fingerprinted form.

The ORM side loads these from the database; nothing here knows about Django.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

RULE_VERSION = "BW-2017"

PROGRESS_REPORT_2 = 2
"""PR2, "released by Better Work in the 11th month of the service cycle": the only report rated."""


class Rating(StrEnum):
    """A PR2 rating of a social-dialogue or learning item; only On track counts as on track."""

    ON_TRACK = "on_track"
    MODERATE_PROGRESS = "moderate_progress"
    NO_PROGRESS = "no_progress"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


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
class Reference:
    """The catalogue's codes, passed in so that the rules hold no catalogue of their own."""

    hr_elements: tuple[str, ...]
    osh_elements: tuple[str, ...]
    social_dialogue_items: tuple[str, ...]
    learning_items: tuple[str, ...]


@dataclass(frozen=True)
class FactoryFacts:
    assessments: tuple[AssessmentFact, ...]
    progress_reports: tuple[ProgressReportFact, ...]


def assessment_order(assessment: AssessmentFact) -> tuple[date, int, int]:
    return (assessment.visit_date, assessment.cycle, assessment.id)


def progress_report_order(report: ProgressReportFact) -> tuple[date, int, int, int]:
    return (report.release_date, report.cycle, report.number, report.id)


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


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def fingerprint(facts: FactoryFacts, rule_version: str = RULE_VERSION) -> str:
    """sha256 of the canonical inputs and the rule version: equal data, equal fingerprint."""
    payload = canonical_json({"rule_version": rule_version, "facts": facts_to_json(facts)})
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
