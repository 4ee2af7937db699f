"""Integration: a real Celery worker on Redis evaluates a finalised assessment."""

from __future__ import annotations

import datetime

import pytest

from assessments import services as assessment_services
from betterwork.tooling.workers import celery_worker, wait_for
from differentiation.models import Evaluation
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import needs_postgres, needs_redis

pytestmark = pytest.mark.redis


def test_it_evaluates_a_finalised_assessment_in_a_real_worker(transactional_db, cast) -> None:
    needs_postgres()
    needs_redis()
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=datetime.date(2024, 3, 12))
    report = makers.make_report(
        cast.factory, by=cast.ea, cycle=1, release_date=datetime.date(2024, 11, 20), finalise=False
    )
    before = Evaluation.objects.filter(factory=cast.factory).count()
    with celery_worker() as worker:
        assessment_services.progress_report_finalise(report=report, actor=cast.ea)
        evaluated = wait_for(
            lambda: Evaluation.objects.filter(factory=cast.factory).count() > before
        )
        if not evaluated:
            worker.terminate()
            output = worker.stdout.read().decode() if worker.stdout else ""
            pytest.fail(f"The worker did not evaluate within 30 s:\n{output[-3000:]}")
    assert Factory.objects.get(pk=cast.factory.pk).stage == Stage.CANDIDATE
    evaluation = Evaluation.objects.filter(factory=cast.factory).latest()
    assert evaluation.trigger == f"progress_report:{report.pk}"
