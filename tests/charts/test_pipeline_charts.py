"""The PM's pipeline page draws factories per stage in each programme, and at the end of the
last quarters; the numbers are the data's, for the PM's programmes only."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from differentiation.charts import quarter_ends
from differentiation.models import StageChange
from differentiation.selectors import PIPELINE_STAGES
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers
from tests.charts.reading import numbers, table
from tests.conftest import client_as

URL = "/differentiation/pipeline/"


def _place(factory: Factory, created: datetime.datetime, *changes: tuple[str, datetime.datetime]):
    """The factory in the portal since `created`, its stage changed at the given times."""
    Factory.objects.filter(pk=factory.pk).update(created_at=created)
    before = Stage.NOT_ON_TRACK.value
    for stage, when in changes:
        change = makers.StageChangeMaker(factory=factory, from_stage=before, to_stage=stage)
        StageChange.objects.filter(pk=change.pk).update(created_at=when)
        before = stage
    Factory.objects.filter(pk=factory.pk).update(stage=before)


@pytest.fixture
def pipeline(cast):
    """BGD: Dhaka candidate since before the oldest quarter end shown, then eligible in the
    latest quarter; Chittagong not on track; Gazipur new today (candidate). VNM: one factory,
    outside the PM's programmes."""
    ends = [cutoff for _, cutoff in quarter_ends(timezone.localdate())]
    day = datetime.timedelta(days=1)
    long_ago = ends[0] - 200 * day
    _place(
        cast.factory,
        long_ago,
        (Stage.CANDIDATE, ends[0] - 10 * day),
        (Stage.ELIGIBLE, ends[3] - day),
    )
    _place(cast.other_factory, long_ago)
    gazipur = makers.make_factory("Gazipur Garments")
    _place(gazipur, timezone.now(), (Stage.CANDIDATE, timezone.now()))
    hanoi = makers.make_factory("Hanoi Stitch", country="VNM")
    _place(hanoi, long_ago, (Stage.HIGH_PERFORMING, ends[1]))
    return ends


def _expected_over_time(ends, programmes=("BGD",)) -> dict[tuple[str, str], int]:
    """Counted the long way: each factory, each quarter end, its latest change before it."""
    counts: Counter[tuple[str, str]] = Counter()
    labels = [label for label, _ in quarter_ends(timezone.localdate())]
    for factory in Factory.objects.filter(programme__code__in=programmes):
        for label, cutoff in zip(labels, ends, strict=True):
            if factory.created_at >= cutoff:
                continue
            change = (
                StageChange.objects.filter(factory=factory, created_at__lt=cutoff)
                .order_by("-created_at", "-id")
                .first()
            )
            counts[(label, change.to_stage if change else Stage.NOT_ON_TRACK.value)] += 1
        counts[("Today", factory.stage)] += 1
    return {key: n for key, n in counts.items() if n}


def test_the_pm_sees_its_programmes_per_stage_and_over_the_last_quarters(cast, pipeline):
    html = client_as(cast.pm).get(URL).content.decode()
    per_programme = {k: n for k, n in numbers(html, "chart-pipeline").items() if n}
    assert per_programme == {
        ("BGD", Stage.ELIGIBLE.value): 1,
        ("BGD", Stage.NOT_ON_TRACK.value): 1,
        ("BGD", Stage.CANDIDATE.value): 1,
    }
    over_time = {k: n for k, n in numbers(html, "chart-pipeline-quarters").items() if n}
    assert over_time == _expected_over_time(pipeline)
    labels = [label for label, _ in quarter_ends(timezone.localdate())]
    assert over_time[(labels[0], Stage.CANDIDATE.value)] == 1  # Dhaka, 10 days before
    assert over_time[(labels[2], Stage.CANDIDATE.value)] == 1
    assert over_time[(labels[3], Stage.ELIGIBLE.value)] == 1
    assert over_time[("Today", Stage.CANDIDATE.value)] == 1  # Gazipur, not in any quarter
    assert sum(n for (label, _), n in over_time.items() if label == labels[3]) == 2
    # the table alternative: a row per quarter, its total the factories then
    _, *rows = table(html, "chart-pipeline-quarters")
    assert [r[0] for r in rows] == [*labels, "Today"]
    assert [int(r[-1]) for r in rows] == [2, 2, 2, 2, 3]
    _, *rows = table(html, "chart-pipeline")
    present = {Stage.NOT_ON_TRACK, Stage.CANDIDATE, Stage.ELIGIBLE}
    assert rows == [["BGD", *("1" if s in present else "0" for s in PIPELINE_STAGES), "3"]]


def test_another_pm_sees_its_own_programme_only(cast, pipeline):
    html = client_as(cast.other_pm).get(URL).content.decode()
    assert {c for c, _ in numbers(html, "chart-pipeline")} == {"VNM"}
    over_time = {k: n for k, n in numbers(html, "chart-pipeline-quarters").items() if n}
    assert over_time == _expected_over_time(pipeline, programmes=("VNM",))


def test_the_programme_filter_narrows_the_charts(cast, pipeline):
    makers.make_pm(countries=["BGD", "VNM"], username="both-pm")
    from django.contrib.auth.models import User

    both = User.objects.get(username="both-pm")
    html = client_as(both).get(URL + "?programme=VNM").content.decode()
    assert {c for c, _ in numbers(html, "chart-pipeline")} == {"VNM"}
    assert sum(numbers(html, "chart-pipeline-quarters").values()) == sum(
        _expected_over_time(pipeline, programmes=("VNM",)).values()
    )


@pytest.mark.parametrize("persona", ["ea", "factory_user", "buyer_user"])
def test_nobody_else_has_the_pipeline(cast, persona):
    response = client_as(cast.persona(persona)).get(URL)
    assert response.status_code == 404 and b"chart-pipeline" not in response.content


def test_the_charts_cost_the_same_queries_for_3_or_12_factories(cast):
    measured = []
    for n in (3, 12):
        for i in range(n - (3 if n == 12 else 0)):
            factory = makers.make_factory(f"F{n}-{i}")
            _place(
                factory,
                timezone.now() - datetime.timedelta(days=400),
                (Stage.CANDIDATE, timezone.now() - datetime.timedelta(days=100)),
            )
        client = client_as(cast.pm)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        measured.append(len(queries))
    assert measured[0] == measured[1]
