"""The supplier list's card is cached until its data changes (buyer_portal/fragments.py).

Every change a buyer can see must show on the very next request: the database's triggers move
the cache key with any write to the tables the list shows, so these tests make one write of
each kind between two requests, by the services and behind their back.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from buyer_portal import fragments
from factories import access
from factories import services as factory_services
from factories.models import Factory, Programme
from factories.vocabulary import Role, Stage
from tests import makers
from tests.buyer_portal.buyer_helpers import make_evaluation, make_supplier
from tests.conftest import api_as, client_as

LIST = "/buyers/suppliers/"


revision_migration = importlib.import_module("buyer_portal.migrations.0002_data_revision")


def queries_of(client: Client, path: str = LIST) -> tuple[str, int]:
    """The list's card (the page around it holds a fresh CSRF token) and the queries it took."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    card = body[body.index('<section class="card">') : body.index("</section>")]
    statements = [q["sql"] for q in captured.captured_queries]
    return card, len([sql for sql in statements if not sql.startswith(("SAVEPOINT", "RELEASE"))])


def test_it_serves_the_second_request_from_the_cache(cast: Any) -> None:
    client = client_as(cast.buyer_user)
    first, rendered = queries_of(client)
    second, cached = queries_of(client)
    assert first == second
    assert "Dhaka Knitwear Ltd" in second
    # Session, user, profile and the revision; nothing of the list itself.
    assert cached <= 4 < rendered


def test_each_user_has_an_entry_of_their_own(cast: Any) -> None:
    colleague = makers.make_user(Role.BUYER, "ben-buyer", buyer=cast.buyer)
    body, _ = queries_of(client_as(cast.buyer_user))
    same, rendered = queries_of(client_as(colleague))
    assert same == body  # the same rights, the same list ...
    assert rendered > 4  # ... yet computed for this user, not taken from the other's entry
    outsider, _ = queries_of(client_as(cast.outsider_buyer_user))
    assert "Dhaka Knitwear Ltd" not in outsider
    assert "No factory has granted you third-party access yet." in outsider


def _wider_colleague(cast: Any) -> Any:
    """A Northwind user who also sees Chittagong Denim, through a group of another buyer's
    that has access to it (as a membership left behind by an earlier move would give)."""
    factory_services.third_party_access_grant(
        factory=cast.other_factory, buyer=cast.outsider_buyer, actor=cast.other_factory_user
    )
    colleague = makers.make_user(Role.BUYER, "ben-buyer", buyer=cast.buyer)
    colleague.groups.add(access.buyer_group(cast.outsider_buyer))
    return colleague


def test_two_users_of_one_buyer_with_different_rights_share_no_cached_list(cast: Any) -> None:
    colleague = _wider_colleague(cast)
    wider, _ = queries_of(client_as(colleague))
    assert "Chittagong Denim Ltd" in wider
    narrower, _ = queries_of(client_as(cast.buyer_user))
    assert "Dhaka Knitwear Ltd" in narrower and "Chittagong Denim Ltd" not in narrower
    # And the other way round, from a warm entry.
    again, _ = queries_of(client_as(colleague))
    assert again == wider


def test_two_users_of_one_buyer_with_different_rights_share_no_cached_api_list(cast: Any) -> None:
    colleague = _wider_colleague(cast)
    wider, _ = api_get(colleague)
    assert {r["name"] for r in wider["results"]} == {"Dhaka Knitwear Ltd", "Chittagong Denim Ltd"}
    narrower, _ = api_get(cast.buyer_user)
    assert [r["name"] for r in narrower["results"]] == ["Dhaka Knitwear Ltd"]


def test_each_query_string_is_its_own_entry(cast: Any) -> None:
    client = client_as(cast.buyer_user)
    queries_of(client)
    body, _ = queries_of(client, f"{LIST}?search=nothing-like-it")
    assert "No supplier matches these filters." in body
    body, _ = queries_of(client, f"{LIST}?search=dhaka")
    assert "Dhaka Knitwear Ltd" in body


def _revoke(cast: Any) -> None:
    factory_services.third_party_access_revoke(
        factory=cast.factory, buyer=cast.buyer, actor=cast.factory_user
    )


def _grant_another(cast: Any) -> None:
    factory_services.third_party_access_grant(
        factory=cast.other_factory, buyer=cast.buyer, actor=cast.other_factory_user
    )


def _rename(cast: Any) -> None:
    factory = Factory.objects.get(pk=cast.factory.pk)
    factory.name = "Renamed Knitwear Ltd"
    factory.save()


def _rename_by_update(cast: Any) -> None:
    Factory.objects.filter(pk=cast.factory.pk).update(name="Renamed Knitwear Ltd")


def _evaluate(cast: Any) -> None:
    make_evaluation(cast.factory, compliance="not_met")


def _stage(cast: Any) -> None:
    """A stage buyers see: the PM's decision (candidate and eligible are never shown)."""
    Factory.objects.filter(pk=cast.factory.pk).update(stage=Stage.HIGH_PERFORMING)


def _programme_renamed(cast: Any) -> None:
    Programme.objects.filter(pk=cast.factory.programme_id).update(code="BGX")


