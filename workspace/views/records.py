"""The factory's records: its assessments and progress reports (finalised ones for the factory's
users, drafts too for its programme's staff), each opening as a readable report with its PDF,
and its formal notes to download. Buyers read summaries on their supplier page instead."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assessments import scoped
from assessments.selectors import answer_summaries
from differentiation.selectors import notes_for
from factories import access
from workspace.views.common import nav, work


@login_required
@require_GET
def factory_records(request: HttpRequest, pk: int) -> HttpResponse:
    factory = work(request, pk)
    assessments = list(
        scoped.assessments_for(request.user, access.Action.WORK)
        .filter(factory=factory)
        .select_related("finalised_by")
        .order_by("-cycle", "-visit_date", "-id")
    )
    summaries = answer_summaries(a.pk for a in assessments)
    reports = list(
        scoped.progress_reports_for(request.user, access.Action.WORK)
        .filter(factory=factory)
        .order_by("-cycle", "-number", "-id")
    )
    notes = list(
        notes_for(request.user)
        .filter(factory=factory)
        .defer("pdf")
        .select_related("decision__decided_by")
        .order_by("-issued_at", "-id")
    )
    context = nav(factory, request, "records")
    context.update(
        {
            "assessments": [(a, summaries[a.pk]) for a in assessments],
            "reports": reports,
            "notes": notes,
            "sees_drafts": access.sees_drafts(request.user),
        }
    )
    return render(request, "factories/records.html", context)
