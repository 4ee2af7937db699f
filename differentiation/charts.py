"""The differentiation's pictures: the five criteria's results, and the PM's pipeline (factories
per stage, per programme and at the end of the last quarters). The SVG is drawn by
betterwork.core.charts; here are the words, the tones and the (set-based) counts.

The factory's page (workspace) and the buyer's pages (buyer_portal) draw their criteria charts
with `result_marks` and `criteria_chart`, so that a result looks the same everywhere.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import Case, CharField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from betterwork.core.charts import Chart, Mark, Series, bar_chart
from differentiation.models import StageChange
from differentiation.vocabulary import Group, Result
from factories import access
from factories.vocabulary import BuyerStage, Stage

if TYPE_CHECKING:
    from factories.access import AnyUser

RESULT_LOOK: dict[str, tuple[str, str]] = {
    Result.MET: ("ok", "check"),
    Result.NOT_MET: ("bad", "cross"),
    Result.UNKNOWN: ("warn", "question"),
}
STAGE_TONES: dict[str, str] = {
    Stage.NOT_ON_TRACK: "muted",
    Stage.CANDIDATE: "warn",
    Stage.ELIGIBLE: "brand",
    Stage.HIGH_PERFORMING: "ok",
    Stage.UNDER_REVIEW: "bad",
    BuyerStage.NOT_HIGH_PERFORMING: "muted",
}
QUARTERS_SHOWN = 4


def result_marks() -> dict[str, Mark]:
    """Met, not met and unknown as grid marks: a tone, a symbol and the label in words."""
    return {
        result.value: Mark(gettext(result.label), *RESULT_LOOK[result.value]) for result in Result
    }


def result_counts(outcomes: Iterable[Sequence[Mapping[str, Any]]]) -> dict[str, Counter[str]]:
    """Per criterion, how many of the given criteria lists (one per factory, as `criterion_rows`
    or an overview's rows give them: dicts with `group` and `result`) have each result."""
    counts: dict[str, Counter[str]] = {group.value: Counter() for group in Group}
    for criteria in outcomes:
        for criterion in criteria:
            if str(criterion["group"]) in counts:
                counts[str(criterion["group"])][str(criterion["result"])] += 1
    return counts


def criteria_chart(slug: str, title: str, counts: Mapping[str, Counter[str]]) -> Chart:
    """A bar per criterion, its factories met, not met and unknown end to end."""
    groups = list(Group)
    return bar_chart(
        slug=slug,
        title=title,
        categories=[gettext(group.label) for group in groups],
        series=[
            Series(
                result.value,
                gettext(result.label),
                tuple(counts.get(group.value, Counter())[result.value] for group in groups),
                RESULT_LOOK[result.value][0],
            )
            for result in Result
        ],
        category_header=gettext("Criterion"),
        stacked=True,
        total_header=gettext("Factories"),
    )


def stage_series(
    stages: Sequence[str], counts: Mapping[tuple[str, str], int], categories: Sequence[str]
) -> list[Series]:
    """A series per stage (`stages` are values of Stage or BuyerStage), from counts keyed by
    (category key, stage)."""
    labels = {**dict(Stage.choices), **dict(BuyerStage.choices)}
    return [
        Series(
            stage,
            gettext(labels[stage]),
            tuple(counts.get((category, stage), 0) for category in categories),
            STAGE_TONES.get(stage, ""),
        )
        for stage in stages
    ]


def pipeline_chart(rows: Sequence[Mapping[str, Any]]) -> Chart:
    """Factories per stage in each programme, from `selectors.pipeline_counts` (no query)."""
    programmes = [str(row["programme"].code) for row in rows]
    counts = {
        (str(row["programme"].code), s["stage"]): s["count"] for row in rows for s in row["stages"]
    }
    stages = [s["stage"] for s in rows[0]["stages"]] if rows else [s.value for s in Stage]
    return bar_chart(
        slug="chart-pipeline",
        title=gettext("Factories per stage in each programme"),
        categories=programmes,
        series=stage_series(stages, counts, programmes),
        category_header=gettext("Programme"),
        stacked=True,
        total_header=gettext("Factories"),
    )


# --- the pipeline over the last quarters --------------------------------------------------


def quarter_ends(
    today: datetime.date, count: int = QUARTERS_SHOWN
) -> list[tuple[str, datetime.datetime]]:
    """The last `count` quarters that have ended, oldest first: ("2026-Q2", the first instant
    after it in the portal's time zone)."""
    year, number = today.year, (today.month - 1) // 3 + 1
    ends = []
    for _ in range(count):
        first = datetime.date(year, 3 * number - 2, 1)  # the first day after the previous quarter
        number, year = (4, year - 1) if number == 1 else (number - 1, year)
        cutoff = timezone.make_aware(datetime.datetime(first.year, first.month, first.day))
        ends.append((f"{year}-Q{number}", cutoff))
    return ends[::-1]


def _stage_then(cutoff: datetime.datetime) -> Case:
    """A factory's stage at `cutoff`, from its stage changes: the latest before it (not on
    track before any); None when the factory was not in the portal yet."""
    latest = (
        StageChange.objects.filter(factory=OuterRef("pk"), created_at__lt=cutoff)
        .order_by("-created_at", "-id")
        .values("to_stage")[:1]
    )
    return Case(
        When(
            created_at__lt=cutoff,
            then=Coalesce(Subquery(latest), Value(Stage.NOT_ON_TRACK.value)),
        ),
        default=None,
        output_field=CharField(),
    )


def pipeline_over_quarters(
    user: AnyUser, *, programme: str = "", today: datetime.date | None = None
) -> Chart:
    """The factories of the PM's programmes per stage at the end of each of the last quarters,
    and today: one query (a subquery per quarter), whatever the number of factories."""
    ends = quarter_ends(today or timezone.localdate())
    factories = access.factories_for(user, access.Action.DECIDE)
    if programme:
        factories = factories.filter(programme__code=programme)
    names = [f"q{i}" for i in range(len(ends))]
    rows = (
        factories.order_by()
        .annotate(
            **{name: _stage_then(cutoff) for name, (_, cutoff) in zip(names, ends, strict=True)}
        )
        .values_list(*names, "stage")
    )
    labels = [label for label, _ in ends] + [gettext("Today")]
    counts: Counter[tuple[str, str]] = Counter()
    for row in rows:
        for label, stage in zip(labels, row, strict=True):
            if stage is not None:
                counts[(label, stage)] += 1
    return bar_chart(
        slug="chart-pipeline-quarters",
        title=gettext("Factories per stage at the end of the last quarters"),
        categories=labels,
        series=stage_series([s.value for s in Stage], counts, labels),
        category_header=gettext("Quarter"),
        stacked=True,
        total_header=gettext("Factories"),
    )
