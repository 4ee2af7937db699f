"""Review and finalise: what will be recorded, refused while incomplete, the bulk act."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments import services
from assessments.forms import (
    FinaliseAssessmentForm,
    RemainingCompliantForm,
)
from assessments.models import Cluster
from assessments.selectors import bulk_acts, summary_of_sheet
from assessments.sheets import build_sheet
from assessments.views.common import _assessment, _entry_url, _messages_of
from betterwork.core.errors import Conflict
from factories import access


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """What will be recorded, how it was answered, and finalising: refused while questions are
    unanswered unless the EA records explicitly that the remaining ones are compliant."""
    assessment = _assessment(request, pk)
    if assessment.is_finalised:
        return redirect("assessments:entry", assessment.pk)
    form = FinaliseAssessmentForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.assessment_finalise(
                    assessment=assessment,
                    actor=access.actor_of(request),
                    remaining_compliant=form.cleaned_data["remaining_compliant"],
                )
            except ValidationError as error:
                for message in _messages_of(error):
                    form.add_error(None, message)
            except Conflict as conflict:
                form.add_error(None, conflict.message)
            else:
                messages.success(
                    request,
                    gettext("The assessment is finalised; the factory is being re-evaluated."),
                )
                return redirect("assessments:entry", assessment.pk)
        status = 400
    completeness = services.assessment_completeness(assessment)
    sheet = build_sheet(assessment)
    context = {
        "assessment": assessment,
        "factory": assessment.factory,
        "sheet": sheet,
        "missing": completeness.messages(),
        "completeness": completeness,
        "summary": summary_of_sheet(sheet, bulk_acts([assessment.pk])[assessment.pk]),
        "form": form,
    }
    return render(request, "assessments/review.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def remaining_compliant(request: HttpRequest, pk: int) -> HttpResponse:
    """The bulk act, for one cluster (`?cluster=CL`) or the whole assessment: GET shows how many
    answers it will set and asks for confirmation; POST records it. Works without JavaScript."""
    assessment = _assessment(request, pk)
    if assessment.is_finalised:
        return redirect("assessments:entry", assessment.pk)
    form = RemainingCompliantForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        raise Http404(_("No such cluster."))
    code = form.cleaned_data["cluster"] or None
    cluster = access.get_or_404(Cluster.objects.all(), code=code) if code else None
    anchor = f"#cluster-{code}" if code else ""
    if request.method == "POST":
        try:
            count = services.assessment_remaining_compliant(
                assessment=assessment, actor=access.actor_of(request), cluster=code
            )
        except Conflict as conflict:
            messages.error(request, conflict.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d answer recorded as compliant, in bulk.",
                    "%(count)d answers recorded as compliant, in bulk.",
                    count,
                )
                % {"count": count},
            )
        return redirect(_entry_url(assessment) + anchor)
    questions = list(
        services.unanswered_questions(assessment, cluster).select_related("compliance_point")
    )
    context = {
        "assessment": assessment,
        "factory": assessment.factory,
        "cluster": cluster,
        "questions": questions,
        "count": len(questions),
        "form": form,
        "back": _entry_url(assessment) + anchor,
    }
    return render(request, "assessments/remaining_compliant.html", context)
