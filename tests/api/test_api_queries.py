"""The list endpoints answer in a number of queries that does not grow with the rows."""

from __future__ import annotations

import datetime

import pytest

from differentiation.models import Evaluation
from differentiation.vocabulary import RequestStatus
from tests import makers
from tests.conftest import api_as


def _evaluation(factory, n: int = 0) -> Evaluation:
    return makers.EvaluationMaker(
        factory=factory,
        fingerprint=f"{factory.pk}-{n}",
        outcome={
            "criteria": [
                {"group": "compliance", "result": "unknown", "reasons": [], "evidence": {}}
            ]
        },
    )


@pytest.mark.parametrize("rows", [3, 12])
def test_it_lists_factories_in_constant_queries(cast, rows, django_assert_max_num_queries):
    for _ in range(rows):
        makers.make_factory(advisor=cast.ea)
    client = api_as(cast.pm)
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/factories/")
    assert response.json()["count"] == rows + 2


@pytest.mark.parametrize("rows", [3, 12])
def test_it_lists_assessments_in_constant_queries(cast, rows, django_assert_max_num_queries):
    for cycle in range(1, rows + 1):
        makers.make_assessment(
            cast.factory,
            by=cast.ea,
            cycle=cycle,
            visit_date=datetime.date(2010 + cycle, 1, 5),
            findings=[makers.FindingInput(question="CL-1.2")],
            finalise=cycle % 2 == 0,
        )
    client = api_as(cast.pm)
    with django_assert_max_num_queries(8):  # 7, and the catalogue's size for `unanswered`
        response = client.get("/api/v1/assessments/", {"factory": cast.factory.pk})
    assert response.json()["count"] == rows
    assert all(len(a["management_systems"]) == 13 for a in response.json()["results"])


@pytest.mark.parametrize("rows", [3, 12])
def test_it_lists_progress_reports_in_constant_queries(cast, rows, django_assert_max_num_queries):
    for cycle in range(1, rows + 1):
        makers.make_report(
            cast.factory, by=cast.ea, cycle=cycle, release_date=datetime.date(2010 + cycle, 11, 2)
        )
    client = api_as(cast.factory_user)
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/progress-reports/")
    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", [3, 12])
def test_it_lists_approval_requests_in_constant_queries(cast, rows, django_assert_max_num_queries):
    for i in range(rows):
        factory = makers.make_factory()
        request = makers.ApprovalRequestMaker(
            factory=factory, evaluation=_evaluation(factory), status=RequestStatus.APPROVED
        )
        if i % 2:
            makers.DecisionMaker(request=request, decided_by=cast.pm2)
    client = api_as(cast.pm)
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/approvals/")
    assert response.json()["count"] == rows
    assert sum(r["decision"] is not None for r in response.json()["results"]) == rows // 2


@pytest.mark.parametrize("rows", [3, 12])
def test_it_lists_evaluations_in_constant_queries(cast, rows, django_assert_max_num_queries):
    for n in range(rows):
        _evaluation(cast.factory, n)
    client = api_as(cast.buyer_user)
    with django_assert_max_num_queries(5):
        response = client.get(f"/api/v1/factories/{cast.factory.pk}/evaluations/")
    assert response.json()["count"] == rows


def test_it_serves_the_catalogue_in_constant_queries(cast, django_assert_max_num_queries):
    client = api_as(cast.factory_user)
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/catalogue/")
    assert response.status_code == 200
