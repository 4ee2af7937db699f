"""Credentials: sign-in attempts throttled and locked out (by username AND address, behind a
proxy too), API tokens that expire, end with a password change, and are listed and revoked by
their owner only."""

from __future__ import annotations

import datetime
import uuid
from typing import Any
from unittest import mock

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from betterwork.core.credentials import client_ip
from tests import makers

URL = "/api/v1/auth/token/"
PROXY = "10.0.0.2"  # the reverse proxy: every request arrives from it


def _address() -> str:
    """A client address of this test alone: the throttle's counts outlive a test in Redis."""
    return f"198.18.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250 + 1}"


@pytest.fixture
def user(db: Any) -> User:
    return makers.make_user("programme_manager", f"lena-{uuid.uuid4().hex[:8]}", countries=["BGD"])


@pytest.fixture
def axes_on(settings: Any) -> None:
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


@pytest.fixture
def behind_the_proxy(settings: Any) -> None:
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def production_throttle(settings: Any) -> None:
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth-token": "10/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


def _token_request(username: str, password: str, **meta: str) -> Any:
    return APIClient().post(
        URL, {"username": username, "password": password}, format="json", **meta
    )


def _token(user: User, **meta: str) -> str:
    response = _token_request(user.username, makers.PASSWORD, **meta)
    assert response.status_code == 200, response.content
    return str(response.json()["token"])


def _as(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


# --- sign-in attempts --------------------------------------------------------------------------


@pytest.mark.usefixtures("axes_on")
def test_twenty_wrong_passwords_end_in_a_lockout_that_refuses_the_right_one(user: User) -> None:
    address = _address()
    statuses = [
        _token_request(user.username, f"wrong-{n}", REMOTE_ADDR=address).status_code
        for n in range(20)
    ]
    assert statuses[:4] == [400] * 4
    assert set(statuses[4:]) == {429}  # the fifth failure locks
    # The failures were kept although every answer was an error.
    attempt = AccessAttempt.objects.get(username=user.username, ip_address=address)
    assert attempt.failures_since_start >= 5
    refused = _token_request(user.username, makers.PASSWORD, REMOTE_ADDR=address)
    assert refused.status_code == 429
    assert "locked" in refused.json()["detail"]
    assert not AuthToken.objects.filter(user=user).exists()


@pytest.mark.usefixtures("production_throttle")
def test_token_requests_are_throttled_per_address(user: User) -> None:
    address = _address()
    statuses = [
        _token_request(user.username, "wrong", REMOTE_ADDR=address).status_code for _ in range(20)
    ]
    assert statuses[:10] == [400] * 10
    assert set(statuses[10:]) == {429}
    throttled = _token_request(user.username, makers.PASSWORD, REMOTE_ADDR=address)
    assert throttled.status_code == 429
    assert "Retry-After" in throttled.headers
    # Another address is not held back by this one.
    assert _token_request(user.username, makers.PASSWORD, REMOTE_ADDR=_address()).status_code == 200


@pytest.mark.usefixtures("axes_on", "behind_the_proxy")
def test_behind_the_proxy_a_lockout_holds_one_address_and_never_the_account(user: User) -> None:
    attacker, owner = _address(), _address()
    for _ in range(5):
        _token_request(user.username, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=attacker)
    locked = _token_request(
        user.username, makers.PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=attacker
    )
    assert locked.status_code == 429
    # The attacker cannot get round it by sending the owner's address first: the proxy
    # appends the address it saw, and only that last entry is trusted.
    forged = _token_request(
        user.username,
        makers.PASSWORD,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"{owner}, {attacker}",
    )
    assert forged.status_code == 429
    # The owner, from their own address through the same proxy, signs in.
    _token(user, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=owner)
    page = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=owner).post(
        "/accounts/login/", {"username": user.username, "password": makers.PASSWORD}
    )
    assert page.status_code == 302


