"""Fixtures of the buyer-portal tests: a buyer's suppliers in known stages, with criteria."""

from __future__ import annotations

import pytest

from factories.summaries import refresh_summary
from factories.vocabulary import Stage
from tests.buyer_portal.buyer_helpers import (
    make_evaluation,
    make_supplier,
)


@pytest.fixture
def suppliers(cast):
    """Northwind's suppliers: the cast's factory plus four more in two countries and stages."""
    made = {
        "Savar Sweaters": make_supplier(cast.buyer, actor=cast.pm, name="Savar Sweaters"),
        "Gazipur Garments": make_supplier(cast.buyer, actor=cast.pm, name="Gazipur Garments"),
        "Hanoi Stitch": make_supplier(
            cast.buyer, actor=cast.pm, name="Hanoi Stitch", country="VNM"
        ),
        "Saigon Seams": make_supplier(
            cast.buyer, actor=cast.pm, name="Saigon Seams", country="VNM"
        ),
    }
    made["Gazipur Garments"].__class__.objects.filter(pk=made["Gazipur Garments"].pk).update(
        stage=Stage.CANDIDATE
    )
    made["Hanoi Stitch"].__class__.objects.filter(pk=made["Hanoi Stitch"].pk).update(
        stage=Stage.HIGH_PERFORMING
    )
    refresh_summary(f.pk for f in made.values())  # stages placed behind the services' back
    make_evaluation(made["Savar Sweaters"], when="2025-01-10", compliance="not_met")
    make_evaluation(made["Savar Sweaters"], when="2025-06-10", compliance="met", learning="met")
    return made
