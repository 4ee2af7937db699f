"""The stages of a factory (RULES.md section 4) as pure transitions over an evaluation outcome.

"Final decisions on considering a factories as high-performing are made by the Programme
Manager": no transition here reaches high_performing except a PM's approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from .evaluation import Outcome, Result


class Stage(StrEnum):
    NOT_ON_TRACK = "not_on_track"
    CANDIDATE = "candidate"
    ELIGIBLE = "eligible"
    HIGH_PERFORMING = "high_performing"
    UNDER_REVIEW = "under_review"


class RequestKind(StrEnum):
    GRANT = "grant"
    REVIEW = "review"


@dataclass(frozen=True)
class StageDecision:
    stage: Stage
    request: RequestKind | None  # an approval request to queue for the PMs, if any
    reasons: tuple[str, ...]


def _from_data(outcome: Outcome) -> StageDecision:
    """Candidate or not on track, 'as the data says'."""
    if outcome.prequalified:
        summary = "Candidate: the latest assessment and progress report 2 are on track."
        return StageDecision(Stage.CANDIDATE, None, (summary, *outcome.prequalification_reasons))
    summary = "Not on track towards the criteria."
    return StageDecision(Stage.NOT_ON_TRACK, None, (summary, *outcome.prequalification_reasons))


def _failed_criteria(outcome: Outcome) -> tuple[str, ...]:
    reasons: list[str] = []
    for criterion in outcome.criteria:
        if criterion.result is Result.NOT_MET:
            reasons.append(f"{criterion.group.label} criterion not met.")
            reasons.extend(criterion.reasons)
    return tuple(reasons)


def next_stage(current: Stage, outcome: Outcome) -> StageDecision:
    """Where a factory stands after new finalised data is evaluated.

    Running it twice on the same outcome gives the same decision; a request is only asked for
    on the transition into eligible or under review, never while one is already pending.
    """
    match current:
        case Stage.HIGH_PERFORMING:
            if outcome.any_not_met:
                # Missing data (unknown) is no reason to doubt the status; a failure is.
                return StageDecision(
                    Stage.UNDER_REVIEW, RequestKind.REVIEW, _failed_criteria(outcome)
                )
            return StageDecision(
                Stage.HIGH_PERFORMING, None, ("No criterion failed; the status stands.",)
            )
        case Stage.UNDER_REVIEW:
            return StageDecision(
                Stage.UNDER_REVIEW,
                None,
                ("A review is pending; only a programme manager's decision ends it.",),
            )
        case Stage.ELIGIBLE:
            if outcome.all_met:
                return StageDecision(
                    Stage.ELIGIBLE,
                    None,
                    ("All criteria still met; the approval request is already queued.",),
                )
            return _from_data(outcome)
        case Stage.NOT_ON_TRACK | Stage.CANDIDATE:
            if outcome.all_met:
                return StageDecision(
                    Stage.ELIGIBLE,
                    RequestKind.GRANT,
                    ("All criteria met over two consecutive assessments.",),
                )
            return _from_data(outcome)
        case _:
            assert_never(current)


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
