"""The five criteria of the guideline's annex, evaluated over a window of evidence.

"Data from 2 consecutive assessments as well as the advisory process is used to help decide
whether factories should be considered as high-performing factories."
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from .facts import (
    RULE_VERSION,
    AssessmentFact,
    FactoryFacts,
    ProgressReportFact,
    Rating,
    Reference,
    finalised_assessments,
    finalised_progress_reports_2,
    rating_label,
)

HR_SYSTEM = "HR"
OSH_SYSTEM = "OSH"


class Result(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class Group(StrEnum):
    COMPLIANCE = "compliance"
    HR = "hr_management_systems"
    OSH = "osh_management_systems"
    SOCIAL_DIALOGUE = "social_dialogue"
    LEARNING = "learning"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    Group.COMPLIANCE: "Compliance",
    Group.HR: "HR management systems",
    Group.OSH: "OSH management systems",
    Group.SOCIAL_DIALOGUE: "Social dialogue",
    Group.LEARNING: "Learning",
}


@dataclass(frozen=True)
class CriterionResult:
    group: Group
    result: Result
    reasons: tuple[str, ...]
    # JSON-serialisable, ids and codes only, so a person sees *why* without the database.
    evidence: dict[str, Any] = field(hash=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group.value,
            "result": self.result.value,
            "reasons": list(self.reasons),
            "evidence": {key: _copy(value) for key, value in self.evidence.items()},
        }


@dataclass(frozen=True)
class Outcome:
    criteria: tuple[CriterionResult, ...]  # always 5, in Group order
    assessment_ids: tuple[int, ...]  # the window, earlier first
    progress_report_id: int | None  # the PR2 looked at
    prequalified: bool  # the candidate gate
    prequalification_reasons: tuple[str, ...]
    rule_version: str = RULE_VERSION

    @property
    def all_met(self) -> bool:
        return bool(self.criteria) and all(c.result is Result.MET for c in self.criteria)

    @property
    def any_not_met(self) -> bool:
        return any(c.result is Result.NOT_MET for c in self.criteria)

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
            "prequalification_reasons": list(self.prequalification_reasons),
        }


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value


def _of_assessment(assessment: AssessmentFact) -> str:
    return f"the assessment of {assessment.visit_date.isoformat()}"


def _of_report(report: ProgressReportFact) -> str:
    return f"the progress report 2 of {report.release_date.isoformat()}"


def _dates(assessments: tuple[AssessmentFact, ...]) -> str:
    return " and ".join(a.visit_date.isoformat() for a in assessments)


@dataclass(frozen=True)
class Window:
    """The (up to) two latest finalised assessments and the PR2 released after the earlier."""

    assessments: tuple[AssessmentFact, ...]  # earlier first
    progress_report: ProgressReportFact | None

    @property
    def later(self) -> AssessmentFact | None:
        return self.assessments[-1] if self.assessments else None

    @property
    def complete(self) -> bool:
        return len(self.assessments) == 2


def latest_progress_report_2_after(facts: FactoryFacts, day: date) -> ProgressReportFact | None:
    """The latest finalised PR2 released strictly after `day` (a PR2 of that day is older)."""
    reports = [r for r in finalised_progress_reports_2(facts) if r.release_date > day]
    return reports[-1] if reports else None


def find_window(facts: FactoryFacts) -> Window:
    assessments = finalised_assessments(facts)[-2:]
    if not assessments:
        return Window(assessments=(), progress_report=None)
    # With a single assessment the report must still follow it: that one is the earlier.
    report = latest_progress_report_2_after(facts, assessments[0].visit_date)
    return Window(assessments=assessments, progress_report=report)


class _Tally:
    """What one criterion found failing or missing, as it is gathered."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.missing: list[str] = []
        self.evidence: dict[str, list[int]] = {
            "findings": [],
            "elements": [],
            "items": [],
            "additional_answers": [],
        }

    def fail(self, kind: str, fact_id: int, reason: str) -> None:
        self.failures.append(reason)
        self.evidence[kind].append(fact_id)

    def lack(self, reason: str) -> None:
        self.missing.append(reason)

    @property
    def reasons(self) -> list[str]:
        return self.failures + self.missing


