"""Thin Celery tasks: ids in, one service call, safe to run twice."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

log = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(OperationalError,),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
    acks_late=True,
)
def evaluate_factory(factory_id: int, trigger: str = "") -> str:
    from differentiation.services import factory_evaluate

    run = factory_evaluate(factory_id=factory_id, trigger=trigger)
    return run.stage


@shared_task
def sweep_unevaluated() -> int:
    """Evaluate every factory whose latest finalised data has no evaluation yet."""
    from differentiation.batch import factories_evaluate
    from differentiation.services import factories_needing_evaluation

    pending = factories_needing_evaluation()
    # A failing factory is logged there and left for the next sweep; the others go on.
    factories_evaluate(pending, trigger="sweep", note_unchanged=True)
    return len(pending)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=2, max_retries=5, acks_late=True)
def issue_formal_note(decision_id: int) -> int:
    from differentiation.notes import formal_note_issue

    return formal_note_issue(decision_id=decision_id).pk


@shared_task(autoretry_for=(OperationalError,), retry_backoff=2, max_retries=3)
def notify_candidate(factory_id: int) -> None:
    from differentiation.notes import candidate_notify

    candidate_notify(factory_id=factory_id)
