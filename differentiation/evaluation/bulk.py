"""Writing a batch's evaluations in bulk: what `one.evaluate_loaded` writes factory by factory
(the evaluation, the stage change and its audit row, the drafts marked for the additional
questions, the approval requests, the summary), with one statement of each kind a batch.

The decisions are the pure rules' (`criteria.evaluate`, `criteria.next_stage`), made for every
factory before anything is written; a factory whose rules fail, or whose transition the stage
machine refuses, is left out and noted as failed, as the per-factory path notes it. The caller
holds the transaction and the factories' row locks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from assessments.models import Assessment
from differentiation import criteria, signals
from differentiation.evaluation.one import EvaluationRun, new_evaluation
from differentiation.evaluation.stages import EVALUATED, transition_allowed
from differentiation.models import ApprovalRequest, Evaluation, StageChange
from differentiation.summaries import results_of
from differentiation.vocabulary import RequestStatus
from factories.models import Factory
from factories.summaries import refresh_summary
from factories.vocabulary import Stage

log = logging.getLogger(__name__)

KEEPS_REQUEST = (Stage.ELIGIBLE, Stage.UNDER_REVIEW)
"""Stages in which a pending request stands and rests on the newest evaluation."""


@dataclass
class Planned:
    factory: Factory
    evaluation: Evaluation
    decision: criteria.StageDecision
    assessment_ids: tuple[int, ...]


def plan(
    factory: Factory,
    rows: list[criteria.EvidenceRow],
    new_evidence: criteria.NewEvidence | None,
    trigger: str,
) -> Planned:
    """The evaluation row and the stage decision of one changed factory (nothing written)."""
    facts = criteria.facts_from_rows(rows)
    outcome = criteria.evaluate(facts)
    decision = criteria.next_stage(criteria.Stage(factory.stage), outcome, new_evidence)
    if not transition_allowed(factory.stage, EVALUATED, decision.stage.value):
        raise ValueError(f"A factory cannot go from {factory.stage} to {decision.stage.value}.")
    evaluation = new_evaluation(factory, facts, outcome, decision, trigger)
    return Planned(factory, evaluation, decision, tuple(outcome.assessment_ids))


def write(planned: list[Planned], on_commit: Callable[[int], None] | None = None) -> None:
    """Write the planned evaluations and everything that follows from them, in bulk."""
    if not planned:
        return
    Evaluation.objects.bulk_create([p.evaluation for p in planned], batch_size=500)
    moved = [p for p in planned if p.decision.stage.value != p.factory.stage]
    _move_stages(moved)
    _requests(planned)
    refresh_summary(
        [p.factory.pk for p in planned],
        results={
            p.factory.pk: (results_of(p.evaluation.outcome), p.evaluation.created_at)
            for p in planned
        },
    )
    for p in moved:
        if p.decision.stage == criteria.Stage.CANDIDATE:
            signals.became_candidate.send(sender=Factory, factory_id=p.factory.pk)


def _move_stages(moved: list[Planned]) -> None:
    """The stage changes and their audit rows; the new candidates' drafts marked for the
    additional questions (as `stages.stage_transition` does one by one)."""
    if not moved:
        return
    now = timezone.now()
    changes = []
    for p in moved:
        before, after = p.factory.stage, p.decision.stage.value
        p.factory.stage = after
        if after == Stage.HIGH_PERFORMING and p.factory.high_performing_since is None:
            p.factory.high_performing_since = now
        changes.append(
            StageChange(
                factory=p.factory,
                from_stage=before,
                to_stage=after,
                event=EVALUATED,
                evaluation=p.evaluation,
                reason=" ".join(r.text for r in p.decision.reasons)[:2000],
            )
        )
    Factory.objects.bulk_update(
        [p.factory for p in moved], ["stage", "high_performing_since"], batch_size=500
    )
    StageChange.objects.bulk_create(changes, batch_size=500)
    candidates = [p.factory.pk for p in moved if p.factory.stage == Stage.CANDIDATE]
    if candidates:
        latest_final = (
            Assessment.objects.finalised()
            .filter(factory_id=OuterRef("factory_id"))
            .order_by("-cycle")
            .values("cycle")[:1]
        )
        Assessment.objects.drafts().filter(factory_id__in=candidates).filter(
            cycle__gt=Coalesce(Subquery(latest_final), Value(0), output_field=IntegerField())
        ).update(includes_additional_questions=True)


def _requests(planned: list[Planned]) -> None:
    """Pending requests superseded, kept (resting on the newest evaluation) or raised."""
    pending = dict(
        ApprovalRequest.objects.pending()
        .filter(factory_id__in=[p.factory.pk for p in planned])
        .values_list("factory_id", "id")
    )
    superseded, kept, raised = [], [], []
    for p in planned:
        request_id = pending.get(p.factory.pk)
        if p.decision.request is not None:
            raised.append(
                ApprovalRequest(
                    factory=p.factory,
                    kind=p.decision.request.value,
                    evaluation=p.evaluation,
                    triggered_by_assessment_id=p.assessment_ids[-1] if p.assessment_ids else None,
                )
            )
        if request_id is None:
            continue
        if p.decision.request is None and p.decision.stage.value in KEEPS_REQUEST:
            kept.append(ApprovalRequest(id=request_id, evaluation=p.evaluation))
        else:
            superseded.append(request_id)
    if superseded:
        ApprovalRequest.objects.filter(pk__in=superseded).update(
            status=RequestStatus.SUPERSEDED, closed_at=timezone.now()
        )
    if kept:
        ApprovalRequest.objects.bulk_update(kept, ["evaluation"], batch_size=500)
    if raised:
        ApprovalRequest.objects.bulk_create(raised, batch_size=500)


__all__ = ["EvaluationRun", "Planned", "plan", "write"]
