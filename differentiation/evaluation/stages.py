"""The stage machine: every stage change goes through `stage_transition` (lock, check, write,
audit), and its side effects: drafts marked for the additional questions, pending requests
superseded."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from assessments.schedule import next_assessment_due_set
from betterwork.core.errors import Conflict
from differentiation.models import Evaluation, StageChange
from differentiation.vocabulary import RequestStatus
from factories import access
from factories.models import Factory
from factories.vocabulary import Stage

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)


# --- the stage machine --------------------------------------------------------------------

EVALUATED = "evaluated"
GRANT_APPROVED = "grant_approved"
GRANT_REJECTED = "grant_rejected"
REVIEW_KEPT = "review_kept"
REVIEW_WITHDRAWN = "review_withdrawn"

# (from stage, event) -> the stages it may lead to. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    # Not on track -> candidate only: eligibility needs the candidate's next assessment.
    (Stage.NOT_ON_TRACK, EVALUATED): frozenset({Stage.NOT_ON_TRACK, Stage.CANDIDATE}),
    (Stage.CANDIDATE, EVALUATED): frozenset({Stage.NOT_ON_TRACK, Stage.CANDIDATE, Stage.ELIGIBLE}),
    (Stage.ELIGIBLE, EVALUATED): frozenset({Stage.NOT_ON_TRACK, Stage.CANDIDATE, Stage.ELIGIBLE}),
    (Stage.HIGH_PERFORMING, EVALUATED): frozenset({Stage.HIGH_PERFORMING, Stage.UNDER_REVIEW}),
    (Stage.UNDER_REVIEW, EVALUATED): frozenset({Stage.UNDER_REVIEW}),
    (Stage.ELIGIBLE, GRANT_APPROVED): frozenset({Stage.HIGH_PERFORMING}),
    (Stage.ELIGIBLE, GRANT_REJECTED): frozenset({Stage.NOT_ON_TRACK, Stage.CANDIDATE}),
    (Stage.UNDER_REVIEW, REVIEW_KEPT): frozenset({Stage.HIGH_PERFORMING}),
    (Stage.UNDER_REVIEW, REVIEW_WITHDRAWN): frozenset({Stage.NOT_ON_TRACK, Stage.CANDIDATE}),
}
PM_EVENTS = frozenset({GRANT_APPROVED, GRANT_REJECTED, REVIEW_KEPT, REVIEW_WITHDRAWN})


def transition_allowed(from_stage: str, event: str, to_stage: str) -> bool:
    return to_stage in TRANSITIONS.get((from_stage, event), frozenset())


@transaction.atomic
def stage_transition(
    *,
    factory: Factory,
    to_stage: str,
    event: str,
    actor: User | None,
    evaluation: Evaluation | None = None,
    reason: str = "",
) -> StageChange | None:
    """Move a factory to `to_stage`: lock it, check the transition and actor, write and audit.

    Returns None when the stage does not change (nothing to audit).
    """
    locked = Factory.objects.select_for_update().get(pk=factory.pk)
    from_stage = locked.stage
    if not transition_allowed(from_stage, event, to_stage):
        raise Conflict(
            gettext("A factory cannot go from {from_stage} to {to_stage} on {event}.").format(
                from_stage=from_stage, to_stage=to_stage, event=event
            )
        )
    if event in PM_EVENTS:
        if actor is None or not access.may(actor, access.Action.DECIDE, locked):
            raise PermissionDenied(
                gettext("Only a programme manager of the factory's programme decides.")
            )
    elif actor is not None:
        raise PermissionDenied(gettext("Evaluations move stages on their own; no person does."))
    if from_stage == to_stage:
        return None
    fields = ["stage"]
    locked.stage = to_stage
    if to_stage == Stage.HIGH_PERFORMING and locked.high_performing_since is None:
        locked.high_performing_since = timezone.now()
        fields.append("high_performing_since")
    if event == REVIEW_WITHDRAWN:
        # "When status is withdrawn, the benefits end: the assessment interval returns to 12."
        locked.high_performing_since = None
        fields += ["high_performing_since"]
        fields += next_assessment_due_set(locked, interval_months=12)
    locked.save(update_fields=fields)
    factory.stage = locked.stage
    change = StageChange.objects.create(
        factory=locked,
        from_stage=from_stage,
        to_stage=to_stage,
        event=event,
        actor=actor,
        evaluation=evaluation,
        reason=reason,
    )
    if to_stage == Stage.CANDIDATE:
        _mark_next_assessment_for_additional_questions(locked)
    return change


def _mark_next_assessment_for_additional_questions(factory: Factory) -> None:
    """'A limited number of additional questions will be included in the subsequent assessment.'"""
    latest_final = factory.assessments.finalised().order_by("-cycle").first()
    drafts = factory.assessments.drafts()
    if latest_final is not None:
        drafts = drafts.filter(cycle__gt=latest_final.cycle)
    drafts.update(includes_additional_questions=True)


def supersede_pending(factory: Factory) -> None:
    factory.approval_requests.pending().update(
        status=RequestStatus.SUPERSEDED, closed_at=timezone.now()
    )
