"""Pages of objectives, recommendations, visits and trainings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from betterwork.core.formviews import save_form
from factories import access
from factories.models import Factory
from workspace import selectors
from workspace import services as workspace
from workspace.forms import (
    ObjectiveForm,
    RecommendationForm,
    TrainingForm,
    VisitForm,
)
from workspace.views.common import GET_POST, cycle_of, form_page, nav, work
from workspace.views.road_map import road_map_url

# --- objectives, visits, trainings ------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def advisory(request: HttpRequest, pk: int) -> HttpResponse:
    factory = access.get_factory_for(request.user, pk, access.Action.WORK)
    factory = Factory.objects.select_related("programme").get(pk=factory.pk)
    cycle = cycle_of(request, factory)
    context = nav(factory, request, "advisory")
    context.update(
        {
            "cycle": cycle,
            "allowance": selectors.allowance_for(factory, cycle),
            "objectives": selectors.objectives_for(factory, cycle),
            "visits": selectors.visits_for(factory, cycle),
            "trainings": selectors.trainings_for(factory, cycle),
            "road_map": selectors.road_map_for(factory, cycle),
        }
    )
    return render(request, "factories/advisory.html", context)


def _staff(request: HttpRequest, pk: int) -> Factory:
    """Objectives, recommendations, visits and trainings are written by the EA and PMs."""
    factory = work(request, pk)
    if not workspace.is_staff_of(access.actor_of(request), factory):
        raise PermissionDenied(
            gettext("Only the enterprise advisor or a programme manager writes this.")
        )
    return Factory.objects.select_related("programme").get(pk=factory.pk)


def _advisory_url(factory: Factory, cycle: int | None = None) -> str:
    url = reverse("factories:advisory", args=[factory.pk])
    return f"{url}?cycle={cycle}" if cycle else url


@login_required
@GET_POST
def objective_add(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _staff(request, pk)
    form = ObjectiveForm(request.POST or None, targets=selectors.targets_of(factory))
    back = _advisory_url(factory)
    saved = save_form(
        request,
        form,
        lambda: workspace.objective_set(
            factory=factory, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, gettext("The objective is set."))
        return redirect(_advisory_url(factory, saved.value.cycle))
    return form_page(request, factory, form, title=gettext("Set an objective"), back=back)


@login_required
@GET_POST
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _staff(request, pk)
    form = RecommendationForm(request.POST or None, targets=selectors.targets_of(factory))
    back = reverse("factories:road_map", args=[factory.pk])
    saved = save_form(
        request,
        form,
        lambda: workspace.training_recommend(actor=access.actor_of(request), **form.cleaned_data),
    )
    if saved:
        messages.success(request, gettext("The training is recommended for the target."))
        return redirect(road_map_url(saved.value.target.road_map))
    return form_page(request, factory, form, title=gettext("Recommend a training"), back=back)


@login_required
@GET_POST
def visit_add(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _staff(request, pk)
    cycle = cycle_of(request, factory)
    form = VisitForm(request.POST or None, objectives=selectors.objectives_for(factory, cycle))
    back = _advisory_url(factory, cycle)
    saved = save_form(
        request,
        form,
        lambda: workspace.advisory_visit_record(
            factory=factory,
            actor=access.actor_of(request),
            advisor=access.actor_of(request),
            cycle=cycle,
            date=form.cleaned_data["date"],
            objectives=list(form.cleaned_data["objectives"]),
            notes=form.cleaned_data["notes"],
        ),
    )
    if saved:
        messages.success(request, gettext("The advisory visit is logged."))
        return redirect(back)
    return form_page(
        request,
        factory,
        form,
        title=gettext("Log an advisory visit (cycle {cycle})").format(cycle=cycle),
        back=back,
        action=f"?cycle={cycle}",
    )


@login_required
@GET_POST
def training_add(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _staff(request, pk)
    cycle = cycle_of(request, factory)
    form = TrainingForm(request.POST or None, targets=selectors.targets_of(factory))
    back = _advisory_url(factory, cycle)
    saved = save_form(
        request,
        form,
        lambda: workspace.training_session_record(
            factory=factory, actor=access.actor_of(request), cycle=cycle, **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, gettext("The training days are recorded."))
        return redirect(back)
    return form_page(
        request,
        factory,
        form,
        title=gettext("Record training days (cycle {cycle})").format(cycle=cycle),
        back=back,
        action=f"?cycle={cycle}",
    )
