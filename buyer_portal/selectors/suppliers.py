"""Who is asking, and the buyer's supplier list: filters, ordering, the five criteria at a glance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from differentiation import display
from differentiation.models import Evaluation
from differentiation.vocabulary import Group
from factories import access
from factories.models import Buyer, Factory
from factories.vocabulary import HIGH_PERFORMING_STAGES, BuyerStage, Role

if TYPE_CHECKING:
    pass


PAGE_SIZE = 25

CRITERIA_GROUPS: tuple[Group, ...] = tuple(Group)

# What each criterion asks (docs/rules.md section 4, the annex of the guideline), for buyers.
CRITERION_DESCRIPTIONS: dict[str, Promise] = {
    Group.COMPLIANCE: _(
        "In each of the two latest consecutive assessments: no non-compliance on any publicly "
        "reported issue, and no zero-tolerance issue left unremediated."
    ),
    Group.HR: _("All 6 contracts and HR management-system elements satisfied in both assessments."),
    Group.OSH: _(
        "All 7 occupational safety and health management-system elements satisfied in both "
        "assessments."
    ),
    Group.SOCIAL_DIALOGUE: _(
        "All 5 social-dialogue items rated On track in the latest progress report 2 (released "
        "in the 11th month of a service cycle), and none found not confirmed in the latest "
        "assessment."
    ),
    Group.LEARNING: _(
        "The learning item rated On track in the same progress report 2, and not found not "
        "confirmed in the latest assessment."
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
    return gettext(BuyerStage.of(stage).label) if stage else "—"


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
        not_evaluated=gettext("Not evaluated yet: it follows the first finalised assessment."),
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
