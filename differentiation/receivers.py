"""New evidence (assessments.signals) queues the factory's evaluation once the transaction
commits; connected in DifferentiationConfig.ready(), once (dispatch_uid)."""

from __future__ import annotations

from typing import Any

from assessments.signals import record_finalised, remediation_recorded
from betterwork.core.tasks import enqueue_on_commit
from differentiation.tasks import evaluate_factory


def evaluate_on_commit(sender: type[Any], *, factory_id: int, trigger: str, **kwargs: Any) -> None:
    enqueue_on_commit(evaluate_factory, factory_id, trigger)


def connect() -> None:
    record_finalised.connect(evaluate_on_commit, dispatch_uid="differentiation.evaluate_finalised")
    remediation_recorded.connect(
        evaluate_on_commit, dispatch_uid="differentiation.evaluate_remediated"
    )
