"""Who sees and changes what, per persona: in scope 200, out of scope 404, anonymous 401,
a wrong role 403 on writes."""

from __future__ import annotations

import datetime

import pytest

from assessments.models import Assessment, ProgressReport
from tests import makers
from tests.api import payloads
from tests.conftest import api_as

READERS = {
    "anonymous": 401,
    "pm": 200,
    "ea": 200,
    "other_pm": 404,
    "factory_user": 200,
    "other_factory_user": 404,
    "buyer_user": 200,
    "outsider_buyer_user": 404,
}
# Drafts are the staff's working copies: a factory or a buyer sees finalised records only.
DRAFT_READERS = {**READERS, "factory_user": 404, "buyer_user": 404}
WRITERS = {
    "anonymous": 401,
    "pm": 200,
    "ea": 200,
    "other_pm": 404,
    "factory_user": 403,
    "other_factory_user": 403,
    "buyer_user": 403,
    "outsider_buyer_user": 403,
}


@pytest.fixture
def records(cast):
    final = makers.make_assessment(cast.factory, by=cast.ea, cycle=1)
    draft = makers.make_assessment(
        cast.factory, by=cast.ea, cycle=2, visit_date=datetime.date(2025, 3, 1), finalise=False
    )
    report = makers.make_report(cast.factory, by=cast.ea, cycle=1)
    draft_report = makers.make_report(cast.factory, by=cast.ea, cycle=2, finalise=False)
    return {"final": final, "draft": draft, "report": report, "draft_report": draft_report}


@pytest.mark.parametrize(("persona", "expected"), READERS.items())
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/factories/{factory}/",
        "/api/v1/factories/{factory}/differentiation/",
        "/api/v1/factories/{factory}/evaluations/",
        "/api/v1/assessments/{final}/",
        "/api/v1/progress-reports/{report}/",
    ],
)
def test_it_shows_a_factory_and_its_finalised_records_in_scope_only(
    cast, records, persona, expected, url
):
    path = url.format(
        factory=cast.factory.pk, final=records["final"].pk, report=records["report"].pk
    )
    assert api_as(cast.persona(persona)).get(path).status_code == expected


@pytest.mark.parametrize(("persona", "expected"), DRAFT_READERS.items())
@pytest.mark.parametrize("url", ["/api/v1/assessments/{draft}/", "/api/v1/progress-reports/{pr}/"])
def test_it_shows_drafts_to_programme_staff_only(cast, records, persona, expected, url):
    path = url.format(draft=records["draft"].pk, pr=records["draft_report"].pk)
    assert api_as(cast.persona(persona)).get(path).status_code == expected


@pytest.mark.parametrize(
    ("persona", "factories"),
    [
        ("pm", {"Dhaka Knitwear Ltd", "Chittagong Denim Ltd"}),
        ("ea", {"Dhaka Knitwear Ltd", "Chittagong Denim Ltd"}),
        ("other_pm", set()),
        ("factory_user", {"Dhaka Knitwear Ltd"}),
        ("other_factory_user", {"Chittagong Denim Ltd"}),
        ("buyer_user", {"Dhaka Knitwear Ltd"}),
        ("outsider_buyer_user", set()),
    ],
)
def test_it_lists_the_factories_in_scope(cast, persona, factories):
    response = api_as(cast.persona(persona)).get("/api/v1/factories/")
    assert response.status_code == 200
    assert {f["name"] for f in response.json()["results"]} == factories


@pytest.mark.parametrize(
    ("persona", "statuses"),
    [
        ("pm", ["draft", "finalised"]),
        ("factory_user", ["finalised"]),
        ("buyer_user", ["finalised"]),
        ("outsider_buyer_user", []),
        ("other_pm", []),
    ],
)
@pytest.mark.parametrize("url", ["/api/v1/assessments/", "/api/v1/progress-reports/"])
def test_it_lists_a_factorys_records_in_scope(cast, records, persona, statuses, url):
    response = api_as(cast.persona(persona)).get(url, {"factory": cast.factory.pk})
    assert response.status_code == 200
    assert sorted(r["status"] for r in response.json()["results"]) == statuses


def test_it_lists_anonymous_callers_nothing(cast):
    for url in ("/api/v1/factories/", "/api/v1/assessments/", "/api/v1/catalogue/"):
        assert api_as(None).get(url).status_code == 401


# --- writes -------------------------------------------------------------------------------

