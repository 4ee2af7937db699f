"""Guards around decisions and what buyers read: the buyer stage in every API a buyer reads,
reasons that treat the additional questions as the eligibility check they are, no internal
evidence for buyers, no grant while an assessment of the window is reopened, and a reason for
keeping a reviewed status."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from assessments.models import Assessment
from assessments.services import FindingInput, assessment_finalise, assessment_reopen
from differentiation.decisions import approval_decide
from differentiation.evaluation import factory_evaluate
from differentiation.forms import ApproveForm
from differentiation.models import ApprovalRequest
from differentiation.vocabulary import RequestStatus
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import api_as, client_as

D = datetime.date


def _set_stage(factory: Factory, stage: Stage) -> None:
    Factory.objects.filter(pk=factory.pk).update(stage=stage)


def _stage(factory: Factory) -> str:
    factory.refresh_from_db(fields=["stage"])
    return factory.stage


# --- 1. buyers see the buyer stage -----------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "seen"),
    [
        (Stage.NOT_ON_TRACK, "not_high_performing"),
        (Stage.CANDIDATE, "not_high_performing"),
        (Stage.ELIGIBLE, "not_high_performing"),
        (Stage.HIGH_PERFORMING, "high_performing"),
        (Stage.UNDER_REVIEW, "high_performing"),
    ],
)
def test_it_shows_buyers_the_buyer_stage_in_the_factory_api(cast: Any, stage: Stage, seen: str):
    _set_stage(cast.factory, stage)
    listed = api_as(cast.buyer_user).get("/api/v1/factories/")
    assert [row["stage"] for row in listed.json()["results"]] == [seen]
    one = api_as(cast.buyer_user).get(f"/api/v1/factories/{cast.factory.pk}/")
    assert one.json()["stage"] == seen
    # Staff and the factory's own users keep the internal stage.
    for user in (cast.pm, cast.factory_user):
        staff = api_as(user).get(f"/api/v1/factories/{cast.factory.pk}/")
        assert staff.json()["stage"] == stage.value


@pytest.mark.parametrize("stage", ["candidate", "eligible", "under_review", "not_on_track"])
def test_it_refuses_an_internal_stage_filter_from_a_buyer(cast: Any, stage: str) -> None:
    _set_stage(cast.factory, Stage(stage))
    response = api_as(cast.buyer_user).get("/api/v1/factories/", {"stage": stage})
    assert response.status_code == 400
    assert list(response.json()) == ["stage"]


def test_it_filters_a_buyers_factories_by_buyer_stage(cast: Any) -> None:
    _set_stage(cast.factory, Stage.UNDER_REVIEW)
    buyer = api_as(cast.buyer_user)
    high = buyer.get("/api/v1/factories/", {"stage": "high_performing"}).json()["results"]
    assert [row["id"] for row in high] == [cast.factory.pk]
    assert buyer.get("/api/v1/factories/", {"stage": "not_high_performing"}).json()["count"] == 0
    _set_stage(cast.factory, Stage.ELIGIBLE)
    low = buyer.get("/api/v1/factories/", {"stage": "not_high_performing"}).json()["results"]
    assert [row["id"] for row in low] == [cast.factory.pk]


def test_it_keeps_internal_stage_filters_for_staff(cast: Any) -> None:
    _set_stage(cast.factory, Stage.CANDIDATE)
    pm = api_as(cast.pm)
    rows = pm.get("/api/v1/factories/", {"stage": "candidate"}).json()["results"]
    assert [row["id"] for row in rows] == [cast.factory.pk]
    refused = pm.get("/api/v1/factories/", {"stage": "not_high_performing"})
    assert refused.status_code == 400 and "stage" in refused.json()


# --- 2. reasons: the additional questions are the eligibility check, not a criterion ----------


def _candidate_then_cycle_2(cast: Any, *, not_confirmed: tuple[str, ...] = ()) -> None:
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=D(2024, 3, 12))
    makers.make_report(cast.factory, by=cast.ea, cycle=1, release_date=D(2024, 11, 20))
    assert factory_evaluate(factory_id=cast.factory.pk).stage == Stage.CANDIDATE
    makers.make_assessment(
        cast.factory,
        by=cast.ea,
        cycle=2,
        visit_date=D(2025, 3, 1),
        additional=makers.all_items_met(failing=not_confirmed),
    )
    factory_evaluate(factory_id=cast.factory.pk)


def _criteria(user: Any, factory: Factory) -> dict[str, dict[str, Any]]:
    body = api_as(user).get(f"/api/v1/factories/{factory.pk}/differentiation/").json()
    return {c["group"]: c for c in body["criteria"]}


def test_it_words_an_item_found_not_confirmed_without_the_additional_questions(cast: Any) -> None:
    _candidate_then_cycle_2(cast, not_confirmed=("SD-5",))
    criteria = _criteria(cast.pm, cast.factory)
    assert criteria["social_dialogue"]["result"] == "not_met"
    assert criteria["social_dialogue"]["reasons"] == [
        "Item SD-5 found not confirmed in the assessment of cycle 2 (2025-03-01)."
    ]
    # The met criterion names the PR2 only.
    assert criteria["learning"]["reasons"] == [
        "LE-1 On track in the progress report 2 of cycle 1 (2024-11-20)."
    ]
    every_reason = " ".join(r for c in criteria.values() for r in c["reasons"])
    assert "additional question" not in every_reason.lower()


def test_it_shows_reasons_stored_in_the_earlier_wording_in_todays_words() -> None:
    from differentiation.display import reasons_text

    stored = [
        {
            "text": "Additional question on item LE-1 not confirmed in the assessment of cycle 2"
            " (2025-03-01).",
            "template": "Additional question on item {item} not confirmed in the assessment of"
            " cycle {cycle} ({date}).",
            "params": {"item": "LE-1", "cycle": 2, "date": "2025-03-01"},
        },
        {
            "text": "LE-1 On track in the progress report 2 of cycle 1 (2024-11-20), and confirmed"
            " by the additional questions of the assessment of cycle 2.",
            "template": "{items} On track in the progress report 2 of cycle {report_cycle}"
            " ({report_date}), and confirmed by the additional questions of the assessment of"
            " cycle {cycle}.",
            "params": {"items": "LE-1", "report_cycle": 1, "report_date": "2024-11-20", "cycle": 2},
        },
        "A plain reason of the first rule version.",
    ]
    assert reasons_text(stored) == [
        "Item LE-1 found not confirmed in the assessment of cycle 2 (2025-03-01).",
        "LE-1 On track in the progress report 2 of cycle 1 (2024-11-20).",
        "A plain reason of the first rule version.",
    ]


def test_it_describes_the_criteria_to_buyers_without_the_additional_questions() -> None:
    from buyer_portal.selectors import CRITERION_DESCRIPTIONS

    for description in CRITERION_DESCRIPTIONS.values():
        assert "additional question" not in str(description).lower()
    assert "not confirmed in the latest assessment" in str(
        CRITERION_DESCRIPTIONS["social_dialogue"]
    )


# --- 3. buyers get no additional-answer evidence ----------------------------------------------


def test_it_leaves_the_additional_answers_out_of_a_buyers_evidence(cast: Any) -> None:
    _candidate_then_cycle_2(cast, not_confirmed=("SD-5",))
    staff = _criteria(cast.pm, cast.factory)
    assert staff["social_dialogue"]["evidence"]["additional_answers"]  # the failing answer's id
    for criterion in _criteria(cast.buyer_user, cast.factory).values():
        assert "additional_answers" not in criterion["evidence"]
        assert "assessments" in criterion["evidence"]  # the rest of the evidence stays
    path = f"/api/v1/factories/{cast.factory.pk}/evaluations/"
    for evaluation in api_as(cast.buyer_user).get(path).json()["results"]:
        for criterion in evaluation["criteria"]:
            assert "additional_answers" not in criterion["evidence"]
    staff_rows = api_as(cast.pm).get(path).json()["results"]
    assert all("additional_answers" in c["evidence"] for c in staff_rows[0]["criteria"])


# --- 4. no grant while an assessment of the window is reopened --------------------------------


def _eligible(cast: Any) -> ApprovalRequest:
    _candidate_then_cycle_2(cast)
    return ApprovalRequest.objects.get(factory=cast.factory, status=RequestStatus.PENDING)


def test_it_refuses_a_grant_while_an_assessment_of_the_window_is_reopened(cast: Any) -> None:
    request = _eligible(cast)
    cycle_2 = Assessment.objects.get(factory=cast.factory, cycle=2)
    assessment_reopen(assessment=cycle_2, actor=cast.pm, reason="A wrong answer on CL-1.1.")
    response = api_as(cast.pm2).post(f"/api/v1/approvals/{request.pk}/approve/", {}, format="json")
    assert response.status_code == 409
    assert "reopened for correction" in response.json()["detail"]
    assert "cycle 2 (2025-03-01)" in response.json()["detail"]
    page = client_as(cast.pm2).get(reverse("differentiation:request", args=[request.pk]))
    body = page.content.decode()
    assert 'id="stale-data"' in body and "reopened for correction" in body
    assert 'disabled aria-describedby="stale-data"' in body
    posted = client_as(cast.pm2).post(reverse("differentiation:approve", args=[request.pk]))
    assert posted.status_code == 409
    assert _stage(cast.factory) == Stage.ELIGIBLE
    # Finalised again unchanged, it is the same evidence: the PM may approve.
    assessment_finalise(assessment=cycle_2, actor=cast.ea)
    factory_evaluate(factory_id=cast.factory.pk)
    ok = api_as(cast.pm2).post(f"/api/v1/approvals/{request.pk}/approve/", {}, format="json")
    assert ok.status_code == 200, ok.json()
    assert _stage(cast.factory) == Stage.HIGH_PERFORMING


# --- 5. keeping a reviewed status needs a reason ----------------------------------------------


def _under_review(cast: Any) -> ApprovalRequest:
    request = _eligible(cast)
    approval_decide(request=request, actor=cast.pm2, approve=True)
    makers.make_report(cast.factory, by=cast.ea, cycle=2, release_date=D(2025, 11, 20))
    failing = [FindingInput(question="CL-1.1", non_compliant=True)]  # publicly reported
    makers.make_assessment(
        cast.factory, by=cast.ea, cycle=3, visit_date=D(2026, 3, 1), findings=failing
    )
    assert factory_evaluate(factory_id=cast.factory.pk).stage == Stage.UNDER_REVIEW
    return ApprovalRequest.objects.get(factory=cast.factory, status="pending", kind="review")


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}])
def test_it_requires_a_reason_to_keep_a_reviewed_status(cast: Any, body: dict[str, str]) -> None:
    review = _under_review(cast)
    path = f"/api/v1/approvals/{review.pk}/approve/"
    response = api_as(cast.pm).post(path, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"reason": ["Give a reason for keeping the status."]}
    assert ApprovalRequest.objects.get(pk=review.pk).status == RequestStatus.PENDING
    kept = api_as(cast.pm).post(path, {"reason": "Remediated on the visit."}, format="json")
    assert kept.status_code == 200
    assert _stage(cast.factory) == Stage.HIGH_PERFORMING


def test_it_asks_for_the_reason_to_keep_on_the_request_page(cast: Any) -> None:
    review = _under_review(cast)
    url = reverse("differentiation:request", args=[review.pk])
    assert (
        "Reason for keeping the status (required)" in client_as(cast.pm).get(url).content.decode()
    )
    posted = client_as(cast.pm).post(
        reverse("differentiation:approve", args=[review.pk]), {"reason": ""}
    )
    assert posted.status_code == 400
    assert "Give a reason for keeping the status." in posted.content.decode()
    assert _stage(cast.factory) == Stage.UNDER_REVIEW
    # A grant's note stays optional.
    assert "Reason for keeping" not in ApproveForm().fields["reason"].label
