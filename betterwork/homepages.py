"""What each role sees first: the next things that person has to do. Query counts are flat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from assessments import scoped
from assessments.vocabulary import Status
from buyer_portal.charts import supplier_charts
from differentiation import scoped as approval_scope
from differentiation.selectors import notes_for
from factories import access
from factories.models import Factory
from factories.vocabulary import BuyerStage, Role, Stage


def context_for(user: Any, role: str) -> dict[str, Any]:
    builders: dict[str, Callable[[Any], dict[str, Any]]] = {
        Role.PROGRAMME_MANAGER: _programme_manager,
        Role.ENTERPRISE_ADVISOR: _enterprise_advisor,
        Role.FACTORY: _factory,
        Role.BUYER: _buyer,
    }
    return builders[role](user)


def _stage_counts(factories: Any) -> list[dict[str, Any]]:
    counts = dict(factories.order_by().values_list("stage").annotate(n=Count("id")))
    return [
        {"stage": value, "label": gettext(label), "count": counts.get(value, 0)}
        for value, label in Stage.choices
    ]


OVERDUE_SHOWN = 20


def _programme_manager(user: Any) -> dict[str, Any]:
    factories = access.factories_for(user, access.Action.DECIDE)
    pending = (
        approval_scope.approval_requests_for(user)
        .pending()
        .select_related("factory__programme")
        .order_by("created_at")[:10]
    )
    overdue = factories.filter(next_assessment_due__lt=timezone.localdate())
    return {
        "programmes": access.programmes_for(user),
        "stage_counts": _stage_counts(factories),
        "pending_requests": pending,
        "factory_count": factories.count(),
        "overdue": overdue.select_related("programme", "enterprise_advisor").order_by(
            "next_assessment_due", "name"
        )[:OVERDUE_SHOWN],
        "overdue_count": overdue.count(),
    }


def _enterprise_advisor(user: Any) -> dict[str, Any]:
    """The EA's factories, drafts to continue, candidates, and plan items to confirm."""
    from django.db.models import Q

    from workspace.models import ImprovementPlanItem

    scope = access.factories_for(user, access.Action.ASSESS)
    factories = (
        scope.filter(enterprise_advisor=user)
        .select_related("programme")
        .order_by("next_assessment_due", "name")
    )
    mine = Q(factory__enterprise_advisor=user) | Q(created_by=user)
    drafts = (
        scoped.assessments_for(user, access.Action.ASSESS)
        .drafts()
        .filter(mine)
        .select_related("factory")
        .order_by("visit_date", "id")
    )
    report_drafts = (
        scoped.progress_reports_for(user, access.Action.ASSESS)
        .filter(mine, status=Status.DRAFT)
        .select_related("factory")
        .order_by("release_date", "id")
    )
    candidates = factories.filter(stage=Stage.CANDIDATE)
    assigned = list(factories)  # every one is listed: the overdue ones are picked without a query
    to_confirm = (
        ImprovementPlanItem.objects.filter(
            factory__in=factories,
            status=ImprovementPlanItem.Status.COMPLETED,
            confirmed_at__isnull=True,
        )
        .select_related("factory", "question")
        .order_by("factory__name", "question__code")
    )
    return {
        "programmes": access.programmes_for(user),
        "factories": assigned,
        "overdue": [f for f in assigned if f.assessment_overdue],
        "drafts": drafts,
        "report_drafts": report_drafts,
        "candidates": candidates,
        "plan_items_to_confirm": to_confirm[:50],
    }


def _factory(user: Any) -> dict[str, Any]:
    """The factory's progress page, with links into its workspace."""
    from workspace import selectors
    from workspace.selectors.charts import progress_charts

    factory = access.factories_for(user, access.Action.WORK).select_related("programme").first()
    if factory is None:
        return {"factory": None}
    progress = selectors.progress_for(factory)
    return {
        "factory": factory,
        "evaluation": progress.evaluation,
        "progress": progress,
        "plan_summary": selectors.improvement_plan_for(factory).summary,
        "charts": progress_charts(factory),
        "can_work": True,
        "current": "progress",
        # Its latest finalised records and its formal notes, one click away.
        "latest_assessment": scoped.assessments_for(user, access.Action.WORK)
        .filter(factory=factory)
        .order_by("-visit_date", "-id")
        .first(),
        "latest_report": scoped.progress_reports_for(user, access.Action.WORK)
        .filter(factory=factory)
        .order_by("-release_date", "-id")
        .first(),
        "notes": list(
            notes_for(user)
            .filter(factory=factory)
            .defer("pdf")
            .select_related("decision__decided_by")
            .order_by("-issued_at", "-id")
        ),
    }


def _buyer(user: Any) -> dict[str, Any]:
    profile = access.profile_of(user)
    suppliers = access.factories_for(user).select_related("programme").order_by("name")
    return {
        "buyer": profile.buyer if profile else None,
        "suppliers": suppliers[:50],
        "supplier_count": suppliers.count(),
        "stage_counts": _buyer_stage_counts(suppliers),
        "charts": supplier_charts(user),
    }


def _buyer_stage_counts(factories: Any) -> list[dict[str, Any]]:
    """Buyers see the PM's decision only: high-performing (also under review) or not."""
    counts = dict.fromkeys(BuyerStage.values, 0)
    for stage, n in factories.order_by().values_list("stage").annotate(n=Count("id")):
        counts[BuyerStage.of(stage).value] += n
    return [
        {"stage": value, "label": gettext(label), "count": counts[value]}
        for value, label in BuyerStage.choices
    ]


__all__ = ["Factory", "context_for"]
