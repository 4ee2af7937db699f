"""Guards around decisions and what buyers read: the buyer stage in every API a buyer reads,
reasons that treat the additional questions as the eligibility check they are, no internal
evidence for buyers, no grant while an assessment of the window is reopened, and a reason for
keeping a reviewed status."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest
from differentiation.vocabulary import RequestStatus
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import api_as

D = datetime.date


def _set_stage(factory: Factory, stage: Stage) -> None:
    Factory.objects.filter(pk=factory.pk).update(stage=stage)


# --- 1. buyers see the buyer stage -----------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "seen"),
    [
        (Stage.NOT_ON_TRACK, "not_high_performing"),
        (Stage.CANDIDATE, "not_high_performing"),
        (Stage.ELIGIBLE, "not_high_performing"),
        (Stage.HIGH_PERFORMING, "high_performing"),
        (Stage.UNDER_REVIEW, "high_performing"),
    ],
)
def test_it_shows_buyers_the_buyer_stage_in_the_factory_api(cast: Any, stage: Stage, seen: str):
    _set_stage(cast.factory, stage)
    listed = api_as(cast.buyer_user).get("/api/v1/factories/")
    assert [row["stage"] for row in listed.json()["results"]] == [seen]
    one = api_as(cast.buyer_user).get(f"/api/v1/factories/{cast.factory.pk}/")
    assert one.json()["stage"] == seen
    # Staff and the factory's own users keep the internal stage.
    for user in (cast.pm, cast.factory_user):
        staff = api_as(user).get(f"/api/v1/factories/{cast.factory.pk}/")
        assert staff.json()["stage"] == stage.value


@pytest.mark.parametrize("stage", ["candidate", "eligible", "under_review", "not_on_track"])
def test_it_refuses_an_internal_stage_filter_from_a_buyer(cast: Any, stage: str) -> None:
    _set_stage(cast.factory, Stage(stage))
    response = api_as(cast.buyer_user).get("/api/v1/factories/", {"stage": stage})
    assert response.status_code == 400
    assert list(response.json()) == ["stage"]


def test_it_filters_a_buyers_factories_by_buyer_stage(cast: Any) -> None:
    _set_stage(cast.factory, Stage.UNDER_REVIEW)
    buyer = api_as(cast.buyer_user)
    high = buyer.get("/api/v1/factories/", {"stage": "high_performing"}).json()["results"]
    assert [row["id"] for row in high] == [cast.factory.pk]
    assert buyer.get("/api/v1/factories/", {"stage": "not_high_performing"}).json()["count"] == 0
    _set_stage(cast.factory, Stage.ELIGIBLE)
    low = buyer.get("/api/v1/factories/", {"stage": "not_high_performing"}).json()["results"]
    assert [row["id"] for row in low] == [cast.factory.pk]


def test_it_keeps_internal_stage_filters_for_staff(cast: Any) -> None:
    _set_stage(cast.factory, Stage.CANDIDATE)
    pm = api_as(cast.pm)
    rows = pm.get("/api/v1/factories/", {"stage": "candidate"}).json()["results"]
    assert [row["id"] for row in rows] == [cast.factory.pk]
    refused = pm.get("/api/v1/factories/", {"stage": "not_high_performing"})
    assert refused.status_code == 400 and "stage" in refused.json()
