"""The factory's progress page draws its criteria across its evaluations and its
non-compliances by cluster across its assessments; the numbers are the data's."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Cluster, Finding, Question
from assessments.services.inputs import FindingInput
from differentiation import display
from differentiation.vocabulary import Group, Result
from tests import makers
from tests.buyer_portal.buyer_helpers import make_evaluation
from tests.charts.reading import accessible_name, marks, numbers, table
from tests.conftest import client_as

IN_SCOPE = ["factory_user", "ea", "pm", "buyer_user"]
OUT_OF_SCOPE = ["other_factory_user", "other_pm", "outsider_buyer_user"]


def _questions(cluster_code: str, n: int) -> list[str]:
    return list(
        Question.objects.filter(compliance_point__cluster__code=cluster_code)
        .order_by("code")
        .values_list("code", flat=True)[:n]
    )


def _history(cast, assessments: int = 2) -> None:
    """Evaluations with known results, and finalised assessments with known findings."""
    make_evaluation(cast.factory, when="2025-01-10", compliance=Result.MET)
    make_evaluation(
        cast.factory,
        when="2025-06-10",
        compliance=Result.NOT_MET,
        hr_management_systems=Result.MET,
        learning=Result.MET,
    )
    clusters = [c.code for c in Cluster.objects.order_by("order")]
    for cycle in range(1, assessments + 1):
        findings = [
            *(FindingInput(q) for q in _questions(clusters[0], cycle)),  # 1, 2, ... NCs
            *(FindingInput(q) for q in _questions(clusters[1], 3)),
            FindingInput(_questions(clusters[2], 1)[0], non_compliant=False),
        ]
        makers.make_assessment(
            cast.factory,
            by=cast.ea,
            cycle=cycle,
            visit_date=datetime.date(2023 + cycle, 3, 12),
            findings=findings,
        )


def _expected_non_compliances(factory) -> dict[tuple[str, str], int]:
    """Counted the long way: every finding of the latest three finalised assessments."""
    counts: Counter[tuple[str, str]] = Counter()
    names = dict(Cluster.objects.values_list("pk", "name"))
    latest = factory.assessments.finalised().order_by("-cycle")[:3]
    for assessment in latest:
        for name in names.values():
            counts[(name, str(assessment.cycle))] += 0
        for finding in Finding.objects.filter(assessment=assessment).select_related(
            "question__compliance_point"
        ):
            if finding.non_compliant and not finding.not_applicable:
                cluster = names[finding.question.compliance_point.cluster_id]
                counts[(cluster, str(assessment.cycle))] += 1
    return dict(counts)


@pytest.mark.parametrize("persona", IN_SCOPE)
def test_the_progress_page_draws_the_factory_s_own_numbers(cast, persona):
    _history(cast)
    html = client_as(cast.persona(persona)).get(f"/factories/{cast.factory.pk}/").content.decode()

    # criteria across evaluations: a cell per criterion and evaluation, its result the stored one
    evaluations = list(cast.factory.evaluations.order_by("-created_at", "-id")[:5])[::-1]
    cells = marks(html, "chart-criteria-history")
    expected = {}
    for evaluation in evaluations:
        for row in display.criterion_rows(evaluation.outcome):
            expected[(row["label"], f"{evaluation.created_at:%Y-%m-%d}")] = row["result"]
    assert cells == expected
    compliance = display.criterion_rows(None)[0]["label"]
    assert cells[(compliance, "2025-01-10")] == Result.MET
    assert cells[(compliance, "2025-06-10")] == Result.NOT_MET

    # non-compliances by cluster: the findings, counted
    found = numbers(html, "chart-non-compliance")
    assert found == _expected_non_compliances(cast.factory)
    first, second, third = Cluster.objects.order_by("order").values_list("name", flat=True)[:3]
    assert (found[(first, "1")], found[(first, "2")]) == (1, 2)
    assert (found[(second, "1")], found[(second, "2")]) == (3, 3)
    assert found[(third, "2")] == 0  # a compliant answer is no non-compliance

    # the table alternative says the same numbers, row by row
    header, *rows = table(html, "chart-non-compliance")
    assert len(header) == 3
    assert {r[0]: [int(x) for x in r[1:]] for r in rows} == {
        name: [found[(name, "1")], found[(name, "2")]]
        for name in Cluster.objects.values_list("name", flat=True)
    }
    header, *rows = table(html, "chart-criteria-history")
    assert len(rows) == len(Group) and len(header) == 1 + len(evaluations)
    assert accessible_name(html, "chart-non-compliance")[0] == "img"


@pytest.mark.parametrize("persona", OUT_OF_SCOPE)
def test_out_of_scope_the_page_and_its_charts_do_not_exist(cast, persona):
    _history(cast, assessments=1)
    response = client_as(cast.persona(persona)).get(f"/factories/{cast.factory.pk}/")
    assert response.status_code == 404
    assert b"chart-" not in response.content


def test_without_data_no_empty_chart_is_drawn(cast):
    html = client_as(cast.factory_user).get(f"/factories/{cast.factory.pk}/").content.decode()
    assert "<svg" not in html.split("<main", 1)[1]


def test_the_charts_cost_the_same_queries_for_few_or_many_records(cast):
    """1 assessment and 2 evaluations, then 3 assessments and 6 evaluations: same count."""

    def measure() -> int:
        client = client_as(cast.buyer_user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/factories/{cast.factory.pk}/").status_code == 200
        return len(queries)

    _history(cast, assessments=1)
    few = measure()
    for cycle in (2, 3):
        makers.make_assessment(
            cast.factory, by=cast.ea, cycle=cycle, findings=[FindingInput(_questions("CL", 1)[0])]
        )
    for month in (7, 8, 9, 10):
        make_evaluation(cast.factory, when=f"2025-{month:02d}-01", compliance=Result.MET)
    assert few == measure() <= 15


def test_the_factory_user_s_home_shows_the_same_charts(cast):
    _history(cast)
    home = client_as(cast.factory_user).get("/").content.decode()
    page = client_as(cast.factory_user).get(f"/factories/{cast.factory.pk}/").content.decode()
    for slug in ("chart-criteria-history", "chart-non-compliance"):
        assert marks(home, slug) == marks(page, slug)
        assert table(home, slug) == table(page, slug)
