"""The assessments and progress reports a user may see: built on the access layer's factories."""

from __future__ import annotations

from assessments.models import (
    Assessment,
    AssessmentQuerySet,
    ProgressReport,
    ProgressReportQuerySet,
)
from factories.access import Action, AnyUser, factories_for, sees_drafts


def assessments_for(user: AnyUser, action: Action = Action.VIEW) -> AssessmentQuerySet:
    qs = Assessment.objects.filter(factory__in=factories_for(user, action))
    return qs if sees_drafts(user) else qs.finalised()


def progress_reports_for(user: AnyUser, action: Action = Action.VIEW) -> ProgressReportQuerySet:
    qs = ProgressReport.objects.filter(factory__in=factories_for(user, action))
    return qs if sees_drafts(user) else qs.finalised()
