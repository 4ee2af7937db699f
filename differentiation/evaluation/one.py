"""Evaluating one factory: a new Evaluation row (never an edit) when its evidence changed, the
stage moved through the stage machine, requests raised, the candidate notified on commit."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from differentiation import criteria, signals
from differentiation.evaluation.loading import load_facts, load_new_evidence
from differentiation.evaluation.stages import EVALUATED, stage_transition, supersede_pending
from differentiation.models import (
    ApprovalRequest,
    Evaluation,
    EvaluationCheck,
)
from differentiation.summaries import results_of
from factories.models import Factory
from factories.summaries import refresh_summary
from factories.vocabulary import Stage

log = logging.getLogger(__name__)


# --- evaluation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationRun:
    evaluation: Evaluation | None  # None: the same data was already evaluated (idempotent)
    stage: str


def new_evaluation(
    factory: Factory,
    facts: criteria.FactoryFacts,
    outcome: criteria.Outcome,
    decision: criteria.StageDecision,
    trigger: str,
) -> Evaluation:
    """The evaluation row of one factory's facts, outcome and stage decision (not saved): the
    one-by-one path saves it, the bulk path (evaluation.bulk) writes many at once."""
    return Evaluation(
        factory=factory,
        rule_version=outcome.rule_version,
        fingerprint=criteria.fingerprint(facts, outcome.rule_version),
        inputs=criteria.facts_to_json(facts),
        outcome=outcome.to_json(),
        all_met=outcome.all_met,
        prequalified=outcome.prequalified,
        stage_before=factory.stage,
        stage_after=decision.stage.value,
        trigger=trigger[:100],
    )


@transaction.atomic
def factory_evaluate(*, factory_id: int, trigger: str = "") -> EvaluationRun:
    """Evaluate the factory's finalised data and move its stage. Safe to run twice.

    Locks the factory row first, as every writer of a factory's records does, so that an
    evaluation and a finalisation of the same factory queue up instead of deadlocking.
    """
    factory = Factory.objects.select_for_update().get(pk=factory_id)
    read_at = timezone.now()
    facts = load_facts([factory.pk])[factory.pk]
    latest = factory.evaluations.order_by("-created_at", "-id").first()
    run = evaluate_loaded(
        factory=factory,
        facts=facts,
        latest=latest,
        trigger=trigger,
        new_evidence=load_new_evidence([factory.pk])[factory.pk],
    )
    if run.evaluation is None and latest is not None:
        note_unchanged([factory.pk], read_at)
    return run


def note_unchanged(factory_ids: list[int], read_at: datetime.datetime) -> None:
    """Note that these factories' evidence, as read at `read_at` (taken before reading, so that
    nothing finalised meanwhile is hidden), was unchanged (see EvaluationCheck): the sweep does
    not try them again until something is finalised."""
    if not factory_ids:
        return
    EvaluationCheck.objects.bulk_create(
        [EvaluationCheck(factory_id=pk, checked_at=read_at) for pk in factory_ids],
        update_conflicts=True,
        unique_fields=["factory"],
        update_fields=["checked_at"],
    )


def is_unchanged(facts: criteria.FactoryFacts, latest: Evaluation | None) -> bool:
    """True when evaluating would write nothing: the same data under the same rules, or no
    finalised data at all yet."""
    if latest is None:
        return not facts.assessments and not facts.progress_reports
    return latest.rule_version == criteria.RULE_VERSION and latest.fingerprint == (
        criteria.fingerprint(facts, criteria.RULE_VERSION)
    )


def evaluate_loaded(
    *,
    factory: Factory,
    facts: criteria.FactoryFacts,
    latest: Evaluation | None,
    new_evidence: criteria.NewEvidence | None,
    trigger: str = "",
) -> EvaluationRun:
    """The body of `factory_evaluate` once the factory is locked and its facts are loaded.

    Shared with differentiation.evaluation.batch, which loads the facts of many factories at once. The
    caller holds the transaction and the factory's row lock.
    """
    if is_unchanged(facts, latest):
        return EvaluationRun(None, factory.stage)
    outcome = criteria.evaluate(facts)
    decision = criteria.next_stage(criteria.Stage(factory.stage), outcome, new_evidence)
    evaluation = new_evaluation(factory, facts, outcome, decision, trigger)
    evaluation.save()
    stage_before = factory.stage
    stage_transition(
        factory=factory,
        to_stage=decision.stage.value,
        event=EVALUATED,
        actor=None,
        evaluation=evaluation,
        reason=" ".join(r.text for r in decision.reasons)[:2000],
    )
    pending = factory.approval_requests.pending()
    if decision.request is not None:
        supersede_pending(factory)
        ApprovalRequest.objects.create(
            factory=factory,
            kind=decision.request.value,
            evaluation=evaluation,
            triggered_by_assessment_id=outcome.assessment_ids[-1]
            if outcome.assessment_ids
            else None,
        )
    elif decision.stage.value in (Stage.ELIGIBLE, Stage.UNDER_REVIEW):
        # The stage stands: a pending request rests on the newest evaluation.
        pending.update(evaluation=evaluation)
    else:
        supersede_pending(factory)
    if decision.stage == criteria.Stage.CANDIDATE and stage_before != Stage.CANDIDATE:
        signals.became_candidate.send(sender=Factory, factory_id=factory.pk)
    if stage_before == decision.stage.value:  # a stage change refreshed it with the factory
        refresh_summary(
            [factory.pk],
            results={factory.pk: (results_of(evaluation.outcome), evaluation.created_at)},
        )
    return EvaluationRun(evaluation, decision.stage.value)