CHANGES: list[tuple[str, Callable[[Any], None], str, str]] = [
    ("access revoked", _revoke, "Dhaka Knitwear Ltd", "No factory has granted you"),
    ("access granted", _grant_another, "1 supplier", "Chittagong Denim Ltd"),
    ("factory renamed", _rename, "Dhaka Knitwear Ltd", "Renamed Knitwear Ltd"),
    ("renamed by update()", _rename_by_update, "Dhaka Knitwear Ltd", "Renamed Knitwear Ltd"),
    ("new evaluation", _evaluate, "Unknown", "Not met"),
    ("stage decided", _stage, "stage-not_high_performing", "stage-high_performing"),
    ("programme renamed", _programme_renamed, ">BGD</td>", ">BGX</td>"),
]


@pytest.mark.parametrize(
    ("change", "before", "after"), [pytest.param(c, b, a, id=i) for i, c, b, a in CHANGES]
)
def test_it_shows_every_change_on_the_next_request(
    cast: Any, change: Callable[[Any], None], before: str, after: str
) -> None:
    client = client_as(cast.buyer_user)
    body, _ = queries_of(client)
    cached, _ = queries_of(client)
    assert before in body and before in cached and after not in cached
    change(cast)
    changed, _ = queries_of(client)
    assert after in changed


def test_it_renders_without_a_cache_that_is_down(
    cast: Any, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    cache.close()
    client = client_as(cast.buyer_user)
    for _ in range(2):
        body, rendered = queries_of(client)
        assert "Dhaka Knitwear Ltd" in body
        assert rendered > 4  # rendered each time
    assert "Fragment cache unavailable" in caplog.text


def test_the_revision_moves_with_any_write_even_before_commit(cast: Any) -> None:
    before = fragments.revision("suppliers")
    assert before is not None and before == fragments.revision("suppliers")
    Factory.objects.filter(pk=cast.factory.pk).update(name="Moved")  # inside the test's transaction
    moved = fragments.revision("suppliers")
    assert moved != before
    # Reading, or writing a table the list does not show, leaves it where it is.
    list(Factory.objects.all())
    cast.ea.save()
    assert fragments.revision("suppliers") == moved


def test_every_watched_table_has_its_trigger(db: Any) -> None:
    """A later migration that rebuilds a watched table (SQLite does) must watch it again."""
    from django.apps import apps

    tables = revision_migration.watched_tables(apps)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'bp_revision_%%'"
            )
            expected = {revision_migration.trigger_name(t) for t in tables}
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = {
                revision_migration.trigger_name(t, op)
                for t in tables
                for op in ("insert", "update", "delete")
            }
        assert expected <= {row[0] for row in cursor.fetchall()}
    assert len(tables) == 7


def test_without_a_revision_it_renders_every_time(cast: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(fragments, "revision", lambda name: None)
    calls: list[int] = []

    def render() -> str:
        calls.append(1)
        return "<p>fresh</p>"

    assert fragments.cached_fragment("suppliers", ("x",), render) == "<p>fresh</p>"
    assert fragments.cached_fragment("suppliers", ("x",), render) == "<p>fresh</p>"
    assert len(calls) == 2


def test_it_keys_fragments_by_every_part() -> None:
    assert fragments.cache_key("0/1", "a", 1) == fragments.cache_key("0/1", "a", 1)
    assert fragments.cache_key("0/1", "a", 1) != fragments.cache_key("0/2", "a", 1)
    assert fragments.cache_key("0/1", "a", 1) != fragments.cache_key("0/1", "a", 2)
    assert fragments.cache_key("0/1", "a", [("page", ["2"])]) != fragments.cache_key(
        "0/1", "a", [("page", ["3"])]
    )


# --- the API's list, cached the same way ------------------------------------------------------


def api_get(user: Any, path: str = "/api/v1/suppliers/", **extra: Any) -> tuple[Any, int]:
    client = api_as(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    assert response.status_code == 200
    statements = [q["sql"] for q in captured.captured_queries]
    return response.json(), len(
        [sql for sql in statements if not sql.startswith(("SAVEPOINT", "RELEASE"))]
    )


def test_the_api_list_is_served_from_the_cache_and_sees_every_change(
    cast: Any, settings: Any
) -> None:
    settings.ALLOWED_HOSTS = ["testserver", "portal.example"]
    for n in range(3):
        make_supplier(cast.buyer, actor=cast.factory_user, name=f"Extra Supplier {n}")
    first, computed = api_get(cast.buyer_user, "/api/v1/suppliers/?limit=2")
    second, cached = api_get(cast.buyer_user, "/api/v1/suppliers/?limit=2")
    assert first == second and first["count"] == 4
    assert cached < computed
    assert first["next"].startswith("http://testserver/api/v1/suppliers/?limit=2&offset=2")
    # Another host gets its own links; another page its own rows.
    other, _ = api_get(cast.buyer_user, "/api/v1/suppliers/?limit=2", HTTP_HOST="portal.example")
    assert other["next"].startswith("http://portal.example/")
    page_two, _ = api_get(cast.buyer_user, "/api/v1/suppliers/?limit=2&offset=2")
    assert [r["id"] for r in page_two["results"]] != [r["id"] for r in first["results"]]
    _revoke(cast)
    after, _ = api_get(cast.buyer_user, "/api/v1/suppliers/?limit=2")
    assert after["count"] == 3
    assert cast.factory.pk not in [r["id"] for r in after["results"]]


def test_the_api_list_refuses_bad_filters_with_a_cache(cast: Any) -> None:
    api_get(cast.buyer_user)
    response = api_as(cast.buyer_user).get("/api/v1/suppliers/?stage=nowhere")
    assert response.status_code == 400
    assert "stage" in response.json()
