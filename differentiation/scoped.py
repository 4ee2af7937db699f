"""The approval requests a user may decide: built on the access layer's factories."""

from __future__ import annotations

from differentiation.models import ApprovalRequest, ApprovalRequestQuerySet
from factories.access import Action, AnyUser, factories_for


def approval_requests_for(user: AnyUser) -> ApprovalRequestQuerySet:
    """Approval requests are the work of the PMs of the factory's programme, and only theirs."""
    return ApprovalRequest.objects.filter(factory__in=factories_for(user, Action.DECIDE))