def _check_compliance(assessment: AssessmentFact, tally: _Tally) -> None:
    """'Full compliance on publicly reported/differentiation issues AND no unremediated zero
    tolerance issues': remediation does not undo a non-compliance on a publicly reported question.
    """
    where = _of_assessment(assessment)
    for finding in sorted(assessment.findings, key=lambda f: f.id):
        if not finding.non_compliant:
            continue
        if finding.publicly_reported:
            reason = f"Question {finding.question} non-compliant in {where}."
            tally.fail("findings", finding.id, reason)
        elif finding.zero_tolerance and not finding.remediated:
            reason = (
                f"Zero-tolerance question {finding.question} non-compliant and not remediated"
                f" in {where}."
            )
            tally.fail("findings", finding.id, reason)


def _check_system(
    assessment: AssessmentFact, system: str, codes: tuple[str, ...], tally: _Tally
) -> None:
    where = _of_assessment(assessment)
    for code in codes:
        recorded = [e for e in assessment.elements if e.system == system and e.element == code]
        if not recorded:
            tally.lack(f"Element {code} not recorded in {where}.")
        for element in sorted(recorded, key=lambda e: e.id):
            if not element.satisfied:
                tally.fail("elements", element.id, f"Element {code} not satisfied in {where}.")


def _check_ratings(report: ProgressReportFact, codes: tuple[str, ...], tally: _Tally) -> None:
    where = _of_report(report)
    for code in codes:
        rated = [r for r in report.ratings if r.item == code]
        if not rated:
            tally.lack(f"Item {code} not rated in {where}.")
        for rating in sorted(rated, key=lambda r: r.id):
            if rating.rating != Rating.ON_TRACK:
                reason = f"Item {code} rated {rating_label(rating.rating)} in {where}."
                tally.fail("items", rating.id, reason)


def _check_additional_answers(
    assessment: AssessmentFact, codes: tuple[str, ...], tally: _Tally
) -> None:
    where = _of_assessment(assessment)
    if not assessment.includes_additional_questions:
        # Answers stored on an assessment that did not ask the questions are not evidence.
        tally.lack(f"Additional questions not asked in {where}.")
        return
    for code in codes:
        answers = [a for a in assessment.additional_answers if a.item == code]
        if not answers:
            tally.lack(f"Additional question on item {code} not answered in {where}.")
        for answer in sorted(answers, key=lambda a: a.id):
            if not answer.met:
                reason = f"Additional question on item {code} not met in {where}."
                tally.fail("additional_answers", answer.id, reason)


def _lack_assessments(window: Window, tally: _Tally) -> None:
    if not window.assessments:
        tally.lack("No finalised assessment yet; two consecutive assessments are needed.")
    elif not window.complete:
        tally.lack("Only one finalised assessment; two consecutive assessments are needed.")


def _conclude(
    group: Group, window: Window, tally: _Tally, met_reason: str, *, uses_report: bool
) -> CriterionResult:
    if tally.failures:
        result = Result.NOT_MET
    elif tally.missing:
        result = Result.UNKNOWN
    else:
        result = Result.MET
    report = window.progress_report if uses_report else None
    evidence: dict[str, Any] = {
        "assessments": [a.id for a in window.assessments],
        "progress_report": report.id if report is not None else None,
        **{kind: sorted(ids) for kind, ids in tally.evidence.items()},
    }
    reasons = (met_reason,) if result is Result.MET else tuple(tally.reasons)
    return CriterionResult(group=group, result=result, reasons=reasons, evidence=evidence)


