"""The buyer's home draws its suppliers by stage and by criterion; a quarterly overview draws
the same charts in its page, its PDF and its workbook. The numbers are the data's."""

from __future__ import annotations

import io
import subprocess
import zipfile
from collections import Counter

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buyer_portal import services
from buyer_portal.quarters import Quarter
from differentiation.vocabulary import Group, Result
from factories.models import Factory, ThirdPartyAccess
from factories.vocabulary import BuyerStage, Stage
from tests.buyer_portal.buyer_helpers import at, make_evaluation, make_supplier
from tests.charts.reading import numbers, table
from tests.conftest import client_as

Q3 = Quarter(2025, 3)


@pytest.fixture
def suppliers(cast):
    """Northwind's suppliers: Dhaka (BGD, under review: high-performing for buyers), Gazipur
    (BGD, candidate), Hanoi (VNM, high-performing), Saigon (VNM, never evaluated)."""
    gazipur = make_supplier(cast.buyer, actor=cast.pm, name="Gazipur Garments")
    hanoi = make_supplier(cast.buyer, actor=cast.pm, name="Hanoi Stitch", country="VNM")
    make_supplier(cast.buyer, actor=cast.pm, name="Saigon Seams", country="VNM")
    Factory.objects.filter(pk=cast.factory.pk).update(stage=Stage.UNDER_REVIEW)
    Factory.objects.filter(pk=gazipur.pk).update(stage=Stage.CANDIDATE)
    Factory.objects.filter(pk=hanoi.pk).update(stage=Stage.HIGH_PERFORMING)
    make_evaluation(cast.factory, when="2025-01-10", compliance=Result.MET)
    make_evaluation(cast.factory, when="2025-06-10", compliance=Result.NOT_MET, learning=Result.MET)
    make_evaluation(gazipur, when="2025-06-11", compliance=Result.MET, learning=Result.MET)
    make_evaluation(hanoi, when="2025-06-12", **{g.value: Result.MET for g in Group})
    ThirdPartyAccess.objects.filter(buyer=cast.buyer).update(granted_at=at("2025-03-01"))
    return cast


def _latest_results(buyer) -> Counter[tuple[str, str]]:
    """(criterion, result) over each supplier's latest evaluation, counted the long way."""
    from differentiation import display

    counts: Counter[tuple[str, str]] = Counter()
    granted = ThirdPartyAccess.objects.filter(buyer=buyer, revoked_at__isnull=True)
    for factory in Factory.objects.filter(pk__in=granted.values("factory")):
        latest = factory.evaluations.order_by("-created_at", "-id").first()
        for row in display.criterion_rows(latest.outcome if latest else None):
            counts[(row["label"], row["result"])] += 1
    return counts


def test_the_buyer_home_draws_its_suppliers_by_stage_and_by_criterion(suppliers):
    cast = suppliers
    html = client_as(cast.buyer_user).get("/").content.decode()
    stages = {k: n for k, n in numbers(html, "chart-supplier-stages").items() if n}
    assert stages == {
        ("BGD", BuyerStage.HIGH_PERFORMING.value): 1,  # under review: high-performing for buyers
        ("BGD", BuyerStage.NOT_HIGH_PERFORMING.value): 1,
        ("VNM", BuyerStage.HIGH_PERFORMING.value): 1,
        ("VNM", BuyerStage.NOT_HIGH_PERFORMING.value): 1,
    }
    criteria = numbers(html, "chart-supplier-criteria")
    assert {k: n for k, n in criteria.items() if n} == dict(_latest_results(cast.buyer))
    compliance = table(html, "chart-supplier-criteria")[1]
    # compliance: met by Gazipur and Hanoi, not met by Dhaka's latest, unknown for Saigon; 4
    assert compliance[1:] == ["2", "1", "1", "4"]
    assert (
        Stage.UNDER_REVIEW.value not in html.split("chart-supplier-stages", 1)[1].split("</svg>")[0]
    )


def test_an_outsider_buyer_sees_no_supplier_chart(suppliers):
    html = client_as(suppliers.outsider_buyer_user).get("/").content.decode()
    assert "chart-supplier" not in html


