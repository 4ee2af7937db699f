"""A programme manager's decision on an approval request, on current data only, one per request."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments.models import Assessment
from betterwork.core.errors import Conflict
from betterwork.core.tasks import enqueue_on_commit
from differentiation import criteria
from differentiation.evaluation import (
    GRANT_APPROVED,
    GRANT_REJECTED,
    REVIEW_KEPT,
    REVIEW_WITHDRAWN,
    has_unevaluated_data,
    load_facts,
    stage_transition,
)
from differentiation.models import ApprovalRequest, Decision
from differentiation.tasks import issue_formal_note
from differentiation.vocabulary import Outcome, RequestKind, RequestStatus
from factories import access
from factories.models import Factory, Profile
from factories.people import person
from factories.vocabulary import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)

KEEP_REASON_REQUIRED = _("Give a reason for keeping the status.")


# --- decisions ----------------------------------------------------------------------------


def _other_programme_managers(factory: Factory, actor: User) -> bool:
    return (
        Profile.objects.filter(
            role=Role.PROGRAMME_MANAGER, programmes=factory.programme, user__is_active=True
        )
        .exclude(user=actor)
        .exists()
    )


def _reopened_in_window(request: ApprovalRequest) -> Assessment | None:
    """An assessment of the evaluation's evidence window reopened since the evaluation: it is
    a draft again (drafts are not evidence), so the evaluation no longer shows current data.

    Finalised again, it is either new data (`has_unevaluated_data`) or, unchanged, the same
    evidence again: only while it is a draft is there nothing current to decide on.
    """
    evaluation = request.evaluation
    outcome = evaluation.outcome or {}
    window = {int(pk) for pk in outcome.get("assessment_ids", []) or []}
    for criterion in outcome.get("criteria", []) or []:
        window.update(int(pk) for pk in (criterion.get("evidence") or {}).get("assessments", []))
    if not window:
        return None
    return (
        Assessment.objects.drafts()
        .filter(pk__in=window, reopened_at__gt=evaluation.created_at)
        .order_by("visit_date", "pk")
        .first()
    )


def approval_staleness(request: ApprovalRequest) -> str | None:
    """Why approving `request` now would not be a decision on current data, or None.

    "A decision is taken on current data": refused while a record of the factory was finalised
    after the evaluation the request rests on, or when a newer evaluation exists. **Decision**:
    a grant is also refused while that evaluation does not show all five criteria met (new data
    can leave a criterion unknown without cancelling the request).
    """
    factory = request.factory
    latest = factory.evaluations.order_by("-created_at", "-id").values_list("pk", flat=True)[:1]
    if list(latest) != [request.evaluation_id]:
        return gettext(
            "A newer evaluation of {name} exists; this request no longer rests on the factory's latest data. Reload the page and decide on the current evaluation."
        ).format(name=factory.name)
    if has_unevaluated_data(factory):
        return gettext(
            "A record of {name} was finalised after the evaluation this request rests on, and it has not been evaluated yet. Decide once the re-evaluation is done."
        ).format(name=factory.name)
    if request.kind == RequestKind.GRANT and (reopened := _reopened_in_window(request)):
        return gettext(
            "The assessment of cycle {cycle} ({date}) of {name}, part of the evidence this request rests on, was reopened for correction after the evaluation. Approve once it is finalised again and re-evaluated."
        ).format(cycle=reopened.cycle, date=f"{reopened.visit_date:%Y-%m-%d}", name=factory.name)
    if request.kind == RequestKind.GRANT and not request.evaluation.all_met:
        return gettext(
            "The latest evaluation of {name} does not show all five criteria met (new data left some unknown); it can be approved once they are met again, or rejected."
        ).format(name=factory.name)
    return None


@transaction.atomic
def approval_decide(
    *, request: ApprovalRequest, actor: User, approve: bool, reason: str = ""
) -> Decision:
    """A PM's decision. Exactly one decision per request wins, even when two arrive at once."""
    reason = reason.strip()
    # The factory first, as every writer of the factory's records and the evaluation lock it:
    # a finalisation or an evaluation of this factory waits for the decision, or the decision
    # for them, and then sees what they wrote.
    factory = Factory.objects.select_for_update().get(pk=request.factory_id)
    locked = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
    locked.factory = factory
    if not access.may(actor, access.Action.DECIDE, factory):
        raise PermissionDenied(
            gettext("Only a programme manager of the factory's programme decides.")
        )
    if locked.status != RequestStatus.PENDING:
        existing = Decision.objects.filter(request=locked).select_related("decided_by").first()
        if existing is not None:
            raise Conflict(
                gettext(
                    "This request was already {outcome} by {decided_by} on {decided_at:%Y-%m-%d %H:%M}; a decision is never taken twice."
                ).format(
                    outcome=existing.get_outcome_display().lower(),
                    decided_by=person(existing.decided_by),
                    decided_at=existing.decided_at,
                )
            )
        raise Conflict(
            gettext("This request was superseded by newer data; nothing is left to decide.")
        )
    if not approve and not reason:
        raise ValidationError({"reason": [gettext("Give a reason for rejecting.")]})
    if approve and locked.kind == RequestKind.REVIEW and not reason:
        # Keeping a status the evidence put under review is a judgement: it is kept with why.
        raise ValidationError({"reason": [KEEP_REASON_REQUIRED]})
    if approve and (stale := approval_staleness(locked)) is not None:
        raise Conflict(stale)
    sole_pm = False
    trigger = locked.triggered_by_assessment
    if approve and trigger is not None and trigger.finalised_by_id == actor.pk:
        if _other_programme_managers(factory, actor):
            raise PermissionDenied(
                gettext(
                    "You finalised the assessment behind this request; another programme manager "
                    "of the programme must approve it (four eyes)."
                )
            )
        sole_pm = True
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                request=locked,
                outcome=Outcome.APPROVED if approve else Outcome.REJECTED,
                decided_by=actor,
                reason=reason,
                sole_programme_manager=sole_pm,
            )
    except IntegrityError:
        raise Conflict(gettext("This request was decided by someone else a moment ago.")) from None
    locked.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])

    kind = criteria.RequestKind(locked.kind)
    facts = load_facts([factory.pk])[factory.pk]
    outcome = criteria.evaluate(facts)
    to_stage = criteria.stage_after_decision(kind, approve, outcome).value
    event = {
        (RequestKind.GRANT, True): GRANT_APPROVED,
        (RequestKind.GRANT, False): GRANT_REJECTED,
        (RequestKind.REVIEW, True): REVIEW_KEPT,
        (RequestKind.REVIEW, False): REVIEW_WITHDRAWN,
    }[(RequestKind(locked.kind), approve)]
    stage_transition(
        factory=factory,
        to_stage=to_stage,
        event=event,
        actor=actor,
        evaluation=locked.evaluation,
        reason=reason,
    )
    if event == GRANT_APPROVED:
        enqueue_on_commit(issue_formal_note, decision.pk)
    return decision


class _DryRun(Exception):
    """Leaves the dry run's savepoint, rolling back what the decision wrote."""


def approval_check(
    *, request: ApprovalRequest, actor: User, approve: bool, reason: str = ""
) -> None:
    """Raise what `approval_decide` would raise (permission, four eyes, stale data, a decision
    already taken, a missing reason), without deciding: the decision is made in a savepoint that
    is rolled back, with its on-commit tasks. The confirmation step asks only when it would work."""
    fresh = ApprovalRequest.objects.get(pk=request.pk)
    try:
        with transaction.atomic():
            approval_decide(request=fresh, actor=actor, approve=approve, reason=reason)
            raise _DryRun
    except _DryRun:
        return
