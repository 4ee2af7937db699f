"""The suppliers API (as the pages), and revocation taking effect at once."""

from __future__ import annotations

import pytest

from factories import services as factory_services
from tests.buyer_portal.buyer_helpers import (
    make_formal_note,
    make_high_performing,
)
from tests.buyer_portal.supplier_pages import csv_names, page_text
from tests.conftest import PERSONAS, api_as, client_as

# --- API ----------------------------------------------------------------------------------

API_LIST = {
    "anonymous": 401,
    "pm": 403,
    "ea": 403,
    "other_pm": 403,
    "factory_user": 403,
    "other_factory_user": 403,
    "buyer_user": 200,
    "outsider_buyer_user": 200,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lists_suppliers_through_the_api(cast, persona):
    response = api_as(cast.persona(persona)).get("/api/v1/suppliers/")
    assert response.status_code == API_LIST[persona]
    if response.status_code == 200:
        ids = [s["id"] for s in response.json()["results"]]
        assert ids == ([cast.factory.pk] if persona == "buyer_user" else [])


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_one_supplier_through_the_api_only_with_access(cast, persona):
    response = api_as(cast.persona(persona)).get(f"/api/v1/suppliers/{cast.factory.pk}/")
    expected = {**API_LIST, "outsider_buyer_user": 404}[persona]
    assert response.status_code == expected


def test_it_gives_the_api_fields_buyers_rely_on(cast, suppliers):
    response = api_as(cast.buyer_user).get("/api/v1/suppliers/?search=savar")
    [row] = response.json()["results"]
    assert set(row) == {
        "id",
        "name",
        "country",
        "programme",
        "stage",
        "high_performing_since",
        "next_assessment_due",
        "assessment_interval_months",
        "criteria",
    }
    assert row["country"] == "BGD"
    assert row["criteria"][0] == {"group": "compliance", "result": "met"}
    assert [c["group"] for c in row["criteria"]] == [
        "compliance",
        "hr_management_systems",
        "osh_management_systems",
        "social_dialogue",
        "learning",
    ]


@pytest.mark.parametrize(
    "query, names",
    [
        ("country=VNM&ordering=-name", ["Saigon Seams", "Hanoi Stitch"]),
        ("stage=high_performing", ["Hanoi Stitch"]),
        ("search=GAZI", ["Gazipur Garments"]),
        ("ordering=stage&country=vnm", ["Saigon Seams", "Hanoi Stitch"]),
    ],
)
def test_it_filters_the_api_like_the_page(cast, suppliers, query, names):
    response = api_as(cast.buyer_user).get(f"/api/v1/suppliers/?{query}")
    assert [s["name"] for s in response.json()["results"]] == names


@pytest.mark.parametrize(
    "query, field",
    [("stage=bogus", "stage"), ("ordering=size", "ordering"), ("country=12", "country")],
)
def test_it_refuses_bad_api_filters_naming_the_field(cast, query, field):
    response = api_as(cast.buyer_user).get(f"/api/v1/suppliers/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_it_gives_the_highlight_and_reasons_in_the_api_detail(cast):
    make_high_performing(cast)
    body = api_as(cast.buyer_user).get(f"/api/v1/suppliers/{cast.factory.pk}/").json()
    assert body["stage"] == "high_performing"
    assert body["criteria"][1]["reasons"] == [
        "All 6 HR elements satisfied in the assessments of cycles 1 (2024-03-12) and 2 (2025-03-18)."
    ]
    assert body["highlight"]["approved_at"]
    assert body["highlight"]["criteria"][0]["group"] == "compliance"
    assert "publicly reported" in body["highlight"]["criteria"][0]["description"]


def test_it_gives_no_highlight_to_a_factory_not_high_performing(cast):
    body = api_as(cast.buyer_user).get(f"/api/v1/suppliers/{cast.factory.pk}/").json()
    assert body["highlight"] is None
    assert {c["result"] for c in body["criteria"]} == {"unknown"}


def test_it_documents_the_supplier_api_in_the_schema(cast):
    response = api_as(cast.pm).get("/api/v1/schema/", {"format": "json"})
    schema = response.json()
    params = {p["name"] for p in schema["paths"]["/api/v1/suppliers/"]["get"]["parameters"]}
    assert {"country", "stage", "search", "ordering"} <= params
    assert "/api/v1/factories/{factory_id}/third-party-access/" in schema["paths"]
    assert "criteria" in schema["components"]["schemas"]["Supplier"]["properties"]


# --- revocation takes effect at once ------------------------------------------------------


def test_it_loses_sight_of_a_factory_the_moment_access_is_revoked(cast):
    decision = make_high_performing(cast)
    note = make_formal_note(cast.factory, decision, [cast.buyer])
    browser, api = client_as(cast.buyer_user), api_as(cast.buyer_user)
    pk = cast.factory.pk
    assert browser.get(f"/buyers/suppliers/{pk}/").status_code == 200
    assert browser.get(f"/differentiation/notes/{note.pk}/pdf").status_code == 200

    factory_services.third_party_access_revoke(
        factory=cast.factory, buyer=cast.buyer, actor=cast.factory_user
    )

    assert browser.get(f"/buyers/suppliers/{pk}/").status_code == 404
    assert "Dhaka" not in browser.get("/buyers/suppliers/").content.decode()
    assert csv_names(browser.get("/buyers/suppliers/export.csv")) == []
    assert "Dhaka" not in page_text(browser.get("/buyers/suppliers/export.xlsx"))
    assert api.get(f"/api/v1/suppliers/{pk}/").status_code == 404
    assert api.get("/api/v1/suppliers/").json()["results"] == []
    assert browser.get(f"/differentiation/notes/{note.pk}/pdf").status_code == 404


def test_it_tells_buyers_only_what_the_factory_opted_to_be_seen_for(cast):
    from workspace import services as workspace

    make_high_performing(cast)
    url = f"/buyers/suppliers/{cast.factory.pk}/"
    page = client_as(cast.buyer_user).get(url).content.decode()
    assert "buyer events" not in page and "public campaigns" not in page

    workspace.benefit_visibility_choose(
        factory=cast.factory,
        actor=cast.factory_user,
        public_recognition=False,
        public_campaigns=False,
        buyer_events=True,
    )
    page = client_as(cast.buyer_user).get(url).content.decode()
    assert "Open to invitations to buyer events" in page
    assert "public campaigns" not in page and "public recognition" not in page

    workspace.benefit_visibility_choose(
        factory=cast.factory,
        actor=cast.factory_user,
        public_recognition=False,
        public_campaigns=False,
        buyer_events=False,
    )
    assert "buyer events" not in client_as(cast.buyer_user).get(url).content.decode()
