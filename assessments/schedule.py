"""When a factory's next assessment falls due: the one place that computes it.

Finalising an assessment, withdrawing the high-performing status (the interval returns to 12
months) and choosing the 24-month interval as a benefit all call `next_assessment_due_set`.
"""

from __future__ import annotations

import datetime

from assessments.models import Assessment
from factories.models import Factory


def next_assessment_due(*, last_visit: datetime.date, interval_months: int) -> datetime.date:
    """The visit date plus the interval, clamped to the month's last day (31 Jan + 1 = 28 Feb)."""
    month_index = last_visit.month - 1 + interval_months
    year, month = last_visit.year + month_index // 12, month_index % 12 + 1
    for day in (last_visit.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def next_assessment_due_set(factory: Factory, *, interval_months: int | None = None) -> list[str]:
    """Set `factory`'s interval (when given) and its next assessment due, one interval after its
    latest finalised visit (left as it is without one). Returns the fields set; the caller, who
    holds the factory's row lock, saves them."""
    fields = []
    if interval_months is not None:
        factory.assessment_interval_months = interval_months
        fields.append("assessment_interval_months")
    last_visit = (
        Assessment.objects.finalised()
        .filter(factory=factory)
        .order_by("-visit_date")
        .values_list("visit_date", flat=True)
        .first()
    )
    if last_visit is not None:
        factory.next_assessment_due = next_assessment_due(
            last_visit=last_visit, interval_months=factory.assessment_interval_months
        )
        fields.append("next_assessment_due")
    return fields
