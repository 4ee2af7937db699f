"""Pages of the factory's workspace. Each view finds the factory through factories.access (404
outside the user's scope), validates with a form, calls one service and renders or redirects.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from betterwork.core.formviews import add_service_errors, form_status, save_form
from factories import access, selectors, workspace
from factories.forms import (
    CommitteeMemberForm,
    CycleForm,
    FewerVisitsForm,
    IntervalForm,
    LearningServicesForm,
    MeetingForm,
    MemberLeaveForm,
    ObjectiveForm,
    PlanItemForm,
    RecommendationForm,
    SearchForm,
    SurveyForm,
    TargetForm,
    TrainingForm,
    VisibilityForm,
    VisitForm,
)
from factories.models import (
    BenefitKind,
    CommitteeMember,
    Factory,
    ImprovementPlanItem,
    RoadMap,
    RoadMapTarget,
    Role,
)

PAGE_SIZE = 25
GET_POST = require_http_methods(["GET", "POST"])


# --- helpers -------------------------------------------------------------------------------


def _work(request: HttpRequest, pk: int) -> Factory:
    factory: Factory = access.get_factory_for(request.user, pk, access.Action.WORK)
    return factory


def _form_page(
    request: HttpRequest,
    factory: Factory,
    form: forms.BaseForm,
    *,
    title: str,
    back: str,
    action: str = "",
    submit: str = "Save",
    status: int | None = None,
    intro: str = "",
) -> HttpResponse:
    return render(
        request,
        "factories/form.html",
        {
            "factory": factory,
            "form": form,
            "title": title,
            "back": back,
            "action": action,
            "submit": submit,
            "intro": intro,
        },
        status=form_status(request) if status is None else status,
    )


def _nav(factory: Factory, request: HttpRequest, current: str) -> dict[str, Any]:
    return {
        "factory": factory,
        "current": current,
        "can_work": access.may(request.user, access.Action.WORK, factory),
        "is_staff": workspace.is_staff_of(access.actor_of(request), factory),
    }


def _cycle_of(request: HttpRequest, factory: Factory) -> int:
    form = CycleForm(request.GET)
    if "cycle" in request.GET and form.is_valid():
        return int(form.cleaned_data["cycle"])
    return selectors.current_cycle(factory)


# --- progress and the list ------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def factory_list(request: HttpRequest) -> HttpResponse:
    """The factories of the PM's or EA's programmes, with stage and next due date."""
    if access.role_of(request.user) not in workspace.STAFF_ROLES:
        raise Http404("No such page.")
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    factories = selectors.factories_for_staff(access.actor_of(request), query)
    page = Paginator(factories, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "factories/list.html", {"page": page, "search": search, "query": query})


@login_required
@require_http_methods(["GET"])
def factory_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the factory stands: the same page for its users, the programme staff and buyers
    with third-party access (read-only)."""
    factory = access.get_factory_for(request.user, pk, access.Action.VIEW)
    context = _nav(factory, request, "progress")
    context["progress"] = selectors.progress_for(
        factory, for_buyer=access.role_of(request.user) == Role.BUYER
    )
    return render(request, "factories/progress.html", context)


# --- the bipartite committee -----------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def committee(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _work(request, pk)
    members = list(factory.committee_members.order_by("-is_chair", "category", "name"))
    context = _nav(factory, request, "committee")
    context.update(
        {
            "current_members": [m for m in members if m.left is None],
            "former_members": [m for m in members if m.left is not None],
            "meetings": factory.committee_meetings.select_related("recorded_by")[:100],
        }
    )
    return render(request, "factories/committee.html", context)


