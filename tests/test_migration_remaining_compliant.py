"""The data migration 0006: before it, a question left blank in a finalised assessment counted
as compliant. It records that, truthfully, as one bulk act per assessment by its finaliser at its
finalisation time; drafts are left to be answered; the reverse removes exactly what it wrote."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import services
from assessments.models import Assessment, BulkAnswer, Finding, Question
from tests import makers

migration = importlib.import_module("assessments.migrations.0006_remaining_compliant_history")
FINALISED_AT = datetime.datetime(2024, 3, 20, 9, 30, tzinfo=datetime.UTC)


def _as_before_the_migration(assessment: Assessment, *, finalised_by) -> Assessment:
    """A finalised assessment as the old code left it: finalised with blanks."""
    Assessment.objects.filter(pk=assessment.pk).update(
        status="finalised", finalised_by=finalised_by, finalised_at=FINALISED_AT
    )
    assessment.refresh_from_db()
    return assessment


def test_it_records_the_blank_answers_of_finalised_assessments_as_explicit_bulk_acts(cast):
    total = Question.objects.count()
    old = _as_before_the_migration(
        makers.make_assessment(
            cast.factory,
            by=cast.ea,
            finalise=False,
            findings=[
                services.FindingInput(question="CL-1.1", non_compliant=True, note="minors"),
                services.FindingInput(question="CL-1.2", non_compliant=False),
                services.FindingInput(question="CL-1.3", non_compliant=False, not_applicable=True),
            ],
        ),
        finalised_by=cast.pm,
    )
    nobody = _as_before_the_migration(
        makers.make_assessment(cast.other_factory, by=cast.ea, finalise=False),
        finalised_by=None,
    )
    draft = makers.make_assessment(
        cast.factory,
        by=cast.ea,
        cycle=2,
        visit_date=datetime.date(2025, 3, 1),
        finalise=False,
        findings=[services.FindingInput(question="CL-1.1")],
    )
    complete = makers.make_assessment(
        cast.factory, by=cast.ea, cycle=3, visit_date=datetime.date(2025, 9, 1)
    )
    acts_before = set(BulkAnswer.objects.values_list("pk", flat=True))  # `complete`'s own act

    migration.record_remaining_compliant(apps, None)

    new = BulkAnswer.objects.exclude(pk__in=acts_before)
    assert new.count() == 2  # the draft and the complete assessment get none
    act = new.get(assessment=old)
    assert (act.actor, act.at, act.count, act.context, act.cluster) == (
        cast.pm,
        FINALISED_AT,
        total - 3,
        "migration",
        None,
    )
    assert new.get(assessment=nobody).actor == cast.ea  # no finaliser kept: its author
    answers = {f.question.code: f for f in old.findings.select_related("question")}
    assert len(answers) == total
    assert (answers["CL-1.1"].non_compliant, answers["CL-1.1"].note) == (True, "minors")
    assert answers["CL-1.1"].bulk_id is None and answers["CL-1.2"].bulk_id is None
    assert answers["CL-1.3"].not_applicable
    set_by_act = [f for f in answers.values() if f.bulk_id == act.pk]
    assert len(set_by_act) == total - 3
    assert not any(f.non_compliant or f.not_applicable for f in set_by_act)
    assert draft.findings.count() == 1
    assert complete.findings.count() == total

    # Run twice: nothing is left blank, nothing more is written.
    migration.record_remaining_compliant(apps, None)
    assert BulkAnswer.objects.exclude(pk__in=acts_before).count() == 2

    migration.forget_remaining_compliant(apps, None)
    assert set(BulkAnswer.objects.values_list("pk", flat=True)) == acts_before
    assert old.findings.count() == 3
    assert complete.findings.count() == total  # an act of the portal itself is kept


@pytest.mark.parametrize("assessments", [2, 6])
def test_it_reads_and_writes_in_a_few_statements_whatever_the_number_of_assessments(
    cast, assessments
):
    for index in range(assessments):
        _as_before_the_migration(
            makers.make_assessment(
                makers.make_factory(),
                by=cast.ea,
                finalise=False,
                visit_date=datetime.date(2024, 1, 1 + index),
            ),
            finalised_by=cast.ea,
        )
    with CaptureQueriesContext(connection) as queries:
        migration.record_remaining_compliant(apps, None)
    statements = [q["sql"] for q in queries.captured_queries]
    # The answers go in bulk, in as many batches as the database takes; everything else is
    # a fixed handful of statements, not one per assessment.
    others = [s for s in statements if not s.startswith('INSERT INTO "assessments_finding"')]
    assert len(others) <= 6, others
    assert Finding.objects.count() == assessments * Question.objects.count()
    assert timezone.is_aware(BulkAnswer.objects.first().at)
