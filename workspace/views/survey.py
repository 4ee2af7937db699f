"""Pages of the learning survey (factories and buyers) and its results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from betterwork.core.formviews import form_status, save_form
from factories import access
from factories.vocabulary import Role
from workspace import selectors
from workspace import services as workspace
from workspace.forms import (
    SurveyForm,
)
from workspace.views.common import GET_POST, nav, work

# --- the learning survey --------------------------------------------------------------------


def _survey_form(latest: Any, data: Any) -> SurveyForm:
    initial = {"themes": latest.themes, "other": latest.other} if latest else {}
    return SurveyForm(data, initial=initial)


@login_required
@GET_POST
def factory_survey(request: HttpRequest, pk: int) -> HttpResponse:
    factory = work(request, pk)
    profile = access.profile_of(request.user)
    if profile is None or profile.role != Role.FACTORY:
        raise PermissionDenied(gettext("The factory's own users answer the survey."))
    year = selectors.this_year()
    latest = selectors.latest_survey_response(year=year, factory=factory)
    form = _survey_form(latest, request.POST or None)
    saved = save_form(
        request,
        form,
        lambda: workspace.learning_survey_submit(
            actor=access.actor_of(request), year=year, factory=factory, **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, gettext("Thank you: your preferences are recorded."))
        return redirect("factories:survey", pk=factory.pk)
    context = nav(factory, request, "survey")
    context.update({"form": form, "latest": latest, "year": year})
    return render(request, "factories/survey.html", context, status=form_status(request))


@login_required
@GET_POST
def buyer_survey(request: HttpRequest) -> HttpResponse:
    profile = access.profile_of(request.user)
    if profile is None or profile.role != Role.BUYER or profile.buyer is None:
        raise Http404(gettext("No such page."))
    year = selectors.this_year()
    latest = selectors.latest_survey_response(year=year, buyer=profile.buyer)
    form = _survey_form(latest, request.POST or None)
    buyer = profile.buyer
    saved = save_form(
        request,
        form,
        lambda: workspace.learning_survey_submit(
            actor=access.actor_of(request), year=year, buyer=buyer, **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, gettext("Thank you: your preferences are recorded."))
        return redirect("factories:buyer_survey")
    context = {"form": form, "latest": latest, "year": year, "buyer": buyer}
    return render(request, "factories/survey.html", context, status=form_status(request))


@login_required
@require_http_methods(["GET"])
def survey_results(request: HttpRequest) -> HttpResponse:
    if access.role_of(request.user) != Role.PROGRAMME_MANAGER:
        raise Http404(gettext("No such page."))
    year = selectors.this_year()
    raw_year = request.GET.get("year", "")
    if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100:
        year = int(raw_year)
    results = selectors.survey_results(access.actor_of(request), year)
    return render(request, "factories/survey_results.html", {"results": results, "year": year})
