"""The factory's pictures on its progress page: its criteria across its latest evaluations, and
its non-compliances by cluster across its latest finalised assessments. Three queries in all,
whatever the number of evaluations, assessments or findings."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from assessments.models import Assessment, Cluster, Finding
from betterwork.core.charts import Chart, Series, bar_chart, grid_chart
from differentiation import display
from differentiation.charts import result_marks
from differentiation.vocabulary import Group
from factories.models import Factory

EVALUATIONS_SHOWN = 5
ASSESSMENTS_SHOWN = 3
CYCLE_TONES = ("muted", "brand", "teal", "violet")


def criteria_history_chart(factory: Factory) -> Chart | None:
    """The five criteria (rows) in the factory's latest evaluations (columns, oldest first; a
    day's latest evaluation stands for the day); None before any evaluation. One query."""
    latest: dict[str, Any] = {}  # the day's latest evaluation, for the latest days
    for outcome, at in factory.evaluations.order_by("-created_at", "-id").values_list(
        "outcome", "created_at"
    )[: EVALUATIONS_SHOWN * 4]:
        day = f"{timezone.localtime(at):%Y-%m-%d}"
        if day not in latest and len(latest) < EVALUATIONS_SHOWN:
            latest[day] = outcome
    if not latest:
        return None
    days = sorted(latest)
    results = [
        {c["group"]: c["result"] for c in display.criterion_rows(latest[day])} for day in days
    ]
    return grid_chart(
        slug="chart-criteria-history",
        title=gettext("The five criteria in the latest evaluations"),
        rows=[gettext(group.label) for group in Group],
        columns=days,
        cells=[[r[group.value] for r in results] for group in Group],
        marks=result_marks(),
        row_header=gettext("Criterion"),
    )


def non_compliance_chart(factory: Factory) -> Chart | None:
    """Per cluster, the non-compliances found in each of the factory's latest finalised
    assessments (a bar per assessment); None before any. Two queries."""
    assessments = list(
        Assessment.objects.finalised()
        .filter(factory=factory)
        .order_by("-cycle")
        .values_list("pk", "cycle", "visit_date")[:ASSESSMENTS_SHOWN]
    )[::-1]
    if not assessments:
        return None
    counted = (
        Finding.objects.filter(
            assessment_id__in=[pk for pk, _, _ in assessments],
            non_compliant=True,
            not_applicable=False,
        )
        .order_by()
        .values_list("assessment_id", "question__compliance_point__cluster_id")
        .annotate(n=Count("id"))
    )
    counts = {(a, c): n for a, c, n in counted}
    clusters = list(Cluster.objects.order_by("order", "pk").values_list("pk", "name"))
    series = [
        Series(
            str(cycle),
            gettext("Cycle {cycle} ({date})").format(cycle=cycle, date=f"{visit:%Y-%m-%d}"),
            tuple(counts.get((pk, cluster), 0) for cluster, _ in clusters),
            CYCLE_TONES[i % len(CYCLE_TONES)],
        )
        for i, (pk, cycle, visit) in enumerate(assessments)
    ]
    return bar_chart(
        slug="chart-non-compliance",
        title=gettext("Non-compliances by cluster in the latest assessments"),
        categories=[name for _, name in clusters],
        series=series,
        category_header=gettext("Cluster"),
    )


def progress_charts(factory: Factory) -> list[Chart]:
    """The charts the progress page shows, those that have data."""
    return [c for c in (criteria_history_chart(factory), non_compliance_chart(factory)) if c]