def test_the_buyer_home_costs_the_same_queries_for_1_or_4_suppliers(cast):
    def measure() -> int:
        client = client_as(cast.buyer_user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    make_evaluation(cast.factory, when="2025-01-10", compliance=Result.MET)
    few = measure()
    for i in range(3):
        make_evaluation(make_supplier(cast.buyer, actor=cast.pm, name=f"S{i}"), when="2025-02-01")
    assert few == measure()


# --- the quarterly overview ---------------------------------------------------------------


@pytest.fixture
def overview(suppliers):
    cast = suppliers
    for factory in Factory.objects.filter(access_grants__buyer=cast.buyer):
        factory.stage_changes.all().delete()
    from tests import makers

    makers.StageChangeMaker(
        factory=Factory.objects.get(name="Hanoi Stitch"),
        from_stage=Stage.NOT_ON_TRACK,
        to_stage=Stage.HIGH_PERFORMING,
    )
    from differentiation.models import StageChange

    StageChange.objects.update(created_at=at("2025-08-01"))
    overview, _ = services.quarterly_overview_produce(buyer=cast.buyer, quarter=Q3, actor=cast.pm)
    return overview


def _overview_expected(overview) -> tuple[dict, dict]:
    stages: Counter[tuple[str, str]] = Counter()
    criteria: Counter[tuple[str, str]] = Counter()
    from differentiation import display

    for s in overview.data["suppliers"]:
        stages[(s["country"], BuyerStage.of(s["stage"]).value)] += 1
        for c in s["criteria"]:
            criteria[(display.group_label(c["group"]), c["result"])] += 1
    return dict(stages), dict(criteria)


def test_the_overview_page_draws_the_stored_figures(overview, suppliers):
    html = client_as(suppliers.buyer_user).get(f"/buyers/overviews/{overview.pk}/").content.decode()
    stages, criteria = _overview_expected(overview)
    assert {k: n for k, n in numbers(html, "chart-overview-stages").items() if n} == stages
    assert {k: n for k, n in numbers(html, "chart-overview-criteria").items() if n} == criteria
    assert stages == {
        ("BGD", BuyerStage.NOT_HIGH_PERFORMING.value): 2,
        ("VNM", BuyerStage.HIGH_PERFORMING.value): 1,
        ("VNM", BuyerStage.NOT_HIGH_PERFORMING.value): 1,
    }
    # at the quarter end, Dhaka's latest evaluation (June) did not meet compliance
    assert criteria[(display_label(Group.COMPLIANCE), Result.NOT_MET.value)] == 1


def display_label(group: Group) -> str:
    from differentiation import display

    return display.group_label(group.value)


def test_the_overview_pdf_carries_the_charts_and_their_tables(overview, suppliers):
    response = client_as(suppliers.buyer_user).get(f"/buyers/overviews/{overview.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Suppliers by stage at quarter end" in text
    assert "Suppliers by criterion at quarter end" in text
    # the SVG's legend and the table both name the stages: at least twice each
    assert text.count("Not high-performing") >= 2
    lines = [line.split() for line in text.splitlines()]
    assert ["VNM", "1", "1", "2"] in lines  # the stage table's row: HP, not HP, total


def test_an_outsider_gets_no_overview_pdf(overview, suppliers):
    for persona in ("outsider_buyer_user", "pm", "factory_user"):
        response = client_as(suppliers.persona(persona)).get(f"/buyers/overviews/{overview.pk}.pdf")
        assert response.status_code == 404


def test_the_overview_workbook_has_a_chart_sheet_with_the_same_numbers(overview, suppliers):
    response = client_as(suppliers.buyer_user).get(f"/buyers/overviews/{overview.pk}.xlsx")
    content = response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Charts"]
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["Suppliers by stage at quarter end"] in values
    assert ["VNM", 1, 1, 2] in values and ["BGD", 0, 2, 2] in values
    _, criteria = _overview_expected(overview)
    compliance = display_label(Group.COMPLIANCE)
    row = next(r for r in values if r and r[0] == compliance)
    assert row[1:] == [criteria.get((compliance, r.value), 0) for r in Result] + [
        sum(criteria.get((compliance, r.value), 0) for r in Result)
    ]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        xml = archive.read(charts[0]).decode()
        assert (
            "<barChart>" in xml and '<barDir val="bar"' in xml and '<grouping val="stacked"' in xml
        )


def test_an_overview_without_suppliers_draws_no_empty_chart(cast):
    overview, _ = services.quarterly_overview_produce(buyer=cast.buyer, quarter=Q3, actor=cast.pm)
    client = client_as(cast.buyer_user)
    assert overview.data["suppliers"] == []
    assert "chart-overview" not in client.get(f"/buyers/overviews/{overview.pk}/").content.decode()
    assert client.get(f"/buyers/overviews/{overview.pk}.pdf").status_code == 200
    workbook = client.get(f"/buyers/overviews/{overview.pk}.xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(workbook))["Charts"]
    assert sheet["A1"].value == "Suppliers by stage at quarter end"
