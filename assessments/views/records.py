"""The record of an assessment or a progress report as its readers see it: the factory's users
(finalised records only), its programme's EAs and PMs (drafts too), as a page and as a PDF.

Buyers read summaries only (buyer_portal, docs/rules.md section 9): they have no WORK grant,
so every page here is a 404 for them, as for anyone outside the factory's scope.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import get_language, get_language_bidi, gettext
from django.views.decorators.http import require_GET

from assessments import scoped
from assessments.models import Assessment, ProgressReport
from assessments.sheets import build_report_sheet, build_sheet
from assessments.vocabulary import Rating
from betterwork.core.pdf import html_to_pdf
from factories import access
from factories.access import Action

YES, NO = "yes", "no"


def readable_assessment(request: HttpRequest, pk: int) -> Assessment:
    """The assessment, for those who work with the factory; drafts for its staff only."""
    queryset = scoped.assessments_for(request.user, Action.WORK).select_related(
        "factory__programme", "created_by", "finalised_by"
    )
    assessment: Assessment = access.get_or_404(queryset, pk=pk)
    return assessment


def readable_report(request: HttpRequest, pk: int) -> ProgressReport:
    queryset = scoped.progress_reports_for(request.user, Action.WORK).select_related(
        "factory__programme", "created_by", "finalised_by"
    )
    report: ProgressReport = access.get_or_404(queryset, pk=pk)
    return report


def _yes_no_label(value: str, yes: str, no: str) -> str:
    return {YES: yes, NO: no}.get(value, gettext("Not answered"))


def assessment_record(assessment: Assessment) -> dict[str, Any]:
    """What the record says: counts and non-compliances by cluster, the management-system
    elements, the additional questions and the remediation of zero-tolerance findings."""
    sheet = build_sheet(assessment, only_non_compliant=True)
    elements = [
        (row, _yes_no_label(row.value, gettext("Satisfied"), gettext("Not satisfied")))
        for row in sheet.elements
    ]
    additional = [
        (row, _yes_no_label(row.value, gettext("Confirmed"), gettext("Not confirmed")))
        for row in sheet.additional
    ]
    return {
        "assessment": assessment,
        "factory": assessment.factory,
        "sheet": sheet,
        "elements": elements,
        "elements_satisfied": sum(1 for row in sheet.elements if row.value == YES),
        "additional": additional,
        "additional_met": sum(1 for row in sheet.additional if row.value == YES),
        "remediation": sheet.zero_tolerance,
    }


def report_record(report: ProgressReport) -> dict[str, Any]:
    labels = {term.value: gettext(term.label) for term in Rating}
    rows = [
        (row, labels.get(row.value, gettext("Not rated"))) for row in build_report_sheet(report)
    ]
    return {
        "report": report,
        "factory": report.factory,
        "rows": rows,
        "on_track": sum(1 for row, _ in rows if row.value == Rating.ON_TRACK),
    }


def _pdf(
    request: HttpRequest, template: str, context: dict[str, Any], filename: str
) -> HttpResponse:
    context = {
        **context,
        "language_code": get_language(),
        "direction": "rtl" if get_language_bidi() else "ltr",
        "for_pdf": True,
    }
    pdf = html_to_pdf(render_to_string(template, context, request=request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def assessment_page(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = readable_assessment(request, pk)
    context = assessment_record(assessment)
    context["may_edit"] = access.may(request.user, Action.ASSESS, assessment.factory)
    return render(request, "assessments/record.html", context)


@login_required
@require_GET
def assessment_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = readable_assessment(request, pk)
    name = f"assessment-{slugify(assessment.factory.name)}-cycle-{assessment.cycle}.pdf"
    return _pdf(request, "assessments/record_pdf.html", assessment_record(assessment), name)


@login_required
@require_GET
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = readable_report(request, pk)
    context = report_record(report)
    context["may_edit"] = access.may(request.user, Action.ASSESS, report.factory)
    return render(request, "assessments/report_record.html", context)


@login_required
@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = readable_report(request, pk)
    name = (
        f"progress-report-{slugify(report.factory.name)}-cycle-{report.cycle}-pr{report.number}.pdf"
    )
    return _pdf(request, "assessments/report_record_pdf.html", report_record(report), name)
