"""A factory's history in words: its evaluations that changed something, its stage changes and
the programme managers' decisions, each a sentence naming the person by full name and title."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext, gettext_noop

from differentiation.evaluation.stages import (
    EVALUATED,
    GRANT_APPROVED,
    GRANT_REJECTED,
    REVIEW_KEPT,
    REVIEW_WITHDRAWN,
)
from differentiation.models import Decision, Evaluation, StageChange
from differentiation.vocabulary import Outcome, RequestKind
from factories.models import Factory
from factories.people import person
from factories.vocabulary import Stage

# Why a stage changed, marked for makemessages (translated when shown).
EVENTS = {
    EVALUATED: gettext_noop("Stage changed from {before} to {after} after an evaluation."),
    GRANT_APPROVED: gettext_noop(
        "Stage changed from {before} to {after}: high-performing status granted by {who}."
    ),
    GRANT_REJECTED: gettext_noop(
        "Stage changed from {before} to {after}: high-performing status refused by {who}."
    ),
    REVIEW_KEPT: gettext_noop(
        "Stage changed from {before} to {after}: high-performing status kept by {who}."
    ),
    REVIEW_WITHDRAWN: gettext_noop(
        "Stage changed from {before} to {after}: high-performing status withdrawn by {who}."
    ),
}
OTHER_EVENT = gettext_noop("Stage changed from {before} to {after} by {who}.")


@dataclass
class HistoryEntry:
    when: datetime
    what: str
    reason: str
    kind: str  # "stage" or "decision", for the badge


@dataclass
class EvaluationEntry:
    evaluation: Evaluation
    what: str


def _stage(value: str) -> str:
    return gettext(Stage(value).label) if value in Stage.values else value


def _decision_sentence(decision: Decision, who: str) -> str:
    approved = decision.outcome == Outcome.APPROVED
    if decision.request.kind == RequestKind.REVIEW:
        sentence = (
            gettext("{who} kept the high-performing status after a review.")
            if approved
            else gettext("{who} withdrew the high-performing status after a review.")
        )
    else:
        sentence = (
            gettext("{who} approved the request for high-performing status.")
            if approved
            else gettext("{who} rejected the request for high-performing status.")
        )
    sentence = sentence.format(who=who)
    if decision.sole_programme_manager:
        sentence += " " + gettext("(As the only programme manager of the programme.)")
    return sentence


def _evaluation_sentence(evaluation: Evaluation, *, first: bool = False) -> str:
    met = gettext("all criteria met") if evaluation.all_met else gettext("not all criteria met")
    if evaluation.stage_before != evaluation.stage_after:
        return gettext("Stage changed from {before} to {after}; {met}.").format(
            before=_stage(evaluation.stage_before), after=_stage(evaluation.stage_after), met=met
        )
    if first:
        return gettext("First evaluation: {stage}; {met}.").format(
            stage=_stage(evaluation.stage_after), met=met
        )
    return gettext("Stage stays {stage}; now {met}.").format(
        stage=_stage(evaluation.stage_after), met=met
    )


def evaluations_that_changed(evaluations: list[Evaluation], keep: int | None) -> list[Any]:
    """Newest first, only those that changed the stage or whether all criteria are met (and the
    one the request is about, `keep`): no "Not on track -> Not on track" rows."""
    entries = []
    for index, evaluation in enumerate(evaluations):
        earlier = evaluations[index + 1] if index + 1 < len(evaluations) else None
        changed = (
            earlier is None
            or evaluation.stage_before != evaluation.stage_after
            or evaluation.all_met != earlier.all_met
        )
        if changed or evaluation.pk == keep:
            sentence = _evaluation_sentence(evaluation, first=earlier is None)
            entries.append(EvaluationEntry(evaluation, sentence))
    return entries


def factory_history(factory: Factory, *, keep: int | None = None) -> dict[str, Any]:
    """The factory's evaluations that changed something, and its stage changes and decisions,
    newest first (three queries)."""
    evaluations = list(
        Evaluation.objects.filter(factory=factory)
        .only(
            "id",
            "factory_id",
            "created_at",
            "stage_before",
            "stage_after",
            "all_met",
            "rule_version",
        )
        .order_by("-created_at", "-id")
    )
    timeline: list[HistoryEntry] = []
    changes = StageChange.objects.filter(factory=factory).select_related("actor__profile")
    for change in changes:
        if change.from_stage == change.to_stage:
            continue
        who = person(change.actor) if change.actor else gettext("the automatic evaluation")
        what = gettext(EVENTS.get(change.event, OTHER_EVENT)).format(
            before=_stage(change.from_stage), after=_stage(change.to_stage), who=who
        )
        timeline.append(HistoryEntry(change.created_at, what, change.reason, "stage"))
    decisions = Decision.objects.filter(request__factory=factory).select_related(
        "decided_by__profile", "request"
    )
    for decision in decisions:
        what = _decision_sentence(decision, person(decision.decided_by))
        timeline.append(HistoryEntry(decision.decided_at, what, decision.reason, "decision"))
    timeline.sort(key=lambda e: e.when, reverse=True)
    return {
        "evaluations": evaluations_that_changed(evaluations, keep),
        "evaluation_count": len(evaluations),
        "timeline": timeline,
    }
