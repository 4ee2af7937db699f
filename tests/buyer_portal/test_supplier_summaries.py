"""The supplier list's read model (factories.SupplierSummary) follows every write that changes
what buyers see, in the writing transaction; the list reads it in a flat number of queries; the
trigger-based revision of the old cache is gone."""

from __future__ import annotations

import datetime
import importlib
from typing import Any

from django.apps import apps
from django.db import connection

from differentiation.evaluation import factory_evaluate
from factories import services as factory_services
from factories.models import Factory, Programme, ScopeChange, SupplierSummary
from factories.summaries import refresh_summary
from factories.vocabulary import BuyerStage
from tests import makers
from tests.buyer_portal.buyer_helpers import make_high_performing, make_supplier
from tests.conftest import api_as, client_as

LIST = "/buyers/suppliers/"


def summary(factory: Factory) -> SupplierSummary:
    return SupplierSummary.objects.get(factory=factory)


def test_a_new_factory_has_its_summary(cast: Any) -> None:
    row = summary(cast.factory)
    assert (row.name, row.programme_code, row.buyer_stage) == (
        "Dhaka Knitwear Ltd",
        "BGD",
        BuyerStage.NOT_HIGH_PERFORMING,
    )
    assert row.results is None and row.evaluated_at is None


def test_an_evaluation_writes_the_results_and_bumps_the_version(cast: Any) -> None:
    before = summary(cast.factory).version
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=datetime.date(2024, 3, 12))
    run = factory_evaluate(factory_id=cast.factory.pk, trigger="test")
    row = summary(cast.factory)
    assert run.evaluation is not None
    assert row.evaluated_at == run.evaluation.created_at
    assert row.results == {c["group"]: c["result"] for c in run.evaluation.outcome["criteria"]}
    assert row.version > before
    # The next assessment falls due a year after the finalised visit (the finalisation's write).
    assert row.next_assessment_due == datetime.date(2025, 3, 12)


def test_a_decision_and_a_stage_change_show_as_buyers_see_them(cast: Any) -> None:
    make_high_performing(cast)
    row = summary(cast.factory)
    cast.factory.refresh_from_db()
    assert row.buyer_stage == BuyerStage.HIGH_PERFORMING
    assert row.high_performing_since == cast.factory.high_performing_since is not None


def test_factory_edits_and_moves_refresh_it(cast: Any) -> None:
    factory = Factory.objects.get(pk=cast.factory.pk)
    factory.name = "Renamed Knitwear Ltd"
    factory.save()
    assert summary(cast.factory).name == "Renamed Knitwear Ltd"
    factory_services.factory_programme_change(
        factory=factory, programme=makers.programme("VNM"), actor=None, via=ScopeChange.Via.SERVICE
    )
    assert summary(cast.factory).programme_code == "VNM"
    vietnam = Programme.objects.get(code="VNM")
    vietnam.name = "Viet Nam"
    vietnam.save()
    assert summary(cast.factory).programme_name == "Viet Nam"


def test_refresh_is_one_upsert_per_thousand_factories(cast: Any, django_assert_num_queries) -> None:
    ids = [cast.factory.pk, cast.other_factory.pk]
    versions = dict(SupplierSummary.objects.values_list("factory_id", "version"))
    # The factories' rows, their latest results, one INSERT ... ON CONFLICT.
    with django_assert_num_queries(3):
        assert refresh_summary(ids) == 2
    after = dict(SupplierSummary.objects.values_list("factory_id", "version"))
    assert all(after[pk] == versions[pk] + 1 for pk in ids)


def _suppliers(cast: Any, n: int, prefix: str) -> None:
    for i in range(n):
        make_supplier(cast.buyer, actor=cast.pm, name=f"{prefix} {i:02d}")


def test_the_list_and_the_api_take_the_same_queries_for_3_and_60_suppliers(
    cast: Any, django_assert_num_queries
) -> None:
    # The list: session, user, profile, then one statement for the page, its count and the
    # countries of the filter (read only: no transaction around it).
    # The API (signed in by the test client, the profile cached on the user): the one statement
    # in the request's transaction (its savepoint here, opened and released).
    page, api = client_as(cast.buyer_user), api_as(cast.buyer_user)
    for n, prefix in ((2, "Few"), (57, "Many")):
        _suppliers(cast, n, prefix)
        with django_assert_num_queries(4):
            assert page.get(LIST).status_code == 200
        with django_assert_num_queries(3):
            assert api.get("/api/v1/suppliers/").status_code == 200


def test_a_page_past_the_end_shows_the_last_page(cast: Any) -> None:
    _suppliers(cast, 30, "Supplier")
    response = client_as(cast.buyer_user).get(f"{LIST}?page=9")
    page = response.context["page"]
    assert (page.number, page.count, len(response.context["suppliers"])) == (2, 31, 6)


def test_the_trigger_revision_is_gone(db: Any) -> None:
    tables = connection.introspection.table_names()
    assert "buyer_portal_datarevision" not in tables
    assert "factories_suppliersummary" in tables
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        names = [row[0] for row in cursor.fetchall()]
    assert not [n for n in names if n.startswith("bp_revision_")]


def test_the_migration_fills_the_summaries_of_existing_factories(cast: Any) -> None:
    make_high_performing(cast)
    expected = list(SupplierSummary.objects.order_by("pk").values())
    SupplierSummary.objects.all().delete()
    migration = importlib.import_module(
        "buyer_portal.migrations.0003_summaries_instead_of_triggers"
    )
    migration.fill_summaries(apps, None)
    filled = list(SupplierSummary.objects.order_by("pk").values())
    for row in expected + filled:
        row.pop("version")
    assert filled == expected
