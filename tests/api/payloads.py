"""JSON bodies for the API tests, in the shapes of docs/api.md."""

from __future__ import annotations

from typing import Any

from assessments.models import ManagementSystemElement, ProgressItem
from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest
from factories.models import Factory
from tests import makers


def elements(*, failing: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    codes = ManagementSystemElement.objects.order_by("order").values_list("code", flat=True)
    return [{"element": code, "satisfied": code not in failing} for code in codes]


def additional(*, failing: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    codes = ProgressItem.objects.order_by("order").values_list("code", flat=True)
    return [{"item": code, "met": code not in failing} for code in codes]


def ratings(rating: str = "on_track") -> list[dict[str, Any]]:
    codes = ProgressItem.objects.order_by("order").values_list("code", flat=True)
    return [{"item": code, "rating": rating} for code in codes]


def assessment(factory: Factory | int, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "factory": factory if isinstance(factory, int) else factory.pk,
        "cycle": 1,
        "visit_date": "2026-03-12",
        "findings": [{"question": "CL-1.2", "non_compliant": True, "remediated": False}],
        "management_systems": elements(),
    }
    body.update(overrides)
    return body


def progress_report(factory: Factory | int, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "factory": factory if isinstance(factory, int) else factory.pk,
        "cycle": 1,
        "number": 2,
        "release_date": "2026-11-20",
        "items": ratings(),
    }
    body.update(overrides)
    return body


def make_eligible(factory: Factory, *, ea: Any, by: Any) -> ApprovalRequest:
    """Two passing assessments around an all-on-track PR2: eligible, with a grant request.

    `by` finalises the second assessment (the one that triggers the request).
    """
    import datetime

    makers.make_assessment(factory, by=ea, cycle=1, visit_date=datetime.date(2024, 3, 12))
    makers.make_report(factory, by=ea, cycle=1, release_date=datetime.date(2024, 11, 20))
    factory_evaluate(factory_id=factory.pk, trigger="test")
    makers.make_assessment(factory, by=by, cycle=2, visit_date=datetime.date(2025, 3, 18))
    factory_evaluate(factory_id=factory.pk, trigger="test")
    return ApprovalRequest.objects.get(factory=factory, status="pending")
