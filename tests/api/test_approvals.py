"""The approval queue and decisions through the API: PMs of the programme only."""

from __future__ import annotations

import pytest

from differentiation.models import ApprovalRequest, Decision
from factories.vocabulary import Stage
from tests.api import payloads
from tests.conftest import api_as

# ea finalised the triggering assessment, so either PM may decide (four eyes holds).
READ = {
    "anonymous": 401,
    "pm": 200,
    "pm2": 200,
    "ea": 403,
    "other_pm": 404,
    "factory_user": 403,
    "other_factory_user": 403,
    "buyer_user": 403,
    "outsider_buyer_user": 403,
}


@pytest.fixture
def grant(cast) -> ApprovalRequest:
    return payloads.make_eligible(cast.factory, ea=cast.ea, by=cast.ea)


@pytest.mark.parametrize(("persona", "expected"), READ.items())
def test_it_shows_a_request_to_the_programmes_pms_only(cast, grant, persona, expected):
    response = api_as(cast.persona(persona)).get(f"/api/v1/approvals/{grant.pk}/")
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected", "count"),
    [
        ("anonymous", 401, None),
        ("pm", 200, 1),
        ("other_pm", 200, 0),
        ("ea", 403, None),
        ("factory_user", 403, None),
        ("buyer_user", 403, None),
    ],
)
def test_it_lists_the_pending_queue_of_the_callers_programmes(
    cast, grant, persona, expected, count
):
    response = api_as(cast.persona(persona)).get("/api/v1/approvals/", {"status": "pending"})
    assert response.status_code == expected
    if count is not None:
        assert response.json()["count"] == count


def test_it_lists_a_request_with_its_factory_and_evaluation(cast, grant):
    (row,) = api_as(cast.pm).get("/api/v1/approvals/", {"status": "pending"}).json()["results"]
    assert row == {
        "id": grant.pk,
        "factory": cast.factory.pk,
        "factory_name": "Dhaka Knitwear Ltd",
        "country": "BGD",
        "kind": "grant",
        "status": "pending",
        "created_at": row["created_at"],
        "closed_at": None,
        "evaluation": grant.evaluation_id,
        "triggered_by_assessment": grant.triggered_by_assessment_id,
        "decision": None,
    }


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"status": "approved"}, 0),
        ({"kind": "grant"}, 1),
        ({"kind": "review"}, 0),
        ({"programme": "bgd"}, 1),
        ({"programme": "VNM"}, 0),
    ],
)
def test_it_filters_the_queue(cast, grant, params, count):
    assert api_as(cast.pm).get("/api/v1/approvals/", params).json()["count"] == count


DECIDERS = {**READ, "pm": 200}


@pytest.mark.parametrize(("persona", "expected"), DECIDERS.items())
@pytest.mark.parametrize("verb", ["approve", "reject"])
def test_it_lets_the_programmes_pms_decide(cast, grant, persona, expected, verb):
    response = api_as(cast.persona(persona)).post(
        f"/api/v1/approvals/{grant.pk}/{verb}/", {"reason": "Seen the evidence."}, format="json"
    )
    assert response.status_code == expected, response.content
    grant.refresh_from_db()
    decided = {"approve": "approved", "reject": "rejected"}[verb]
    assert grant.status == (decided if expected == 200 else "pending")
    if expected == 200:
        assert response.json()["decision"]["reason"] == "Seen the evidence."


def test_it_grants_the_status_on_approval(cast, grant):
    response = api_as(cast.pm).post(f"/api/v1/approvals/{grant.pk}/approve/", format="json")
    assert response.status_code == 200
    assert response.json()["decision"]["outcome"] == "approved"
    cast.factory.refresh_from_db()
    assert cast.factory.stage == Stage.HIGH_PERFORMING


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}])
def test_it_requires_a_reason_to_reject(cast, grant, body):
    response = api_as(cast.pm).post(f"/api/v1/approvals/{grant.pk}/reject/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"reason": ["Give a reason for rejecting."]}
    assert not Decision.objects.exists()


@pytest.mark.parametrize("second", ["approve", "reject"])
def test_it_refuses_a_second_decision_with_409(cast, grant, second):
    first = api_as(cast.pm).post(f"/api/v1/approvals/{grant.pk}/approve/", format="json")
    assert first.status_code == 200
    again = api_as(cast.pm2).post(
        f"/api/v1/approvals/{grant.pk}/{second}/", {"reason": "No."}, format="json"
    )
    assert again.status_code == 409
    assert "already approved" in again.json()["detail"]
    assert Decision.objects.count() == 1


def test_it_refuses_the_finaliser_approving_while_another_pm_can(cast):
    grant = payloads.make_eligible(cast.factory, ea=cast.ea, by=cast.pm)
    response = api_as(cast.pm).post(f"/api/v1/approvals/{grant.pk}/approve/", format="json")
    assert response.status_code == 403
    assert "four eyes" in response.json()["detail"]
    assert not Decision.objects.exists()
    assert api_as(cast.pm2).post(f"/api/v1/approvals/{grant.pk}/approve/").status_code == 200


def test_it_answers_409_on_a_superseded_request(cast, grant):
    ApprovalRequest.objects.filter(pk=grant.pk).update(status="superseded")
    response = api_as(cast.pm).post(f"/api/v1/approvals/{grant.pk}/approve/", format="json")
    assert response.status_code == 409
    assert "superseded" in response.json()["detail"]
