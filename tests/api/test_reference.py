"""Token sign-in, the catalogue, the differentiation shape and the OpenAPI schema."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from differentiation.criteria import RULE_VERSION
from tests import makers
from tests.conftest import api_as


def test_it_hands_out_a_token_that_signs_in(cast):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": cast.ea.username, "password": makers.PASSWORD},
        format="json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(f"/api/v1/factories/{cast.factory.pk}/").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"username": "erin-ea", "password": "wrong"},
        {"username": "nobody", "password": makers.PASSWORD},
        {"username": "erin-ea"},
        {},
    ],
)
def test_it_refuses_a_token_for_wrong_credentials(cast, body):
    response = APIClient().post("/api/v1/auth/token/", body, format="json")
    assert response.status_code == 400
    assert response.json()


def test_it_refuses_a_bad_token(cast):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/factories/").status_code == 401


def test_it_serves_the_catalogue_to_any_signed_in_user(cast):
    response = api_as(cast.outsider_buyer_user).get("/api/v1/catalogue/")
    assert response.status_code == 200
    body = response.json()
    assert body["rule_version"] == RULE_VERSION == "BW-2017.2"
    question = next(q for q in body["questions"] if q["code"] == "CL-1.1")
    assert question["publicly_reported"] and question["zero_tolerance"]
    assert set(question) == {
        "code",
        "text",
        "cluster",
        "compliance_point",
        "publicly_reported",
        "zero_tolerance",
    }
    assert [e["system"] for e in body["management_system_elements"]] == ["HR"] * 6 + ["OSH"] * 7
    assert [i["group"] for i in body["progress_items"]] == ["social_dialogue"] * 5 + ["learning"]


def test_it_shows_every_criterion_unknown_before_any_evaluation(cast):
    body = api_as(cast.factory_user).get(f"/api/v1/factories/{cast.factory.pk}/differentiation/")
    assert body.json() == {
        "stage": "not_on_track",
        "rule_version": RULE_VERSION,
        "evaluated_at": None,
        "criteria": [
            {"group": group, "result": "unknown", "reasons": ["Not evaluated yet."], "evidence": {}}
            for group in (
                "compliance",
                "hr_management_systems",
                "osh_management_systems",
                "social_dialogue",
                "learning",
            )
        ],
    }


def test_it_shows_the_latest_evaluation_with_its_evidence(cast):
    from differentiation.evaluation import factory_evaluate

    first = makers.make_assessment(
        cast.factory,
        by=cast.ea,
        findings=[makers.FindingInput(question="CL-1.1")],
        visit_date=datetime.date(2025, 5, 6),
    )
    factory_evaluate(factory_id=cast.factory.pk, trigger="test")
    body = api_as(cast.buyer_user).get(f"/api/v1/factories/{cast.factory.pk}/differentiation/")
    data = body.json()
    assert data["evaluated_at"] is not None
    compliance = data["criteria"][0]
    assert compliance["group"] == "compliance" and compliance["result"] == "not_met"
    assert compliance["evidence"]["assessments"] == [first.pk]
    assert any("CL-1.1" in reason for reason in compliance["reasons"])


def test_it_filters_factories_by_country_and_stage(cast):
    makers.make_factory("Hanoi Textiles", country="VNM")
    client = api_as(cast.pm)
    assert client.get("/api/v1/factories/", {"country": "VNM"}).json()["count"] == 0
    assert client.get("/api/v1/factories/", {"country": "bgd"}).json()["count"] == 2
    assert client.get("/api/v1/factories/", {"stage": "candidate"}).json()["count"] == 0
    assert client.get("/api/v1/factories/", {"stage": "not_on_track"}).json()["count"] == 2


def test_it_enrols_a_factory_with_its_advisor(cast):
    response = api_as(cast.ea).post(
        "/api/v1/factories/",
        {"name": "Savar Garments Ltd", "country": "bgd", "os_id": "BD2019303BQ3FZP"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["country"] == "BGD"
    assert body["programme"] == makers.programme("BGD").name
    assert body["enterprise_advisor"] == cast.ea.username
    assert api_as(cast.pm).get(f"/api/v1/factories/{body['id']}/").status_code == 200
    assert api_as(cast.other_pm).get(f"/api/v1/factories/{body['id']}/").status_code == 404


def test_it_generates_the_schema_without_warnings(capsys):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


@pytest.mark.parametrize("url", ["/api/v1/schema/", "/api/v1/docs/"])
def test_it_serves_the_schema_and_docs_to_signed_in_users(cast, client, url):
    assert client.get(url).status_code == 401  # anonymous: signed-in users only
    client.force_login(cast.pm)
    response = client.get(url)
    assert response.status_code == 200
