"""One supplier as its buyer sees it: the highlight, the criteria, the evidence and the notes; and
third-party access as the factory manages it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Count,
    Q,
    QuerySet,
)
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from assessments import scoped
from assessments.vocabulary import Rating
from buyer_portal.selectors.suppliers import (
    CRITERION_DESCRIPTIONS,
    _criteria_of,
    attach_criteria,
    buyer_of,
    suppliers_for,
)
from differentiation.models import ApprovalRequest, FormalNote
from differentiation.vocabulary import RequestKind, RequestStatus
from factories import access
from factories.models import Buyer, Factory, ThirdPartyAccess
from factories.vocabulary import HIGH_PERFORMING_STAGES

if TYPE_CHECKING:
    from assessments.models import Assessment, ProgressReport


# --- one supplier -------------------------------------------------------------------------


@dataclass
class Highlight:
    """Why this factory is high-performing, from the evaluation the PM approved."""

    approved_at: datetime.datetime | None
    criteria: list[dict[str, Any]]


@dataclass
class SupplierDetail:
    factory: Factory
    criteria: list[dict[str, Any]]
    evaluated_at: datetime.datetime | None
    highlight: Highlight | None
    assessments: Sequence[Assessment] = field(default_factory=list)
    progress_reports: Sequence[ProgressReport] = field(default_factory=list)
    formal_notes: list[tuple[FormalNote, str]] = field(default_factory=list)
    open_to: list[str] = field(default_factory=list)


# The factory's visibility benefits a buyer may learn of, each only with the factory's opt-in.
VISIBILITY_BENEFITS: list[tuple[str, StrOrPromise]] = [
    ("buyer_events", gettext_lazy("Open to invitations to buyer events")),
    ("public_campaigns", gettext_lazy("Takes part in Better Work's public campaigns")),
    ("public_recognition", gettext_lazy("Accepts public recognition as an industry leader")),
]


def visibility_of(factory: Factory) -> list[str]:
    """What a high-performing factory opted to be seen for; nothing without its opt-in (1 query)."""
    from workspace.models import BenefitChoice
    from workspace.services import is_high_performing

    if not is_high_performing(factory):
        return []
    latest: dict[str, dict[str, Any]] = {}
    choices = BenefitChoice.objects.filter(
        factory=factory, kind__in=[kind for kind, _ in VISIBILITY_BENEFITS]
    ).order_by("id")
    for kind, value in choices.values_list("kind", "value"):
        latest[kind] = value
    return [str(label) for kind, label in VISIBILITY_BENEFITS if latest.get(kind, {}).get("opt_in")]


def get_supplier(user: Any, pk: object) -> Factory:
    """The supplier, or 404 for anyone but a user of a buyer it granted access to."""
    return access.get_or_404(suppliers_for(user), pk=pk)


def highlight_of(factory: Factory) -> Highlight | None:
    """For a high-performing factory: the criteria and how it met them, in words."""
    if factory.stage not in HIGH_PERFORMING_STAGES:
        return None
    request = (
        ApprovalRequest.objects.filter(
            factory=factory, kind=RequestKind.GRANT, status=RequestStatus.APPROVED
        )
        .select_related("evaluation")
        .order_by("-closed_at", "-id")
        .first()
    )
    if request is None:
        return None
    criteria = _criteria_of(request.evaluation)
    for criterion in criteria:
        criterion["description"] = str(CRITERION_DESCRIPTIONS[criterion["group"]])
        criterion["how_met"] = " ".join(criterion["reasons"])
    return Highlight(approved_at=request.closed_at, criteria=criteria)


def note_download_url(note_id: int) -> str:
    try:
        return reverse("differentiation:note-pdf", args=[note_id])
    except NoReverseMatch:
        return f"/differentiation/notes/{note_id}/pdf"


def supplier_detail(user: Any, pk: object) -> SupplierDetail:
    factory = get_supplier(user, pk)
    [factory] = attach_criteria([factory])
    buyer = buyer_of(user)
    # Buyers see finalised records only, and of those only counts, never the findings.
    assessments = list(
        scoped.assessments_for(user)
        .filter(factory=factory)
        .annotate(
            non_compliances=Count(
                "findings", filter=Q(findings__non_compliant=True), distinct=True
            ),
            publicly_reported_non_compliances=Count(
                "findings",
                filter=Q(findings__non_compliant=True, findings__question__publicly_reported=True),
                distinct=True,
            ),
            elements_satisfied=Count(
                "management_systems", filter=Q(management_systems__satisfied=True), distinct=True
            ),
            elements_recorded=Count("management_systems", distinct=True),
        )
        .order_by("-visit_date", "-id")
    )
    reports = list(
        scoped.progress_reports_for(user)
        .filter(factory=factory)
        .annotate(
            on_track=Count("ratings", filter=Q(ratings__rating=Rating.ON_TRACK)),
            moderate_progress=Count("ratings", filter=Q(ratings__rating=Rating.MODERATE_PROGRESS)),
            no_progress=Count("ratings", filter=Q(ratings__rating=Rating.NO_PROGRESS)),
        )
        .order_by("-release_date", "-id")
    )
    notes = (
        list(
            FormalNote.objects.filter(factory=factory, buyers=buyer)
            .defer("pdf")
            .order_by("-issued_at")
        )
        if buyer
        else []
    )
    return SupplierDetail(
        factory=factory,
        criteria=factory.criteria,  # type: ignore[attr-defined]
        evaluated_at=factory.evaluated_at,  # type: ignore[attr-defined]
        highlight=highlight_of(factory),
        assessments=assessments,
        progress_reports=reports,
        formal_notes=[(note, note_download_url(note.pk)) for note in notes],
        open_to=visibility_of(factory),
    )


# --- third-party access -------------------------------------------------------------------


def access_grants(factory: Factory) -> QuerySet[ThirdPartyAccess]:
    """Every grant of the factory, open and closed, newest first, with who and when."""
    return (
        ThirdPartyAccess.objects.filter(factory=factory)
        .select_related("buyer", "granted_by__profile", "revoked_by__profile")
        .order_by("-granted_at", "-id")
    )


def grantable_buyers(factory: Factory | None = None) -> QuerySet[Buyer]:
    """All buyers, less those with an open grant to `factory` when one is given."""
    buyers = Buyer.objects.order_by("name")
    if factory is not None:
        buyers = buyers.exclude(
            pk__in=ThirdPartyAccess.objects.filter(factory=factory, revoked_at=None).values("buyer")
        )
    return buyers


def may_manage_access(user: Any) -> bool:
    return access.factories_for(user, access.Action.MANAGE_ACCESS).exists()
