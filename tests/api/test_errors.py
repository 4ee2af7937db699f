"""Every 400 of the API: bad input names the field, says what is wrong, and saves nothing."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from assessments.models import Assessment, Finding, ManagementSystemResult, ProgressReport
from factories.models import Factory
from tests import makers
from tests.api import payloads
from tests.conftest import api_as

TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
Body = Callable[[Any], Any]


def _without(body: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != key}


def _assessment(**overrides: Any) -> Body:
    return lambda cast: {**payloads.assessment(cast.factory), **overrides}


def _report(**overrides: Any) -> Body:
    return lambda cast: {**payloads.progress_report(cast.factory), **overrides}


ASSESSMENT_CASES: list[tuple[str, Body, Any]] = [
    ("a list, not an object", lambda cast: [1, 2], {"non_field_errors": ...}),
    ("no factory", lambda cast: _without(payloads.assessment(cast.factory), "factory"), "factory"),
    ("factory not a number", _assessment(factory="Dhaka"), "factory"),
    ("factory that does not exist", _assessment(factory=987654), {"factory": ["Unknown factory."]}),
    (
        "factory of another programme",
        lambda cast: payloads.assessment(makers.make_factory("Hanoi Textiles", country="VNM")),
        {"factory": ["Unknown factory."]},
    ),
    ("factory id too large", _assessment(factory=10**30), "factory"),
    ("no cycle", lambda cast: _without(payloads.assessment(cast.factory), "cycle"), "cycle"),
    ("cycle zero", _assessment(cycle=0), "cycle"),
    ("cycle not a number", _assessment(cycle="first"), "cycle"),
    ("cycle too large", _assessment(cycle=10**9), "cycle"),
    ("cycle already assessed", _assessment(cycle=7), "cycle"),
    (
        "no visit date",
        lambda cast: _without(payloads.assessment(cast.factory), "visit_date"),
        "visit_date",
    ),
    ("visit date not a date", _assessment(visit_date="12/03/2026"), "visit_date"),
    ("visit date impossible", _assessment(visit_date="2026-02-30"), "visit_date"),
    ("visit date in the future", _assessment(visit_date=TOMORROW), "visit_date"),
    ("findings not a list", _assessment(findings="CL-1.2"), "findings"),
    (
        "unknown question code",
        _assessment(
            findings=[
                {"question": "CL-1.2", "non_compliant": True},
                {"question": "XX-99", "non_compliant": True},
            ]
        ),
        {"findings": [{}, {"question": ["Unknown question code 'XX-99'."]}]},
    ),
    (
        "question listed twice",
        _assessment(findings=[{"question": "CL-1.2", "non_compliant": True}] * 2),
        {"findings": [{}, {"question": ["Question CL-1.2 is listed twice."]}]},
    ),
    ("finding without non_compliant", _assessment(findings=[{"question": "CL-1.2"}]), "findings"),
    (
        "non_compliant not a boolean",
        _assessment(findings=[{"question": "CL-1.2", "non_compliant": "maybe"}]),
        "findings",
    ),
    (
        "remediated on a question that is not zero tolerance",
        _assessment(findings=[{"question": "CL-1.2", "non_compliant": True, "remediated": True}]),
        "findings",
    ),
    (
        "no management systems",
        lambda cast: _without(payloads.assessment(cast.factory), "management_systems"),
        "management_systems",
    ),
    (
        "a management-system element missing",
        lambda cast: payloads.assessment(cast.factory, management_systems=payloads.elements()[1:]),
        "management_systems",
    ),
    (
        "unknown management-system element",
        lambda cast: payloads.assessment(
            cast.factory,
            management_systems=[*payloads.elements(), {"element": "HR-99", "satisfied": True}],
        ),
        "management_systems",
    ),
    (
        "element without satisfied",
        lambda cast: payloads.assessment(
            cast.factory, management_systems=[{"element": "HR-1"}, *payloads.elements()[1:]]
        ),
        "management_systems",
    ),
    (
        "additional questions on an assessment that does not include them",
        lambda cast: payloads.assessment(cast.factory, additional_questions=payloads.additional()),
        "additional_questions",
    ),
]


def _field_of(expected: Any) -> str:
    return expected if isinstance(expected, str) else next(iter(expected))


@pytest.mark.parametrize(
    ("case", "body", "expected"), ASSESSMENT_CASES, ids=[c[0] for c in ASSESSMENT_CASES]
)
def test_it_refuses_bad_assessments_naming_the_field(cast, case, body, expected):
    makers.make_assessment(cast.factory, by=cast.ea, cycle=7, visit_date=datetime.date(2020, 1, 6))
    counts = (
        Assessment.objects.count(),
        Finding.objects.count(),
        ManagementSystemResult.objects.count(),
    )
    response = api_as(cast.ea).post("/api/v1/assessments/", body(cast), format="json")
    assert response.status_code == 400, response.content
    errors = response.json()
    assert _field_of(expected) in errors
    if isinstance(expected, dict) and ... not in expected.values():
        assert errors == expected
    assert (
        Assessment.objects.count(),
        Finding.objects.count(),
        ManagementSystemResult.objects.count(),
    ) == counts


def test_it_refuses_a_candidates_assessment_without_the_additional_questions(cast):
    """The service creates the row before it finds the answers missing: all of it rolls back."""
    Factory.objects.filter(pk=cast.factory.pk).update(stage="candidate")
    response = api_as(cast.ea).post(
        "/api/v1/assessments/", payloads.assessment(cast.factory), format="json"
    )
    assert response.status_code == 400
    assert "additional_questions" in response.json()
    assert not Assessment.objects.exists()
    assert not Finding.objects.exists()


def test_it_refuses_an_unknown_question_after_creating_nothing(cast):
    body = payloads.assessment(
        cast.factory, findings=[{"question": "XX-99", "non_compliant": True}]
    )
    response = api_as(cast.pm).post("/api/v1/assessments/", body, format="json")
    assert response.json() == {"findings": [{"question": ["Unknown question code 'XX-99'."]}]}
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("url", "content_type", "raw", "status"),
    [
        ("/api/v1/assessments/", "application/json", b'{"factory": 1, "cycle": ', 400),
        ("/api/v1/progress-reports/", "application/json", b"not json at all", 400),
        ("/api/v1/factories/", "application/json", b"{'name': 'single quotes'}", 400),
        ("/api/v1/assessments/", "text/plain", b"factory=1", 415),
    ],
)
def test_it_answers_malformed_bodies_with_400_or_415(cast, url, content_type, raw, status):
    """Malformed JSON is a 400 (parse error); a body the API does not read is a 415."""
    response = api_as(cast.pm).generic("POST", url, raw, content_type=content_type)
    assert response.status_code == status
    assert "detail" in response.json()


REPORT_CASES: list[tuple[str, Body, str]] = [
    (
        "no factory",
        lambda cast: _without(payloads.progress_report(cast.factory), "factory"),
        "factory",
    ),
    (
        "factory of another programme",
        lambda cast: payloads.progress_report(makers.make_factory("Hanoi Textiles", country="VNM")),
        "factory",
    ),
    ("cycle zero", _report(cycle=0), "cycle"),
    ("number three", _report(number=3), "number"),
    ("number not a number", _report(number="two"), "number"),
    ("report already there", _report(cycle=7), "number"),
    (
        "no release date",
        lambda cast: _without(payloads.progress_report(cast.factory), "release_date"),
        "release_date",
    ),
    ("release date not a date", _report(release_date="2026-11"), "release_date"),
    ("release date in the future", _report(release_date=TOMORROW), "release_date"),
    ("unknown rating", _report(items=[{"item": "SD-1", "rating": "great"}]), "items"),
    ("unknown item", _report(number=1, items=[{"item": "XX-1", "rating": "on_track"}]), "items"),
    ("item twice", _report(number=1, items=[{"item": "SD-1", "rating": "on_track"}] * 2), "items"),
    (
        "a PR2 that does not rate every item",
        lambda cast: payloads.progress_report(cast.factory, items=payloads.ratings()[:5]),
        "items",
    ),
    ("items not a list", _report(items={"SD-1": "on_track"}), "items"),
]


@pytest.mark.parametrize(("case", "body", "field"), REPORT_CASES, ids=[c[0] for c in REPORT_CASES])
def test_it_refuses_bad_progress_reports_naming_the_field(cast, case, body, field):
    makers.make_report(cast.factory, by=cast.ea, cycle=7, release_date=datetime.date(2020, 11, 2))
    before = ProgressReport.objects.count()
    response = api_as(cast.ea).post("/api/v1/progress-reports/", body(cast), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert ProgressReport.objects.count() == before


FACTORY_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("no name", {"country": "BGD"}, "name"),
    ("blank name", {"name": "  ", "country": "BGD"}, "name"),
    ("name already taken", {"name": "dhaka knitwear ltd", "country": "BGD"}, "name"),
    ("no country", {"name": "Savar Garments"}, "country"),
    ("unknown country", {"name": "Savar Garments", "country": "XXX"}, "country"),
    ("country not a string", {"name": "Savar Garments", "country": ["BGD"]}, "country"),
    (
        "enrolled in the future",
        {"name": "Savar Garments", "country": "BGD", "enrolled_on": TOMORROW},
        "enrolled_on",
    ),
    (
        "enrolled on no date",
        {"name": "Savar Garments", "country": "BGD", "enrolled_on": "soon"},
        "enrolled_on",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "field"), FACTORY_CASES, ids=[c[0] for c in FACTORY_CASES]
)
def test_it_refuses_bad_factories_naming_the_field(cast, case, body, field):
    before = Factory.objects.count()
    response = api_as(cast.pm).post("/api/v1/factories/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Factory.objects.count() == before


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/factories/", {"stage": "famous"}, "stage"),
        ("/api/v1/assessments/", {"factory": "Dhaka"}, "factory"),
        ("/api/v1/assessments/", {"status": "done"}, "status"),
        ("/api/v1/progress-reports/", {"number": "3"}, "number"),
        ("/api/v1/approvals/", {"status": "maybe"}, "status"),
        ("/api/v1/approvals/", {"kind": "upgrade"}, "kind"),
    ],
)
def test_it_refuses_bad_filters_naming_the_field(cast, url, params, field):
    response = api_as(cast.pm).get(url, params)
    assert response.status_code == 400
    assert field in response.json()


def test_it_refuses_a_draft_update_that_moves_the_cycle(cast):
    draft = makers.make_assessment(cast.factory, by=cast.ea, finalise=False)
    body = payloads.assessment(cast.factory, cycle=2)
    response = api_as(cast.ea).put(f"/api/v1/assessments/{draft.pk}/", body, format="json")
    assert response.status_code == 400
    assert "cycle" in response.json()


def test_it_refuses_to_finalise_an_assessment_missing_an_element_naming_it(cast):
    draft = makers.make_assessment(cast.factory, by=cast.ea, finalise=False)
    draft.management_systems.filter(element__code="OSH-7").delete()  # as an older draft may be
    response = api_as(cast.ea).post(f"/api/v1/assessments/{draft.pk}/finalise/")
    assert response.status_code == 400
    assert any("OSH-7" in message for message in response.json()["detail"])


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/factories/99999999999999999999999/",
        "/api/v1/factories/99999999999999999999999/differentiation/",
        "/api/v1/factories/99999999999999999999999/evaluations/",
        "/api/v1/assessments/99999999999999999999999/",
        "/api/v1/assessments/abc/",
        "/api/v1/progress-reports/-1/",
        "/api/v1/approvals/99999999999999999999999/",
    ],
)
def test_it_answers_impossible_ids_with_404(cast, url):
    assert api_as(cast.pm).get(url).status_code == 404
