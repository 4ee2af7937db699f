"""Every writer that locks a factory and one of its records locks the FACTORY first, as the
evaluation does (PostgreSQL): the other order could deadlock with an evaluation running.

Proof: while another session holds the factory's row, the writer waits, and the record it
writes is still free (NOWAIT succeeds): it never took the record before the factory.
"""

from __future__ import annotations

import datetime
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from assessments import services
from assessments.models import Assessment, ProgressReport
from factories.models import Factory
from tests import makers
from tests.conftest import needs_postgres
from tests.pg_sessions import separate_session, someone_waits_on_a_lock

pytestmark = pytest.mark.postgres


def _locks_the_factory_first(
    factory: Factory, table: str, pk: int, write: Callable[[], Any]
) -> None:
    holder, probe, monitor = separate_session(), separate_session(), separate_session()
    monitor.autocommit = True
    failures: list[BaseException] = []

    def run() -> None:
        try:
            write()
        except BaseException as error:  # reported to the test below
            failures.append(error)
        finally:
            connection.close()

    try:
        with holder.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {Factory._meta.db_table} WHERE id = %s FOR UPDATE", [factory.pk]
            )
        writer = threading.Thread(target=run)
        writer.start()
        deadline = time.monotonic() + 10
        while not someone_waits_on_a_lock(monitor):
            assert time.monotonic() < deadline, "the writer never waited for the factory"
            time.sleep(0.02)
        with probe.cursor() as cursor:  # raises LockNotAvailable if the record were taken
            cursor.execute(f"SELECT id FROM {table} WHERE id = %s FOR UPDATE NOWAIT", [pk])
        probe.rollback()
        holder.rollback()
        writer.join(timeout=20)
        assert not writer.is_alive()
        assert not failures, failures
    finally:
        for session in (holder, probe, monitor):
            session.close()


@pytest.fixture
def staff(transactional_db: Any, cast: Any) -> Any:
    needs_postgres()
    return cast


def test_finalising_an_assessment_locks_the_factory_first(staff: Any) -> None:
    draft = makers.make_assessment(staff.factory, by=staff.ea, finalise=False)
    _locks_the_factory_first(
        staff.factory,
        Assessment._meta.db_table,
        draft.pk,
        lambda: services.assessment_finalise(
            assessment=draft, actor=staff.ea, remaining_compliant=True
        ),
    )
    assert Assessment.objects.get(pk=draft.pk).is_finalised


def test_reopening_an_assessment_locks_the_factory_first(staff: Any) -> None:
    final = makers.make_assessment(staff.factory, by=staff.ea)
    _locks_the_factory_first(
        staff.factory,
        Assessment._meta.db_table,
        final.pk,
        lambda: services.assessment_reopen(assessment=final, actor=staff.pm, reason="typo"),
    )
    assert not Assessment.objects.get(pk=final.pk).is_finalised


def test_recording_a_remediation_locks_the_factory_first(staff: Any) -> None:
    final = makers.make_assessment(
        staff.factory, by=staff.ea, findings=[services.FindingInput(question="CL-1.1")]
    )
    _locks_the_factory_first(
        staff.factory,
        Assessment._meta.db_table,
        final.pk,
        lambda: services.finding_remediate(
            assessment=final,
            question_code="CL-1.1",
            actor=staff.ea,
            remediated_on=datetime.date(2024, 5, 2),
            note="Minors removed",
        ),
    )
    assert final.findings.get(question__code="CL-1.1").remediated_on == datetime.date(2024, 5, 2)


def test_finalising_a_progress_report_locks_the_factory_first(staff: Any) -> None:
    report = makers.make_report(staff.factory, by=staff.ea, finalise=False)
    _locks_the_factory_first(
        staff.factory,
        ProgressReport._meta.db_table,
        report.pk,
        lambda: services.progress_report_finalise(report=report, actor=staff.ea),
    )
    assert ProgressReport.objects.get(pk=report.pk).is_finalised
