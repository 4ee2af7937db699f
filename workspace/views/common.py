"""What every workspace page shares: the factory found through the access layer, the form page, the tabs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from betterwork.core.formviews import form_status
from factories import access
from factories.models import Factory
from workspace import selectors
from workspace import services as workspace
from workspace.forms import (
    CycleForm,
)

GET_POST = require_http_methods(["GET", "POST"])


# --- helpers -------------------------------------------------------------------------------


def work(request: HttpRequest, pk: int) -> Factory:
    factory: Factory = access.get_factory_for(request.user, pk, access.Action.WORK)
    return factory


def form_page(
    request: HttpRequest,
    factory: Factory,
    form: forms.BaseForm,
    *,
    title: str,
    back: str,
    action: str = "",
    submit: str = "",
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
            "submit": submit or gettext("Save"),
            "intro": intro,
        },
        status=form_status(request) if status is None else status,
    )


def nav(factory: Factory, request: HttpRequest, current: str) -> dict[str, Any]:
    return {
        "factory": factory,
        "current": current,
        "can_work": access.may(request.user, access.Action.WORK, factory),
        "is_staff": workspace.is_staff_of(access.actor_of(request), factory),
    }


def cycle_of(request: HttpRequest, factory: Factory) -> int:
    form = CycleForm(request.GET)
    if "cycle" in request.GET and form.is_valid():
        return int(form.cleaned_data["cycle"])
    return selectors.current_cycle(factory)
