"""Pages of the road map."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from betterwork.core.formviews import add_service_errors, form_status, save_form
from factories import access
from factories.models import Factory
from factories.vocabulary import Role
from workspace import selectors
from workspace import services as workspace
from workspace.forms import (
    CycleForm,
    TargetForm,
)
from workspace.models import (
    RoadMap,
    RoadMapTarget,
)
from workspace.views.common import GET_POST, cycle_of, form_page, nav, work

# --- the road map ---------------------------------------------------------------------------


def road_map_url(road_map: RoadMap) -> str:
    return f"{reverse('factories:road_map', args=[road_map.factory_id])}?cycle={road_map.cycle}"


def _road_map_page(
    request: HttpRequest, factory: Factory, cycle: int, status: int = 200
) -> HttpResponse:
    current = selectors.road_map_for(factory, cycle)
    profile = access.profile_of(request.user)
    position = profile.position if profile and profile.role == Role.FACTORY else ""
    targets = list(current.targets.all()) if current else []
    context = nav(factory, request, "road_map")
    context.update(
        {
            "cycle": cycle,
            "road_map": current,
            "areas": selectors.targets_by_area(current),
            "summary": selectors.road_map_summary(targets),
            "is_factory_user": access.role_of(request.user) == Role.FACTORY,
            # Who may record each step (and why not): the committee endorses, top management
            # signs off, two different people.
            "endorse_refusal": current
            and workspace.endorse_refusal(access.actor_of(request), current, position=position),
            "sign_off_refusal": current
            and workspace.sign_off_refusal(access.actor_of(request), current, position=position),
            "cycles": sorted({cycle, *factory.road_maps.values_list("cycle", flat=True)}),
        }
    )
    return render(request, "factories/road_map.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def road_map(request: HttpRequest, pk: int) -> HttpResponse:
    factory = work(request, pk)
    return _road_map_page(request, factory, cycle_of(request, factory))


@login_required
@require_POST
def road_map_create(request: HttpRequest, pk: int) -> HttpResponse:
    factory = work(request, pk)
    form = CycleForm(request.POST)
    if not form.is_valid():
        return form_page(
            request, factory, form, title=gettext("Start a road map"), back="", status=400
        )
    try:
        created = workspace.road_map_create(
            factory=factory,
            actor=access.actor_of(request),
            cycle=form.cleaned_data["cycle"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        back = reverse("factories:road_map", args=[factory.pk])
        return form_page(
            request, factory, form, title=gettext("Start a road map"), back=back, status=400
        )
    messages.success(
        request, gettext("The road map of cycle {cycle} is started.").format(cycle=created.cycle)
    )
    return redirect(road_map_url(created))


def _road_map_of(factory: Factory, map_pk: int) -> RoadMap:
    found: RoadMap = access.get_or_404(
        RoadMap.objects.filter(factory=factory).select_related("factory"), pk=map_pk
    )
    return found


@login_required
@GET_POST
def target_add(request: HttpRequest, pk: int, map_pk: int) -> HttpResponse:
    factory = work(request, pk)
    current = _road_map_of(factory, map_pk)
    back = road_map_url(current)
    form = TargetForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda: workspace.road_map_target_add(
            road_map=current, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, gettext("The target is added to the road map."))
        return redirect(back)
    intro = ""
    if current.is_signed_off:
        intro = gettext(
            "This road map is signed off: adding a target records a new version to sign off."
        )
    return form_page(
        request,
        factory,
        form,
        title=gettext("Add a target to the road map of cycle {cycle}").format(cycle=current.cycle),
        back=back,
        intro=intro,
    )


@login_required
@GET_POST
def target_edit(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    """Without JavaScript a page with the form; with htmx the table row swaps in place."""
    factory = work(request, pk)
    target: RoadMapTarget = access.get_or_404(
        RoadMapTarget.objects.filter(road_map__factory=factory).select_related("road_map"),
        pk=target_pk,
    )
    back = road_map_url(target.road_map)
    form = TargetForm.for_target(target, request.POST or None)
    htmx = bool(getattr(request, "htmx", False))
    saved = save_form(
        request,
        form,
        lambda: workspace.road_map_target_update(
            target=target, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved and htmx:
        return _target_row(request, factory, target.pk)
    if saved:
        messages.success(request, gettext("The target is saved."))
        return redirect(back)
    if htmx:
        context = {"factory": factory, "target": target, "form": form, "back": back}
        return render(
            request, "factories/_target_edit_row.html", context, status=form_status(request)
        )
    return form_page(request, factory, form, title=gettext("Edit a road-map target"), back=back)


def _target_row(request: HttpRequest, factory: Factory, target_pk: int) -> HttpResponse:
    target = RoadMapTarget.objects.select_related("road_map").get(pk=target_pk)
    current = selectors.road_map_for(factory, target.road_map.cycle)
    targets = list(current.targets.all()) if current else []
    context = {
        "factory": factory,
        "target": target,
        "road_map": current,
        "summary": selectors.road_map_summary(targets),
        "can_work": True,
        "oob": True,
    }
    return render(request, "factories/_target_row.html", context)


def _road_map_step(
    request: HttpRequest, pk: int, map_pk: int, service: Any, done: str
) -> HttpResponse:
    """Record one step of the road map's approval (endorsement, sign-off) through its service."""
    factory = work(request, pk)
    current = _road_map_of(factory, map_pk)
    try:
        service(road_map=current, actor=access.actor_of(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _road_map_page(request, factory, current.cycle, status=400)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return _road_map_page(request, factory, current.cycle, status=403)
    messages.success(request, done)
    return redirect(road_map_url(current))


@login_required
@require_POST
def road_map_endorse(request: HttpRequest, pk: int, map_pk: int) -> HttpResponse:
    return _road_map_step(
        request,
        pk,
        map_pk,
        workspace.road_map_endorse,
        gettext("The committee's endorsement is recorded."),
    )


@login_required
@require_POST
def road_map_sign_off(request: HttpRequest, pk: int, map_pk: int) -> HttpResponse:
    return _road_map_step(
        request,
        pk,
        map_pk,
        workspace.road_map_sign_off,
        gettext("Top management's sign-off is recorded."),
    )
