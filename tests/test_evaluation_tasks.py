"""Background evaluation: queued on commit, idempotent, bounded retries, and the sweep."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from assessments import services as assessment_services
from differentiation import tasks
from differentiation.evaluation import factories_needing_evaluation
from differentiation.models import ApprovalRequest, Decision, Evaluation, FormalNote
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers
from tests.buyer_portal.buyer_helpers import make_high_performing


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


# --- formal notes lost with the broker: the note sweep ----------------------------------------


def _approved_long_ago(cast, *, minutes: int = 11):  # type: ignore[no-untyped-def]
    decision = make_high_performing(cast)  # the note's task waits for a commit that never comes
    assert not FormalNote.objects.filter(decision=decision).exists()
    Decision.objects.filter(pk=decision.pk).update(
        decided_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )
    return decision


def test_it_sweeps_a_formal_note_lost_with_the_broker_once(
    cast, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    decision = _approved_long_ago(cast, minutes=9)
    assert tasks.sweep_undelivered_notes.run() == 0  # within the grace: the task may still run
    Decision.objects.filter(pk=decision.pk).update(
        decided_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_undelivered_notes.run() == 1
    note = FormalNote.objects.get(decision=decision)
    # The factory's users and the buyers' users each get theirs (one a language), sent once.
    sent = len(mailoutbox)
    assert note.emailed_at is not None and sent >= 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_undelivered_notes.run() == 0  # delivered: nothing left
    assert FormalNote.objects.filter(decision=decision).count() == 1 and len(mailoutbox) == sent


def test_it_sweeps_a_note_issued_but_not_emailed(
    cast, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    decision = _approved_long_ago(cast)
    note = makers.FormalNoteMaker(factory=cast.factory, decision=decision, buyers=[cast.buyer])
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_undelivered_notes.run() == 1
    note.refresh_from_db()
    assert note.emailed_at is not None and len(mailoutbox) >= 1


def test_it_sends_no_late_note_for_a_status_withdrawn_since(cast) -> None:
    _approved_long_ago(cast)
    Factory.objects.filter(pk=cast.factory.pk).update(stage=Stage.NOT_ON_TRACK)
    with mock.patch.object(tasks.issue_formal_note, "apply_async") as send:
        assert tasks.sweep_undelivered_notes.run() == 0
    send.assert_not_called()


def test_it_schedules_the_note_sweep_next_to_the_evaluation_sweep(settings) -> None:
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["evaluation-sweep"]["task"] == "differentiation.tasks.sweep_unevaluated"
    assert schedule["note-sweep"] == {
        "task": "differentiation.tasks.sweep_undelivered_notes",
        "schedule": 900,
    }
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'betterwork.settings';"
        "from django.conf import settings;"
        "print(settings.CELERY_BEAT_SCHEDULE['note-sweep']['schedule'])"
    )
    env = {**os.environ, "NOTE_SWEEP_SECONDS": "60", "DJANGO_DEBUG": "1"}
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
    )
    assert out.stdout.strip() == "60", out.stderr


# --- manage.py evaluate notes unchanged factories as checked, as the sweep does -------------


@pytest.mark.parametrize("option", [["--all"], ["--factory", "FACTORY"]])
def test_the_evaluate_command_notes_factories_found_unchanged(cast, option) -> None:
    """Otherwise the sweep would evaluate again, on every run, every factory the command had
    just found unchanged (a reopened assessment finalised again without a change)."""
    from django.core.management import call_command

    assessment = makers.make_assessment(cast.factory, by=cast.ea)
    tasks.evaluate_factory.run(cast.factory.pk, "first")
    assessment_services.assessment_reopen(assessment=assessment, actor=cast.pm, reason="typo")
    assessment_services.assessment_finalise(assessment=assessment, actor=cast.ea)
    assert factories_needing_evaluation() == [cast.factory.pk]
    args = [str(cast.factory.pk) if a == "FACTORY" else a for a in option]
    call_command("evaluate", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert Evaluation.objects.filter(factory=cast.factory).count() == 1  # nothing changed
    assert factories_needing_evaluation() == []
    assert tasks.sweep_unevaluated.run() == 0
