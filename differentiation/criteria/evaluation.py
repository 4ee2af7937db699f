"""The five criteria of the guideline's annex, evaluated over a window of evidence.

"Data from 2 consecutive assessments as well as the advisory process is used to help decide
whether factories should be considered as high-performing factories."
"""

from __future__ import annotations

from assessments.vocabulary import System
from differentiation.criteria.checks import (
    _check_additional_answers,
    _check_compliance,
    _check_ratings,
    _check_system,
    _conclude,
    _met_in_both,
    _Tally,
)
from differentiation.criteria.outcome import (
    AdditionalQuestions,
    CriterionResult,
    Outcome,
    _where,
    _where_report,
)
from differentiation.criteria.window import Window, find_window, latest_progress_report_2
from differentiation.vocabulary import Group
from factories.vocabulary import gettext_noop

from .facts import (
    FactoryFacts,
)
from .reasons import NOT_CONFIRMED, ON_TRACK, Reason, reason
from .rules import CURRENT, RuleVersion

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
    if later is not None and report is not None:
        # The criterion is the PR2 ("marked as 'On Track' in Progress Report 2"); the additional
        # questions are the eligibility check, so the met reason names the PR2 only.
        met = reason(ON_TRACK, items=", ".join(codes), **_where_report(report))
    return _conclude(group, window, tally, met, uses_report=True)


def _prequalification(
    facts: FactoryFacts, window: Window, rules: RuleVersion
) -> tuple[bool, tuple[Reason, ...]]:
    """The candidate gate ("How will differentiation work?"): the latest assessment passes
    compliance, HR and OSH, and a PR2 of its cycle or later rates every item On track.

    **Decision** (docs/rules.md section 7): an unremediated zero-tolerance issue blocks the gate too.
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
                    NOT_CONFIRMED,
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
