"""Entry pages of assessments and progress reports, their review and finalising, the import.

Every view finds its object through factories.access (404 out of scope), validates with a form,
calls one service and renders or redirects. Answer rows post to small endpoints (htmx) that
answer with the row's fragment; without JavaScript the whole sheet posts to `save`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import importing, scoped, services
from assessments.forms import (
    AdditionalRowForm,
    ElementRowForm,
    FinaliseAssessmentForm,
    FinaliseForm,
    FindingRowForm,
    ImportUploadForm,
    RatingRowForm,
    RemainingCompliantForm,
    RemediationForm,
    ReopenForm,
    StartAssessmentForm,
    StartReportForm,
    yes_no,
)
from assessments.models import Assessment, Cluster, ImportBatch, ProgressReport, Question
from assessments.selectors import bulk_acts, summary_of_sheet
from assessments.sheets import build_report_sheet, build_sheet
from assessments.vocabulary import Rating
from betterwork.core.errors import Conflict
from betterwork.core.formviews import add_service_errors, form_status, save_form
from factories import access

Action = access.Action


def _messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages_ in error.message_dict.values() for m in messages_]
    return list(error.messages)


def _assessment(request: HttpRequest, pk: int, action: Action = Action.ASSESS) -> Assessment:
    queryset = scoped.assessments_for(request.user, action).select_related(
        "factory__programme", "created_by", "finalised_by"
    )
    return access.get_or_404(queryset, pk=pk)


def _report(request: HttpRequest, pk: int) -> ProgressReport:
    queryset = scoped.progress_reports_for(request.user, Action.ASSESS).select_related(
        "factory__programme", "created_by", "finalised_by"
    )
    return access.get_or_404(queryset, pk=pk)


def _filters(request: HttpRequest) -> dict[str, Any]:
    only = request.GET.get("only")
    return {
        "only_non_compliant": only == "non_compliant",
        "only_unanswered": only == "unanswered",
        "publicly_reported": request.GET.get("publicly_reported") == "1",
    }


def _entry_url(assessment: Assessment, query: str = "") -> str:
    url = reverse("assessments:entry", args=[assessment.pk])
    return f"{url}?{query}" if query else url


# --- assessments ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, factory_pk: int) -> HttpResponse:
    factory = access.get_factory_for(request.user, factory_pk, Action.ASSESS)
    cycle, visit_date = services.assessment_propose(factory)
    form = StartAssessmentForm(
        request.POST if request.method == "POST" else None,
        initial={"cycle": cycle, "visit_date": visit_date},
    )
    saved = save_form(
        request,
        form,
        lambda: services.assessment_start(
            factory=factory, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, f"Draft assessment of {factory} started.")
        return redirect("assessments:entry", saved.value.pk)
    context = {"factory": factory, "form": form}
    return render(request, "assessments/start.html", context, status=form_status(request))


def _entry_context(assessment: Assessment, request: HttpRequest, **sheet: Any) -> dict[str, Any]:
    filters = _filters(request)
    return {
        "assessment": assessment,
        "factory": assessment.factory,
        "sheet": build_sheet(assessment, **filters, **sheet),
        "filters": filters,
        "query": request.GET.urlencode(),
        "history": services.record_history(assessment)[:200],
        "may_reopen": False,
    }


@login_required
@require_GET
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    if assessment.is_finalised:
        return _detail(request, assessment)
    return render(request, "assessments/entry.html", _entry_context(assessment, request))


def _detail(
    request: HttpRequest,
    assessment: Assessment,
    *,
    remediation: tuple[str, RemediationForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The finalised record: what was answered and how, and a remediation form for each
    zero-tolerance non-compliance (`remediation`: the form of one, posted and refused)."""
    context = _entry_context(assessment, request)
    context["may_reopen"] = access.may(request.user, Action.DECIDE, assessment.factory)
    context["reopen_form"] = ReopenForm()
    sheet = context["sheet"]
    context["summary"] = summary_of_sheet(sheet, bulk_acts([assessment.pk])[assessment.pk])
    # The page is in the ASSESS scope (_assessment): its readers are the programme's EAs and PMs,
    # who record remediations.
    for row in sheet.zero_tolerance:
        row.remediation_form = RemediationForm(prefix=row.code)
        if remediation is not None and remediation[0] == row.code:
            row.remediation_form = remediation[1]
    return render(request, "assessments/detail.html", context, status=status)


def _row_form(prefix: str, data: Any, form_class: type[Any]) -> Any:
    return form_class(data, prefix=prefix)


