"""List pages keep a flat query count: seed 3 rows and 12 rows, same bound."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from tests import makers
from tests.conftest import Cast, client_as
from tests.workspace.conftest import make_plan, make_road_map
from workspace import services as workspace

PUBLICLY_REPORTED = (
    "CL-1.1",
    "CL-2.1",
    "CL-2.2",
    "DI-1.1",
    "DI-3.1",
    "DI-3.2",
    "DI-3.3",
    "DI-3.4",
    "DI-3.5",
    "FL-1.1",
    "FL-1.2",
    "FL-2.1",
)


def _factories(cast: Cast, n: int) -> None:
    for i in range(n):
        makers.make_factory(f"Listed {n}-{i}", advisor=cast.ea)


def _plan(cast: Cast, n: int) -> None:
    items = make_plan(cast, PUBLICLY_REPORTED[:n])
    for item in items[: n // 2]:
        workspace.improvement_plan_item_update(
            item=item,
            actor=cast.factory_user,
            action="Done",
            responsible="HR",
            deadline=None,
            status="completed",
        )
        workspace.improvement_plan_item_confirm(item=item, actor=cast.ea)


def _road_map(cast: Cast, n: int) -> None:
    road_map = make_road_map(cast, targets=n)
    for target in road_map.targets.all()[:3]:
        workspace.training_recommend(target=target, actor=cast.ea, training="Dialogue")


def _committee(cast: Cast, n: int) -> None:
    for i in range(n):
        workspace.committee_member_add(
            factory=cast.factory,
            actor=cast.ea,
            name=f"Member {i}",
            category="workers",
            joined=datetime.date(2025, 1, 1),
        )
        workspace.committee_meeting_add(
            factory=cast.factory, actor=cast.ea, date=datetime.date(2025, 2, 1), minutes="m"
        )


def _advisory(cast: Cast, n: int) -> None:
    road_map = make_road_map(cast, targets=1)
    target = road_map.targets.get()
    objectives = [
        workspace.objective_set(
            factory=cast.factory,
            actor=cast.ea,
            kind="training",
            description=f"O{i}",
            target=target,
        )
        for i in range(n)
    ]
    for i in range(min(n, 6)):
        visit = workspace.advisory_visit_record(
            factory=cast.factory,
            actor=cast.ea,
            cycle=1,
            date=datetime.date(2025, 3, 1 + i),
            advisor=cast.ea,
            objectives=objectives[:2],
        )
        assert visit.pk
    workspace.training_session_record(
        factory=cast.factory,
        actor=cast.ea,
        cycle=1,
        date=datetime.date(2025, 4, 1),
        topic="T",
        days=1,
        target=target,
    )


# (page, seed, persona, url, bound): the bound is the count measured with 3 rows.
PAGES: list[tuple[str, Callable[[Cast, int], None], str, str, int]] = [
    ("factory list", _factories, "pm", "/factories/", 8),
    ("improvement plan", _plan, "factory_user", "/factories/{pk}/improvement-plan/", 9),
    ("road map", _road_map, "factory_user", "/factories/{pk}/road-map/?cycle=1", 13),
    ("committee", _committee, "factory_user", "/factories/{pk}/committee/", 10),
    ("advisory", _advisory, "ea", "/factories/{pk}/advisory/?cycle=1", 21),
    # progress: 10, and 3 for its two charts (evaluations; assessments, findings, clusters)
    ("progress", _plan, "buyer_user", "/factories/{pk}/", 14),
]


@pytest.mark.parametrize("rows", [3, 12])
@pytest.mark.parametrize("name, seed, persona, url, bound", PAGES, ids=[p[0] for p in PAGES])
def test_it_keeps_the_query_count_flat(
    cast: Cast,
    django_assert_max_num_queries: Any,
    rows: int,
    name: str,
    seed: Callable[[Cast, int], None],
    persona: str,
    url: str,
    bound: int,
) -> None:
    seed(cast, rows)
    client = client_as(cast.persona(persona))
    with django_assert_max_num_queries(bound):
        response = client.get(url.format(pk=cast.factory.pk))
    assert response.status_code == 200
