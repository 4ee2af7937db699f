"""The quarterly supplier overview (docs/rules.md section 11): figures as of the quarter end."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buyer_portal import selectors, services, tasks
from buyer_portal.models import QuarterlyOverview
from buyer_portal.quarters import Quarter
from differentiation.models import StageChange
from factories import services as factory_services
from factories.models import ThirdPartyAccess
from factories.vocabulary import Stage
from tests import makers
from tests.buyer_portal.buyer_helpers import at, make_evaluation
from tests.conftest import PERSONAS, client_as

Q3 = Quarter(2025, 3)


# --- quarters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, previous, last_day",
    [("2025-Q3", "2025-Q2", "2025-09-30"), ("2026-Q1", "2025-Q4", "2026-03-31")],
)
def test_it_names_quarters_and_their_bounds(name, previous, last_day):
    quarter = Quarter.parse(name)
    assert str(quarter.previous) == previous
    assert quarter.last_day.isoformat() == last_day
    assert timezone.localtime(quarter.cutoff).date() == quarter.last_day + datetime.timedelta(1)


def test_it_knows_the_quarter_that_just_ended():
    assert str(Quarter.just_ended(datetime.date(2026, 10, 1))) == "2026-Q3"
    assert str(Quarter.just_ended(datetime.date(2026, 1, 1))) == "2025-Q4"


@pytest.mark.parametrize("bad", ["2025Q3", "2025-Q5", "Q3-2025", ""])
def test_it_refuses_names_that_are_not_quarters(bad):
    with pytest.raises(ValueError):
        Quarter.parse(bad)


# --- the fixed dataset --------------------------------------------------------------------


def _grant(factory, buyer, actor, granted: str, revoked: str | None = None) -> None:
    factory_services.third_party_access_grant(factory=factory, buyer=buyer, actor=actor)
    if revoked:
        factory_services.third_party_access_revoke(factory=factory, buyer=buyer, actor=actor)
    rows = ThirdPartyAccess.objects.filter(factory=factory, buyer=buyer)
    rows.update(granted_at=at(granted), revoked_at=at(revoked) if revoked else None)


def _change(factory, from_stage: str, to_stage: str, when: datetime.datetime) -> None:
    change = makers.StageChangeMaker(factory=factory, from_stage=from_stage, to_stage=to_stage)
    StageChange.objects.filter(pk=change.pk).update(created_at=when)


@pytest.fixture
def dataset(cast):
    """Northwind's suppliers through 2025, placed in time.

    - Dhaka (cast.factory): access since March; candidate in Q2, high-performing in Q3 (and
      under review in October, after the quarter: ignored).
    - Gazipur: new in Q3; candidate at 23:30 on 30 September, eligible at midnight (Q4).
    - Savar: access revoked on 1 September: lost in Q3.
    - Narayanganj: candidate since April; access revoked in November, after the quarter end.
    - Tongi: access only from October.
    """
    pm, buyer = cast.pm, cast.buyer
    dhaka = cast.factory
    ThirdPartyAccess.objects.filter(factory=dhaka).update(granted_at=at("2025-03-01"))
    gazipur = makers.make_factory("Gazipur Garments")
    savar = makers.make_factory("Savar Sweaters")
    narayanganj = makers.make_factory("Narayanganj Knits")
    tongi = makers.make_factory("Tongi Textiles")
    _grant(gazipur, buyer, pm, "2025-08-01")
    _grant(gazipur, cast.outsider_buyer, pm, "2025-08-01")
    _grant(savar, buyer, pm, "2025-01-10", revoked="2025-09-01")
    _grant(narayanganj, buyer, pm, "2025-02-01", revoked="2025-11-01")
    _grant(tongi, buyer, pm, "2025-10-02")

    _change(dhaka, Stage.NOT_ON_TRACK, Stage.CANDIDATE, at("2025-05-10"))
    _change(dhaka, Stage.CANDIDATE, Stage.ELIGIBLE, at("2025-08-20"))
    _change(dhaka, Stage.ELIGIBLE, Stage.HIGH_PERFORMING, at("2025-09-15"))
    _change(dhaka, Stage.HIGH_PERFORMING, Stage.UNDER_REVIEW, at("2025-10-05"))
    make_evaluation(dhaka, when="2025-05-10", compliance="met")
    all_met = {
        g: "met"
        for g in (
            "compliance",
            "hr_management_systems",
            "osh_management_systems",
            "social_dialogue",
            "learning",
        )
    }
    make_evaluation(dhaka, when="2025-08-20", **all_met)
    make_evaluation(dhaka, when="2025-10-05", **{**all_met, "compliance": "not_met"})

    local = timezone.get_current_timezone()
    _change(
        gazipur,
        Stage.NOT_ON_TRACK,
        Stage.CANDIDATE,
        datetime.datetime(2025, 9, 30, 23, 30, tzinfo=local),
    )
    _change(
        gazipur, Stage.CANDIDATE, Stage.ELIGIBLE, datetime.datetime(2025, 10, 1, 0, 0, tzinfo=local)
    )
    _change(narayanganj, Stage.NOT_ON_TRACK, Stage.CANDIDATE, at("2025-04-01"))
    return {
        "dhaka": dhaka,
        "gazipur": gazipur,
        "savar": savar,
        "narayanganj": narayanganj,
        "tongi": tongi,
    }


def test_it_computes_the_overview_as_of_the_quarter_end(cast, dataset):
    data = selectors.overview_figures(cast.buyer, Q3)
    d = dataset
    assert data["quarter"] == "2025-Q3" and data["period_end"] == "2025-09-30"
    assert [(s["name"], s["stage"], s["stage_previous"], s["new"]) for s in data["suppliers"]] == [
        # Buyers see the PM's decision only: a candidate is "not high-performing".
        ("Dhaka Knitwear Ltd", "high_performing", "not_high_performing", False),
        ("Gazipur Garments", "not_high_performing", None, True),
        ("Narayanganj Knits", "not_high_performing", "not_high_performing", False),
    ]
    assert data["stage_counts"] == {"high_performing": 1, "not_high_performing": 2}
    assert data["movements"] == [
        {
            "factory_id": d["dhaka"].pk,
            "name": "Dhaka Knitwear Ltd",
            "from": "not_high_performing",
            "to": "high_performing",
        }
    ]
    assert data["new"] == [d["gazipur"].pk]
    assert [(x["name"], x["stage_previous"]) for x in data["lost"]] == [
        ("Savar Sweaters", "not_high_performing")
    ]
    # Criteria from the latest evaluation created by the quarter end: August's, all met.
    assert {c["result"] for c in data["suppliers"][0]["criteria"]} == {"met"}
    assert {c["result"] for c in data["suppliers"][1]["criteria"]} == {"unknown"}


def test_it_computes_the_previous_quarter_too(cast, dataset):
    data = selectors.overview_figures(cast.buyer, Quarter(2025, 2))
    assert [(s["name"], s["stage"]) for s in data["suppliers"]] == [
        ("Dhaka Knitwear Ltd", "not_high_performing"),
        ("Narayanganj Knits", "not_high_performing"),
        ("Savar Sweaters", "not_high_performing"),
    ]
    assert data["suppliers"][0]["criteria"][0] == {"group": "compliance", "result": "met"}


def test_it_hides_factories_no_longer_open_from_what_the_buyer_sees(cast, dataset):
    overview, produced = services.quarterly_overview_produce(
        buyer=cast.buyer, quarter=Q3, actor=None
    )
    assert produced
    assert len(overview.data["suppliers"]) == 3  # the stored history keeps Narayanganj
    client = client_as(cast.buyer_user)
    response = client.get(f"/buyers/overviews/{overview.pk}/")
    assert response.status_code == 200
    view = response.context["view"]
    assert [s["name"] for s in view.suppliers] == ["Dhaka Knitwear Ltd", "Gazipur Garments"]
    assert (view.hidden, view.lost_hidden) == (1, 1)
    counts = {row["stage"]: row["count"] for row in view.stage_counts}
    assert counts == {"not_high_performing": 1, "high_performing": 1}
    page = response.content.decode()
    assert "Narayanganj" not in page and "Savar" not in page
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/buyers/overviews/{overview.pk}.xlsx").content)
    )
    names = [row[0] for row in sheet["Suppliers"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Dhaka Knitwear Ltd", "Gazipur Garments"]
    assert [row[0] for row in sheet["Movements"].iter_rows(min_row=2, values_only=True)] == [
        "Dhaka Knitwear Ltd"
    ]

    # Revoking now hides the factory from this (old) overview at once.
    factory_services.third_party_access_revoke(
        factory=cast.factory, buyer=cast.buyer, actor=cast.factory_user
    )
    view = client.get(f"/buyers/overviews/{overview.pk}/").context["view"]
    assert [s["name"] for s in view.suppliers] == ["Gazipur Garments"]
    assert view.movements == []
    assert "Dhaka" not in client.get(f"/buyers/overviews/{overview.pk}/").content.decode()


def test_it_leaves_a_factory_revoked_during_the_quarter_out_of_a_new_overview(cast, dataset):
    factory_services.third_party_access_revoke(
        factory=cast.factory, buyer=cast.buyer, actor=cast.factory_user
    )
    ThirdPartyAccess.objects.filter(factory=cast.factory).update(revoked_at=at("2025-09-20"))
    overview, _ = services.quarterly_overview_produce(buyer=cast.buyer, quarter=Q3, actor=None)
    assert "Dhaka Knitwear Ltd" not in [s["name"] for s in overview.data["suppliers"]]
    assert "Dhaka Knitwear Ltd" in [x["name"] for x in overview.data["lost"]]


def test_it_produces_every_buyers_overview_once_from_the_beat_task(cast, dataset):
    assert tasks.produce_quarterly_overviews("2025-Q3") == 2
    first = {o.buyer_id: o.produced_at for o in QuarterlyOverview.objects.all()}
    assert tasks.produce_quarterly_overviews("2025-Q3") == 0  # idempotent
    assert {o.buyer_id: o.produced_at for o in QuarterlyOverview.objects.all()} == first
    outsider = QuarterlyOverview.objects.get(buyer=cast.outsider_buyer)
    assert [s["name"] for s in outsider.data["suppliers"]] == ["Gazipur Garments"]
    assert outsider.produced_by is None


def test_it_produces_the_quarter_that_just_ended_by_default(cast):
    tasks.produce_quarterly_overviews()
    assert set(QuarterlyOverview.objects.values_list("quarter", flat=True)) == {
        str(Quarter.just_ended())
    }


def test_it_keeps_the_overview_queries_flat(cast):
    counts = []
    for n in (3, 12):
        for i in range(n):
            factory = makers.make_factory(f"F{n}-{i}")
            factory_services.third_party_access_grant(
                factory=factory, buyer=cast.buyer, actor=cast.pm
            )
            make_evaluation(factory, compliance="met")
            _change(factory, Stage.NOT_ON_TRACK, Stage.CANDIDATE, timezone.now())
        with CaptureQueriesContext(connection) as queries:
            selectors.overview_figures(cast.buyer, Quarter.of(timezone.localdate()))
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- pages, per persona -------------------------------------------------------------------

LIST_STATUS = {
    "anonymous": 302,
    "pm": 200,
    "ea": 404,
    "other_pm": 200,
    "factory_user": 404,
    "other_factory_user": 404,
    "buyer_user": 200,
    "outsider_buyer_user": 200,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lists_overviews_to_buyers_and_pms(cast, persona):
    services.quarterly_overview_produce(buyer=cast.buyer, quarter=Q3, actor=None)
    response = client_as(cast.persona(persona)).get("/buyers/overviews/")
    assert response.status_code == LIST_STATUS[persona]
    if response.status_code == 200:
        page = response.content.decode()
        assert ("2025-Q3" in page) == (persona in ("buyer_user", "pm"))
        assert ("Northwind Apparel" in page) == (persona in ("buyer_user", "pm"))


DETAIL_STATUS = {**{p: 404 for p in PERSONAS}, "anonymous": 302, "buyer_user": 200}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("suffix", ["/", ".xlsx"])
def test_it_shows_an_overview_to_its_buyer_only(cast, persona, suffix):
    overview, _ = services.quarterly_overview_produce(buyer=cast.buyer, quarter=Q3, actor=None)
    response = client_as(cast.persona(persona)).get(f"/buyers/overviews/{overview.pk}{suffix}")
    assert response.status_code == DETAIL_STATUS[persona]


PRODUCE_STATUS = {
    "anonymous": 302,
    "pm": 302,
    "ea": 404,
    "other_pm": 400,  # Northwind has no supplier in VNM
    "factory_user": 404,
    "other_factory_user": 404,
    "buyer_user": 404,
    "outsider_buyer_user": 404,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_a_pm_of_the_buyers_suppliers_produce_on_demand(cast, persona):
    response = client_as(cast.persona(persona)).post(
        "/buyers/overviews/produce/", {"buyer": cast.buyer.pk, "quarter": "2025-Q3"}
    )
    assert response.status_code == PRODUCE_STATUS[persona]
    overview = QuarterlyOverview.objects.filter(buyer=cast.buyer, quarter="2025-Q3").first()
    assert (overview is not None) == (persona == "pm")
    if overview is not None:
        assert overview.produced_by == cast.pm


@pytest.mark.parametrize(
    "quarter, field", [("2099-Q1", "quarter"), ("2025Q3", "quarter"), ("", "quarter")]
)
def test_it_refuses_a_quarter_not_ended_or_malformed(cast, quarter, field):
    response = client_as(cast.pm).post(
        "/buyers/overviews/produce/", {"buyer": cast.buyer.pk, "quarter": quarter}
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not QuarterlyOverview.objects.exists()


def test_it_replaces_a_quarter_only_when_asked(cast):
    first, _ = services.quarterly_overview_produce(buyer=cast.buyer, quarter=Q3, actor=None)
    services.quarterly_overview_produce(buyer=cast.buyer, quarter=Quarter(2025, 2), actor=None)
    client = client_as(cast.pm2)
    client.post("/buyers/overviews/produce/", {"buyer": cast.buyer.pk, "quarter": "2025-Q3"})
    assert QuarterlyOverview.objects.get(pk=first.pk).produced_by is None
    client.post(
        "/buyers/overviews/produce/",
        {"buyer": cast.buyer.pk, "quarter": "2025-Q3", "replace": "on"},
    )
    assert QuarterlyOverview.objects.get(pk=first.pk).produced_by == cast.pm2
    assert QuarterlyOverview.objects.get(quarter="2025-Q2").produced_by is None
    assert QuarterlyOverview.objects.count() == 2
