"""With Redis stopped, finalising still succeeds; once Redis is back the sweep evaluates, once."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest

from assessments.models import Assessment
from betterwork.celery import app
from betterwork.tooling.workers import celery_worker, reset_broker_connections, wait_for
from differentiation import tasks
from differentiation.evaluation import factories_needing_evaluation
from differentiation.models import Evaluation
from tests import makers
from tests.conftest import needs_postgres, needs_redis
from tests.faults.redis_server import PrivateRedis

pytestmark = pytest.mark.redis


@pytest.fixture
def private_redis() -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_it_finalises_with_redis_down_and_evaluates_once_it_is_back(
    transactional_db: Any, cast: Any, private_redis: PrivateRedis, caplog: Any
) -> None:
    needs_postgres()
    needs_redis()
    private_redis.stop()  # the broker is down
    previous = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = private_redis.url
    reset_broker_connections()
    try:
        assessment = makers.make_assessment(
            cast.factory, by=cast.ea, visit_date=datetime.date(2024, 3, 12)
        )  # finalised through the service: it returns although nothing could be queued
    finally:
        app.conf.task_always_eager, app.conf.broker_url = previous
        reset_broker_connections()
    assert Assessment.objects.get(pk=assessment.pk).is_finalised
    assert "the sweep will pick it up" in caplog.text
    assert not Evaluation.objects.filter(factory=cast.factory).exists()
    assert factories_needing_evaluation() == [cast.factory.pk]

    private_redis.start()  # the broker is back: the periodic sweep goes through it
    with celery_worker(redis_url=private_redis.url) as worker:
        tasks.sweep_unevaluated.apply_async()
        if not wait_for(lambda: Evaluation.objects.filter(factory=cast.factory).exists()):
            worker.terminate()
            output = worker.stdout.read().decode() if worker.stdout else ""
            pytest.fail(f"The sweep did not evaluate within 30 s:\n{output[-3000:]}")
    assert tasks.sweep_unevaluated.run() == 0  # a second sweep finds nothing left to do
    evaluation = Evaluation.objects.get(factory=cast.factory)  # exactly one
    assert evaluation.trigger == "sweep"
