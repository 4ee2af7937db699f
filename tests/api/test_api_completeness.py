"""The API of completeness (docs/api.md): unanswered questions refuse the finalise, which
`remaining_compliant` turns into an explicit, recorded act; not applicable answers; the
remediation of a zero-tolerance finding after finalising."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from assessments.models import BulkAnswer, Question, RecordChange
from assessments.services import FindingInput
from tests import makers
from tests.api import payloads
from tests.conftest import api_as


def _draft(cast, findings=None) -> dict:
    body = payloads.assessment(cast.factory, findings=findings if findings is not None else [])
    response = api_as(cast.ea).post("/api/v1/assessments/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def _first_codes(count: int, *, skip: set[str]) -> list[str]:
    codes = Question.objects.order_by(
        "compliance_point__cluster__order", "compliance_point__order", "order", "code"
    ).values_list("code", flat=True)
    return [c for c in codes if c not in skip][:count]


def test_it_refuses_to_finalise_with_unanswered_questions_saying_how_many_and_which(cast):
    draft = _draft(cast, [{"question": "CL-1.1", "non_compliant": False, "remediated": False}])
    total = Question.objects.count()
    assert (draft["answered"], draft["unanswered"]) == (1, total - 1)
    response = api_as(cast.ea).post(f"/api/v1/assessments/{draft['id']}/finalise/")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {
        "detail",
        "unanswered",
        "first_unanswered",
        "missing_elements",
        "missing_additional_questions",
    }
    assert body["unanswered"] == total - 1
    first = _first_codes(5, skip={"CL-1.1"})
    assert [q["question"] for q in body["first_unanswered"]] == first
    assert all(q["text"] for q in body["first_unanswered"])
    assert f"{total - 1} of {total} questions are not answered yet" in " ".join(body["detail"])
    assert "remaining_compliant" in " ".join(body["detail"])
    assert (body["missing_elements"], body["missing_additional_questions"]) == ([], [])
    assert api_as(cast.ea).get(f"/api/v1/assessments/{draft['id']}/").json()["status"] == "draft"


def test_it_finalises_with_remaining_compliant_and_keeps_the_act(cast):
    draft = _draft(cast, [{"question": "CL-1.2", "non_compliant": True, "remediated": False}])
    total = Question.objects.count()
    response = api_as(cast.pm).post(
        f"/api/v1/assessments/{draft['id']}/finalise/",
        {"remaining_compliant": True},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "finalised"
    assert (body["answered"], body["unanswered"]) == (total, 0)
    by_code = {f["question"]: f for f in body["findings"]}
    assert by_code["CL-1.2"]["non_compliant"] and not by_code["CL-1.2"]["in_bulk"]
    assert sum(f["in_bulk"] for f in body["findings"]) == total - 1
    act = BulkAnswer.objects.get(assessment_id=draft["id"])
    assert (act.actor, act.count, act.context, act.cluster) == (cast.pm, total - 1, "api", None)


@pytest.mark.parametrize("body", [{"remaining_compliant": False}, {}])
def test_it_needs_remaining_compliant_to_be_true(cast, body):
    draft = _draft(cast)
    response = api_as(cast.ea).post(
        f"/api/v1/assessments/{draft['id']}/finalise/", body, format="json"
    )
    assert response.status_code == 400
    assert not BulkAnswer.objects.exists()


def test_it_refuses_a_remaining_compliant_that_is_not_a_boolean(cast):
    draft = _draft(cast)
    response = api_as(cast.ea).post(
        f"/api/v1/assessments/{draft['id']}/finalise/",
        {"remaining_compliant": "perhaps"},
        format="json",
    )
    assert response.status_code == 400
    assert "remaining_compliant" in response.json()


def test_it_keeps_a_not_applicable_answer(cast):
    draft = _draft(
        cast,
        [
            {"question": "CL-1.2", "non_compliant": False, "not_applicable": True},
            {"question": "CL-1.3", "not_applicable": True},  # non_compliant may be left out
            {"question": "CL-1.4", "non_compliant": False},
        ],
    )
    read = api_as(cast.ea).get(f"/api/v1/assessments/{draft['id']}/").json()
    answers = {f["question"]: (f["non_compliant"], f["not_applicable"]) for f in read["findings"]}
    assert answers == {
        "CL-1.2": (False, True),
        "CL-1.3": (False, True),
        "CL-1.4": (False, False),
    }
    assert read["answered"] == 3


@pytest.mark.parametrize(
    ("finding", "field"),
    [
        ({"question": "CL-1.2", "non_compliant": True, "not_applicable": True}, "not_applicable"),
        ({"question": "CL-1.2"}, "non_compliant"),
        ({"question": "CL-1.2", "not_applicable": "maybe"}, "not_applicable"),
    ],
)
def test_it_refuses_a_bad_answer_naming_the_field(cast, finding, field):
    body = payloads.assessment(cast.factory, findings=[finding])
    response = api_as(cast.ea).post("/api/v1/assessments/", body, format="json")
    assert response.status_code == 400
    errors = response.json()["findings"]  # by position: a list, or DRF's {"0": ...} for types
    assert field in (errors[0] if isinstance(errors, list) else errors["0"])


# --- remediation after finalising ----------------------------------------------------------------


@pytest.fixture
def finalised(cast):
    return makers.make_assessment(
        cast.factory,
        by=cast.ea,
        visit_date=datetime.date(2024, 3, 12),
        findings=[FindingInput(question="CL-1.1"), FindingInput(question="CL-1.2")],
    )


REMEDIATORS = {
    "anonymous": 401,
    "pm": 200,
    "ea": 200,
    "other_pm": 404,
    "factory_user": 403,
    "other_factory_user": 403,
    "buyer_user": 403,
    "outsider_buyer_user": 403,
}


@pytest.mark.parametrize(("persona", "expected"), REMEDIATORS.items())
def test_it_records_a_remediation_for_the_programme_staff_only(cast, finalised, persona, expected):
    response = api_as(cast.persona(persona)).post(
        f"/api/v1/assessments/{finalised.pk}/findings/CL-1.1/remediation/",
        {"remediated_on": "2024-05-02", "note": "Minors removed and paid"},
        format="json",
    )
    assert response.status_code == expected, response.content
    finding = finalised.findings.get(question__code="CL-1.1")
    assert (finding.remediated_on is not None) is (expected == 200)
    if expected == 200:
        cl = next(f for f in response.json()["findings"] if f["question"] == "CL-1.1")
        assert (cl["remediated"], cl["remediated_on"], cl["remediation_note"]) == (
            True,
            "2024-05-02",
            "Minors removed and paid",
        )
        assert response.json()["status"] == "finalised"
        change = RecordChange.objects.get(record_id=finalised.pk, context="api")
        assert (change.target, change.actor) == ("remediation:CL-1.1", cast.persona(persona))


@pytest.mark.parametrize(
    ("code", "body", "field"),
    [
        ("CL-1.2", {"remediated_on": "2024-05-02", "note": "x"}, "question"),  # not ZT
        ("CL-2.1", {"remediated_on": "2024-05-02", "note": "x"}, "question"),  # compliant
        ("NO-1.1", {"remediated_on": "2024-05-02", "note": "x"}, "question"),  # unknown
        ("CL-1.1", {"remediated_on": "2999-01-01", "note": "x"}, "remediated_on"),
        ("CL-1.1", {"remediated_on": "2024-03-01", "note": "x"}, "remediated_on"),  # pre-visit
        ("CL-1.1", {"remediated_on": "soon", "note": "x"}, "remediated_on"),
        ("CL-1.1", {"note": "x"}, "remediated_on"),
        ("CL-1.1", {"remediated_on": "2024-05-02", "note": " "}, "note"),
    ],
)
def test_it_refuses_what_is_not_a_remediation_with_400_naming_the_field(
    cast, finalised, code, body, field
):
    response = api_as(cast.ea).post(
        f"/api/v1/assessments/{finalised.pk}/findings/{code}/remediation/", body, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not finalised.findings.filter(remediated_on__isnull=False).exists()


def test_it_refuses_a_remediation_on_a_draft(cast):
    draft = _draft(cast, [{"question": "CL-1.1", "non_compliant": True}])
    response = api_as(cast.ea).post(
        f"/api/v1/assessments/{draft['id']}/findings/CL-1.1/remediation/",
        {"remediated_on": timezone.localdate().isoformat(), "note": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert "assessment" in response.json()


def test_the_schema_documents_the_finalise_body_and_the_remediation(cast):
    schema = api_as(cast.ea).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    path = "/api/v1/assessments/{id}/findings/{question_code}/remediation/"
    assert "post" in schema["paths"][path]
    finalise = schema["paths"]["/api/v1/assessments/{id}/finalise/"]["post"]
    components = schema["components"]["schemas"]
    body = finalise["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert "remaining_compliant" in components[body.rsplit("/", 1)[1]]["properties"]
    refused = finalise["responses"]["400"]["content"]["application/json"]["schema"]["$ref"]
    assert "first_unanswered" in components[refused.rsplit("/", 1)[1]]["properties"]
    assert {"answered", "unanswered"} <= set(components["Assessment"]["properties"])
    assert "not_applicable" in components["FindingInputRequest"]["properties"]
    assert "not_applicable" in components["Finding"]["properties"]
