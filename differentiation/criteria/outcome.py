"""What an evaluation concludes: each criterion's result with its reasons and evidence, the
additional questions, and the outcome as stored (JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from differentiation.vocabulary import Group, Result

from .facts import (
    AssessmentFact,
    ProgressReportFact,
)
from .reasons import Reason
from .rules import CURRENT

EVIDENCE_KINDS = ("findings", "elements", "items", "additional_answers")


@dataclass(frozen=True)
class CriterionResult:
    group: Group
    result: Result
    reasons: tuple[Reason, ...]
    # JSON-serialisable, ids and codes only, so a person sees *why* without the database:
    # the window, the failing rows, what is missing, and which records the failures came from.
    evidence: dict[str, Any] = field(hash=False)

    @property
    def failed_assessments(self) -> frozenset[int]:
        return frozenset(self.evidence.get("failed_assessments", ()))

    @property
    def failed_progress_reports(self) -> frozenset[int]:
        return frozenset(self.evidence.get("failed_progress_reports", ()))

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group.value,
            "result": self.result.value,
            "reasons": [r.to_json() for r in self.reasons],
            "evidence": {key: _copy(value) for key, value in self.evidence.items()},
        }


@dataclass(frozen=True)
class AdditionalQuestions:
    """The eligibility check of section 4: the candidate's next assessment carries the
    additional questions, one per social-dialogue and learning item, and each is confirmed."""

    assessment_id: int | None  # the latest assessment, if it carried them
    confirmed: bool
    reasons: tuple[Reason, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "assessment": self.assessment_id,
            "confirmed": self.confirmed,
            "reasons": [r.to_json() for r in self.reasons],
        }


@dataclass(frozen=True)
class Outcome:
    criteria: tuple[CriterionResult, ...]  # always 5, in Group order
    assessment_ids: tuple[int, ...]  # the window, earlier first
    progress_report_id: int | None  # the PR2 of the window
    prequalified: bool  # the candidate gate
    prequalification_reasons: tuple[Reason, ...]
    additional_questions: AdditionalQuestions
    rule_version: str = CURRENT.name

    @property
    def all_met(self) -> bool:
        return bool(self.criteria) and all(c.result is Result.MET for c in self.criteria)

    @property
    def any_not_met(self) -> bool:
        return any(c.result is Result.NOT_MET for c in self.criteria)

    @property
    def window_complete(self) -> bool:
        return len(self.assessment_ids) == 2

    def criterion(self, group: Group) -> CriterionResult:
        return next(c for c in self.criteria if c.group is group)

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_version": self.rule_version,
            "criteria": [c.to_json() for c in self.criteria],
            "assessment_ids": list(self.assessment_ids),
            "progress_report_id": self.progress_report_id,
            "all_met": self.all_met,
            "prequalified": self.prequalified,
            "prequalification_reasons": [r.to_json() for r in self.prequalification_reasons],
            "additional_questions": self.additional_questions.to_json(),
        }


def _copy(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _where(assessment: AssessmentFact) -> dict[str, Any]:
    return {"cycle": assessment.cycle, "date": assessment.visit_date.isoformat()}


def _where_report(report: ProgressReportFact) -> dict[str, Any]:
    return {"report_cycle": report.cycle, "report_date": report.release_date.isoformat()}