@login_required
@GET_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _work(request, pk)
    back = reverse("factories:committee", args=[factory.pk])
    form = CommitteeMemberForm(request.POST or None, adding=True)
    saved = save_form(
        request,
        form,
        lambda: workspace.committee_member_add(
            factory=factory, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, f"{form.cleaned_data['name']} joined the committee.")
        return redirect(back)
    return _form_page(request, factory, form, title="Add a committee member", back=back)


def _member(factory: Factory, member_pk: int) -> CommitteeMember:
    member: CommitteeMember = access.get_or_404(factory.committee_members.all(), pk=member_pk)
    return member


@login_required
@GET_POST
def member_edit(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    factory = _work(request, pk)
    member = _member(factory, member_pk)
    back = reverse("factories:committee", args=[factory.pk])
    form = CommitteeMemberForm(request.POST or None, instance=member)
    saved = save_form(
        request,
        form,
        lambda: workspace.committee_member_update(
            member=member, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, f"{member.name}'s details are saved.")
        return redirect(back)
    return _form_page(request, factory, form, title=f"Edit {member.name}", back=back)


@login_required
@GET_POST
def member_leave(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    factory = _work(request, pk)
    member = _member(factory, member_pk)
    back = reverse("factories:committee", args=[factory.pk])
    form = MemberLeaveForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda: workspace.committee_member_leave(
            member=member, actor=access.actor_of(request), left=form.cleaned_data["left"]
        ),
    )
    if saved:
        messages.success(request, f"{member.name} left the committee; their record is kept.")
        return redirect(back)
    return _form_page(
        request,
        factory,
        form,
        title=f"{member.name} leaves the committee",
        back=back,
        submit="Record leaving",
        intro="The member's record is kept, with the date they left.",
    )


@login_required
@GET_POST
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _work(request, pk)
    back = reverse("factories:committee", args=[factory.pk])
    form = MeetingForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda: workspace.committee_meeting_add(
            factory=factory, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, "The meeting is recorded.")
        return redirect(back)
    return _form_page(request, factory, form, title="Record a committee meeting", back=back)


# --- the road map ---------------------------------------------------------------------------


def _road_map_url(road_map: RoadMap) -> str:
    return f"{reverse('factories:road_map', args=[road_map.factory_id])}?cycle={road_map.cycle}"


def _road_map_page(
    request: HttpRequest, factory: Factory, cycle: int, status: int = 200
) -> HttpResponse:
    current = selectors.road_map_for(factory, cycle)
    targets = list(current.targets.all()) if current else []
    context = _nav(factory, request, "road_map")
    context.update(
        {
            "cycle": cycle,
            "road_map": current,
            "areas": selectors.targets_by_area(current),
            "summary": selectors.road_map_summary(targets),
            "is_factory_user": access.role_of(request.user) == Role.FACTORY,
            "cycles": sorted({cycle, *factory.road_maps.values_list("cycle", flat=True)}),
        }
    )
    return render(request, "factories/road_map.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def road_map(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _work(request, pk)
    return _road_map_page(request, factory, _cycle_of(request, factory))


@login_required
@require_POST
def road_map_create(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _work(request, pk)
    form = CycleForm(request.POST)
    if not form.is_valid():
        return _form_page(request, factory, form, title="Start a road map", back="", status=400)
    try:
        created = workspace.road_map_create(
            factory=factory,
            actor=access.actor_of(request),
            cycle=form.cleaned_data["cycle"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        back = reverse("factories:road_map", args=[factory.pk])
        return _form_page(request, factory, form, title="Start a road map", back=back, status=400)
    messages.success(request, f"The road map of cycle {created.cycle} is started.")
    return redirect(_road_map_url(created))


def _road_map_of(factory: Factory, map_pk: int) -> RoadMap:
    found: RoadMap = access.get_or_404(
        RoadMap.objects.filter(factory=factory).select_related("factory"), pk=map_pk
    )
    return found


@login_required
@GET_POST
def target_add(request: HttpRequest, pk: int, map_pk: int) -> HttpResponse:
    factory = _work(request, pk)
    current = _road_map_of(factory, map_pk)
    back = _road_map_url(current)
    form = TargetForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda: workspace.road_map_target_add(
            road_map=current, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, "The target is added to the road map.")
        return redirect(back)
    intro = ""
    if current.is_signed_off:
        intro = "This road map is signed off: adding a target records a new version to sign off."
    return _form_page(
        request,
        factory,
        form,
        title=f"Add a target to the road map of cycle {current.cycle}",
        back=back,
        intro=intro,
    )


@login_required
@GET_POST
def target_edit(request: HttpRequest, pk: int, target_pk: int) -> HttpResponse:
    """Without JavaScript a page with the form; with htmx the table row swaps in place."""
    factory = _work(request, pk)
    target: RoadMapTarget = access.get_or_404(
        RoadMapTarget.objects.filter(road_map__factory=factory).select_related("road_map"),
        pk=target_pk,
    )
    back = _road_map_url(target.road_map)
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
        messages.success(request, "The target is saved.")
        return redirect(back)
    if htmx:
        context = {"factory": factory, "target": target, "form": form, "back": back}
        return render(
            request, "factories/_target_edit_row.html", context, status=form_status(request)
        )
    return _form_page(request, factory, form, title="Edit a road-map target", back=back)


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
    factory = _work(request, pk)
    current = _road_map_of(factory, map_pk)
    try:
        service(road_map=current, actor=access.actor_of(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _road_map_page(request, factory, current.cycle, status=400)
    messages.success(request, done)
    return redirect(_road_map_url(current))


@login_required
@require_POST
def road_map_endorse(request: HttpRequest, pk: int, map_pk: int) -> HttpResponse:
    return _road_map_step(
        request, pk, map_pk, workspace.road_map_endorse, "The committee's endorsement is recorded."
    )


@login_required
@require_POST
def road_map_sign_off(request: HttpRequest, pk: int, map_pk: int) -> HttpResponse:
    return _road_map_step(
        request, pk, map_pk, workspace.road_map_sign_off, "Top management's sign-off is recorded."
    )


# --- objectives, visits, trainings ------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def advisory(request: HttpRequest, pk: int) -> HttpResponse:
    factory = access.get_factory_for(request.user, pk, access.Action.WORK)
    factory = Factory.objects.select_related("programme").get(pk=factory.pk)
    cycle = _cycle_of(request, factory)
    context = _nav(factory, request, "advisory")
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
    factory = _work(request, pk)
    if not workspace.is_staff_of(access.actor_of(request), factory):
        raise PermissionDenied("Only the enterprise advisor or a programme manager writes this.")
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
        messages.success(request, "The objective is set.")
        return redirect(_advisory_url(factory, saved.value.cycle))
    return _form_page(request, factory, form, title="Set an objective", back=back)


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
        messages.success(request, "The training is recommended for the target.")
        return redirect(_road_map_url(saved.value.target.road_map))
    return _form_page(request, factory, form, title="Recommend a training", back=back)


@login_required
@GET_POST
def visit_add(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _staff(request, pk)
    cycle = _cycle_of(request, factory)
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
        messages.success(request, "The advisory visit is logged.")
        return redirect(back)
    return _form_page(
        request,
        factory,
        form,
        title=f"Log an advisory visit (cycle {cycle})",
        back=back,
        action=f"?cycle={cycle}",
    )


@login_required
@GET_POST
def training_add(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _staff(request, pk)
    cycle = _cycle_of(request, factory)
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
        messages.success(request, "The training days are recorded.")
        return redirect(back)
    return _form_page(
        request,
        factory,
        form,
        title=f"Record training days (cycle {cycle})",
        back=back,
        action=f"?cycle={cycle}",
    )


# --- the improvement plan -------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def improvement_plan(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _work(request, pk)
    context = _nav(factory, request, "improvement_plan")
    context["plan"] = selectors.improvement_plan_for(factory)
    return render(request, "factories/improvement_plan.html", context)


def _plan_item(factory: Factory, item_pk: int) -> ImprovementPlanItem:
    item: ImprovementPlanItem = access.get_or_404(
        selectors.improvement_plan_items(factory), pk=item_pk
    )
    return item


def _plan_row(request: HttpRequest, factory: Factory, item_pk: int) -> HttpResponse:
    context = _nav(factory, request, "improvement_plan")
    context.update(
        {
            "item": _plan_item(factory, item_pk),
            "plan": selectors.improvement_plan_for(factory),
            "oob": True,
        }
    )
    return render(request, "factories/_plan_row.html", context)


@login_required
@GET_POST
def plan_item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    factory = _work(request, pk)
    item = _plan_item(factory, item_pk)
    back = reverse("factories:improvement_plan", args=[factory.pk])
    form = PlanItemForm.for_item(item, request.POST or None)
    htmx = bool(getattr(request, "htmx", False))
    saved = save_form(
        request,
        form,
        lambda: workspace.improvement_plan_item_update(
            item=item, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved and htmx:
        return _plan_row(request, factory, item.pk)
    if saved:
        messages.success(request, f"The item on {item.question.code} is saved.")
        return redirect(back)
    if htmx:
        context = {"factory": factory, "item": item, "form": form, "back": back}
        return render(
            request, "factories/_plan_edit_row.html", context, status=form_status(request)
        )
    return _form_page(
        request,
        factory,
        form,
        title=f"Improvement plan: {item.question.code}",
        intro=item.question.text,
        back=back,
    )


@login_required
@require_POST
def plan_item_confirm(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    factory = _work(request, pk)
    item = _plan_item(factory, item_pk)
    back = reverse("factories:improvement_plan", args=[factory.pk])
    try:
        workspace.improvement_plan_item_confirm(item=item, actor=access.actor_of(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render(
            request,
            "factories/improvement_plan.html",
            {
                **_nav(factory, request, "improvement_plan"),
                "plan": selectors.improvement_plan_for(factory),
            },
            status=400,
        )
    messages.success(request, f"Completion of {item.question.code} is confirmed.")
    return redirect(back)


# --- benefits -------------------------------------------------------------------------------

BENEFIT_FORMS: dict[str, type[forms.Form]] = {
    "interval": IntervalForm,
    "visits": FewerVisitsForm,
    "learning": LearningServicesForm,
    "visibility": VisibilityForm,
}


def _benefit_forms(factory: Factory, bound: dict[str, forms.Form] | None = None) -> dict[str, Any]:
    state = selectors.benefits_for(factory)

    def value(kind: str, key: str, default: Any) -> Any:
        choice = state.get(kind)
        return choice.value.get(key, default) if choice else default

    initial = {
        "interval": {"months": factory.assessment_interval_months},
        "visits": {
            "visits": value(
                BenefitKind.FEWER_VISITS, "visits", factory.programme.advisory_visits_per_cycle
            )
        },
        "learning": {"themes": value(BenefitKind.LEARNING_SERVICES, "themes", [])},
        "visibility": {
            "public_recognition": value(BenefitKind.PUBLIC_RECOGNITION, "opt_in", False),
            "public_campaigns": value(BenefitKind.PUBLIC_CAMPAIGNS, "opt_in", False),
            "buyer_events": value(BenefitKind.BUYER_EVENTS, "opt_in", False),
        },
    }
    built = {name: cls(initial=initial[name]) for name, cls in BENEFIT_FORMS.items()}
    built.update(bound or {})
    return {"forms": built, "state": state}


def _benefits_page(
    request: HttpRequest,
    factory: Factory,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _nav(factory, request, "benefits")
    context.update(_benefit_forms(factory, bound))
    context.update(
        {
            "high_performing": workspace.is_high_performing(factory),
            "may_choose": workspace.may_choose_benefits(access.actor_of(request), factory),
            "history": selectors.benefit_history(factory),
            "default_visits": factory.programme.advisory_visits_per_cycle,
        }
    )
    return render(request, "factories/benefits.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def benefits(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _work(request, pk)
    factory = Factory.objects.select_related("programme").get(pk=factory.pk)
    return _benefits_page(request, factory)


@login_required
@require_POST
def benefit_choose(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    factory = _work(request, pk)
    factory = Factory.objects.select_related("programme").get(pk=factory.pk)
    if kind not in BENEFIT_FORMS:
        raise Http404("No such benefit.")
    if not workspace.may_choose_benefits(access.actor_of(request), factory):
        raise PermissionDenied("The factory's users, or a PM on its behalf, choose benefits.")
    form = BENEFIT_FORMS[kind](request.POST)
    if form.is_valid():
        data = form.cleaned_data
        actor = access.actor_of(request)
        try:
            if kind == "interval":
                workspace.benefit_assessment_interval_choose(
                    factory=factory,
                    actor=actor,
                    months=data["months"],  # type: ignore[arg-type]
                )
            elif kind == "visits":
                workspace.benefit_fewer_visits_choose(
                    factory=factory,
                    actor=actor,
                    visits=data["visits"],
                    note=data["note"],  # type: ignore[arg-type]
                )
            elif kind == "learning":
                workspace.benefit_learning_services_choose(
                    factory=factory,
                    actor=actor,
                    themes=data["themes"],  # type: ignore[arg-type]
                )
            else:
                workspace.benefit_visibility_choose(factory=factory, actor=actor, **data)  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your choice is recorded.")
            return redirect("factories:benefits", pk=factory.pk)
    return _benefits_page(request, factory, {kind: form}, status=400)


# --- the learning survey --------------------------------------------------------------------


def _survey_form(latest: Any, data: Any) -> SurveyForm:
    initial = {"themes": latest.themes, "other": latest.other} if latest else {}
    return SurveyForm(data, initial=initial)


@login_required
@GET_POST
def factory_survey(request: HttpRequest, pk: int) -> HttpResponse:
    factory = _work(request, pk)
    profile = access.profile_of(request.user)
    if profile is None or profile.role != Role.FACTORY:
        raise PermissionDenied("The factory's own users answer the survey.")
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
        messages.success(request, "Thank you: your preferences are recorded.")
        return redirect("factories:survey", pk=factory.pk)
    context = _nav(factory, request, "survey")
    context.update({"form": form, "latest": latest, "year": year})
    return render(request, "factories/survey.html", context, status=form_status(request))


@login_required
@GET_POST
def buyer_survey(request: HttpRequest) -> HttpResponse:
    profile = access.profile_of(request.user)
    if profile is None or profile.role != Role.BUYER or profile.buyer is None:
        raise Http404("No such page.")
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
        messages.success(request, "Thank you: your preferences are recorded.")
        return redirect("factories:buyer_survey")
    context = {"form": form, "latest": latest, "year": year, "buyer": buyer}
    return render(request, "factories/survey.html", context, status=form_status(request))


@login_required
@require_http_methods(["GET"])
def survey_results(request: HttpRequest) -> HttpResponse:
    if access.role_of(request.user) != Role.PROGRAMME_MANAGER:
        raise Http404("No such page.")
    year = selectors.this_year()
    raw_year = request.GET.get("year", "")
    if raw_year.isdigit() and 2000 <= int(raw_year) <= 2100:
        year = int(raw_year)
    results = selectors.survey_results(access.actor_of(request), year)
    return render(request, "factories/survey_results.html", {"results": results, "year": year})
