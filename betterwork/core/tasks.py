"""Enqueueing background work: only after commit, and never failing the request that asked."""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from celery.result import EagerResult
from django.db import transaction

log = logging.getLogger(__name__)


def enqueue_on_commit(task: Task, *args: Any) -> None:
    """Send `task` once the current transaction commits.

    If the broker is down the request still succeeds: the work is logged as not queued and the
    periodic sweep re-drives it from the database, which is the source of truth.
    """

    def send() -> None:
        try:
            result = task.apply_async(args=args)
        except Exception:
            log.warning(
                "Could not queue %s%r; the sweep will pick it up.", task.name, args, exc_info=True
            )
            return
        if isinstance(result, EagerResult) and result.failed():  # in-process: say what failed
            log.error("Task %s%r failed in-process: %s", task.name, args, result.result)

    transaction.on_commit(send)