CREATORS = {**WRITERS, "pm": 201, "ea": 201, "other_pm": 403}


@pytest.mark.parametrize(("persona", "expected"), CREATORS.items())
def test_it_lets_programme_staff_enrol_factories_of_their_programme(cast, persona, expected):
    response = api_as(cast.persona(persona)).post(
        "/api/v1/factories/", {"name": "Savar Garments Ltd", "country": "BGD"}, format="json"
    )
    assert response.status_code == expected, response.content


# A factory outside the caller's scope is "unknown" (400 naming `factory`), never revealed.
ASSESSORS = {**CREATORS, "other_pm": 400}


@pytest.mark.parametrize(("persona", "expected"), ASSESSORS.items())
def test_it_lets_programme_staff_create_assessments(cast, persona, expected):
    response = api_as(cast.persona(persona)).post(
        "/api/v1/assessments/", payloads.assessment(cast.factory), format="json"
    )
    assert response.status_code == expected, response.content
    if expected == 400:
        assert response.json() == {"factory": ["Unknown factory."]}
    assert Assessment.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize(("persona", "expected"), ASSESSORS.items())
def test_it_lets_programme_staff_create_progress_reports(cast, persona, expected):
    response = api_as(cast.persona(persona)).post(
        "/api/v1/progress-reports/", payloads.progress_report(cast.factory), format="json"
    )
    assert response.status_code == expected, response.content
    assert ProgressReport.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize(("persona", "expected"), WRITERS.items())
def test_it_lets_programme_staff_change_and_finalise_drafts(cast, records, persona, expected):
    client = api_as(cast.persona(persona))
    draft = records["draft"]
    body = payloads.assessment(cast.factory, cycle=2, visit_date="2025-03-02", findings=[])
    put = client.put(f"/api/v1/assessments/{draft.pk}/", body, format="json")
    assert put.status_code == expected, put.content
    finalise = client.post(
        f"/api/v1/assessments/{draft.pk}/finalise/", {"remaining_compliant": True}, format="json"
    )
    assert finalise.status_code == expected, finalise.content
    draft.refresh_from_db()
    assert draft.is_finalised == (expected == 200)
    if expected == 200:
        assert finalise.json()["status"] == "finalised"
        assert finalise.json()["visit_date"] == "2025-03-02"
        assert finalise.json()["unanswered"] == 0
        assert all(f["in_bulk"] and not f["non_compliant"] for f in finalise.json()["findings"])


@pytest.mark.parametrize(("persona", "expected"), WRITERS.items())
def test_it_lets_programme_staff_change_and_finalise_report_drafts(
    cast, records, persona, expected
):
    client = api_as(cast.persona(persona))
    draft = records["draft_report"]
    body = {"items": payloads.ratings("moderate_progress")}
    put = client.put(f"/api/v1/progress-reports/{draft.pk}/", body, format="json")
    assert put.status_code == expected, put.content
    finalise = client.post(f"/api/v1/progress-reports/{draft.pk}/finalise/")
    assert finalise.status_code == expected, finalise.content
    draft.refresh_from_db()
    assert draft.is_finalised == (expected == 200)
    if expected == 200:
        assert {i["rating"] for i in finalise.json()["items"]} == {"moderate_progress"}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/assessments/{final}/",
        "/api/v1/assessments/{final}/finalise/",
        "/api/v1/progress-reports/{report}/",
        "/api/v1/progress-reports/{report}/finalise/",
    ],
)
def test_it_refuses_to_change_a_finalised_record(cast, records, url):
    path = url.format(final=records["final"].pk, report=records["report"].pk)
    client = api_as(cast.ea)
    if path.endswith("finalise/"):
        response = client.post(path)
    elif "assessments" in path:
        response = client.put(path, payloads.assessment(cast.factory), format="json")
    else:
        response = client.put(path, {"items": payloads.ratings()}, format="json")
    assert response.status_code == 409
    assert "finalised" in response.json()["detail"]


def test_it_refuses_to_finalise_an_incomplete_progress_report_naming_what_is_missing(cast):
    report = makers.make_report(cast.factory, by=cast.ea, cycle=1, finalise=False)
    report.ratings.filter(item__code="LE-1").delete()  # as an older draft may be
    response = api_as(cast.ea).post(f"/api/v1/progress-reports/{report.pk}/finalise/")
    assert response.status_code == 400
    assert any("LE-1" in message for message in response.json()["detail"])
    report.refresh_from_db()
    assert not report.is_finalised
