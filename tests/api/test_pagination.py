"""API pages: 100 items by default, `limit` up to 500; a larger limit is clamped to 500."""

from __future__ import annotations

from typing import Any

import pytest

from differentiation.models import Evaluation
from tests.conftest import api_as


@pytest.fixture
def evaluations(cast: Any) -> int:
    """501 evaluations of cast.factory: one more than the largest page."""
    rows = [
        Evaluation(
            factory=cast.factory,
            rule_version="BW-2017.2",
            fingerprint=f"page-{n}",
            inputs={},
            outcome={},
            all_met=False,
            prequalified=False,
            stage_before=cast.factory.stage,
            stage_after=cast.factory.stage,
        )
        for n in range(501)
    ]
    Evaluation.objects.bulk_create(rows)
    return len(rows)


def _page(cast: Any, **params: Any) -> dict[str, Any]:
    response = api_as(cast.pm).get(f"/api/v1/factories/{cast.factory.pk}/evaluations/", params)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def test_it_pages_100_items_by_default(cast: Any, evaluations: int) -> None:
    body = _page(cast)
    assert (body["count"], len(body["results"])) == (evaluations, 100)
    assert "limit=100" in body["next"] and "offset=100" in body["next"]


def test_it_clamps_a_limit_above_500(cast: Any, evaluations: int) -> None:
    body = _page(cast, limit=10_000)
    assert len(body["results"]) == 500
    assert "limit=500" in body["next"] and "offset=500" in body["next"]
    rest = _page(cast, limit=10_000, offset=500)
    assert len(rest["results"]) == 1 and rest["next"] is None


def test_it_gives_a_page_of_500_when_asked(cast: Any, evaluations: int) -> None:
    assert len(_page(cast, limit=500)["results"]) == 500
    assert len(_page(cast, limit=7)["results"]) == 7
