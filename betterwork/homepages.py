"""What each role sees first: the next things that person has to do. Query counts are flat."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from betterwork import access
from factories.models import Factory, Role, Stage


def context_for(user: Any, role: str) -> dict[str, Any]:
    builders = {
        Role.PROGRAMME_MANAGER: _programme_manager,
        Role.ENTERPRISE_ADVISOR: _enterprise_advisor,
        Role.FACTORY: _factory,
        Role.BUYER: _buyer,
    }
    return builders[role](user)


def _stage_counts(factories: Any) -> list[dict[str, Any]]:
    counts = dict(factories.order_by().values_list("stage").annotate(n=Count("id")))
    return [
        {"stage": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Stage.choices
    ]


def _programme_manager(user: Any) -> dict[str, Any]:
    factories = access.factories_for(user, access.Action.DECIDE)
    pending = (
        access.approval_requests_for(user)
        .pending()
        .select_related("factory__programme")
        .order_by("created_at")[:10]
    )
    return {
        "programmes": access.programmes_for(user),
        "stage_counts": _stage_counts(factories),
        "pending_requests": pending,
        "factory_count": factories.count(),
    }


def _enterprise_advisor(user: Any) -> dict[str, Any]:
    from assessments.models import Assessment

    factories = (
        access.factories_for(user, access.Action.ASSESS)
        .filter(enterprise_advisor=user)
        .select_related("programme")
        .order_by("next_assessment_due", "name")
    )
    drafts = (
        access.assessments_for(user, access.Action.ASSESS)
        .drafts()
        .filter(created_by=user)
        .select_related("factory")
        .order_by("visit_date")
    )
    candidates = factories.filter(stage=Stage.CANDIDATE)
    return {
        "programmes": access.programmes_for(user),
        "factories": factories,
        "drafts": drafts,
        "candidates": candidates,
        "assessment_model": Assessment,
    }


def _factory(user: Any) -> dict[str, Any]:
    factory = access.factories_for(user, access.Action.WORK).select_related("programme").first()
    latest = None
    if factory is not None:
        latest = factory.evaluations.order_by("-created_at", "-id").first()
    return {"factory": factory, "evaluation": latest}


def _buyer(user: Any) -> dict[str, Any]:
    profile = access.profile_of(user)
    suppliers = access.factories_for(user).select_related("programme").order_by("name")
    return {
        "buyer": profile.buyer if profile else None,
        "suppliers": suppliers[:50],
        "supplier_count": suppliers.count(),
        "stage_counts": _stage_counts(suppliers),
    }


__all__ = ["Factory", "context_for"]
