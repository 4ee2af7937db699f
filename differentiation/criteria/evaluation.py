"""The five criteria of the guideline's annex, evaluated over a window of evidence.

"Data from 2 consecutive assessments as well as the advisory process is used to help decide
whether factories should be considered as high-performing factories."
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assessments.vocabulary import System
from differentiation.vocabulary import Group, Result
from factories.vocabulary import gettext_noop

from .facts import (
    AssessmentFact,
    FactoryFacts,
    ProgressReportFact,
    Rating,
    finalised_assessments,
    finalised_progress_reports_2,
    rating_label,
)
from .reasons import Reason, reason
from .rules import CURRENT, RuleVersion

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


# --- the window ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The latest finalised assessment (L, of cycle n), the finalised assessment of cycle n-1
    (P) when there is one, and the PR2 of the window: the latest finalised PR2 of cycle n-1 or
    later."""

    later: AssessmentFact | None
    earlier: AssessmentFact | None
    progress_report: ProgressReportFact | None

    @property
    def assessments(self) -> tuple[AssessmentFact, ...]:
        """Earlier first."""
        return tuple(a for a in (self.earlier, self.later) if a is not None)

    @property
    def complete(self) -> bool:
        return self.earlier is not None and self.later is not None

    def gap(self) -> Reason | None:
        """Why the window is incomplete, or None when it is complete."""
        if self.later is None:
            return reason(
                gettext_noop("No finalised assessment yet; two consecutive assessments are needed.")
            )
        if self.earlier is not None:
            return None
        previous = self.later.cycle - 1
        if previous < 1:
            return reason(
                gettext_noop(
                    "The assessment of cycle {cycle} is the factory's first; two consecutive"
                    " assessments are needed."
                ),
                cycle=self.later.cycle,
            )
        # Drafts are not evidence (nor fingerprinted), so missing, draft and reopened read alike.
        return reason(
            gettext_noop(
                "No finalised assessment of cycle {previous} (none, a draft, or reopened for"
                " correction); two consecutive finalised assessments are needed."
            ),
            previous=previous,
        )


def latest_progress_report_2(facts: FactoryFacts, from_cycle: int) -> ProgressReportFact | None:
    """The latest finalised PR2 of cycle `from_cycle` or later; an older cycle's never counts."""
    reports = [r for r in finalised_progress_reports_2(facts) if r.cycle >= from_cycle]
    return reports[-1] if reports else None


