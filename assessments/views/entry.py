"""The entry page: starting a draft, answering it (a page of answers or one row at a time)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import services
from assessments.forms import (
    AdditionalRowForm,
    ElementRowForm,
    FindingRowForm,
    RemediationForm,
    ReopenForm,
    StartAssessmentForm,
    yes_no,
)
from assessments.models import Assessment, Question
from assessments.selectors import bulk_acts, summary_of_sheet
from assessments.sheets import build_sheet
from assessments.views.common import _assessment, _entry_url, _filters
from betterwork.core.errors import Conflict
from betterwork.core.formviews import form_status, save_form
from factories import access
from factories.access import Action

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
        messages.success(
            request, gettext("Draft assessment of {factory} started.").format(factory=factory)
        )
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
        "history": services.history_in_words(services.record_history(assessment)[:200]),
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
        messages.success(request, gettext("Saved."))
        return redirect(_entry_url(assessment, query))
    kept = {code: value for code, value in submitted.items() if code in errors}
    messages.error(
        request,
        ngettext(
            "{count} answer could not be saved; it is marked below. Everything else is saved.",
            "{count} answers could not be saved; they are marked below. Everything else is saved.",
            len(errors),
        ).format(count=len(errors)),
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