def _compliance(window: Window) -> CriterionResult:
    tally = _Tally()
    _lack_assessments(window, tally)
    for assessment in window.assessments:
        _check_compliance(assessment, tally)
    met = (
        "No non-compliance on publicly reported questions and no unremediated zero-tolerance"
        f" issue in the assessments of {_dates(window.assessments)}."
    )
    return _conclude(Group.COMPLIANCE, window, tally, met, uses_report=False)


def _management_system(
    group: Group, system: str, codes: tuple[str, ...], window: Window
) -> CriterionResult:
    tally = _Tally()
    _lack_assessments(window, tally)
    for assessment in window.assessments:
        _check_system(assessment, system, codes, tally)
    met = f"All {len(codes)} {system} elements satisfied in the assessments of"
    met += f" {_dates(window.assessments)}."
    return _conclude(group, window, tally, met, uses_report=False)


def _rated_items(
    group: Group, noun: str, codes: tuple[str, ...], window: Window
) -> CriterionResult:
    """Social dialogue and learning: On track in PR2, confirmed by the additional questions."""
    tally = _Tally()
    _lack_assessments(window, tally)
    if window.assessments:
        anchor = window.assessments[0]
        if window.progress_report is None:
            where = _of_assessment(anchor)
            tally.lack(f"No finalised progress report 2 released after {where}.")
        else:
            _check_ratings(window.progress_report, codes, tally)
    if window.later is not None:
        _check_additional_answers(window.later, codes, tally)
    met = ""
    if window.progress_report is not None and window.later is not None:
        plural = "s" if len(codes) != 1 else ""
        met = (
            f"{noun}{plural} {', '.join(codes)} on track in {_of_report(window.progress_report)}"
            f" and confirmed by the additional questions in {_of_assessment(window.later)}."
        )
    return _conclude(group, window, tally, met, uses_report=True)


def _prequalification(facts: FactoryFacts, reference: Reference) -> tuple[bool, tuple[str, ...]]:
    """The candidate gate ("How will differentiation work?"): the latest assessment has no
    failing finding and all HR and OSH elements satisfied, and a PR2 after it is all on track.
    """
    assessments = finalised_assessments(facts)
    if not assessments:
        return False, ("No finalised assessment yet.",)
    latest = assessments[-1]
    tally = _Tally()
    _check_compliance(latest, tally)
    _check_system(latest, HR_SYSTEM, reference.hr_elements, tally)
    _check_system(latest, OSH_SYSTEM, reference.osh_elements, tally)
    report = latest_progress_report_2_after(facts, latest.visit_date)
    if report is None:
        tally.lack(f"No finalised progress report 2 released after {_of_assessment(latest)}.")
    else:
        _check_ratings(report, reference.social_dialogue_items + reference.learning_items, tally)
    if tally.reasons or report is None:
        return False, tuple(tally.reasons)
    return True, (
        f"{_of_assessment(latest).capitalize()} passes compliance, HR and OSH, and"
        f" {_of_report(report)} rates every social-dialogue and learning item On track.",
    )


def evaluate(facts: FactoryFacts, reference: Reference) -> Outcome:
    window = find_window(facts)
    criteria = (
        _compliance(window),
        _management_system(Group.HR, HR_SYSTEM, reference.hr_elements, window),
        _management_system(Group.OSH, OSH_SYSTEM, reference.osh_elements, window),
        _rated_items(
            Group.SOCIAL_DIALOGUE, "Social-dialogue item", reference.social_dialogue_items, window
        ),
        _rated_items(Group.LEARNING, "Learning item", reference.learning_items, window),
    )
    prequalified, prequalification_reasons = _prequalification(facts, reference)
    return Outcome(
        criteria=criteria,
        assessment_ids=tuple(a.id for a in window.assessments),
        progress_report_id=window.progress_report.id if window.progress_report else None,
        prequalified=prequalified,
        prequalification_reasons=prequalification_reasons,
    )