@login_required
@require_POST
def save(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole sheet at once (no JavaScript): valid answers are saved, the others come back."""
    assessment = _assessment(request, pk)
    errors: dict[str, dict[str, list[str]]] = {}
    submitted: dict[str, dict[str, Any]] = {}
    findings: list[services.FindingDraft] = []
    for code in request.POST.getlist("q"):
        form = _row_form(code, request.POST, FindingRowForm)
        submitted[code] = {
            "answer": request.POST.get(f"{code}-answer", ""),
            "remediated": f"{code}-remediated" in request.POST,
            "note": request.POST.get(f"{code}-note", ""),
        }
        if not form.is_valid():
            errors[code] = _errors_of(form)
            continue
        findings.append(
            services.FindingDraft(
                question=code,
                non_compliant=form.non_compliant(),
                remediated=form.cleaned_data["remediated"],
                note=form.cleaned_data["note"],
                not_applicable=form.not_applicable(),
            )
        )
    elements: list[tuple[str, bool | None]] = []
    additional: list[tuple[str, bool | None]] = []
    for key, form_class, field, target in (
        ("el", ElementRowForm, "satisfied", elements),
        ("ad", AdditionalRowForm, "met", additional),
    ):
        for code in request.POST.getlist(key):
            form = _row_form(code, request.POST, form_class)
            submitted[code] = {"value": request.POST.get(f"{code}-{field}", "")}
            if not form.is_valid():
                errors[code] = _errors_of(form)
                continue
            target.append((code, yes_no(form.cleaned_data[field])))
    try:
        errors.update(
            services.assessment_answers_save(
                assessment=assessment,
                actor=access.actor_of(request),
                findings=findings,
                elements=elements,
                additional=additional,
            )
        )
    except Conflict as conflict:
        messages.error(request, conflict.message)
        return redirect(_entry_url(assessment))
    query = request.POST.get("query", "")
    if not errors:
        messages.success(request, "Saved.")
        return redirect(_entry_url(assessment, query))
    kept = {code: value for code, value in submitted.items() if code in errors}
    messages.error(
        request,
        f"{len(errors)} answer(s) could not be saved; they are marked below. "
        "Everything else is saved.",
    )
    context = _entry_context(assessment, request, submitted=kept, errors=errors)
    return render(request, "assessments/entry.html", context, status=400)


def _row_response(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int
) -> HttpResponse:
    return render(request, template, context, status=status)


def _errors_of(form: Any) -> dict[str, list[str]]:
    return {field: [e.message for e in errs] for field, errs in form.errors.as_data().items()}


@login_required
@require_POST
def finding_row(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    assessment = _assessment(request, pk)
    question = access.get_or_404(Question.objects.with_catalogue(), code=code)
    form = FindingRowForm(request.POST, prefix=code)
    row: dict[str, Any] = {
        "question": question,
        "code": code,
        "answer": request.POST.get(f"{code}-answer", ""),
        "remediated": f"{code}-remediated" in request.POST,
        "note": request.POST.get(f"{code}-note", ""),
        "errors": {},
    }
    status, saved = 422, False
    if form.is_valid():
        try:
            services.finding_record(
                assessment=assessment,
                actor=access.actor_of(request),
                question=code,
                non_compliant=form.non_compliant(),
                remediated=form.cleaned_data["remediated"],
                note=form.cleaned_data["note"],
                not_applicable=form.not_applicable(),
            )
        except ValidationError as error:
            row["errors"] = error.message_dict
        except Conflict as conflict:
            row["errors"], status = {"__all__": [conflict.message]}, 409
        else:
            status, saved = 200, True
    else:
        row["errors"] = _errors_of(form)
    context = {"assessment": assessment, "row": row, "saved": saved, "editable": True}
    if saved:
        sheet = build_sheet(assessment)
        context.update(sheet=sheet, block=sheet.cluster(question.compliance_point.cluster.code))
    return _row_response(request, "assessments/_question_row.html", context, status=status)


def _choice_row(
    request: HttpRequest,
    assessment: Assessment,
    code: str,
    form_class: type[Any],
    field: str,
    record: Any,
    kind: str,
) -> HttpResponse:
    form = form_class(request.POST, prefix=code)
    row = {"code": code, "value": request.POST.get(f"{code}-{field}", ""), "errors": {}}
    status, saved = 422, False
    if form.is_valid():
        try:
            record(yes_no(form.cleaned_data[field]))
        except ValidationError as error:
            row["errors"] = error.message_dict
        except Conflict as conflict:
            row["errors"], status = {"__all__": [conflict.message]}, 409
        else:
            status, saved = 200, True
    else:
        row["errors"] = _errors_of(form)
    context: dict[str, Any] = {
        "assessment": assessment,
        "row": row,
        "kind": kind,
        "saved": saved,
        "editable": True,
    }
    if saved:
        context["sheet"] = build_sheet(assessment)
    return _row_response(request, "assessments/_choice_row.html", context, status=status)


@login_required
@require_POST
def element_row(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    assessment = _assessment(request, pk)
    return _choice_row(
        request,
        assessment,
        code,
        ElementRowForm,
        "satisfied",
        lambda value: services.element_record(
            assessment=assessment, actor=access.actor_of(request), element=code, satisfied=value
        ),
        "element",
    )


@login_required
@require_POST
def additional_row(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    assessment = _assessment(request, pk)
    return _choice_row(
        request,
        assessment,
        code,
        AdditionalRowForm,
        "met",
        lambda value: services.additional_answer_record(
            assessment=assessment, actor=access.actor_of(request), item=code, met=value
        ),
        "additional",
    )


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
                    request, "The assessment is finalised; the factory is being re-evaluated."
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
                request, "The assessment is reopened for correction; every change is recorded."
            )
            return redirect("assessments:entry", assessment.pk)
    else:
        messages.error(request, "Say why the assessment is reopened.")
    context = _entry_context(assessment, request)
    context.update(may_reopen=True, reopen_form=form)
    return render(request, "assessments/detail.html", context, status=400)


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
        messages.success(request, f"Draft PR{saved.value.number} of {factory} started.")
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
            messages.success(request, "Saved.")
            return redirect("assessments:report", report.pk)
        status = 400
    context = {
        "report": report,
        "factory": report.factory,
        "rows": build_report_sheet(report, submitted=submitted, errors=errors),
        "missing": services.progress_report_missing(report),
        "history": services.record_history(report)[:100],
        "ratings": Rating.choices,
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
                request, "The progress report is finalised; the factory is being re-evaluated."
            )
            return redirect("assessments:report", report.pk)
    else:
        messages.error(request, "Tick the confirmation to finalise.")
    context = {
        "report": report,
        "factory": report.factory,
        "rows": build_report_sheet(report),
        "missing": services.progress_report_missing(report),
        "history": services.record_history(report)[:100],
        "ratings": Rating.choices,
        "editable": not report.is_finalised,
        "form": form,
    }
    return render(request, "assessments/report.html", context, status=400)


# --- import -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file: the dry run checks every row and saves nothing of the assessment."""
    factories = access.factories_for(request.user, Action.ASSESS).order_by("name")
    if not factories.exists():
        raise Http404("No factories to import for.")
    form = ImportUploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    batch = None
    status = 200
    if request.method == "POST":
        upload = form.cleaned_data["file"] if form.is_valid() else None
        status = 400
        try:
            if upload is not None:
                batch = importing.import_dry_run(
                    user=access.actor_of(request), filename=upload.name, content=upload.read()
                )
                status = 200 if not batch.problems else 400
        except ValidationError as exc:  # unreadable or over the bounds: said on the file field
            add_service_errors(form, exc)
    context = {"form": form, "batch": batch, "factories": factories[:200]}
    return render(request, "assessments/import.html", context, status=status)


@login_required
@require_POST
def import_apply(request: HttpRequest, batch_pk: int) -> HttpResponse:
    batch = access.get_or_404(
        ImportBatch.objects.filter(uploaded_by=access.actor_of(request), applied_at__isnull=True),
        pk=batch_pk,
    )
    try:
        assessment = importing.import_apply(batch=batch, actor=access.actor_of(request))
    except ValidationError as error:
        messages.error(request, "Nothing was imported. " + " ".join(_messages_of(error)))
        return redirect("assessments:import")
    messages.success(request, f"Imported as a draft: {assessment}. Review it, then finalise.")
    return redirect("assessments:entry", assessment.pk)


@login_required
@require_GET
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    factory = None
    if request.GET.get("factory"):
        factory = access.get_factory_for(request.user, request.GET["factory"], Action.ASSESS)
    elif not access.factories_for(request.user, Action.ASSESS).exists():
        raise Http404("No factories to import for.")
    stem = f"assessment-{factory.pk}" if factory else "assessment"
    if fmt == "csv":
        response = HttpResponse(importing.template_csv(factory), content_type="text/csv")
    else:
        response = HttpResponse(
            importing.template_xlsx(factory),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{stem}-template.{fmt}"'
    return response
