"""Thin Celery tasks: ids in, one service call, safe to run twice."""

from __future__ import annotations

import logging

from celery import Task, shared_task
from django.db import OperationalError

from betterwork.core.tasks import enqueue_on_commit
from differentiation.evaluation import (
    factories_evaluate,
    factories_needing_evaluation,
    factory_evaluate,
)
from differentiation.notes import (
    candidate_notify,
    formal_note_failure_record,
    formal_note_issue,
    undelivered_note_decisions,
)

log = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
    acks_late=True,
)
def evaluate_factory(factory_id: int, trigger: str = "") -> str:
    run = factory_evaluate(factory_id=factory_id, trigger=trigger)
    return run.stage


@shared_task
def sweep_unevaluated() -> int:
    """Evaluate every factory whose latest finalised data has no evaluation yet."""
    pending = factories_needing_evaluation()
    # A failing factory is logged there and left for the next sweep; the others go on.
    factories_evaluate(pending, trigger="sweep", note_unchanged=True)
    return len(pending)


NOTE_RETRIES = 5


@shared_task(bind=True, max_retries=NOTE_RETRIES, acks_late=True)
def issue_formal_note(self: Task, decision_id: int) -> int:
    """Issue and e-mail the note; any failure is logged, kept on the decision for the PM to
    see, and retried with a growing delay (1, 2, 4 ... minutes)."""
    try:
        return formal_note_issue(decision_id=decision_id).pk
    except Exception as exc:
        attempt = self.request.retries + 1
        log.exception("Formal note of decision %s failed (attempt %s).", decision_id, attempt)
        formal_note_failure_record(
            decision_id=decision_id, error=f"Attempt {attempt}: {type(exc).__name__}: {exc}"
        )
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


@shared_task
def sweep_undelivered_notes() -> int:
    """Queue again the formal note of every approved grant whose note is not delivered after
    the grace period (lost with the broker, or out of retries). Issuing is idempotent: a note
    is issued once and e-mailed once, however often it is queued."""
    decision_ids = undelivered_note_decisions()
    for decision_id in decision_ids:
        log.warning("Formal note of decision %s not delivered; queued again.", decision_id)
        enqueue_on_commit(issue_formal_note, decision_id)
    return len(decision_ids)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=2, max_retries=3)
def notify_candidate(factory_id: int) -> None:
    candidate_notify(factory_id=factory_id)
