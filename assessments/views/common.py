"""What the assessment pages share: the record found through the access layer, errors as messages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from assessments import scoped
from assessments.models import Assessment, ProgressReport
from assessments.vocabulary import Answer
from factories import access
from factories.access import Action


def _messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages_ in error.message_dict.values() for m in messages_]
    return list(error.messages)


def _assessment(request: HttpRequest, pk: int, action: Action = Action.ASSESS) -> Assessment:
    queryset = scoped.assessments_for(request.user, action).select_related(
        "factory__programme", "created_by", "finalised_by__profile"
    )
    return access.get_or_404(queryset, pk=pk)


def _report(request: HttpRequest, pk: int) -> ProgressReport:
    queryset = scoped.progress_reports_for(request.user, Action.ASSESS).select_related(
        "factory__programme", "created_by", "finalised_by__profile"
    )
    return access.get_or_404(queryset, pk=pk)


def _filters(request: HttpRequest) -> dict[str, Any]:
    only = request.GET.get("only")
    return {
        "only_non_compliant": only == Answer.NON_COMPLIANT,
        "only_unanswered": only == "unanswered",
        "publicly_reported": request.GET.get("publicly_reported") == "1",
    }


def _entry_url(assessment: Assessment, query: str = "") -> str:
    url = reverse("assessments:entry", args=[assessment.pk])
    return f"{url}?{query}" if query else url
