"""Odd but valid-looking input is a 400 naming what is wrong, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from factories.models import Factory
from tests.conftest import api_as

DEEP = "[" * 100_000 + "]" * 100_000

# (list endpoint, a persona that may read it): every list with a `factory` filter.
LISTS = [
    ("/api/v1/assessments/", "pm"),
    ("/api/v1/assessments/", "factory_user"),
    ("/api/v1/progress-reports/", "ea"),
    ("/api/v1/progress-reports/", "buyer_user"),
    ("/api/v1/approvals/", "pm"),
    ("/api/v1/buyers/", "pm"),
    ("/api/v1/buyers/", "factory_user"),
]
BAD_IDS = ["1e25", "99999999999999999999999", "9223372036854775808", "1.5", "-3", "0x10"]


def test_a_deeply_nested_body_to_the_token_endpoint_is_a_400(db: Any) -> None:
    response = APIClient().post(
        "/api/v1/auth/token/", DEEP, content_type="application/json", REMOTE_ADDR="192.0.2.50"
    )
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_a_deeply_nested_body_anywhere_in_the_api_is_a_400(cast: Any) -> None:
    response = api_as(cast.pm).post("/api/v1/factories/", DEEP, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(("url", "persona"), LISTS)
@pytest.mark.parametrize("value", BAD_IDS)
def test_a_factory_filter_that_is_no_id_is_a_400_naming_it(
    cast: Any, url: str, persona: str, value: str
) -> None:
    response = api_as(getattr(cast, persona)).get(url, {"factory": value})
    assert response.status_code == 400, response.content
    assert "factory" in response.json()


@pytest.mark.parametrize("url", ["/api/v1/assessments/", "/api/v1/progress-reports/"])
@pytest.mark.parametrize("value", ["1e25", "99999999999"])
def test_a_cycle_filter_out_of_range_is_a_400_naming_it(cast: Any, url: str, value: str) -> None:
    response = api_as(cast.pm).get(url, {"cycle": value})
    assert response.status_code == 400
    assert "cycle" in response.json()


def test_a_valid_factory_filter_still_filters(cast: Any) -> None:
    response = api_as(cast.pm).get("/api/v1/assessments/", {"factory": str(cast.factory.pk)})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name", ["Dhaka\nKnitwear", "Tab\tLtd", "Bell\x07Ltd", "Escape\x1b[31m Ltd", "Del\x7f Ltd"]
)
def test_a_factory_name_with_control_characters_is_refused_with_a_400(cast: Any, name: str) -> None:
    response = api_as(cast.pm).post(
        "/api/v1/factories/", {"name": name, "country": "BGD"}, format="json"
    )
    assert response.status_code == 400
    assert "control characters" in response.json()["name"][0]
    assert not Factory.objects.filter(name=name).exists()
