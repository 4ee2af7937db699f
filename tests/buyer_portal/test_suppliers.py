"""The buyer's supplier list, its downloads and the supplier page: who sees them, filters, queries."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from differentiation.vocabulary import RequestStatus
from tests import makers
from tests.buyer_portal.buyer_helpers import (
    make_evaluation,
    make_formal_note,
    make_high_performing,
    make_supplier,
)
from tests.buyer_portal.supplier_pages import csv_names, page_text
from tests.conftest import PERSONAS, api_as, client_as, shown

BUYERS_ONLY = {
    "anonymous": 302,
    "pm": 404,
    "ea": 404,
    "other_pm": 404,
    "factory_user": 404,
    "other_factory_user": 404,
    "buyer_user": 200,
    "outsider_buyer_user": 200,
}
WITH_ACCESS_ONLY = {**BUYERS_ONLY, "outsider_buyer_user": 404}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "path", ["/buyers/suppliers/", "/buyers/suppliers/export.csv", "/buyers/suppliers/export.xlsx"]
)
def test_it_serves_the_list_and_downloads_to_buyer_users_only(cast, persona, path):
    response = client_as(cast.persona(persona)).get(path)
    assert response.status_code == BUYERS_ONLY[persona]
    if response.status_code == 200:
        body = page_text(response)
        assert ("Dhaka Knitwear Ltd" in body) == (persona == "buyer_user")
        assert "Chittagong Denim Ltd" not in body


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_supplier_page_only_with_access(cast, persona):
    response = client_as(cast.persona(persona)).get(f"/buyers/suppliers/{cast.factory.pk}/")
    assert response.status_code == WITH_ACCESS_ONLY[persona]


def test_it_answers_404_for_a_factory_without_access_or_missing(cast):
    client = client_as(cast.buyer_user)
    assert client.get(f"/buyers/suppliers/{cast.other_factory.pk}/").status_code == 404
    assert client.get("/buyers/suppliers/999999/").status_code == 404


@pytest.mark.parametrize(
    "query, names",
    [
        (
            "",
            [
                "Chittagong?",
                "Dhaka Knitwear Ltd",
                "Gazipur Garments",
                "Hanoi Stitch",
                "Saigon Seams",
                "Savar Sweaters",
            ],
        ),
        ("country=VNM", ["Hanoi Stitch", "Saigon Seams"]),
        (
            "country=bgd&stage=not_high_performing",
            ["Dhaka Knitwear Ltd", "Gazipur Garments", "Savar Sweaters"],
        ),
        ("stage=high_performing", ["Hanoi Stitch"]),
        # Candidacy is the programme's internal work: a buyer cannot filter on it.
        (
            "stage=candidate",
            [
                "Dhaka Knitwear Ltd",
                "Gazipur Garments",
                "Hanoi Stitch",
                "Saigon Seams",
                "Savar Sweaters",
            ],
        ),
        ("search=sa", ["Saigon Seams", "Savar Sweaters"]),
        ("ordering=-name&country=VNM", ["Saigon Seams", "Hanoi Stitch"]),
        (
            "ordering=-stage",
            [
                "Hanoi Stitch",
                "Dhaka Knitwear Ltd",
                "Gazipur Garments",
                "Saigon Seams",
                "Savar Sweaters",
            ],
        ),
        ("country=KHM", []),
        (
            "stage=bogus",
            [
                "Dhaka Knitwear Ltd",
                "Gazipur Garments",
                "Hanoi Stitch",
                "Saigon Seams",
                "Savar Sweaters",
            ],
        ),
    ],
)
def test_it_filters_sorts_and_searches_the_list_and_its_csv_alike(cast, suppliers, query, names):
    names = [n for n in names if n != "Chittagong?"]  # never a supplier: no access
    if not query:
        names = sorted(names)
    client = client_as(cast.buyer_user)
    page = client.get(f"/buyers/suppliers/?{query}")
    assert page.status_code == 200
    assert [f.name for f in page.context["suppliers"]] == names
    assert csv_names(client.get(f"/buyers/suppliers/export.csv?{query}")) == names
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/buyers/suppliers/export.xlsx?{query}").content)
    ).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == names


def test_it_shows_the_latest_criteria_at_a_glance(cast, suppliers):
    response = client_as(cast.buyer_user).get("/buyers/suppliers/?search=Savar")
    [savar] = response.context["suppliers"]
    assert [c["result"] for c in savar.criteria] == ["met", "unknown", "unknown", "unknown", "met"]
    rows = list(
        csv.reader(
            io.StringIO(
                client_as(cast.buyer_user)
                .get("/buyers/suppliers/export.csv?search=Savar")
                .content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0][5:10] == [  # the annex's headings, the one wording of the criteria
        "Compliance with publicly reported issues",
        "Contracts and HR management systems",
        "OSH management systems",
        "Effective social dialogue",
        "Learning for sustainable improvement",
    ]
    assert rows[1][5:10] == ["Met", "Unknown", "Unknown", "Unknown", "Met"]


def test_it_paginates_by_25_and_exports_every_page(cast):
    for n in range(27):
        make_supplier(cast.buyer, actor=cast.pm, name=f"Factory {n:02d}")
    client = client_as(cast.buyer_user)
    first = client.get("/buyers/suppliers/")
    assert len(first.context["suppliers"]) == 25
    second = client.get("/buyers/suppliers/?page=2")
    assert len(second.context["suppliers"]) == 3
    assert len(csv_names(client.get("/buyers/suppliers/export.csv"))) == 28


def _seed(cast, n: int, prefix: str = "Supplier") -> None:
    for i in range(n):
        factory = make_supplier(cast.buyer, actor=cast.pm, name=f"{prefix} {i:02d}")
        make_evaluation(factory, when="2025-01-01", compliance="not_met")
        make_evaluation(factory, when="2025-06-01", compliance="met")


@pytest.mark.parametrize("n", [3, 30])
@pytest.mark.parametrize(
    "path",
    ["/buyers/suppliers/", "/buyers/suppliers/export.csv", "/buyers/suppliers/export.xlsx"],
)
def test_it_keeps_list_and_download_queries_flat(cast, n, path, django_assert_max_num_queries):
    _seed(cast, n)
    client = client_as(cast.buyer_user)
    with django_assert_max_num_queries(12):
        response = client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path", ["/buyers/suppliers/", "/buyers/suppliers/export.csv", "/api/v1/suppliers/"]
)
def test_it_runs_the_same_queries_for_3_and_30_suppliers(cast, path):
    counts = []
    for n, prefix in ((3, "Supplier"), (27, "More")):  # 3, then 30 suppliers
        _seed(cast, n, prefix)
        client = api_as(cast.buyer_user) if path.startswith("/api") else client_as(cast.buyer_user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- the supplier page --------------------------------------------------------------------


def test_it_highlights_a_high_performing_supplier_with_the_approving_evidence(cast):
    decision = make_high_performing(cast)
    note = make_formal_note(cast.factory, decision, [cast.buyer])
    other = make_formal_note(cast.other_factory, _another_decision(cast, decision), [cast.buyer])
    response = client_as(cast.buyer_user).get(f"/buyers/suppliers/{cast.factory.pk}/")
    page = response.content.decode()
    assert "A high-performing factory" in page
    assert "all five criteria" in page
    # The approving evaluation's evidence, in words.
    assert (
        "All 6 HR elements satisfied in the assessments of cycles 1 (2024-03-12) and 2 (2025-03-18)."
        in page
    )
    assert "On track in the progress report 2 of cycle 1" in page
    assert "additional question" not in page.lower()  # the eligibility check, not a criterion
    # Summaries: dates and counts, no finding details; no drafts.
    assert "2025-03-18" in page and "13/13" in page and "PR2" in page
    assert f"/differentiation/notes/{note.pk}/pdf" in page
    assert f"/differentiation/notes/{other.pk}/pdf" not in page


def _another_decision(cast, decision):
    """The other factory's note needs its own decision: reuse the engine for it is heavy, so
    borrow the request and evaluation and make a decision row by hand."""

    request = makers.ApprovalRequestMaker(
        factory=cast.other_factory,
        status=RequestStatus.APPROVED,
        evaluation=make_evaluation(cast.other_factory),
    )
    return makers.DecisionMaker(request=request, decided_by=cast.pm2)


def test_it_shows_progress_and_summaries_but_no_drafts_or_highlight_when_not_high_performing(cast):
    from tests import makers

    makers.make_assessment(cast.factory, by=cast.ea, cycle=1)
    makers.make_assessment(
        cast.factory,
        by=cast.ea,
        cycle=2,
        visit_date=__import__("datetime").date(2025, 4, 1),
        finalise=False,
    )
    make_evaluation(cast.factory, compliance="unknown")
    response = client_as(cast.buyer_user).get(f"/buyers/suppliers/{cast.factory.pk}/")
    page = response.content.decode()
    assert "A high-performing factory" not in page
    assert "Progress towards the criteria" in page
    assert shown("2024-03-12") in page
    assert shown("2025-04-01") not in page  # the draft
    assert [a.cycle for a in response.context["detail"].assessments] == [1]


def test_it_keeps_the_supplier_page_queries_bounded(cast, django_assert_max_num_queries):
    decision = make_high_performing(cast)
    make_formal_note(cast.factory, decision, [cast.buyer])
    client = client_as(cast.buyer_user)
    with django_assert_max_num_queries(14):
        assert client.get(f"/buyers/suppliers/{cast.factory.pk}/").status_code == 200