@pytest.mark.usefixtures("axes_on")
def test_the_sign_in_page_locks_a_username_at_an_address_only(user: User) -> None:
    attacker = Client(REMOTE_ADDR=_address())
    for _ in range(5):
        attacker.post("/accounts/login/", {"username": user.username, "password": "wrong"})
    assert (
        attacker.post(
            "/accounts/login/", {"username": user.username, "password": makers.PASSWORD}
        ).status_code
        == 429
    )
    owner = Client(REMOTE_ADDR=_address())
    response = owner.post(
        "/accounts/login/", {"username": user.username, "password": makers.PASSWORD}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("header", "proxies", "meta", "expected"),
    [
        ("", 1, {"REMOTE_ADDR": "192.0.2.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "192.0.2.1"),
        (
            "X-Forwarded-For",
            1,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.9"},
            "203.0.113.9",
        ),
        (
            "X-Forwarded-For",
            1,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.9"},
            "203.0.113.9",
        ),
        (
            "X-Forwarded-For",
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.9, 10.0.0.7"},
            "203.0.113.9",
        ),
        ("X-Forwarded-For", 1, {"REMOTE_ADDR": PROXY}, PROXY),
        ("X-Forwarded-For", 1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "junk"}, PROXY),
        ("X-Real-IP", 1, {"REMOTE_ADDR": PROXY, "HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
    ],
)
def test_it_reads_the_client_address(
    rf: Any, settings: Any, header: str, proxies: int, meta: dict[str, str], expected: str
) -> None:
    settings.CLIENT_IP_HEADER, settings.TRUSTED_PROXY_COUNT = header, proxies
    request = rf.get("/", **meta)
    assert client_ip(request) == expected


# --- tokens -----------------------------------------------------------------------------------


def test_it_hands_out_a_token_with_its_expiry_and_refuses_wrong_credentials(user: User) -> None:
    response = _token_request(user.username, makers.PASSWORD)
    assert response.status_code == 200
    assert set(response.json()) == {"token", "expiry"}
    wrong = _token_request(user.username, "wrong")
    assert wrong.status_code == 400
    assert wrong.json()["non_field_errors"]


def test_a_token_expires(user: User, settings: Any) -> None:
    token = _token(user)
    assert _as(token).get("/api/v1/factories/").status_code == 200
    ttl = settings.REST_KNOX["TOKEN_TTL"]
    assert datetime.timedelta(hours=1) <= ttl <= datetime.timedelta(days=1)
    with time_machine.travel(timezone.now() + ttl + datetime.timedelta(minutes=1)):
        assert _as(token).get("/api/v1/factories/").status_code == 401
        assert _as(token).get("/api/v1/auth/tokens/").status_code == 401
        fresh = _token(user)  # a new sign-in clears the expired token away
        assert AuthToken.objects.filter(user=user).count() == 1
        assert _as(fresh).get("/api/v1/factories/").status_code == 200


def test_a_password_change_ends_every_token_of_the_user(user: User) -> None:
    tokens = [_token(user), _token(user)]
    other = makers.make_user("programme_manager", "other-pm", countries=["BGD"])
    others = _token(other)
    user.set_password("a-new-and-long-password-2026")
    user.save()
    for token in tokens:
        assert _as(token).get("/api/v1/factories/").status_code == 401
    assert not AuthToken.objects.filter(user=user).exists()
    assert _as(others).get("/api/v1/factories/").status_code == 200


def test_the_owner_lists_their_tokens_without_secrets(user: User) -> None:
    first, second = _token(user), _token(user)
    response = _as(second).get("/api/v1/auth/tokens/")
    assert response.status_code == 200
    listed = response.json()
    assert len(listed) == 2
    assert all(set(t) == {"id", "created", "expiry", "current"} for t in listed)
    assert [t["current"] for t in listed] == [True, False]  # newest first
    assert first not in response.content.decode() and second not in response.content.decode()
    assert first[:8] not in response.content.decode()


def test_the_owner_revokes_the_token_in_use(user: User) -> None:
    token, kept = _token(user), _token(user)
    assert _as(token).delete(URL).status_code == 204
    assert _as(token).get("/api/v1/factories/").status_code == 401
    assert _as(kept).get("/api/v1/factories/").status_code == 200


def test_the_owner_revokes_a_token_by_id_and_nobody_else_can(user: User) -> None:
    token, other_token = _token(user), _token(user)
    other_id = next(
        t["id"] for t in _as(token).get("/api/v1/auth/tokens/").json() if not t["current"]
    )
    stranger = makers.make_user("programme_manager", "stranger-pm", countries=["BGD"])
    stranger_token = _token(stranger)
    assert _as(stranger_token).delete(f"/api/v1/auth/tokens/{other_id}/").status_code == 404
    assert _as(other_token).get("/api/v1/factories/").status_code == 200
    assert _as(token).delete(f"/api/v1/auth/tokens/{other_id}/").status_code == 204
    assert _as(other_token).get("/api/v1/factories/").status_code == 401
    assert _as(token).delete(f"/api/v1/auth/tokens/{other_id}/").status_code == 404


def test_a_user_keeps_a_bounded_number_of_tokens(user: User, settings: Any) -> None:
    settings.API_TOKENS_PER_USER = 3
    tokens = [_token(user) for _ in range(5)]
    assert AuthToken.objects.filter(user=user).count() == 3
    assert _as(tokens[0]).get("/api/v1/factories/").status_code == 401
    assert _as(tokens[-1]).get("/api/v1/factories/").status_code == 200


def test_a_stale_token_in_the_header_does_not_stop_a_sign_in(user: User) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = client.post(
        URL, {"username": user.username, "password": makers.PASSWORD}, format="json"
    )
    assert response.status_code == 200


@pytest.mark.usefixtures("production_throttle")
def test_a_cache_outage_lets_sign_ins_through_unthrottled(user: User) -> None:
    from betterwork.token_api import SignInThrottle

    with mock.patch.object(SignInThrottle, "cache") as cache:
        cache.get.side_effect = ConnectionError("cache down")
        assert (
            _token_request(user.username, makers.PASSWORD, REMOTE_ADDR=_address()).status_code
            == 200
        )
