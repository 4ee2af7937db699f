"""Progress reports: created whole (API, import) or started and rated one item at a time, then
finalised."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from assessments import signals
from assessments.models import (
    ProgressItem,
    ProgressRating,
    ProgressReport,
)
from assessments.services.answers import _check_items, _lock_factory, _new_report
from assessments.services.entry import _save_single_answer
from assessments.services.history import _record, _record_diff
from assessments.services.inputs import RatingInput
from assessments.vocabulary import Rating, Status
from betterwork.core.errors import Conflict
from factories.models import Factory

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def progress_report_create(
    *,
    factory: Factory,
    cycle: int,
    number: int,
    release_date: datetime.date,
    actor: User,
    ratings: Sequence[RatingInput] = (),
    context: str = "",
) -> ProgressReport:
    report = _new_report(
        factory=factory, cycle=cycle, number=number, release_date=release_date, actor=actor
    )
    items = _check_items(ratings, "items", complete=number == 2)
    ProgressRating.objects.bulk_create(
        ProgressRating(report=report, item=items[r.item], rating=r.rating) for r in ratings
    )
    _record_diff(
        report,
        {},
        {f"rating:{r.item}": {"rating": r.rating} for r in ratings},
        actor=actor,
        context=context,
    )
    return report


@transaction.atomic
def progress_report_replace_ratings(
    *, report: ProgressReport, actor: User, ratings: Sequence[RatingInput], context: str = ""
) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.is_finalised:
        raise Conflict(gettext("This progress report is finalised and cannot be changed."))
    items = _check_items(ratings, "items", complete=report.number == 2)
    before = {
        f"rating:{code}": {"rating": rating}
        for code, rating in report.ratings.values_list("item__code", "rating")
    }
    report.ratings.all().delete()
    ProgressRating.objects.bulk_create(
        ProgressRating(report=report, item=items[r.item], rating=r.rating) for r in ratings
    )
    after = {f"rating:{r.item}": {"rating": r.rating} for r in ratings}
    _record_diff(report, before, after, actor=actor, context=context)
    return report


def progress_report_missing(report: ProgressReport) -> list[str]:
    if report.number != 2:
        return []
    rated = set(report.ratings.values_list("item__code", flat=True))
    items = ProgressItem.objects.exclude(code__in=rated).values_list("code", flat=True)
    return [gettext("Items not rated: {items}.").format(items=", ".join(items))] if items else []


@transaction.atomic
def progress_report_finalise(*, report: ProgressReport, actor: User) -> ProgressReport:
    _lock_factory(report.factory_id)
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.is_finalised:
        raise Conflict(gettext("This progress report is already finalised."))
    missing = progress_report_missing(report)
    if missing:
        raise ValidationError(
            {"detail": [gettext("The progress report cannot be finalised yet."), *missing]}
        )
    report.status = Status.FINALISED
    report.finalised_by = actor
    report.finalised_at = timezone.now()
    report.save(update_fields=["status", "finalised_by", "finalised_at"])
    _record(
        report,
        "status",
        {"status": Status.DRAFT},
        {"status": Status.FINALISED},
        actor=actor,
        context="finalise",
    )
    signals.record_finalised.send(
        sender=ProgressReport,
        record=report,
        factory_id=report.factory_id,
        trigger=f"progress_report:{report.pk}",
    )
    return report


# --- progress reports in the browser --------------------------------------------------------


def progress_report_propose(factory: Factory) -> tuple[int, int, datetime.date]:
    """The next report: PR2 after a PR1 of the same cycle, else PR1 of the latest cycle."""
    today = timezone.localdate()
    latest_cycle = factory.assessments.order_by("-cycle").values_list("cycle", flat=True).first()
    reports = set(factory.progress_reports.values_list("cycle", "number"))
    cycle = latest_cycle or max((c for c, _ in reports), default=1)
    for number in (1, 2):
        if (cycle, number) not in reports:
            return cycle, number, today
    return cycle + 1, 1, today


@transaction.atomic
def progress_report_start(
    *, factory: Factory, actor: User, cycle: int, number: int, release_date: datetime.date
) -> ProgressReport:
    """An empty draft report (a PR2 is rated item by item before it can be finalised)."""
    report = _new_report(
        factory=factory, cycle=cycle, number=number, release_date=release_date, actor=actor
    )
    _record(report, "status", None, {"status": Status.DRAFT}, actor=actor, context="entry")
    return report


@transaction.atomic
def rating_record(
    *,
    report: ProgressReport,
    actor: User,
    item: str,
    rating: str | None,
    context: str = "entry",
) -> ProgressRating | None:
    """Rate one item of a draft progress report; None clears the rating."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.is_finalised:
        raise Conflict(gettext("This progress report is finalised and cannot be changed."))
    known = ProgressItem.objects.filter(code=item).first()
    if known is None:
        raise ValidationError(
            {"item": [gettext("Unknown progress item '{item}'.").format(item=item)]}
        )
    if rating is not None and rating not in Rating.values:
        raise ValidationError(
            {
                "rating": [
                    gettext("'{rating}' is not a rating; use one of {ratings}.").format(
                        rating=rating, ratings=", ".join(Rating.values)
                    )
                ]
            }
        )
    return _save_single_answer(
        report,
        f"rating:{item}",
        report.ratings.filter(item=known).first(),
        lambda: ProgressRating(report=report, item=known),
        "rating",
        rating,
        actor=actor,
        context=context,
    )
