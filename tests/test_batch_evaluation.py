"""Evaluating many factories at once (differentiation.evaluation.batch) and the loader it reads through."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from assessments.models import Assessment, Question
from assessments.services import FindingInput
from differentiation import criteria
from differentiation.evaluation import (
    factories_evaluate,
    factories_needing_evaluation,
    factory_evaluate,
    load_evidence,
    load_facts,
)
from differentiation.models import ApprovalRequest, Evaluation, StageChange
from factories.models import Factory, SupplierSummary
from factories.vocabulary import Stage
from tests import makers

MARCH_2024 = datetime.date(2024, 3, 12)


def _questions() -> tuple[str, str]:
    """A publicly reported question and one that is neither public nor zero tolerance."""
    public = Question.objects.filter(publicly_reported=True).values_list("code", flat=True)[0]
    plain = Question.objects.filter(publicly_reported=False, zero_tolerance=False)
    return public, plain.values_list("code", flat=True)[0]


def _programme(cast: Any) -> list[Factory]:
    """Factories in every state the loader must tell apart."""
    public, plain = _questions()
    # Two cycles, all on track: eligible after cycle 2.
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=MARCH_2024)
    makers.make_report(cast.factory, by=cast.ea, cycle=1, release_date=datetime.date(2024, 11, 2))
    factory_evaluate(
        factory_id=cast.factory.pk
    )  # a candidate: cycle 2 asks the additional questions
    makers.make_assessment(
        cast.factory,
        by=cast.ea,
        cycle=2,
        visit_date=datetime.date(2025, 3, 10),
        additional=makers.all_items_met(),
        findings=[FindingInput(question=plain), FindingInput(public, non_compliant=False)],
    )
    # One cycle with a public non-compliance, a PR1 and a draft.
    makers.make_assessment(cast.other_factory, by=cast.ea, findings=[FindingInput(question=public)])
    makers.make_report(cast.other_factory, by=cast.ea, number=1)
    makers.make_assessment(
        cast.other_factory,
        by=cast.ea,
        cycle=2,
        visit_date=datetime.date(2025, 3, 1),
        finalise=False,
    )
    # Nothing finalised.
    empty = makers.make_factory("Sylhet Sweaters Ltd")
    return [cast.factory, cast.other_factory, empty]


def test_it_loads_the_rows_the_facts_are_made_of(cast: Any) -> None:
    factories = _programme(cast)
    ids = [f.pk for f in factories]
    evidence = load_evidence(ids)
    facts = load_facts(ids)
    assert set(evidence) == set(facts) == set(ids)
    for pk in ids:
        rows = sorted(evidence[pk])
        assert rows == criteria.evidence_rows(facts[pk])
        assert criteria.rows_fingerprint(rows) == criteria.fingerprint(facts[pk])
    kinds = {pk: sorted({row[0] for row in evidence[pk]}) for pk in ids}
    assert kinds[cast.factory.pk] == ["a", "e", "f", "p", "r", "x"]
    assert kinds[cast.other_factory.pk] == ["a", "e", "f"]  # no PR1, no draft
    assert evidence[factories[2].pk] == []
    # Of the findings only the non-compliant ones are read.
    assert all(row[6] for pk in ids for row in evidence[pk] if row[0] == "f")
    assert len([row for row in evidence[cast.factory.pk] if row[0] == "f"]) == 1


def test_it_evaluates_like_one_factory_at_a_time(cast: Any) -> None:
    factories = _programme(cast)
    ids = [f.pk for f in factories]
    result = factories_evaluate(ids, trigger="test")
    assert result.failed == {}
    assert result.new == 2  # the empty factory has nothing to evaluate
    assert {pk: run.stage for pk, run in result.runs.items()} == {
        cast.factory.pk: Stage.ELIGIBLE,
        cast.other_factory.pk: Stage.NOT_ON_TRACK,
        factories[2].pk: Stage.NOT_ON_TRACK,
    }
    # The single-factory path finds the batch's evaluations current: same fingerprints.
    for pk in ids:
        assert factory_evaluate(factory_id=pk, trigger="test").evaluation is None
    evaluation = Evaluation.objects.filter(factory=cast.factory).latest("created_at", "id")
    facts = load_facts([cast.factory.pk])[cast.factory.pk]
    assert evaluation.inputs == criteria.facts_to_json(facts)
    assert evaluation.trigger == "test"


def test_it_finds_the_single_factory_paths_evaluations_current(cast: Any) -> None:
    factories = _programme(cast)
    for factory in factories:
        factory_evaluate(factory_id=factory.pk)
    again = factories_evaluate([f.pk for f in factories])
    assert again.new == 0 and again.failed == {}
    # New finalised data is seen: a PR2 for the other factory.
    makers.make_report(cast.other_factory, by=cast.ea, release_date=datetime.date(2024, 11, 20))
    after = factories_evaluate([f.pk for f in factories])
    assert after.new == 1
    assert after.runs[cast.other_factory.pk].evaluation is not None


@pytest.mark.parametrize("batch_size", [1, 2, 1000])
def test_it_reports_progress_per_factory_over_any_batch_size(cast: Any, batch_size: int) -> None:
    factories = _programme(cast)
    done: list[int] = []
    result = factories_evaluate(
        [f.pk for f in factories], batch_size=batch_size, progress=done.append
    )
    assert done == [1, 1, 1]
    assert result.new == 2


def test_its_queries_do_not_grow_with_the_factories(cast: Any) -> None:
    few = [f.pk for f in _programme(cast)]
    many = list(few)
    for n in range(5):
        factory = makers.make_factory(f"Extra Factory {n}")
        makers.make_assessment(factory, by=cast.ea)
        many.append(factory.pk)
    factories_evaluate(many)

    def queries(ids: list[int]) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert factories_evaluate(ids).new == 0
        return len(captured)

    # A savepoint, the lock, six reads, the latest evaluations, the last decisions, the release.
    assert queries(few) == queries(many) == 11


def test_it_leaves_out_children_of_a_report_finalised_while_it_reads(cast: Any) -> None:
    """A PR2 finalised between the read of the reports and of their ratings is not half-read."""
    from assessments.models import ProgressReport

    makers.make_assessment(cast.factory, by=cast.ea)
    makers.make_report(cast.factory, by=cast.ea, release_date=datetime.date(2024, 11, 20))
    draft = makers.make_report(
        cast.factory, by=cast.ea, cycle=2, release_date=datetime.date(2025, 11, 20), finalise=False
    )
    table = ProgressReport._meta.db_table
    done: list[bool] = []

    def finalise_before_the_ratings(
        execute: Any, sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if "progressrating" in sql and not done:
            done.append(True)
            execute(
                f"UPDATE {table} SET status = 'finalised' WHERE id = %s", [draft.pk], False, context
            )
        return execute(sql, params, many, context)

    with connection.execute_wrapper(finalise_before_the_ratings):
        evidence = load_evidence([cast.factory.pk])
    assert done == [True]
    rows = evidence[cast.factory.pk]
    reports = {row[1] for row in rows if row[0] == "p"}
    assert draft.pk not in reports and len(reports) == 1
    assert {row[1] for row in rows if row[0] == "r"} == reports  # no orphan ratings
    # Read again, the report is there with its ratings.
    again = load_evidence([cast.factory.pk])[cast.factory.pk]
    assert draft.pk in {row[1] for row in again if row[0] == "r"}


def _written(ids: list[int]) -> dict[str, Any]:
    """What an evaluation writes, without ids and times."""
    return {
        "factories": list(
            Factory.objects.filter(pk__in=ids).order_by("pk").values_list("pk", "stage")
        ),
        "evaluations": list(
            Evaluation.objects.filter(factory_id__in=ids)
            .order_by("factory_id", "id")
            .values_list(
                "factory_id",
                "rule_version",
                "fingerprint",
                "inputs",
                "outcome",
                "all_met",
                "prequalified",
                "stage_before",
                "stage_after",
                "trigger",
            )
        ),
        "stage_changes": list(
            StageChange.objects.filter(factory_id__in=ids)
            .order_by("factory_id", "id")
            .values_list("factory_id", "from_stage", "to_stage", "event", "reason")
        ),
        "requests": list(
            ApprovalRequest.objects.filter(factory_id__in=ids)
            .order_by("factory_id", "id")
            .values_list("factory_id", "kind", "status", "triggered_by_assessment_id")
        ),
        "drafts": list(
            Assessment.objects.filter(factory_id__in=ids)
            .order_by("pk")
            .values_list("pk", "includes_additional_questions")
        ),
        "summaries": list(
            SupplierSummary.objects.filter(factory_id__in=ids)
            .order_by("pk")
            .values_list("factory_id", "buyer_stage", "results")
        ),
    }


def test_the_bulk_write_writes_what_one_factory_at_a_time_writes(cast: Any) -> None:
    factories = _programme(cast)
    # A new candidate, whose draft of the next cycle is marked for the additional questions.
    candidate = makers.make_factory("Narayanganj Knits Ltd")
    makers.make_assessment(candidate, by=cast.ea, cycle=1, visit_date=MARCH_2024)
    makers.make_report(candidate, by=cast.ea, cycle=1, release_date=datetime.date(2024, 11, 2))
    makers.make_assessment(candidate, by=cast.ea, cycle=2, finalise=False)
    ids = [f.pk for f in factories] + [candidate.pk]
    with transaction.atomic():
        for pk in ids:
            factory_evaluate(factory_id=pk, trigger="test")
        one_by_one = _written(ids)
        transaction.set_rollback(True)
    result = factories_evaluate(ids, trigger="test")
    assert result.failed == {} and result.new == 3
    assert _written(ids) == one_by_one
    assert Assessment.objects.drafts().get(factory=candidate).includes_additional_questions
    assert ApprovalRequest.objects.filter(factory=cast.factory, status="pending").exists()


def test_a_first_evaluation_writes_in_a_flat_number_of_queries(cast: Any) -> None:
    def programme(n: int) -> list[int]:
        ids = []
        for i in range(n):
            factory = makers.make_factory(f"Flat {n} {i}")
            makers.make_assessment(factory, by=cast.ea)
            ids.append(factory.pk)
        return ids

    counts = []
    for n in (2, 7):
        ids = programme(n)
        with CaptureQueriesContext(connection) as captured:
            assert factories_evaluate(ids).new == n
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_sweeps_query_is_set_based(cast: Any) -> None:
    """Six grouped reads, whatever the number of factories; the same answer as before."""
    factories = _programme(cast)
    counts = []
    for extra in (0, 4):
        for n in range(extra):
            factory = makers.make_factory(f"Swept Factory {n}")
            makers.make_assessment(factory, by=cast.ea)
        with CaptureQueriesContext(connection) as captured:
            pending = factories_needing_evaluation()
        counts.append(len(captured))
    assert counts == [6, 6]
    assert cast.factory.pk in pending and cast.other_factory.pk in pending
    assert factories[2].pk not in pending  # nothing finalised
    factories_evaluate(pending)
    assert factories_needing_evaluation() == []
