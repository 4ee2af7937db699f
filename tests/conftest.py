"""The cast, built once per test: every permission test is a table over these personas.

- pm, pm2: programme managers of BGD (the factory's programme); ea: its enterprise advisor;
- other_pm: a programme manager of VNM only;
- factory_user: works for `factory`; other_factory_user: works for `other_factory` (also BGD);
- buyer_user: its buyer has third-party access to `factory`; outsider_buyer_user: no access.
"""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.utils import formats, translation
from rest_framework.test import APIClient

from factories import services as factory_services
from factories.models import Buyer, Factory, Profile
from factories.vocabulary import Position, Role
from tests import makers


@dataclass
class Cast:
    pm: User
    pm2: User
    ea: User
    other_pm: User
    factory: Factory
    other_factory: Factory
    factory_user: User
    other_factory_user: User
    buyer: Buyer
    outsider_buyer: Buyer
    buyer_user: User
    outsider_buyer_user: User

    def persona(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


PERSONAS = [
    "anonymous",
    "pm",
    "ea",
    "other_pm",
    "factory_user",
    "other_factory_user",
    "buyer_user",
    "outsider_buyer_user",
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_between_tests() -> Iterator[None]:
    """Every test starts in English and leaves no language behind: a request by a user who reads
    another language activates it in the thread that ran the test client."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Put back what the data migrations loaded (programmes, catalogue) if a flush removed it.

    Transactional tests (live server, real workers, concurrency) truncate every table when they
    end; instead of serialized rollbacks, every database test checks the reference data is there.
    """
    names = set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if not ({"db", "transactional_db", "live_server"} & names or marker):
        return
    if (
        "transactional_db" in names
        or "live_server" in names
        or (marker and marker.kwargs.get("transaction"))
    ):
        request.getfixturevalue("transactional_db")
    else:
        request.getfixturevalue("db")
    from betterwork.tooling.reference import ensure_reference_data

    ensure_reference_data()


@pytest.fixture
def cast(db: Any) -> Cast:
    pm = makers.make_pm(username="alice-pm")
    pm2 = makers.make_pm(username="bob-pm")
    ea = makers.make_ea(username="erin-ea")
    other_pm = makers.make_pm(countries=["VNM"], username="victor-pm")
    factory = makers.make_factory("Dhaka Knitwear Ltd", advisor=ea)
    other_factory = makers.make_factory("Chittagong Denim Ltd", advisor=ea)
    buyer = makers.BuyerMaker(name="Northwind Apparel")
    outsider = makers.BuyerMaker(name="Contoso Retail")
    # Fiona is the factory's top management: she signs off its road map.
    factory_user = makers.make_user(
        Role.FACTORY, "fiona-factory", factory=factory, position=Position.TOP_MANAGEMENT
    )
    other_factory_user = makers.make_user(
        Role.FACTORY, "oscar-factory", factory=other_factory, position=Position.TOP_MANAGEMENT
    )
    buyer_user = makers.make_user(Role.BUYER, "bella-buyer", buyer=buyer)
    outsider_user = makers.make_user(Role.BUYER, "carl-buyer", buyer=outsider)
    factory_services.third_party_access_grant(factory=factory, buyer=buyer, actor=factory_user)
    # The factories are in Bangladesh, whose users read Bengali unless they choose: the cast has
    # chosen English, so that tests read the source texts (tests/i18n checks the defaults).
    Profile.objects.filter(user__in=[factory_user, other_factory_user]).update(language="en")
    return Cast(
        pm,
        pm2,
        ea,
        other_pm,
        factory,
        other_factory,
        factory_user,
        other_factory_user,
        buyer,
        outsider,
        buyer_user,
        outsider_user,
    )


@pytest.fixture
def allowed_console_errors() -> list[str]:
    """Parts of browser console errors a test expects (tests/browser.py's `browser_page`), e.g.
    the 400 of a form it submits to be refused: Chromium logs any 4xx page load as an error."""
    return []


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def client_as(user: User | None) -> Client:
    """A browser session signed in as `user` (anonymous for None)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def api_as(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


# --- environment gates: skip locally with a reason; CI forbids every skip -----------------


def needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")


def needs_redis() -> None:
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis (set REDIS_URL=redis://...)")


def needs_chromium() -> None:
    if not shutil.which("chromium") and not os.path.exists("/usr/bin/chromium"):
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With FORBID_SKIPS=1 (CI), a skipped test fails the run: in CI everything must run."""
    if os.environ.get("FORBID_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        reporter.write_line(f"FORBID_SKIPS: {skipped} test(s) skipped; CI allows none.", red=True)
        session.exitstatus = 1


def shown(day: datetime.date | str) -> str:
    """A day as the pages show it to an English reader (the language's date format)."""
    value = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    return formats.date_format(value, "DATE_FORMAT")
