"""Completeness: nothing is compliant merely because it was left blank.

An assessment is finalised only when every question has an answer (compliant, non-compliant or
not applicable); the EA may record "every question not yet answered is compliant" as one
explicit act, for a cluster or the whole assessment, kept with its author and count.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assessments import services
from assessments.models import Assessment, BulkAnswer, Finding, Question, RecordChange
from betterwork.core.errors import Conflict
from differentiation.criteria.facts import FINDING_ROW
from differentiation.evaluation import load_evidence
from tests import makers
from tests.entry.entry_helpers import draft, fill_elements

NOT_BOTH = "A question is either non-compliant or not applicable, not both."


def _catalogue_order() -> list[str]:
    return list(
        Question.objects.order_by(
            "compliance_point__cluster__order", "compliance_point__order", "order", "code"
        ).values_list("code", flat=True)
    )


def _answer(assessment: Assessment, actor, code: str, **answer) -> None:
    services.finding_record(assessment=assessment, actor=actor, question=code, **answer)


def test_it_refuses_to_finalise_with_unanswered_questions_saying_how_many_and_which(cast):
    assessment = draft(cast)
    fill_elements(assessment, cast.ea)
    order = _catalogue_order()
    for code in order[:4]:
        _answer(assessment, cast.ea, code, non_compliant=False)
    total = len(order)
    with pytest.raises(services.IncompleteAssessment) as refused:
        services.assessment_finalise(assessment=assessment, actor=cast.ea)
    messages = refused.value.message_dict["detail"]
    text = " ".join(messages)
    assert f"{total - 4} of {total} questions are not answered yet" in text
    first_five = order[4:9]
    assert all(code in text for code in first_five)
    assert order[9] not in text  # only the first five are named
    assert Question.objects.get(code=order[4]).text[:30] in text  # with their short text
    assert refused.value.api_detail["unanswered"] == total - 4
    assert [q["question"] for q in refused.value.api_detail["first_unanswered"]] == first_five
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    assert Finding.objects.filter(assessment=assessment).count() == 4


def test_it_names_missing_elements_and_additional_questions_beside_the_questions(cast):
    cast.factory.stage = "candidate"
    cast.factory.save()
    assessment = draft(cast)
    with pytest.raises(services.IncompleteAssessment) as refused:
        services.assessment_finalise(assessment=assessment, actor=cast.ea)
    detail = refused.value.api_detail
    assert detail["unanswered"] == Question.objects.count()
    assert "HR-1" in detail["missing_elements"] and "OSH-7" in detail["missing_elements"]
    assert len(detail["missing_additional_questions"]) == 6


def test_it_sets_exactly_the_unanswered_questions_compliant_and_records_the_act(cast):
    assessment = draft(cast)
    fill_elements(assessment, cast.ea)
    _answer(assessment, cast.ea, "CL-1.2", non_compliant=True, note="payroll")
    _answer(assessment, cast.ea, "CL-1.3", non_compliant=False)
    _answer(assessment, cast.ea, "CL-1.4", non_compliant=None, not_applicable=True)
    total = Question.objects.count()

    services.assessment_finalise(assessment=assessment, actor=cast.ea, remaining_compliant=True)

    assessment.refresh_from_db()
    assert assessment.status == "finalised"
    act = BulkAnswer.objects.get(assessment=assessment)
    assert (act.actor, act.count, act.cluster, act.context) == (
        cast.ea,
        total - 3,
        None,
        "finalise",
    )
    answers = {f.question.code: f for f in assessment.findings.select_related("question")}
    assert len(answers) == total
    # What was answered one by one is untouched; everything else is compliant, in bulk.
    assert (answers["CL-1.2"].non_compliant, answers["CL-1.2"].bulk_id) == (True, None)
    assert (answers["CL-1.3"].non_compliant, answers["CL-1.3"].bulk_id) == (False, None)
    assert (answers["CL-1.4"].not_applicable, answers["CL-1.4"].bulk_id) == (True, None)
    in_bulk = [f for f in answers.values() if f.bulk_id is not None]
    assert len(in_bulk) == total - 3
    assert all(f.bulk_id == act.pk and not f.non_compliant for f in in_bulk)
    change = RecordChange.objects.get(record_id=assessment.pk, target="bulk:all")
    assert (change.after, change.actor) == ({"compliant": total - 3}, cast.ea)


def test_the_bulk_act_is_undone_with_a_refused_finalise(cast):
    assessment = draft(cast)  # no management-system element: finalising is refused
    with pytest.raises(services.IncompleteAssessment) as refused:
        services.assessment_finalise(assessment=assessment, actor=cast.ea, remaining_compliant=True)
    assert refused.value.api_detail["unanswered"] == 0  # the act counted, then rolled back
    assert refused.value.api_detail["missing_elements"]
    assert not BulkAnswer.objects.exists()
    assert not Finding.objects.exists()


def test_it_marks_one_cluster_compliant_and_leaves_the_others_unanswered(cast):
    assessment = draft(cast)
    _answer(assessment, cast.ea, "CL-1.1", non_compliant=True)
    in_cluster = Question.objects.filter(compliance_point__cluster__code="CL").count()

    count = services.assessment_remaining_compliant(
        assessment=assessment, actor=cast.ea, cluster="CL"
    )

    assert count == in_cluster - 1
    act = BulkAnswer.objects.get()
    assert (act.cluster.code, act.count, act.context) == ("CL", in_cluster - 1, "entry")
    codes = set(assessment.findings.values_list("question__code", flat=True))
    assert codes == set(
        Question.objects.filter(compliance_point__cluster__code="CL").values_list("code", flat=True)
    )
    assert assessment.findings.get(question__code="CL-1.1").non_compliant is True
    assert RecordChange.objects.filter(target="bulk:CL").count() == 1
    # Once nothing is left in the cluster, the act sets and records nothing.
    assert (
        services.assessment_remaining_compliant(assessment=assessment, actor=cast.ea, cluster="CL")
        == 0
    )
    assert BulkAnswer.objects.count() == 1


def test_it_refuses_an_unknown_cluster_and_a_finalised_assessment(cast):
    assessment = draft(cast)
    with pytest.raises(ValidationError) as refused:
        services.assessment_remaining_compliant(assessment=assessment, actor=cast.ea, cluster="XX")
    assert "cluster" in refused.value.message_dict
    finalised = makers.make_assessment(
        cast.factory, by=cast.ea, cycle=2, visit_date=datetime.date(2025, 3, 1)
    )
    with pytest.raises(Conflict):
        services.assessment_remaining_compliant(assessment=finalised, actor=cast.ea)


def test_an_answer_changed_one_by_one_loses_the_bulk_mark(cast):
    assessment = draft(cast)
    services.assessment_remaining_compliant(assessment=assessment, actor=cast.ea, cluster="CL")
    assert assessment.findings.get(question__code="CL-1.2").bulk_id is not None
    _answer(assessment, cast.ea, "CL-1.2", non_compliant=False)  # the same answer: kept as is
    assert assessment.findings.get(question__code="CL-1.2").bulk_id is not None
    _answer(assessment, cast.ea, "CL-1.2", non_compliant=True)
    changed = assessment.findings.get(question__code="CL-1.2")
    assert (changed.non_compliant, changed.bulk_id) == (True, None)
    assert BulkAnswer.objects.get().count == 16  # the act keeps what it did: the whole cluster


def test_not_applicable_is_an_answer_and_never_evidence(cast):
    assessment = draft(cast)
    fill_elements(assessment, cast.ea)
    _answer(assessment, cast.ea, "CL-1.2", non_compliant=None, not_applicable=True, note="none")
    finding = assessment.findings.get()
    assert (finding.not_applicable, finding.non_compliant, finding.answer) == (
        True,
        False,
        "not_applicable",
    )
    completeness = services.assessment_completeness(assessment)
    assert completeness.unanswered == Question.objects.count() - 1
    services.assessment_finalise(assessment=assessment, actor=cast.ea, remaining_compliant=True)
    rows = load_evidence([cast.factory.pk])[cast.factory.pk]
    assert not [r for r in rows if r[0] == FINDING_ROW]  # neither compliant nor n/a is evidence


def test_it_refuses_an_answer_both_non_compliant_and_not_applicable(cast):
    assessment = draft(cast)
    with pytest.raises(ValidationError) as refused:
        _answer(assessment, cast.ea, "CL-1.2", non_compliant=True, not_applicable=True)
    assert "not_applicable" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.assessment_create(
            factory=cast.other_factory,
            cycle=1,
            visit_date=datetime.date(2024, 3, 1),
            actor=cast.ea,
            findings=[
                services.FindingInput(question="CL-1.2", non_compliant=True, not_applicable=True)
            ],
            elements=makers.all_elements(),
        )
    assert refused.value.api_detail == {"findings": [{"not_applicable": [NOT_BOTH]}]}
    assert not Finding.objects.exists()


def test_the_database_never_holds_an_answer_both_non_compliant_and_not_applicable(cast):
    assessment = draft(cast)
    question = Question.objects.get(code="CL-1.2")
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.create(
            assessment=assessment, question=question, non_compliant=True, not_applicable=True
        )


def test_the_database_keeps_a_remediation_date_for_a_remediated_finding_only(cast):
    assessment = draft(cast)
    question = Question.objects.get(code="CL-1.1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.create(
            assessment=assessment,
            question=question,
            non_compliant=True,
            remediated=False,
            remediated_on=datetime.date(2024, 4, 1),
        )


def test_a_bulk_act_is_never_changed(cast):
    assessment = draft(cast)
    services.assessment_remaining_compliant(assessment=assessment, actor=cast.ea, cluster="CL")
    act = BulkAnswer.objects.get()
    act.count = 1
    with pytest.raises(ValueError, match="never changed"):
        act.save()
