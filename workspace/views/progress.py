"""The factory's progress towards the criteria: one page for its users, its staff and its buyers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from differentiation.selectors import notes_for
from factories import access
from factories.vocabulary import Role
from workspace import selectors
from workspace.selectors.charts import progress_charts
from workspace.views.common import nav


@login_required
@require_http_methods(["GET"])
def factory_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the factory stands: the same page for its users, the programme staff and buyers
    with third-party access (read-only)."""
    factory = access.get_factory_for(request.user, pk, access.Action.VIEW)
    context = nav(factory, request, "progress")
    context["progress"] = selectors.progress_for(
        factory, for_buyer=access.role_of(request.user) == Role.BUYER
    )
    context["notes"] = list(
        notes_for(request.user)
        .filter(factory=factory)
        .defer("pdf")
        .select_related("decision__decided_by")
        .order_by("-issued_at", "-id")
    )
    context["charts"] = progress_charts(factory)
    return render(request, "factories/progress.html", context)
