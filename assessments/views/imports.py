"""Bulk import: upload, check, apply; and the import templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import importing
from assessments.forms import (
    ImportUploadForm,
)
from assessments.models import ImportBatch
from assessments.views.common import _messages_of
from betterwork.core.formviews import add_service_errors
from factories import access
from factories.access import Action

# --- import -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a file: the dry run checks every row and saves nothing of the assessment."""
    factories = access.factories_for(request.user, Action.ASSESS).order_by("name")
    if not factories.exists():
        raise Http404(gettext("No factories to import for."))
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
        messages.error(request, " ".join([gettext("Nothing was imported."), *_messages_of(error)]))
        return redirect("assessments:import")
    messages.success(
        request,
        gettext("Imported as a draft: {assessment}. Review it, then finalise.").format(
            assessment=assessment
        ),
    )
    return redirect("assessments:entry", assessment.pk)


@login_required
@require_GET
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    factory = None
    if request.GET.get("factory"):
        factory = access.get_factory_for(request.user, request.GET["factory"], Action.ASSESS)
    elif not access.factories_for(request.user, Action.ASSESS).exists():
        raise Http404(gettext("No factories to import for."))
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
