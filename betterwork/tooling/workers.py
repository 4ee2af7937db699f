"""THE Celery-worker launcher: a real `celery worker` on Redis, bound to this process's database.

The benchmark and the worker tests both use it. The worker consumes a private queue, and the
publisher in this process is pointed at it (and at the given broker) for the duration.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import connection

from betterwork.celery import app

ROOT = Path(__file__).resolve().parent.parent.parent


def database_url() -> str:
    """The URL of the database this process is connected to (a test database, the bench's)."""
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@contextmanager
def celery_worker(
    *,
    env: Mapping[str, str] | None = None,
    redis_url: str | None = None,
    pool: str = "solo",
    concurrency: int = 1,
    output: IO[bytes] | int = subprocess.PIPE,
    queue_prefix: str = "test",
) -> Iterator[subprocess.Popen[bytes]]:
    """Start `celery worker` on a private queue; the publisher in this process sends there.

    `env` is laid over the development environment the worker gets (the benchmark passes its
    production one); `redis_url` points worker and publisher at another Redis (the fault tests
    run their own); `output` is where the worker's output goes (a pipe unless given a file).
    """
    queue = f"{queue_prefix}-{uuid.uuid4().hex[:10]}"
    redis_url = redis_url or settings.REDIS_URL
    worker_env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "DJANGO_DEBUG": "1",
        **(env or {}),
        "CELERY_TASK_DEFAULT_QUEUE": queue,
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "betterwork",
            "worker",
            f"--pool={pool}",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=worker_env,
        stdout=output,
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
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        _delete_queue(redis_url, queue)


def _delete_queue(redis_url: str, queue: str) -> None:
    try:
        import redis

        redis.Redis.from_url(redis_url).delete(queue)
    except Exception:  # the queue is private and empty: leaving it is harmless
        pass


def reset_broker_connections() -> None:
    """Forget the publisher's pooled broker connections, so a new broker_url takes effect."""
    from kombu import pools

    pools.reset()  # kombu keeps the pools per connection, process-wide
    app._pool = None
    app.amqp._producer_pool = None


def wait_for(
    predicate: Callable[[], object], *, timeout: float = 30.0, interval: float = 0.1
) -> bool:
    """Poll `predicate` until it is true (True) or `timeout` seconds have passed (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
