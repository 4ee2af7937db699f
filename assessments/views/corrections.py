"""Corrections of a finalised assessment: a remediation, reopening with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments import services
from assessments.forms import (
    RemediationForm,
    ReopenForm,
)
from assessments.views.common import _assessment, _entry_url, _messages_of
from assessments.views.entry import _detail, _entry_context
from betterwork.core.errors import Conflict
from betterwork.core.formviews import add_service_errors
from factories import access
from factories.access import Action


@login_required
@require_POST
def remediate(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Record the remediation of a zero-tolerance non-compliance of a finalised assessment."""
    assessment = _assessment(request, pk)
    form = RemediationForm(request.POST, prefix=code)
    if form.is_valid():
        try:
            services.finding_remediate(
                assessment=assessment,
                question_code=code,
                actor=access.actor_of(request),
                remediated_on=form.cleaned_data["remediated_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The remediation of %(code)s is recorded; the factory is being re-evaluated.")
                % {"code": code},
            )
            return redirect(_entry_url(assessment) + f"#zt-{code}")
    if not assessment.is_finalised:  # a draft has no remediation form: say why on its page
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        context = _entry_context(assessment, request)
        return render(request, "assessments/entry.html", context, status=400)
    return _detail(request, assessment, remediation=(code, form), status=400)


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk, Action.DECIDE)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_reopen(
                assessment=assessment,
                actor=access.actor_of(request),
                reason=form.cleaned_data["reason"],
            )
        except (ValidationError, Conflict) as error:
            text = error.message if isinstance(error, Conflict) else " ".join(_messages_of(error))
            messages.error(request, text)
        else:
            messages.success(
                request,
                gettext("The assessment is reopened for correction; every change is recorded."),
            )
            return redirect("assessments:entry", assessment.pk)
    else:
        messages.error(request, gettext("Say why the assessment is reopened."))
    context = _entry_context(assessment, request)
    context.update(may_reopen=True, reopen_form=form)
    return render(request, "assessments/detail.html", context, status=400)
