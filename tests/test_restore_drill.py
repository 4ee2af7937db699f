"""The restore drill: seed a programme, back it up (`manage.py backup`), restore it into a fresh
empty database (`manage.py restore`), and find every factory, assessment, evaluation, decision,
formal note and grant there, with the buyer served the same supplier list from the restored
database. On PostgreSQL (CI) this is pg_dump -Fc and pg_restore; on SQLite the backup API."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import reverse

from assessments.models import Assessment
from differentiation.decisions import approval_decide
from differentiation.models import Decision, Evaluation, FormalNote
from factories.models import Factory, ThirdPartyAccess
from factories.services import third_party_access_grant
from tests.conftest import api_as, client_as
from tests.pages.pm_helpers import make_candidate, make_eligible

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RESTORED = "restored"
KEPT = (Factory, Assessment, Evaluation, Decision, FormalNote, ThirdPartyAccess)


class ToRestored:
    """Every read and write goes to the restored database, as if the portal ran on it."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return RESTORED

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return RESTORED

    def allow_relation(self, *objects: Any, **hints: Any) -> bool:
        return True


@pytest.fixture
def empty_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty database of the test database's kind, as the alias `restored`."""
    # Django's test case refuses connections to aliases it was not told of; this one is made
    # here, outside the test databases, and dropped at the end.
    guarded = BaseDatabaseWrapper.ensure_connection

    def ensure_connection(self: BaseDatabaseWrapper) -> None:
        if self.alias == RESTORED and self.connection is None:
            with self.wrap_database_errors:
                self.connect()
            return
        guarded(self)

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", ensure_connection)
    default = connections["default"].settings_dict
    vendor = connections["default"].vendor
    name = f"{default['NAME']}_restored" if vendor == "postgresql" else str(tmp_path / "r.db")
    if vendor == "postgresql":
        with connections["default"]._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    connections.settings[RESTORED] = {**default, "NAME": name, "ATOMIC_REQUESTS": False}
    try:
        yield RESTORED
    finally:
        connections[RESTORED].close()
        del connections[RESTORED]
        del connections.settings[RESTORED]
        if vendor == "postgresql":
            with connections["default"]._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def suppliers_seen(buyer_user: Any) -> tuple[str, Any]:
    """The buyer's supplier list, as the page's table body and as the API's JSON."""
    page = client_as(buyer_user).get(reverse("buyer_portal:suppliers"))
    assert page.status_code == 200
    table = re.search(r"<tbody>.*?</tbody>", page.content.decode(), re.S)
    assert table is not None
    api = api_as(buyer_user).get("/api/v1/suppliers/")
    assert api.status_code == 200
    return table.group(0), api.json()


def test_a_backup_restores_the_whole_programme(cast, empty_database, settings, tmp_path) -> None:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "evidence").mkdir(parents=True)
    (settings.MEDIA_ROOT / "evidence" / "photo.txt").write_text("a picture of the canteen")
    # A programme: a high-performing factory with its decision and formal note, a candidate, and
    # the buyer's grant to the first (the cast's).
    request = make_eligible(cast.factory, by=cast.ea)
    approval_decide(request=request, actor=cast.pm, approve=True)  # the note is issued on commit
    make_candidate(cast.other_factory, by=cast.ea)
    third_party_access_grant(
        factory=cast.other_factory, buyer=cast.buyer, actor=cast.other_factory_user
    )
    before = {model: set(model.objects.values_list("pk", flat=True)) for model in KEPT}
    assert all(before.values()), "the seed made one of each kind"
    seen = suppliers_seen(cast.buyer_user)
    assert cast.factory.name in seen[0] and cast.other_factory.name in seen[0]

    call_command("backup", output=str(tmp_path / "backups"))
    (backup,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((backup / "manifest.json").read_text())
    # What happens after the backup is not in it.
    Factory.objects.filter(pk=cast.factory.pk).update(name="Renamed after the backup")
    settings.MEDIA_ROOT = tmp_path / "media-restored"

    call_command("restore", str(backup), database=empty_database)

    for model, pks in before.items():
        assert set(model.objects.using(empty_database).values_list("pk", flat=True)) == pks
    from betterwork.tooling.backups import row_counts

    assert row_counts(empty_database) == manifest["rows"]
    restored_file = settings.MEDIA_ROOT / "evidence" / "photo.txt"
    assert restored_file.read_text() == "a picture of the canteen"
    settings.DATABASE_ROUTERS = [f"{__name__}.ToRestored"]
    assert suppliers_seen(cast.buyer_user) == seen


def test_restore_refuses_a_database_that_is_not_empty(cast, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", output=str(tmp_path / "backups"))
    with pytest.raises(Exception, match="not empty"):
        call_command("restore", "--from", str(tmp_path / "backups"))
    assert Factory.objects.filter(pk=cast.factory.pk).exists()
