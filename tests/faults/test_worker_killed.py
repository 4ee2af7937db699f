"""A worker killed (SIGKILL) in the middle of an evaluation loses nothing and writes nothing."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest

from assessments import services as assessment_services
from betterwork.tooling.workers import celery_worker, wait_for
from differentiation import tasks
from differentiation.models import Evaluation, StageChange
from factories.models import Factory
from tests import makers
from tests.conftest import needs_postgres, needs_redis
from tests.pg_sessions import separate_session, someone_waits_on_a_lock

pytestmark = pytest.mark.redis


def test_it_loses_nothing_when_a_worker_dies_mid_task(transactional_db: Any, cast: Any) -> None:
    needs_postgres()
    needs_redis()
    assessment = makers.make_assessment(
        cast.factory, by=cast.ea, visit_date=datetime.date(2024, 3, 12), finalise=False
    )
    locker = separate_session()
    monitor = separate_session()
    monitor.autocommit = True
    try:
        with celery_worker() as worker:
            # Hold the factory's row so that the worker's task blocks inside its transaction.
            assessment_services.assessment_finalise(
                assessment=assessment, actor=cast.ea, remaining_compliant=True
            )
            with locker.cursor() as cursor:
                cursor.execute(
                    f"SELECT id FROM {Factory._meta.db_table} WHERE id = %s FOR UPDATE",
                    [cast.factory.pk],
                )
            assert wait_for(lambda: someone_waits_on_a_lock(monitor), timeout=30), (
                "the worker never reached the evaluation"
            )
            worker.kill()  # SIGKILL, mid-task
            worker.wait(timeout=10)
        locker.rollback()  # release the row: the dead worker's transaction can never commit
        time.sleep(0.5)
        assert not Evaluation.objects.filter(factory=cast.factory).exists()
        assert not StageChange.objects.filter(factory=cast.factory).exists()
        assert Factory.objects.get(pk=cast.factory.pk).stage == "not_on_track"

        # A new worker runs the sweep: the evaluation happens, exactly once.
        with celery_worker():
            tasks.sweep_unevaluated.apply_async()
            assert wait_for(lambda: Evaluation.objects.filter(factory=cast.factory).exists())
        # The lost message, redelivered later (acks_late), changes nothing: same data, same
        # fingerprint.
        tasks.evaluate_factory.run(cast.factory.pk, f"assessment:{assessment.pk}")
        assert Evaluation.objects.filter(factory=cast.factory).count() == 1
    finally:
        locker.close()
        monitor.close()
