"""The stages of a factory (docs/rules.md section 7) as pure transitions over an evaluation outcome.

"Final decisions on considering a factories as high-performing are made by the Programme
Manager": no transition here reaches high_performing except a PM's approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from differentiation.vocabulary import RequestKind, Result
from factories.vocabulary import Stage, gettext_noop

from .outcome import CriterionResult, Outcome
from .reasons import Reason, reason


@dataclass(frozen=True)
class NewEvidence:
    """The finalised records no programme manager has decided on yet: those finalised after
    the factory's last decision. Only they can open a review or make a factory eligible."""

    assessments: frozenset[int]
    progress_reports: frozenset[int]

    def failed_in(self, criterion: CriterionResult) -> bool:
        return bool(
            criterion.failed_assessments & self.assessments
            or criterion.failed_progress_reports & self.progress_reports
        )


@dataclass(frozen=True)
class StageDecision:
    stage: Stage
    request: RequestKind | None  # an approval request to queue for the PMs, if any
    reasons: tuple[Reason, ...]


def _from_data(outcome: Outcome) -> StageDecision:
    """Candidate or not on track, 'as the data says'."""
    if outcome.prequalified:
        summary = reason(
            gettext_noop("Candidate: the latest assessment and progress report 2 are on track.")
        )
        return StageDecision(Stage.CANDIDATE, None, (summary, *outcome.prequalification_reasons))
    summary = reason(gettext_noop("Not on track towards the criteria."))
    return StageDecision(Stage.NOT_ON_TRACK, None, (summary, *outcome.prequalification_reasons))


def _not_met(criteria: tuple[CriterionResult, ...]) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    for criterion in criteria:
        reasons.append(
            reason(gettext_noop("{criterion} criterion not met."), criterion=criterion.group.noun)
        )
        reasons.extend(criterion.reasons)
    return tuple(reasons)


def _failing(outcome: Outcome) -> tuple[CriterionResult, ...]:
    return tuple(c for c in outcome.criteria if c.result is Result.NOT_MET)


def next_stage(
    current: Stage, outcome: Outcome, new_evidence: NewEvidence | None = None
) -> StageDecision:
    """Where a factory stands after new finalised data is evaluated.

    `new_evidence`: the records finalised after the factory's last decision; None when no
    programme manager has decided on the factory yet (then every record is new). Running it
    twice on the same outcome gives the same decision; a request is only asked for on the
    transition into eligible or under review. Unknown never moves a factory down: only a
    criterion that is not met does.
    """
    failing = _failing(outcome)
    match current:
        case Stage.HIGH_PERFORMING:
            # "A review is queued when an assessment or PR2 finalised after the factory's last
            # decision fails a criterion": a failure a PM already reviewed opens no second one.
            fresh = tuple(c for c in failing if new_evidence is None or new_evidence.failed_in(c))
            if fresh:
                return StageDecision(Stage.UNDER_REVIEW, RequestKind.REVIEW, _not_met(fresh))
            if failing:
                why = gettext_noop(
                    "A criterion is not met on records a programme manager already reviewed;"
                    " only a newer failing record opens a review."
                )
                return StageDecision(Stage.HIGH_PERFORMING, None, (reason(why),))
            why = gettext_noop("No criterion failed; the status stands.")
            return StageDecision(Stage.HIGH_PERFORMING, None, (reason(why),))
        case Stage.UNDER_REVIEW:
            why = gettext_noop("A review is pending; only a programme manager's decision ends it.")
            return StageDecision(Stage.UNDER_REVIEW, None, (reason(why),))
        case Stage.ELIGIBLE:
            if failing:
                return _from_data(outcome)
            why = gettext_noop(
                "No criterion failed; the pending approval request rests on this evaluation."
            )
            return StageDecision(Stage.ELIGIBLE, None, (reason(why),))
        case Stage.CANDIDATE:
            if failing:
                return _from_data(outcome)
            if _becomes_eligible(outcome, new_evidence):
                why = gettext_noop(
                    "All five criteria met over two consecutive assessments, and every"
                    " additional question confirmed."
                )
                reasons = (reason(why), *outcome.additional_questions.reasons)
                return StageDecision(Stage.ELIGIBLE, RequestKind.GRANT, reasons)
            return StageDecision(Stage.CANDIDATE, None, _waiting(outcome))
        case Stage.NOT_ON_TRACK:
            return _from_data(outcome)
        case _:
            assert_never(current)


def _becomes_eligible(outcome: Outcome, new_evidence: NewEvidence | None) -> bool:
    """Candidate -> eligible: 'the next assessment, carrying the additional questions, is
    finalised; all five criteria met; every additional question confirmed'. After a decision
    (a rejection, a withdrawal) only an assessment finalised since then can be that next one."""
    questions = outcome.additional_questions
    if not (outcome.all_met and questions.confirmed and questions.assessment_id is not None):
        return False
    return new_evidence is None or questions.assessment_id in new_evidence.assessments


def _waiting(outcome: Outcome) -> tuple[Reason, ...]:
    """What a candidate waits for: its next assessment, with the additional questions."""
    unknown = [c for c in outcome.criteria if c.result is Result.UNKNOWN]
    reasons: list[Reason] = [
        reason(
            gettext_noop(
                "Candidate: the next assessment includes the additional questions; the factory"
                " becomes eligible when it is finalised with every question confirmed and all"
                " five criteria met."
            )
        )
    ]
    for criterion in unknown:
        reasons.extend(criterion.reasons)
    return tuple(reasons)


def stage_after_decision(kind: RequestKind, approved: bool, outcome: Outcome) -> Stage:
    """After a PM decides: a grant approved or a review kept means high-performing; a grant
    rejected or a status withdrawn falls back to what the data says.
    """
    match kind:
        case RequestKind.GRANT | RequestKind.REVIEW:
            if approved:
                return Stage.HIGH_PERFORMING
            return Stage.CANDIDATE if outcome.prequalified else Stage.NOT_ON_TRACK
        case _:
            assert_never(kind)
