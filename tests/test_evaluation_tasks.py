"""Background evaluation: queued on commit, idempotent, bounded retries, and the sweep."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import OperationalError

from assessments import services as assessment_services
from differentiation import tasks
from differentiation.evaluation import factories_needing_evaluation
from differentiation.models import ApprovalRequest, Evaluation
from factories.vocabulary import Stage
from tests import makers


def _candidate(cast) -> None:  # type: ignore[no-untyped-def]
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=datetime.date(2024, 3, 12))
    makers.make_report(cast.factory, by=cast.ea, cycle=1, release_date=datetime.date(2024, 11, 20))
    assert tasks.evaluate_factory.run(cast.factory.pk, "candidate") == Stage.CANDIDATE


def test_it_queues_the_evaluation_only_when_the_finalise_commits(
    cast, django_capture_on_commit_callbacks
) -> None:
    assessment = makers.make_assessment(cast.factory, by=cast.ea, finalise=False)
    with mock.patch.object(tasks.evaluate_factory, "apply_async") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assessment_services.assessment_finalise(
                assessment=assessment, actor=cast.ea, remaining_compliant=True
            )
        send.assert_not_called()  # nothing leaves before the commit
        for callback in callbacks:
            callback()
    send.assert_called_once_with(args=(cast.factory.pk, f"assessment:{assessment.pk}"))


def test_it_evaluates_in_process_after_commit_without_redis(
    cast, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        makers.make_assessment(cast.factory, by=cast.ea, visit_date=datetime.date(2024, 3, 12))
    assert Evaluation.objects.get(factory=cast.factory).stage_after == Stage.NOT_ON_TRACK
    with django_capture_on_commit_callbacks(execute=True):
        makers.make_report(cast.factory, by=cast.ea, release_date=datetime.date(2024, 11, 20))
    cast.factory.refresh_from_db()
    assert cast.factory.stage == Stage.CANDIDATE
    assert Evaluation.objects.filter(factory=cast.factory).count() == 2


def test_it_changes_nothing_and_queues_nothing_when_run_twice(cast) -> None:
    _candidate(cast)
    makers.make_assessment(cast.factory, by=cast.ea, cycle=2, visit_date=datetime.date(2025, 3, 1))
    assert tasks.evaluate_factory.run(cast.factory.pk, "first") == Stage.ELIGIBLE
    evaluations = Evaluation.objects.count()
    with (
        mock.patch.object(tasks.issue_formal_note, "apply_async") as note,
        mock.patch.object(tasks.notify_candidate, "apply_async") as notice,
    ):
        assert tasks.evaluate_factory.run(cast.factory.pk, "second") == Stage.ELIGIBLE
    assert Evaluation.objects.count() == evaluations
    assert ApprovalRequest.objects.filter(factory=cast.factory).count() == 1
    note.assert_not_called()
    notice.assert_not_called()


def test_it_retries_a_bounded_number_of_times_on_database_errors() -> None:
    assert tasks.evaluate_factory.max_retries == 5
    assert OperationalError in tasks.evaluate_factory.autoretry_for


def test_it_survives_a_broker_outage_and_the_sweep_catches_up(
    cast, django_capture_on_commit_callbacks, caplog
) -> None:
    """Finalising succeeds with the broker down; the sweep evaluates what was never queued."""
    assessment = makers.make_assessment(cast.factory, by=cast.ea, finalise=False)
    with (
        mock.patch.object(
            tasks.evaluate_factory, "apply_async", side_effect=ConnectionError("broker down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assessment_services.assessment_finalise(
            assessment=assessment, actor=cast.ea, remaining_compliant=True
        )
    assert "the sweep will pick it up" in caplog.text
    assert not Evaluation.objects.filter(factory=cast.factory).exists()
    assert factories_needing_evaluation() == [cast.factory.pk]

    assert tasks.sweep_unevaluated.run() == 1
    assert Evaluation.objects.filter(factory=cast.factory).count() == 1
    assert factories_needing_evaluation() == []
    assert tasks.sweep_unevaluated.run() == 0  # nothing left: the sweep is idempotent too


def test_it_sweeps_a_progress_report_2_but_not_a_pr1(cast) -> None:
    makers.make_assessment(cast.factory, by=cast.ea)
    tasks.sweep_unevaluated.run()
    makers.make_report(cast.factory, by=cast.ea, number=1)
    assert factories_needing_evaluation() == []
    makers.make_report(cast.factory, by=cast.ea, number=2)
    assert factories_needing_evaluation() == [cast.factory.pk]


@pytest.mark.parametrize("reopen_with_same_data", [True])
def test_it_keeps_every_evaluation_and_never_rewrites_one(cast, reopen_with_same_data) -> None:
    _candidate(cast)
    first = Evaluation.objects.filter(factory=cast.factory).order_by("id").first()
    snapshot = (first.outcome, first.inputs, first.stage_after)
    makers.make_assessment(cast.factory, by=cast.ea, cycle=2, visit_date=datetime.date(2025, 3, 1))
    tasks.evaluate_factory.run(cast.factory.pk, "b")
    first.refresh_from_db()
    assert (first.outcome, first.inputs, first.stage_after) == snapshot
    assert Evaluation.objects.filter(factory=cast.factory).count() == 2


@pytest.mark.parametrize("evaluated_by", ["task", "sweep"])
def test_it_does_not_sweep_a_factory_finalised_again_without_a_change(cast, evaluated_by) -> None:
    """A reopened assessment finalised again unchanged gives no new evaluation, and then the
    sweep must not keep finding that factory on every run."""
    assessment = makers.make_assessment(cast.factory, by=cast.ea)
    tasks.evaluate_factory.run(cast.factory.pk, "first")
    assert factories_needing_evaluation() == []
    assessment_services.assessment_reopen(assessment=assessment, actor=cast.pm, reason="typo")
    assessment_services.assessment_finalise(assessment=assessment, actor=cast.ea)
    assert factories_needing_evaluation() == [cast.factory.pk]
    if evaluated_by == "task":
        tasks.evaluate_factory.run(cast.factory.pk, "again")
    else:
        assert tasks.sweep_unevaluated.run() == 1
    assert Evaluation.objects.filter(factory=cast.factory).count() == 1  # nothing changed
    assert factories_needing_evaluation() == []
    assert tasks.sweep_unevaluated.run() == 0
    # A real change later is found again.
    makers.make_report(cast.factory, by=cast.ea)
    assert factories_needing_evaluation() == [cast.factory.pk]
