"""The programme manager's pages: approval queue, a request with its evidence, the pipeline.

And the formal note download, for everyone the note is addressed to. Outside a user's scope
every page is a 404, never a 403: the page (or the request, or the note) does not exist for them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from assessments.selectors import answer_summaries
from betterwork.core.confirming import CONFIRMED
from betterwork.core.errors import Conflict
from betterwork.core.formviews import add_service_errors
from differentiation import charts, confirming, decisions, history, selectors
from differentiation.forms import ApproveForm, PipelineFilterForm, QueueFilterForm, RejectForm
from differentiation.models import ApprovalRequest, Decision, FormalNote
from differentiation.vocabulary import Outcome, RequestKind, RequestStatus
from factories import access
from factories.vocabulary import Stage

QUEUE_PAGE_SIZE = 50


def _programme_manager_or_404(request: HttpRequest) -> None:
    if not selectors.decides_anything(request.user):
        raise Http404(gettext("No such page."))


@login_required
@require_GET
def approval_queue(request: HttpRequest) -> HttpResponse:
    _programme_manager_or_404(request)
    programmes = list(access.programmes_for(request.user).order_by("name"))
    form = QueueFilterForm(request.GET or None, programmes=programmes)
    status_code = 200
    filters = {"status": RequestStatus.PENDING.value, "programme": "", "kind": ""}
    if form.is_bound:
        if form.is_valid():
            filters.update(form.cleaned_data)
        else:
            status_code = 400
    queue = selectors.approval_queue(request.user, **filters)
    page = Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "requests": page.object_list,
        "pending": filters["status"] == RequestStatus.PENDING,
        "programmes": programmes,
    }
    return render(request, "differentiation/queue.html", context, status=status_code)


def _keeps(approval_request: ApprovalRequest) -> bool:
    """Approving a review keeps the status, which needs a reason."""
    return approval_request.kind == RequestKind.REVIEW


def _render_request(
    request: HttpRequest,
    approval_request: ApprovalRequest,
    *,
    approve_form: ApproveForm | None = None,
    reject_form: RejectForm | None = None,
    status: int = 200,
) -> HttpResponse:
    factory = approval_request.factory
    decision: Decision | None = getattr(approval_request, "decision", None)
    evidence = selectors.evidence_for(approval_request.evaluation)
    context: dict[str, Any] = {
        "approval_request": approval_request,
        "factory": factory,
        "decision": decision,
        # An approval whose note is not out yet (or failed): the PM sees it and why.
        "note_not_issued": decision is not None
        and decision.outcome == Outcome.APPROVED
        and approval_request.kind == RequestKind.GRANT
        and not FormalNote.objects.filter(decision=decision).exists(),
        "is_pending": approval_request.status == RequestStatus.PENDING,
        "staleness": (
            decisions.approval_staleness(approval_request)
            if approval_request.status == RequestStatus.PENDING
            else None
        ),
        "evidence": evidence,
        # How each assessment of the window was answered: one by one, in bulk, not applicable.
        "answer_summaries": answer_summaries(a.pk for a in evidence.assessments),
        "notes": selectors.notes_for(request.user).filter(factory=factory).defer("pdf"),
        "approve_form": approve_form or ApproveForm(keep=_keeps(approval_request)),
        "reject_form": reject_form or RejectForm(),
        **history.factory_history(factory, keep=approval_request.evaluation_id),
    }
    return render(request, "differentiation/request.html", context, status=status)


@login_required
@require_GET
def approval_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _programme_manager_or_404(request)
    approval_request = selectors.approval_request_for(request.user, pk)
    return _render_request(request, approval_request)


def _decide(request: HttpRequest, pk: int, *, approve: bool) -> HttpResponse:
    _programme_manager_or_404(request)
    approval_request = selectors.approval_request_for(request.user, pk)
    form: ApproveForm | RejectForm = (
        ApproveForm(request.POST, keep=_keeps(approval_request))
        if approve
        else RejectForm(request.POST)
    )
    forms: dict[str, Any] = {"approve_form" if approve else "reject_form": form}
    if not form.is_valid():
        return _render_request(request, approval_request, status=400, **forms)
    confirmed = request.POST.get("confirmed") == CONFIRMED
    try:
        if not confirmed:
            # Refused now rather than after the confirmation, if it would be refused then.
            decisions.approval_check(
                request=approval_request,
                actor=access.actor_of(request),
                approve=approve,
                reason=form.cleaned_data["reason"],
            )
            return _confirm(
                request, approval_request, approve=approve, reason=form.cleaned_data["reason"]
            )
        decision = decisions.approval_decide(
            request=approval_request,
            actor=access.actor_of(request),
            approve=approve,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _render_request(request, approval_request, status=400, **forms)
    except Conflict as exc:
        messages.error(request, exc.message)
        fresh = selectors.approval_request_for(request.user, pk)
        return _render_request(request, fresh, status=409)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or gettext("You may not decide this request."))
        return _render_request(request, approval_request, status=403, **forms)
    factory = approval_request.factory
    factory.refresh_from_db(fields=["stage"])
    messages.success(
        request,
        gettext("{outcome}: {name} is now {stage}.").format(
            outcome=decision.get_outcome_display(),
            name=factory.name,
            stage=factory.get_stage_display(),
        ),
    )
    return redirect("differentiation:request", pk=approval_request.pk)


def _confirm(
    request: HttpRequest, approval_request: ApprovalRequest, *, approve: bool, reason: str
) -> HttpResponse:
    """The confirmation step: what the decision will do, and a button that makes it."""
    url = "differentiation:approve" if approve else "differentiation:reject"
    context = {
        "consequences": confirming.decision_consequences(approval_request, approve=approve),
        "reason": reason,
        "hidden": [("reason", reason)],
        "action": reverse(url, args=[approval_request.pk]),
        "back_url": reverse("differentiation:request", args=[approval_request.pk]),
        "back_label": approval_request.factory.name,
        "final_note": gettext("A decision is final: it is never edited afterwards."),
    }
    return render(request, "partials/confirm.html", context)


@login_required
@require_POST
def approval_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=True)


@login_required
@require_POST
def approval_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=False)


@login_required
@require_GET
def pipeline(request: HttpRequest) -> HttpResponse:
    _programme_manager_or_404(request)
    programmes = list(access.programmes_for(request.user).order_by("name"))
    form = PipelineFilterForm(request.GET or None, programmes=programmes)
    status_code = 200
    programme, stage = "", ""
    if form.is_bound:
        if form.is_valid():
            programme, stage = form.cleaned_data["programme"], form.cleaned_data["stage"]
        else:
            status_code = 400
    rows = selectors.pipeline_counts(request.user, programme=programme)
    context: dict[str, Any] = {
        "form": form,
        "programme": programme,
        "stage": stage,
        "stage_label": gettext(Stage(stage).label) if stage else "",
        "rows": rows,
        "charts": [
            charts.pipeline_chart(rows),
            charts.pipeline_over_quarters(request.user, programme=programme),
        ],
        "stage_factories": (
            selectors.pipeline_factories(request.user, stage=stage, programme=programme)
            if stage
            else None
        ),
        "candidates": selectors.expected_candidates(request.user, programme=programme),
    }
    return render(request, "differentiation/pipeline.html", context, status=status_code)


@login_required
@require_GET
def note_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The formal note, for its addressees only (a buyer loses it with its access)."""
    note = access.get_or_404(selectors.notes_for(request.user).select_related("factory"), pk=pk)
    filename = f"formal-note-{slugify(note.factory.name)}-{note.issued_at:%Y-%m-%d}.pdf"
    response = HttpResponse(bytes(note.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
