"""Gathering what fails and what is missing in a window: compliance findings, management-system
elements, PR2 ratings and additional answers, tallied per criterion."""

from __future__ import annotations

from typing import Any

from differentiation.criteria.outcome import EVIDENCE_KINDS, CriterionResult, _where, _where_report
from differentiation.criteria.window import Window
from differentiation.vocabulary import Group, Result
from factories.vocabulary import gettext_noop

from .facts import (
    AssessmentFact,
    ProgressReportFact,
    Rating,
    rating_label,
)
from .reasons import NOT_CONFIRMED, Reason, reason

# --- gathering what fails and what is missing ----------------------------------------------


class _Tally:
    """What one criterion found failing or missing, as it is gathered."""

    def __init__(self) -> None:
        self.failures: list[Reason] = []
        self.missing: list[Reason] = []
        self.evidence: dict[str, list[Any]] = {kind: [] for kind in EVIDENCE_KINDS}
        self.evidence["missing"] = []
        self.failed_assessments: set[int] = set()
        self.failed_reports: set[int] = set()

    def fail(
        self,
        record: AssessmentFact | ProgressReportFact,
        why: Reason,
        *,
        kind: str,
        fact_id: int | None = None,
        code: str = "",
    ) -> None:
        """A failure found in `record`: a failing row (`fact_id`), or a row missing (`code`)."""
        self.failures.append(why)
        if isinstance(record, AssessmentFact):
            self.failed_assessments.add(record.id)
            owner = {"assessment": record.id}
        else:
            self.failed_reports.add(record.id)
            owner = {"progress_report": record.id}
        if fact_id is not None:
            self.evidence[kind].append(fact_id)
        else:
            self.evidence["missing"].append({**owner, "code": code})

    def lack(self, why: Reason) -> None:
        self.missing.append(why)

    @property
    def reasons(self) -> list[Reason]:
        return self.failures + self.missing


def _check_compliance(assessment: AssessmentFact, tally: _Tally) -> None:
    """'Full compliance on publicly reported/differentiation issues AND no unremediated zero
    tolerance issues': remediation does not undo a non-compliance on a publicly reported question.
    """
    for finding in sorted(assessment.findings, key=lambda f: f.id):
        if not finding.non_compliant:
            continue
        if finding.publicly_reported:
            why = reason(
                gettext_noop(
                    "Question {question} non-compliant in the assessment of cycle {cycle} ({date})."
                ),
                question=finding.question,
                **_where(assessment),
            )
            tally.fail(assessment, why, kind="findings", fact_id=finding.id)
        elif finding.zero_tolerance and not finding.remediated:
            why = reason(
                gettext_noop(
                    "Zero-tolerance question {question} non-compliant and not remediated in the"
                    " assessment of cycle {cycle} ({date})."
                ),
                question=finding.question,
                **_where(assessment),
            )
            tally.fail(assessment, why, kind="findings", fact_id=finding.id)


def _check_system(
    assessment: AssessmentFact, system: str, codes: tuple[str, ...], tally: _Tally
) -> None:
    """Every element of the rule version satisfied: one not recorded is never satisfied."""
    for code in codes:
        recorded = [e for e in assessment.elements if e.system == system and e.element == code]
        if not recorded:
            why = reason(
                gettext_noop(
                    "Element {element} not recorded in the assessment of cycle {cycle} ({date});"
                    " an element not recorded is not satisfied."
                ),
                element=code,
                **_where(assessment),
            )
            tally.fail(assessment, why, kind="elements", code=code)
        for element in sorted(recorded, key=lambda e: e.id):
            if not element.satisfied:
                why = reason(
                    gettext_noop(
                        "Element {element} not satisfied in the assessment of cycle {cycle}"
                        " ({date})."
                    ),
                    element=code,
                    **_where(assessment),
                )
                tally.fail(assessment, why, kind="elements", fact_id=element.id)


def _check_ratings(report: ProgressReportFact, codes: tuple[str, ...], tally: _Tally) -> None:
    """'On each question the factory must be marked as On Track in Progress Report 2.'"""
    for code in codes:
        rated = [r for r in report.ratings if r.item == code]
        if not rated:
            why = reason(
                gettext_noop(
                    "Item {item} not rated in the progress report 2 of cycle {report_cycle}"
                    " ({report_date}); an item not rated is not on track."
                ),
                item=code,
                **_where_report(report),
            )
            tally.fail(report, why, kind="items", code=code)
        for rating in sorted(rated, key=lambda r: r.id):
            if rating.rating != Rating.ON_TRACK:
                why = reason(
                    gettext_noop(
                        "Item {item} rated {rating} in the progress report 2 of cycle"
                        " {report_cycle} ({report_date})."
                    ),
                    item=code,
                    rating=rating_label(rating.rating),
                    **_where_report(report),
                )
                tally.fail(report, why, kind="items", fact_id=rating.id)


def _check_additional_answers(
    assessment: AssessmentFact, codes: tuple[str, ...], tally: _Tally
) -> None:
    """An item found 'not confirmed' in the latest assessment makes its criterion not met.

    The additional questions are the eligibility check, not a criterion of their own: the
    reason names the item and the assessment that found it, not the questions.
    """
    if not assessment.includes_additional_questions:
        return  # answers on an assessment that did not ask the questions are not evidence
    for answer in sorted(assessment.additional_answers, key=lambda a: a.id):
        if answer.item in codes and not answer.met:
            why = reason(
                NOT_CONFIRMED,
                item=answer.item,
                **_where(assessment),
            )
            tally.fail(assessment, why, kind="additional_answers", fact_id=answer.id)


def _conclude(
    group: Group, window: Window, tally: _Tally, met: Reason, *, uses_report: bool
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
        **{kind: sorted(ids) for kind, ids in tally.evidence.items() if kind != "missing"},
        "missing": tally.evidence["missing"],
        "failed_assessments": sorted(tally.failed_assessments),
        "failed_progress_reports": sorted(tally.failed_reports),
    }
    reasons = (met,) if result is Result.MET else tuple(tally.reasons)
    return CriterionResult(group=group, result=result, reasons=reasons, evidence=evidence)


def _met_in_both(template: str, window: Window, **params: Any) -> Reason:
    """A 'met' reason naming both assessments; met needs a complete window, so only then."""
    if window.earlier is None or window.later is None:
        return reason("")
    return reason(
        template,
        earlier_cycle=window.earlier.cycle,
        earlier_date=window.earlier.visit_date.isoformat(),
        later_cycle=window.later.cycle,
        later_date=window.later.visit_date.isoformat(),
        **params,
    )
