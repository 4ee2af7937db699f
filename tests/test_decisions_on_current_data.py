"""Decisions people can trust (docs/rules.md sections 7 and 8), through the services, pages and API:
approving only on current data, reviews from new evidence only, a pending request resting on
the newest evaluation, buyers seeing the PM's decision and not the pipeline, and the rule
version re-evaluated by the sweep."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from assessments.services import FindingInput
from betterwork.core.errors import Conflict
from differentiation import criteria
from differentiation.decisions import approval_decide
from differentiation.evaluation import (
    EvaluationRun,
    factories_needing_evaluation,
    factory_evaluate,
    has_unevaluated_data,
)
from differentiation.models import ApprovalRequest, Evaluation
from differentiation.vocabulary import RequestStatus
from factories.models import Factory
from factories.summaries import refresh_summary
from factories.vocabulary import Stage
from tests import makers
from tests.buyer_portal.buyer_helpers import make_evaluation
from tests.conftest import api_as, client_as

D = datetime.date


def _evaluate(factory: Factory) -> EvaluationRun:
    return factory_evaluate(factory_id=factory.pk)


def _eligible(cast: Any) -> ApprovalRequest:
    """Cycle 1 and its PR2 make a candidate; cycle 2, with the additional questions, eligible."""
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=D(2024, 3, 12))
    makers.make_report(cast.factory, by=cast.ea, cycle=1, release_date=D(2024, 11, 20))
    assert _evaluate(cast.factory).stage == Stage.CANDIDATE
    makers.make_assessment(cast.factory, by=cast.ea, cycle=2, visit_date=D(2025, 3, 1))
    assert _evaluate(cast.factory).stage == Stage.ELIGIBLE
    return ApprovalRequest.objects.get(factory=cast.factory, status=RequestStatus.PENDING)


def _high_performing(cast: Any) -> None:
    approval_decide(request=_eligible(cast), actor=cast.pm, approve=True)
    cast.factory.refresh_from_db()
    assert cast.factory.stage == Stage.HIGH_PERFORMING


def _stage(factory: Factory) -> str:
    factory.refresh_from_db(fields=["stage"])
    return factory.stage


# --- decisions on current data ---------------------------------------------------------------


def test_it_refuses_to_approve_while_a_newer_record_is_not_evaluated(cast: Any) -> None:
    request = _eligible(cast)
    makers.make_report(cast.factory, by=cast.ea, cycle=2, release_date=D(2025, 11, 20))
    response = api_as(cast.pm).post(f"/api/v1/approvals/{request.pk}/approve/", {}, format="json")
    assert response.status_code == 409
    assert "finalised after the evaluation" in response.json()["detail"]
    page = client_as(cast.pm).get(reverse("differentiation:request", args=[request.pk]))
    body = page.content.decode()
    assert 'id="stale-data"' in body and "Decide once the re-evaluation is done" in body
    assert 'disabled aria-describedby="stale-data"' in body
    # Once the evaluation has run, the request rests on it and the PM may approve.
    run = _evaluate(cast.factory)
    assert run.evaluation is not None
    request.refresh_from_db()
    assert (request.status, request.evaluation_id) == (RequestStatus.PENDING, run.evaluation.pk)
    ok = api_as(cast.pm).post(f"/api/v1/approvals/{request.pk}/approve/", {}, format="json")
    assert ok.status_code == 200, ok.json()
    assert _stage(cast.factory) == Stage.HIGH_PERFORMING


def test_it_refuses_to_approve_when_a_newer_evaluation_exists(cast: Any) -> None:
    request = _eligible(cast)
    newer = make_evaluation(cast.factory)
    assert newer.pk != request.evaluation_id
    with pytest.raises(Conflict, match="A newer evaluation"):
        approval_decide(request=request, actor=cast.pm, approve=True)
    assert _stage(cast.factory) == Stage.ELIGIBLE
    assert ApprovalRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING


def test_it_refuses_a_grant_whose_latest_evaluation_is_no_longer_all_met(cast: Any) -> None:
    """New data left a criterion unknown: the stage stands (unknown never moves a factory
    down), but nobody can approve what the data no longer shows."""
    request = _eligible(cast)
    makers.make_assessment(cast.factory, by=cast.ea, cycle=3, visit_date=D(2026, 3, 1))
    run = _evaluate(cast.factory)
    assert run.stage == Stage.ELIGIBLE and run.evaluation is not None
    assert not run.evaluation.all_met  # no PR2 of cycle 2 or later: social dialogue unknown
    request.refresh_from_db()
    assert request.evaluation_id == run.evaluation.pk
    response = api_as(cast.pm).post(f"/api/v1/approvals/{request.pk}/approve/", {}, format="json")
    assert response.status_code == 409
    assert "does not show all five criteria met" in response.json()["detail"]
    # Rejecting is still possible: only approving needs current, complete data.
    rejected = api_as(cast.pm).post(
        f"/api/v1/approvals/{request.pk}/reject/", {"reason": "Wait for PR2."}, format="json"
    )
    assert rejected.status_code == 200


def test_a_rejected_factory_needs_a_newer_assessment_to_become_eligible_again(cast: Any) -> None:
    request = _eligible(cast)
    approval_decide(request=request, actor=cast.pm, approve=False, reason="Not yet.")
    assert _stage(cast.factory) == Stage.NOT_ON_TRACK  # no PR2 of cycle 2 yet: not prequalified
    makers.make_report(cast.factory, by=cast.ea, cycle=2, release_date=D(2025, 11, 20))
    assert _evaluate(cast.factory).stage == Stage.CANDIDATE
    assert not ApprovalRequest.objects.filter(factory=cast.factory, status="pending").exists()
    makers.make_assessment(cast.factory, by=cast.ea, cycle=3, visit_date=D(2026, 3, 1))
    assert _evaluate(cast.factory).stage == Stage.ELIGIBLE


# --- reviews from new evidence only ----------------------------------------------------------


def test_a_kept_review_is_not_reopened_by_the_same_failure(cast: Any) -> None:
    _high_performing(cast)
    makers.make_report(cast.factory, by=cast.ea, cycle=2, release_date=D(2025, 11, 20))
    assert _evaluate(cast.factory).stage == Stage.HIGH_PERFORMING
    failing = [FindingInput(question="CL-1.1", non_compliant=True)]  # publicly reported
    makers.make_assessment(
        cast.factory, by=cast.ea, cycle=3, visit_date=D(2026, 3, 1), findings=failing
    )
    assert _evaluate(cast.factory).stage == Stage.UNDER_REVIEW
    review = ApprovalRequest.objects.get(factory=cast.factory, status="pending", kind="review")
    approval_decide(request=review, actor=cast.pm, approve=True, reason="Remediated.")
    assert _stage(cast.factory) == Stage.HIGH_PERFORMING
    # A later, on-track PR2: the failing assessment 3 was reviewed; no second review.
    makers.make_report(cast.factory, by=cast.ea, cycle=3, release_date=D(2026, 11, 20))
    run = _evaluate(cast.factory)
    assert run.stage == Stage.HIGH_PERFORMING and run.evaluation is not None
    assert run.evaluation.outcome["criteria"][0]["result"] == "not_met"
    assert not ApprovalRequest.objects.filter(factory=cast.factory, status="pending").exists()
    # The next failing record does open one.
    makers.make_assessment(
        cast.factory, by=cast.ea, cycle=4, visit_date=D(2026, 12, 1), findings=failing
    )
    assert _evaluate(cast.factory).stage == Stage.UNDER_REVIEW


def test_a_high_performing_factory_shows_all_five_criteria_met(cast: Any) -> None:
    _high_performing(cast)
    body = api_as(cast.factory_user).get(f"/api/v1/factories/{cast.factory.pk}/differentiation/")
    assert {c["result"] for c in body.json()["criteria"]} == {"met"}


def test_a_pending_request_rests_on_the_newest_evaluation(cast: Any) -> None:
    request = _eligible(cast)
    makers.make_report(cast.factory, by=cast.ea, cycle=2, release_date=D(2025, 11, 20))
    run = _evaluate(cast.factory)
    request.refresh_from_db()
    assert run.evaluation is not None and request.evaluation_id == run.evaluation.pk
    assert request.status == RequestStatus.PENDING


# --- what buyers see -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "buyer_sees"),
    [
        (Stage.NOT_ON_TRACK, "not_high_performing"),
        (Stage.CANDIDATE, "not_high_performing"),
        (Stage.ELIGIBLE, "not_high_performing"),
        (Stage.HIGH_PERFORMING, "high_performing"),
        (Stage.UNDER_REVIEW, "high_performing"),
    ],
)
def test_buyers_see_the_decision_not_the_pipeline(cast: Any, stage: str, buyer_sees: str) -> None:
    Factory.objects.filter(pk=cast.factory.pk).update(stage=stage)
    refresh_summary([cast.factory.pk])  # the stage placed behind the services' back
    buyer = api_as(cast.buyer_user)
    suppliers = buyer.get("/api/v1/suppliers/").json()
    rows = suppliers["results"] if isinstance(suppliers, dict) else suppliers
    assert {r["stage"] for r in rows if r["id"] == cast.factory.pk} == {buyer_sees}
    detail = buyer.get(f"/api/v1/factories/{cast.factory.pk}/differentiation/").json()
    assert detail["stage"] == buyer_sees
    # The factory itself and the programme staff see the pipeline.
    for user in (cast.factory_user, cast.pm, cast.ea):
        own = api_as(user).get(f"/api/v1/factories/{cast.factory.pk}/differentiation/").json()
        assert own["stage"] == stage
    # Pages: the progress page and the supplier page name no internal stage.
    client = client_as(cast.buyer_user)
    for url in (
        reverse("factories:progress", args=[cast.factory.pk]),
        f"/buyers/suppliers/{cast.factory.pk}/",
        "/buyers/suppliers/",
        "/",
    ):
        page = client.get(url).content.decode()
        assert f"stage-{buyer_sees}" in page
        for internal in ("stage-candidate", "stage-eligible", "stage-under_review"):
            assert internal not in page, (url, internal)
        assert "under review" not in page.lower() and "eligible" not in page.lower()


def test_a_buyer_cannot_filter_suppliers_by_an_internal_stage(cast: Any) -> None:
    response = api_as(cast.buyer_user).get("/api/v1/suppliers/?stage=candidate")
    assert response.status_code == 400
    assert "stage" in response.json()


def test_the_factory_page_tells_a_candidate_what_comes_next(cast: Any) -> None:
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=D(2024, 3, 12))
    makers.make_report(cast.factory, by=cast.ea, cycle=1, release_date=D(2024, 11, 20))
    assert _evaluate(cast.factory).stage == Stage.CANDIDATE
    cast.factory.refresh_from_db()
    due = cast.factory.next_assessment_due
    page = client_as(cast.factory_user).get(reverse("factories:progress", args=[cast.factory.pk]))
    body = page.content.decode()
    assert f"the next assessment due on {due:%Y-%m-%d} will include the additional questions" in (
        body
    )
    assert "not asked" not in body
    assert "Nothing recorded" not in body  # the next step is what stands in the way
    buyer_page = client_as(cast.buyer_user).get(
        reverse("factories:progress", args=[cast.factory.pk])
    )
    assert "additional questions" not in buyer_page.content.decode()


# --- a new rule version ----------------------------------------------------------------------


def test_the_sweep_re_evaluates_factories_evaluated_under_an_older_rule_version(
    cast: Any,
) -> None:
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=D(2024, 3, 12))
    first = _evaluate(cast.factory).evaluation
    assert first is not None
    assert factories_needing_evaluation() == []
    Evaluation.objects.filter(pk=first.pk).update(rule_version="BW-2017")
    assert factories_needing_evaluation() == [cast.factory.pk]
    again = _evaluate(cast.factory).evaluation
    assert again is not None and again.rule_version == criteria.RULE_VERSION
    assert Evaluation.objects.filter(pk=first.pk, rule_version="BW-2017").exists()  # kept
    assert factories_needing_evaluation() == []


def test_a_buyer_reads_the_evaluation_history_without_the_pipeline(cast: Any) -> None:
    _eligible(cast)
    url = f"/api/v1/factories/{cast.factory.pk}/evaluations/"
    rows = api_as(cast.buyer_user).get(url).json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert [(r["stage_before"], r["stage_after"]) for r in rows] == [
        ("not_high_performing", "not_high_performing")
    ] * 2
    assert all("prequalified" not in r for r in rows)
    staff = api_as(cast.pm).get(url).json()
    staff = staff["results"] if isinstance(staff, dict) else staff
    assert [(r["stage_before"], r["stage_after"]) for r in staff] == [
        ("candidate", "eligible"),
        ("not_on_track", "candidate"),
    ]


def test_a_buyer_reads_assessments_without_the_additional_questions(cast: Any) -> None:
    _eligible(cast)
    rows = api_as(cast.buyer_user).get(f"/api/v1/assessments/?factory={cast.factory.pk}").json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert len(rows) == 2
    assert all(
        "additional_questions" not in r and "includes_additional_questions" not in r for r in rows
    )
    staff = api_as(cast.ea).get(f"/api/v1/assessments/?factory={cast.factory.pk}").json()
    staff = staff["results"] if isinstance(staff, dict) else staff
    assert sorted(r["includes_additional_questions"] for r in staff) == [False, True]


def test_a_remediation_is_new_data_for_the_sweep_and_the_decision(cast: Any) -> None:
    """Recorded while the broker was down: the sweep finds it, and nobody approves meanwhile."""
    from assessments import services as assessment_services

    request = _eligible(cast)
    assessment = cast.factory.assessments.get(cycle=2)
    # A zero-tolerance finding that is not publicly reported (CT-3.2 is not), found non-compliant.
    assessment_services.assessment_reopen(assessment=assessment, actor=cast.pm, reason="ZT missed")
    assessment_services.finding_record(
        assessment=assessment, actor=cast.ea, question="CT-3.2", non_compliant=True
    )
    assessment_services.assessment_finalise(assessment=assessment, actor=cast.ea)
    assert _evaluate(cast.factory).stage == Stage.NOT_ON_TRACK
    assert factories_needing_evaluation() == []
    assessment_services.finding_remediate(
        assessment=assessment,
        question_code="CT-3.2",
        actor=cast.ea,
        remediated_on=D(2025, 4, 1),
        note="Passports returned to the workers.",
    )
    assert factories_needing_evaluation() == [cast.factory.pk]
    assert has_unevaluated_data(cast.factory)
    assert request.pk  # the grant request of before was superseded by the failing record
    run = _evaluate(cast.factory)
    assert run.evaluation is not None
    assert run.evaluation.outcome["criteria"][0]["result"] == "met"
    assert factories_needing_evaluation() == []
