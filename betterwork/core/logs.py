"""Quieter logs for commands that run background tasks in-process (evaluate, seed_demo, benchmark)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

# Without REDIS_URL, tasks queued on commit run in-process and Celery logs every one of them at
# INFO ("Task ... succeeded"); kombu warns about the in-memory broker's missing host name.
CHATTY_LOGGERS = {"celery.app.trace": logging.WARNING, "kombu.connection": logging.ERROR}


@contextmanager
def quiet_task_logs() -> Iterator[None]:
    """Silence the per-task chatter of in-process Celery while a command runs, then restore it."""
    saved = {name: logging.getLogger(name).level for name in CHATTY_LOGGERS}
    try:
        for name, level in CHATTY_LOGGERS.items():
            logging.getLogger(name).setLevel(level)
        yield
    finally:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)
