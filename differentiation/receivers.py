"""New evidence (assessments.signals) queues the factory's evaluation, and a new candidate
(differentiation.signals) its notice, once the transaction commits; connected in
DifferentiationConfig.ready(), once each (dispatch_uid)."""

from __future__ import annotations

from typing import Any

from assessments.signals import record_finalised, remediation_recorded
from betterwork.core.tasks import enqueue_on_commit
from differentiation.signals import became_candidate
from differentiation.tasks import evaluate_factory, notify_candidate


def evaluate_on_commit(sender: type[Any], *, factory_id: int, trigger: str, **kwargs: Any) -> None:
    enqueue_on_commit(evaluate_factory, factory_id, trigger)


def notify_candidate_on_commit(sender: type[Any], *, factory_id: int, **kwargs: Any) -> None:
    enqueue_on_commit(notify_candidate, factory_id)


def connect() -> None:
    record_finalised.connect(evaluate_on_commit, dispatch_uid="differentiation.evaluate_finalised")
    remediation_recorded.connect(
        evaluate_on_commit, dispatch_uid="differentiation.evaluate_remediated"
    )
    became_candidate.connect(
        notify_candidate_on_commit, dispatch_uid="differentiation.notify_candidate"
    )
