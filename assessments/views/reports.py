"""Progress reports in the browser: start, rate one item at a time, finalise."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from assessments import services
from assessments.forms import (
    FinaliseForm,
    RatingRowForm,
    StartReportForm,
)
from assessments.sheets import build_report_sheet
from assessments.views.common import _messages_of, _report
from assessments.views.entry import _errors_of, _row_response
from assessments.vocabulary import Rating
from betterwork.core.choices import choices
from betterwork.core.errors import Conflict
from betterwork.core.formviews import form_status, save_form
from factories import access
from factories.access import Action

# --- progress reports -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report_start(request: HttpRequest, factory_pk: int) -> HttpResponse:
    factory = access.get_factory_for(request.user, factory_pk, Action.ASSESS)
    cycle, number, release_date = services.progress_report_propose(factory)
    form = StartReportForm(
        request.POST if request.method == "POST" else None,
        initial={"cycle": cycle, "number": number, "release_date": release_date},
    )
    saved = save_form(
        request,
        form,
        lambda: services.progress_report_start(
            factory=factory, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(
            request,
            gettext("Draft PR{number} of {factory} started.").format(
                number=saved.value.number, factory=factory
            ),
        )
        return redirect("assessments:report", saved.value.pk)
    context = {"factory": factory, "form": form}
    return render(request, "assessments/report_start.html", context, status=form_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The six items of a progress report; posting the whole form saves every valid rating."""
    report = _report(request, pk)
    errors: dict[str, dict[str, list[str]]] = {}
    submitted: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        for code in request.POST.getlist("item"):
            form = RatingRowForm(request.POST, prefix=code)
            if not form.is_valid():
                errors[code] = _errors_of(form)
                submitted[code] = request.POST.get(f"{code}-rating", "")
                continue
            try:
                services.rating_record(
                    report=report,
                    actor=access.actor_of(request),
                    item=code,
                    rating=form.cleaned_data["rating"] or None,
                )
            except ValidationError as error:
                errors[code] = error.message_dict
            except Conflict as conflict:
                messages.error(request, conflict.message)
                return redirect("assessments:report", report.pk)
        if not errors:
            messages.success(request, gettext("Saved."))
            return redirect("assessments:report", report.pk)
        status = 400
    context = {
        "report": report,
        "factory": report.factory,
        "rows": build_report_sheet(report, submitted=submitted, errors=errors),
        "missing": services.progress_report_missing(report),
        "history": services.history_in_words(services.record_history(report)[:100]),
        "ratings": choices(Rating),
        "editable": not report.is_finalised,
        "form": FinaliseForm(),
    }
    return render(request, "assessments/report.html", context, status=status)


@login_required
@require_POST
def rating_row(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    report = _report(request, pk)
    form = RatingRowForm(request.POST, prefix=code)
    row = {"code": code, "value": request.POST.get(f"{code}-rating", ""), "errors": {}}
    status, saved = 422, False
    if form.is_valid():
        try:
            services.rating_record(
                report=report,
                actor=access.actor_of(request),
                item=code,
                rating=form.cleaned_data["rating"] or None,
            )
        except ValidationError as error:
            row["errors"] = error.message_dict
        except Conflict as conflict:
            row["errors"], status = {"__all__": [conflict.message]}, 409
        else:
            status, saved = 200, True
    else:
        row["errors"] = _errors_of(form)
    context = {"report": report, "row": row, "kind": "rating", "saved": saved, "editable": True}
    if saved:  # the finalise card's list of what is missing follows (out-of-band)
        context["missing"] = services.progress_report_missing(report)
    return _row_response(request, "assessments/_choice_row.html", context, status=status)


@login_required
@require_POST
def report_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = FinaliseForm(request.POST)
    if form.is_valid():
        try:
            services.progress_report_finalise(report=report, actor=access.actor_of(request))
        except ValidationError as error:
            messages.error(request, " ".join(_messages_of(error)))
        except Conflict as conflict:
            messages.error(request, conflict.message)
        else:
            messages.success(
                request,
                gettext("The progress report is finalised; the factory is being re-evaluated."),
            )
            return redirect("assessments:report", report.pk)
    else:
        messages.error(request, gettext("Tick the confirmation to finalise."))
    context = {
        "report": report,
        "factory": report.factory,
        "rows": build_report_sheet(report),
        "missing": services.progress_report_missing(report),
        "history": services.history_in_words(services.record_history(report)[:100]),
        "ratings": choices(Rating),
        "editable": not report.is_finalised,
        "form": form,
    }
    return render(request, "assessments/report.html", context, status=400)
