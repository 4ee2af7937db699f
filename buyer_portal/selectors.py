"""Reads of the buyer portal. Every queryset starts at factories.access; query counts are flat.

The quarterly overview is the one exception: it answers a historical question ("which factories
had granted access at the end of that quarter?") that the permission tables, which only know the
present, cannot answer. It reads the ThirdPartyAccess history instead, and what a buyer is shown
of a stored overview is filtered again through the access layer at display time.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from assessments import scoped
from assessments.vocabulary import Rating
from buyer_portal.quarters import Quarter
from differentiation import display
from differentiation.models import ApprovalRequest, Evaluation, FormalNote, StageChange
from differentiation.vocabulary import Group, RequestKind, RequestStatus
from factories import access
from factories.models import Buyer, Factory, ThirdPartyAccess
from factories.vocabulary import HIGH_PERFORMING_STAGES, BuyerStage, Role, Stage

if TYPE_CHECKING:
    from assessments.models import Assessment, ProgressReport
    from buyer_portal.models import QuarterlyOverview

PAGE_SIZE = 25

CRITERIA_GROUPS: tuple[Group, ...] = tuple(Group)

# What each criterion asks (RULES.md section 3, the annex of the guideline), for buyers.
CRITERION_DESCRIPTIONS: dict[str, str] = {
    Group.COMPLIANCE: (
        "In each of the two latest consecutive assessments: no non-compliance on any publicly "
        "reported issue, and no zero-tolerance issue left unremediated."
    ),
    Group.HR: "All 6 contracts and HR management-system elements satisfied in both assessments.",
    Group.OSH: "All 7 occupational safety and health management-system elements satisfied in "
    "both assessments.",
    Group.SOCIAL_DIALOGUE: (
        "All 5 social-dialogue items rated On track in the latest progress report 2 (released "
        "in the 11th month of a service cycle), and none found not confirmed by the additional "
        "questions."
    ),
    Group.LEARNING: (
        "The learning item rated On track in the same progress report 2, and not found "
        "unconfirmed by the additional questions."
    ),
}


def buyer_stage_expression() -> Case:
    """`BuyerStage.of(stage)` in SQL, for filtering and sorting the supplier list."""
    return Case(
        When(stage__in=HIGH_PERFORMING_STAGES, then=Value(BuyerStage.HIGH_PERFORMING.value)),
        default=Value(BuyerStage.NOT_HIGH_PERFORMING.value),
    )


def _buyer_stage_label(stage: str | None) -> str:
    """A stored stage (an overview's, possibly internal) as buyers may see it."""
    return BuyerStage.of(stage).label if stage else "—"


ORDERINGS: dict[str, tuple[Any, ...]] = {
    "name": (F("name").asc(),),
    "-name": (F("name").desc(),),
    "stage": (F("stage_rank").asc(), F("name").asc()),
    "-stage": (F("stage_rank").desc(), F("name").asc()),
    "next_assessment_due": (F("next_assessment_due").asc(nulls_last=True), F("name").asc()),
    "-next_assessment_due": (F("next_assessment_due").desc(nulls_last=True), F("name").asc()),
    "high_performing_since": (F("high_performing_since").asc(nulls_last=True), F("name").asc()),
    "-high_performing_since": (
        F("high_performing_since").desc(nulls_last=True),
        F("name").asc(),
    ),
}


# --- who is asking ------------------------------------------------------------------------


def buyer_of(user: Any) -> Buyer | None:
    """The user's buyer, for buyer users only."""
    profile = access.profile_of(user)
    if profile is None or profile.role != Role.BUYER:
        return None
    return profile.buyer


def is_buyer_user(user: Any) -> bool:
    return access.role_of(user) == Role.BUYER


# --- the supplier list --------------------------------------------------------------------


@dataclass(frozen=True)
class SupplierFilters:
    country: str = ""
    stage: str = ""
    search: str = ""
    ordering: str = "name"


def _latest_evaluation_id() -> Subquery:
    return Subquery(
        Evaluation.objects.filter(factory=OuterRef("pk"))
        .order_by("-created_at", "-id")
        .values("id")[:1]
    )


def suppliers_for(user: Any, filters: SupplierFilters | None = None) -> QuerySet[Factory]:
    """The factories that granted the user's buyer access, filtered and sorted like the page.

    Each row carries `latest_evaluation_id`; `attach_criteria` then loads those evaluations in
    one query for the rows actually shown.
    """
    filters = filters or SupplierFilters()
    if not is_buyer_user(user):
        return Factory.objects.none()
    qs = (
        access.factories_for(user)
        .select_related("programme")
        .annotate(
            latest_evaluation_id=_latest_evaluation_id(),
            buyer_stage_value=buyer_stage_expression(),
            stage_rank=Case(
                When(stage__in=HIGH_PERFORMING_STAGES, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
    )
    if filters.country:
        qs = qs.filter(programme__code__iexact=filters.country)
    if filters.stage:
        qs = qs.filter(buyer_stage_value=filters.stage)
    if filters.search:
        qs = qs.filter(name__icontains=filters.search)
    return qs.order_by(*ORDERINGS.get(filters.ordering, ORDERINGS["name"]), "pk")


def supplier_countries(user: Any) -> list[tuple[str, str]]:
    """(code, name) of the programmes the user's suppliers belong to, for the country filter."""
    if not is_buyer_user(user):
        return []
    return list(
        access.factories_for(user)
        .order_by("programme__name")
        .values_list("programme__code", "programme__name")
        .distinct()
    )


def _criteria_of(evaluation: Evaluation | None) -> list[dict[str, Any]]:
    """The five criteria in the annex's order; "unknown" when nothing was evaluated yet."""
    return display.criterion_rows(
        evaluation.outcome if evaluation else None,
        not_evaluated="Not evaluated yet: it follows the first finalised assessment.",
    )


def attach_criteria(factories: Iterable[Factory]) -> list[Factory]:
    """Set `criteria` and `evaluated_at` on each factory: one query for all of them."""
    rows = list(factories)
    ids = [pk for f in rows if (pk := getattr(f, "latest_evaluation_id", None))]
    evaluations = (
        {e.pk: e for e in Evaluation.objects.filter(pk__in=ids).only("id", "outcome", "created_at")}
        if ids
        else {}
    )
    for factory in rows:
        evaluation = evaluations.get(getattr(factory, "latest_evaluation_id", None) or 0)
        factory.criteria = _criteria_of(evaluation)  # type: ignore[attr-defined]
        factory.evaluated_at = evaluation.created_at if evaluation else None  # type: ignore[attr-defined]
    return rows


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
VISIBILITY_BENEFITS = [
    ("buyer_events", "Open to invitations to buyer events"),
    ("public_campaigns", "Takes part in Better Work's public campaigns"),
    ("public_recognition", "Accepts public recognition as an industry leader"),
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
    return [label for kind, label in VISIBILITY_BENEFITS if latest.get(kind, {}).get("opt_in")]


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
        criterion["description"] = CRITERION_DESCRIPTIONS[criterion["group"]]
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
        .select_related("buyer", "granted_by", "revoked_by")
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


# --- quarterly overviews ------------------------------------------------------------------


def buyers_for_programme_manager(user: Any) -> QuerySet[Buyer]:
    """The buyers with an open grant from a factory in the PM's programmes."""
    if access.role_of(user) != Role.PROGRAMME_MANAGER:
        return Buyer.objects.none()
    return Buyer.objects.filter(
        pk__in=ThirdPartyAccess.objects.filter(
            revoked_at=None, factory__in=access.factories_for(user, access.Action.DECIDE)
        ).values("buyer")
    ).order_by("name")


def overviews_for(user: Any) -> QuerySet[QuarterlyOverview]:
    """A buyer user's own overviews; nobody else's."""
    from buyer_portal.models import QuarterlyOverview

    buyer = buyer_of(user)
    if buyer is None:
        return QuarterlyOverview.objects.none()
    return QuarterlyOverview.objects.filter(buyer=buyer).order_by("-period_end")


def supplier_states_at(buyer: Buyer, cutoff: datetime.datetime) -> dict[int, dict[str, Any]]:
    """Each factory with access open at `cutoff`, its stage and criteria then. Four queries."""
    open_then = ThirdPartyAccess.objects.filter(buyer=buyer, granted_at__lt=cutoff).filter(
        Q(revoked_at__isnull=True) | Q(revoked_at__gte=cutoff)
    )
    factories = list(
        Factory.objects.filter(pk__in=open_then.values("factory"))
        .select_related("programme")
        .annotate(
            stage_then=Coalesce(
                Subquery(
                    StageChange.objects.filter(factory=OuterRef("pk"), created_at__lt=cutoff)
                    .order_by("-created_at", "-id")
                    .values("to_stage")[:1]
                ),
                Value(Stage.NOT_ON_TRACK.value),
            ),
            evaluation_then=Subquery(
                Evaluation.objects.filter(factory=OuterRef("pk"), created_at__lt=cutoff)
                .order_by("-created_at", "-id")
                .values("id")[:1]
            ),
        )
        .order_by("name", "pk")
    )
    ids = [f.evaluation_then for f in factories if f.evaluation_then]
    evaluations = {
        e.pk: e for e in Evaluation.objects.filter(pk__in=ids).only("id", "outcome", "created_at")
    }
    states: dict[int, dict[str, Any]] = {}
    for factory in factories:
        evaluation = evaluations.get(factory.evaluation_then or 0)
        states[factory.pk] = {
            "factory_id": factory.pk,
            "name": factory.name,
            "country": factory.programme.code,
            "stage": BuyerStage.of(factory.stage_then).value,
            "evaluated_at": evaluation.created_at.isoformat() if evaluation else None,
            "criteria": [
                {"group": c["group"], "result": c["result"]} for c in _criteria_of(evaluation)
            ],
        }
    return states


def stage_counts(stages: Iterable[str]) -> dict[str, int]:
    """Suppliers per stage as buyers see it (a stored internal stage counts as its decision)."""
    counts = dict.fromkeys(BuyerStage.values, 0)
    for stage in stages:
        counts[BuyerStage.of(stage).value] += 1
    return counts


def overview_figures(buyer: Buyer, quarter: Quarter) -> dict[str, Any]:
    """The figures of one quarterly overview, as of the quarter end (RULES.md section 6)."""
    now = supplier_states_at(buyer, quarter.cutoff)
    then = supplier_states_at(buyer, quarter.previous.cutoff)
    suppliers = []
    movements = []
    for factory_id, state in now.items():
        before = then.get(factory_id)
        stage_previous = before["stage"] if before else None
        suppliers.append({**state, "stage_previous": stage_previous, "new": before is None})
        if before is not None and BuyerStage.of(stage_previous or "") != state["stage"]:
            movements.append(
                {
                    "factory_id": factory_id,
                    "name": state["name"],
                    "from": stage_previous,
                    "to": state["stage"],
                }
            )
    lost = [
        {
            "factory_id": factory_id,
            "name": state["name"],
            "country": state["country"],
            "stage_previous": state["stage"],
        }
        for factory_id, state in then.items()
        if factory_id not in now
    ]
    return {
        "quarter": str(quarter),
        "period_end": quarter.last_day.isoformat(),
        "previous_quarter": str(quarter.previous),
        "stage_counts": stage_counts(s["stage"] for s in suppliers),
        "suppliers": suppliers,
        "movements": movements,
        "new": [s["factory_id"] for s in suppliers if s["new"]],
        "lost": lost,
    }


@dataclass
class OverviewView:
    """What a buyer is shown of a stored overview: only factories it may see today."""

    overview: QuarterlyOverview
    suppliers: list[dict[str, Any]]
    stage_counts: list[dict[str, Any]]
    movements: list[dict[str, Any]]
    new: list[dict[str, Any]]
    lost: list[dict[str, Any]]
    lost_hidden: int
    hidden: int


def overview_as_seen_by(user: Any, overview: QuarterlyOverview) -> OverviewView:
    """Revocation takes effect at once in reports too: rows of factories whose access is no
    longer open are hidden from every overview, old ones included (the stored row keeps them,
    so the history survives, and they reappear if access is granted again).
    """
    visible = set(access.factories_for(user).values_list("pk", flat=True))
    data = overview.data
    suppliers = []
    for row in data.get("suppliers", []):
        if row["factory_id"] not in visible:
            continue
        suppliers.append(
            {
                **row,
                "stage": BuyerStage.of(row["stage"]).value,
                "stage_label": _buyer_stage_label(row["stage"]),
                "stage_previous_label": _buyer_stage_label(row.get("stage_previous")),
                "criteria": [
                    {**c, "result_label": display.result_label(c["result"])}
                    for c in row["criteria"]
                ],
            }
        )
    counts = stage_counts(s["stage"] for s in suppliers)
    # Overviews stored before buyers saw decisions only may hold internal stages: a buyer
    # sees a movement only where the decision changed.
    movements = [
        {
            **m,
            "from": BuyerStage.of(m["from"]).value,
            "to": BuyerStage.of(m["to"]).value,
            "from_label": _buyer_stage_label(m["from"]),
            "to_label": _buyer_stage_label(m["to"]),
        }
        for m in data.get("movements", [])
        if m["factory_id"] in visible and BuyerStage.of(m["from"]) != BuyerStage.of(m["to"])
    ]
    lost_all = data.get("lost", [])
    lost = [row for row in lost_all if row["factory_id"] in visible]
    return OverviewView(
        overview=overview,
        suppliers=suppliers,
        stage_counts=[
            {"stage": value, "label": label, "count": counts.get(value, 0)}
            for value, label in BuyerStage.choices
        ],
        movements=movements,
        new=[s for s in suppliers if s.get("new")],
        lost=lost,
        lost_hidden=len(lost_all) - len(lost),
        hidden=len(data.get("suppliers", [])) - len(suppliers),
    )


def criteria_columns() -> Sequence[tuple[str, str]]:
    return [(g.value, g.label) for g in CRITERIA_GROUPS]
