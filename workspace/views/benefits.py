"""Pages of the benefits of a high-performing factory."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from betterwork.core.formviews import add_service_errors
from factories import access
from factories.models import Factory
from workspace import selectors
from workspace import services as workspace
from workspace.forms import (
    FewerVisitsForm,
    IntervalForm,
    LearningServicesForm,
    VisibilityForm,
)
from workspace.views.common import nav, work
from workspace.vocabulary import BenefitKind

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
    context = nav(factory, request, "benefits")
    context.update(_benefit_forms(factory, bound))
    context.update(
        {
            "high_performing": workspace.is_high_performing(factory),
            "may_choose": workspace.may_choose_benefits(access.actor_of(request), factory),
            "history": selectors.benefit_history_in_words(factory),
            "default_visits": factory.programme.advisory_visits_per_cycle,
        }
    )
    return render(request, "factories/benefits.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def benefits(request: HttpRequest, pk: int) -> HttpResponse:
    factory = work(request, pk)
    factory = Factory.objects.select_related("programme").get(pk=factory.pk)
    return _benefits_page(request, factory)


@login_required
@require_POST
def benefit_choose(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    factory = work(request, pk)
    factory = Factory.objects.select_related("programme").get(pk=factory.pk)
    if kind not in BENEFIT_FORMS:
        raise Http404(gettext("No such benefit."))
    if not workspace.may_choose_benefits(access.actor_of(request), factory):
        raise PermissionDenied(
            gettext("The factory's users, or a PM on its behalf, choose benefits.")
        )
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
            messages.success(request, gettext("Your choice is recorded."))
            return redirect("factories:benefits", pk=factory.pk)
    return _benefits_page(request, factory, {kind: form}, status=400)