def find_window(facts: FactoryFacts) -> Window:
    finalised = finalised_assessments(facts)
    if not finalised:
        return Window(later=None, earlier=None, progress_report=None)
    later = finalised[-1]
    previous = later.cycle - 1
    earlier = next((a for a in finalised if a.cycle == previous), None)
    return Window(
        later=later, earlier=earlier, progress_report=latest_progress_report_2(facts, previous)
    )


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
    """An additional question answered 'not confirmed' makes its criterion not met."""
    if not assessment.includes_additional_questions:
        return  # answers on an assessment that did not ask the questions are not evidence
    for answer in sorted(assessment.additional_answers, key=lambda a: a.id):
        if answer.item in codes and not answer.met:
            why = reason(
                gettext_noop(
                    "Additional question on item {item} not confirmed in the assessment of cycle"
                    " {cycle} ({date})."
                ),
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


# --- the criteria --------------------------------------------------------------------------


def _compliance(window: Window) -> CriterionResult:
    tally = _Tally()
    if (gap := window.gap()) is not None:
        tally.lack(gap)
    for assessment in window.assessments:
        _check_compliance(assessment, tally)
    met = _met_in_both(
        gettext_noop(
            "No non-compliance on publicly reported questions and no unremediated zero-tolerance"
            " issue in the assessments of cycles {earlier_cycle} ({earlier_date}) and"
            " {later_cycle} ({later_date})."
        ),
        window,
    )
    return _conclude(Group.COMPLIANCE, window, tally, met, uses_report=False)


def _management_system(
    group: Group, system: str, codes: tuple[str, ...], window: Window
) -> CriterionResult:
    tally = _Tally()
    if (gap := window.gap()) is not None:
        tally.lack(gap)
    for assessment in window.assessments:
        _check_system(assessment, system, codes, tally)
    met = _met_in_both(
        gettext_noop(
            "All {count} {system} elements satisfied in the assessments of cycles"
            " {earlier_cycle} ({earlier_date}) and {later_cycle} ({later_date})."
        ),
        window,
        count=len(codes),
        system=system,
    )
    return _conclude(group, window, tally, met, uses_report=False)


def _rated_items(group: Group, codes: tuple[str, ...], window: Window) -> CriterionResult:
    """Social dialogue and learning: every item On track in the PR2 of the window, and no
    additional question on them answered 'not confirmed' in the latest assessment. They read
    nothing else, so they do not wait for a second assessment."""
    tally = _Tally()
    later, report = window.later, window.progress_report
    if later is None:
        tally.lack(reason(gettext_noop("No finalised assessment yet.")))
    elif report is None:
        tally.lack(
            reason(
                gettext_noop("No finalised progress report 2 of cycle {cycle} or later yet."),
                cycle=max(later.cycle - 1, 1),
            )
        )
    else:
        _check_ratings(report, codes, tally)
    if later is not None:
        _check_additional_answers(later, codes, tally)
    met = reason("")
    if later is not None and report is not None and later.includes_additional_questions:
        met = reason(
            gettext_noop(
                "{items} On track in the progress report 2 of cycle {report_cycle}"
                " ({report_date}), and confirmed by the additional questions of the assessment"
                " of cycle {cycle}."
            ),
            items=", ".join(codes),
            cycle=later.cycle,
            **_where_report(report),
        )
    elif later is not None and report is not None:
        met = reason(
            gettext_noop(
                "{items} On track in the progress report 2 of cycle {report_cycle} ({report_date})."
            ),
            items=", ".join(codes),
            **_where_report(report),
        )
    return _conclude(group, window, tally, met, uses_report=True)


def _prequalification(
    facts: FactoryFacts, window: Window, rules: RuleVersion
) -> tuple[bool, tuple[Reason, ...]]:
    """The candidate gate ("How will differentiation work?"): the latest assessment passes
    compliance, HR and OSH, and a PR2 of its cycle or later rates every item On track.

    **Decision** (RULES.md section 4): an unremediated zero-tolerance issue blocks the gate too.
    """
    latest = window.later
    if latest is None:
        return False, (reason(gettext_noop("No finalised assessment yet.")),)
    tally = _Tally()
    _check_compliance(latest, tally)
    _check_system(latest, System.HR, rules.hr_elements, tally)
    _check_system(latest, System.OSH, rules.osh_elements, tally)
    report = latest_progress_report_2(facts, latest.cycle)
    if report is None:
        tally.lack(
            reason(
                gettext_noop("No finalised progress report 2 of cycle {cycle} yet."),
                cycle=latest.cycle,
            )
        )
    else:
        _check_ratings(report, rules.rated_items, tally)
    if tally.reasons or report is None:
        return False, tuple(tally.reasons)
    return True, (
        reason(
            gettext_noop(
                "The assessment of cycle {cycle} ({date}) passes compliance, HR and OSH, and the"
                " progress report 2 of cycle {report_cycle} ({report_date}) rates every"
                " social-dialogue and learning item On track."
            ),
            **_where(latest),
            **_where_report(report),
        ),
    )


def _additional_questions(window: Window, rules: RuleVersion) -> AdditionalQuestions:
    latest = window.later
    if latest is None or not latest.includes_additional_questions:
        why = reason(gettext_noop("The latest assessment did not carry the additional questions."))
        return AdditionalQuestions(assessment_id=None, confirmed=False, reasons=(why,))
    reasons: list[Reason] = []
    for code in rules.rated_items:
        answers = [a for a in latest.additional_answers if a.item == code]
        if not answers:
            reasons.append(
                reason(
                    gettext_noop(
                        "Additional question on item {item} not answered in the assessment of"
                        " cycle {cycle} ({date})."
                    ),
                    item=code,
                    **_where(latest),
                )
            )
        elif not all(a.met for a in answers):
            reasons.append(
                reason(
                    gettext_noop(
                        "Additional question on item {item} not confirmed in the assessment of"
                        " cycle {cycle} ({date})."
                    ),
                    item=code,
                    **_where(latest),
                )
            )
    if reasons:
        return AdditionalQuestions(latest.id, confirmed=False, reasons=tuple(reasons))
    confirmed = reason(
        gettext_noop(
            "Every additional question confirmed in the assessment of cycle {cycle} ({date})."
        ),
        **_where(latest),
    )
    return AdditionalQuestions(latest.id, confirmed=True, reasons=(confirmed,))


def evaluate(facts: FactoryFacts, rules: RuleVersion = CURRENT) -> Outcome:
    window = find_window(facts)
    criteria = (
        _compliance(window),
        _management_system(Group.HR, System.HR, rules.hr_elements, window),
        _management_system(Group.OSH, System.OSH, rules.osh_elements, window),
        _rated_items(Group.SOCIAL_DIALOGUE, rules.social_dialogue_items, window),
        _rated_items(Group.LEARNING, rules.learning_items, window),
    )
    prequalified, prequalification_reasons = _prequalification(facts, window, rules)
    return Outcome(
        criteria=criteria,
        assessment_ids=tuple(a.id for a in window.assessments),
        progress_report_id=window.progress_report.id if window.progress_report else None,
        prequalified=prequalified,
        prequalification_reasons=prequalification_reasons,
        additional_questions=_additional_questions(window, rules),
        rule_version=rules.name,
    )
