"""A real Celery worker on Redis for integration tests, bound to the test database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from betterwork.celery import app

ROOT = Path(__file__).resolve().parent.parent


def test_database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@contextmanager
def celery_worker(
    *, extra_env: dict[str, str] | None = None, redis_url: str | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Start `celery worker` on a private queue; the publisher in this process sends there.

    `redis_url` points worker and publisher at another Redis (the fault tests run their own).
    """
    queue = f"test-{uuid.uuid4().hex[:10]}"
    redis_url = redis_url or settings.REDIS_URL
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "DJANGO_DEBUG": "1",
        **(extra_env or {}),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "betterwork",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    previous = (app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    app.conf.broker_url = redis_url
    reset_broker_connections()
    try:
        yield process
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url = previous
        reset_broker_connections()
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def reset_broker_connections() -> None:
    """Forget the publisher's pooled broker connections, so a new broker_url takes effect."""
    from kombu import pools

    pools.reset()  # kombu keeps the pools per connection, process-wide
    app._pool = None
    app.amqp._producer_pool = None


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.1) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
