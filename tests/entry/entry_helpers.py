"""Shared bits of the entry tests: a draft assessment of the cast's factory, htmx posts."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client

from assessments import services
from assessments.models import Assessment
from tests import makers

VISIT = datetime.date(2024, 3, 12)


def draft(cast: Any, *, by: Any = None, cycle: int = 1) -> Assessment:
    return services.assessment_start(
        factory=cast.factory, actor=by or cast.ea, cycle=cycle, visit_date=VISIT
    )


def htmx_post(client: Client, url: str, data: dict[str, str]) -> Any:
    return client.post(url, data, HTTP_HX_REQUEST="true")


def fill_elements(assessment: Assessment, actor: Any, *, failing: set[str] | None = None) -> None:
    for element in makers.all_elements():
        services.element_record(
            assessment=assessment,
            actor=actor,
            element=element.element,
            satisfied=element.element not in (failing or set()),
        )
