"""Pages of the improvement plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from betterwork.core.formviews import form_status, save_form
from factories import access
from factories.models import Factory
from workspace import selectors
from workspace import services as workspace
from workspace.forms import (
    PlanItemForm,
)
from workspace.models import (
    ImprovementPlanItem,
)
from workspace.views.common import GET_POST, form_page, nav, work

# --- the improvement plan -------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def improvement_plan(request: HttpRequest, pk: int) -> HttpResponse:
    factory = work(request, pk)
    context = nav(factory, request, "improvement_plan")
    context["plan"] = selectors.improvement_plan_for(factory)
    return render(request, "factories/improvement_plan.html", context)


def _plan_item(factory: Factory, item_pk: int) -> ImprovementPlanItem:
    item: ImprovementPlanItem = access.get_or_404(
        selectors.improvement_plan_items(factory), pk=item_pk
    )
    return item


def _plan_row(request: HttpRequest, factory: Factory, item_pk: int) -> HttpResponse:
    context = nav(factory, request, "improvement_plan")
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
    factory = work(request, pk)
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
        messages.success(
            request, gettext("The item on {code} is saved.").format(code=item.question.code)
        )
        return redirect(back)
    if htmx:
        context = {"factory": factory, "item": item, "form": form, "back": back}
        return render(
            request, "factories/_plan_edit_row.html", context, status=form_status(request)
        )
    return form_page(
        request,
        factory,
        form,
        title=gettext("Improvement plan: {code}").format(code=item.question.code),
        intro=item.question.display_text,
        back=back,
    )


@login_required
@require_POST
def plan_item_confirm(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    factory = work(request, pk)
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
                **nav(factory, request, "improvement_plan"),
                "plan": selectors.improvement_plan_for(factory),
            },
            status=400,
        )
    messages.success(
        request, gettext("Completion of {code} is confirmed.").format(code=item.question.code)
    )
    return redirect(back)
