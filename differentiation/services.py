"""The differentiation engine's writes: evaluate a factory, move its stage, decide a request.

Every stage change goes through `stage_transition` (lock, check, write, audit); every evaluation
is a new row, never an edit; every decision is a new row, at most one per request.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from assessments.models import (
    AdditionalAnswer,
    Assessment,
    Finding,
    ManagementSystemElement,
    ManagementSystemResult,
    ProgressItem,
    ProgressRating,
    ProgressReport,
)
from betterwork import access
from betterwork.api import Conflict
from betterwork.tasks import enqueue_on_commit
from differentiation import criteria
from differentiation.models import (
    ApprovalRequest,
    Decision,
    Evaluation,
    EvaluationCheck,
    RequestKind,
    RequestStatus,
    StageChange,
)
from factories.models import Factory, Profile, Role, Stage
from factories.services import next_assessment_due

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)

EPOCH = Value(datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC), output_field=DateTimeField())


# --- loading the facts --------------------------------------------------------------------


def load_reference() -> criteria.Reference:
    elements = list(ManagementSystemElement.objects.order_by("order").values_list("code", "system"))
    items = list(ProgressItem.objects.order_by("order").values_list("code", "group"))
    return criteria.Reference(
        hr_elements=tuple(code for code, system in elements if system == "HR"),
        osh_elements=tuple(code for code, system in elements if system == "OSH"),
        social_dialogue_items=tuple(code for code, group in items if group == "social_dialogue"),
        learning_items=tuple(code for code, group in items if group == "learning"),
    )


def load_evidence(factory_ids: list[int]) -> dict[int, list[criteria.EvidenceRow]]:
    """The finalised evidence of many factories, as `criteria.evidence_rows`, in six queries.

    The rows come unsorted; sort a factory's rows before fingerprinting them. Only what the rules
    may read is read: finalised assessments and PR2s, and of the findings the non-compliant ones
    (a compliant answer can neither fail nor complete a criterion, and an assessment answers the
    whole catalogue, so this reads about 5% of the rows). Rows are read as tuples, not model
    instances: at programme scale (thousands of factories, see `manage.py benchmark`) building
    model objects or facts cost several times the queries themselves.
    """
    rows: dict[int, list[criteria.EvidenceRow]] = {pk: [] for pk in factory_ids}
    finalised = Assessment.objects.finalised().filter(factory_id__in=factory_ids)
    reports = ProgressReport.objects.finalised().filter(
        factory_id__in=factory_ids, number=criteria.PROGRESS_REPORT_2
    )
    owner: dict[int, int] = {}
    for factory_id, pk, cycle, visit_date, additional in finalised.order_by().values_list(
        "factory_id", "id", "cycle", "visit_date", "includes_additional_questions"
    ):
        owner[pk] = factory_id
        rows[factory_id].append((criteria.ASSESSMENT_ROW, pk, pk, cycle, visit_date, additional))
    report_owner: dict[int, int] = {}
    for factory_id, pk, cycle, number, release_date in reports.order_by().values_list(
        "factory_id", "id", "cycle", "number", "release_date"
    ):
        report_owner[pk] = factory_id
        rows[factory_id].append((criteria.REPORT_ROW, pk, pk, cycle, number, release_date))
    children: list[tuple[str, dict[int, int], Iterable[tuple[Any, ...]]]] = []
    if owner:
        # The children join to a subquery rather than carry long lists of ids. No ordering:
        # the rows are sorted per factory.
        in_finalised = finalised.values("id")
        children += [
            (
                criteria.FINDING_ROW,
                owner,
                Finding.objects.filter(assessment__in=in_finalised, non_compliant=True)
                .order_by()
                .values_list(
                    "assessment_id",
                    "id",
                    "question__code",
                    "question__publicly_reported",
                    "question__zero_tolerance",
                    "non_compliant",
                    "remediated",
                ),
            ),
            (
                criteria.ELEMENT_ROW,
                owner,
                ManagementSystemResult.objects.filter(assessment__in=in_finalised)
                .order_by()
                .values_list(
                    "assessment_id", "id", "element__code", "element__system", "satisfied"
                ),
            ),
            (
                criteria.ANSWER_ROW,
                owner,
                AdditionalAnswer.objects.filter(assessment__in=in_finalised)
                .order_by()
                .values_list("assessment_id", "id", "item__code", "met"),
            ),
        ]
    if report_owner:
        children.append(
            (
                criteria.RATING_ROW,
                report_owner,
                ProgressRating.objects.filter(report__in=reports.values("id"))
                .order_by()
                .values_list("report_id", "id", "item__code", "rating"),
            )
        )
    for kind, parents, records in children:
        tag = (kind,)
        for record in records:
            owner_id = parents.get(record[0])
            # None: its assessment or report was finalised after they were read (each statement
            # sees the latest commits); that finalisation queues its own evaluation.
            if owner_id is not None:
                rows[owner_id].append(tag + record)
    return rows


def load_facts(factory_ids: list[int]) -> dict[int, criteria.FactoryFacts]:
    """The facts of many factories in a fixed number of queries (see `load_evidence`)."""
    return {pk: criteria.facts_from_rows(rows) for pk, rows in load_evidence(factory_ids).items()}


# --- the stage machine --------------------------------------------------------------------

EVALUATED = "evaluated"
GRANT_APPROVED = "grant_approved"
GRANT_REJECTED = "grant_rejected"
REVIEW_KEPT = "review_kept"
REVIEW_WITHDRAWN = "review_withdrawn"

# (from stage, event) -> the stages it may lead to. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (Stage.NOT_ON_TRACK, EVALUATED): frozenset(
        {Stage.NOT_ON_TRACK, Stage.CANDIDATE, Stage.ELIGIBLE}
    ),
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
        raise Conflict(f"A factory cannot go from {from_stage} to {to_stage} on {event}.")
    if event in PM_EVENTS:
        if actor is None or not access.may(actor, access.Action.DECIDE, locked):
            raise PermissionDenied("Only a programme manager of the factory's programme decides.")
    elif actor is not None:
        raise PermissionDenied("Evaluations move stages on their own; no person does.")
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
        locked.assessment_interval_months = 12
        fields += ["high_performing_since", "assessment_interval_months", "next_assessment_due"]
        last_visit = (
            locked.assessments.finalised()
            .order_by("-visit_date")
            .values_list("visit_date", flat=True)
            .first()
        )
        if last_visit is not None:
            locked.next_assessment_due = next_assessment_due(
                last_visit=last_visit, interval_months=12
            )
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
    latest_final = factory.assessments.finalised().order_by("-visit_date").first()
    drafts = factory.assessments.drafts()
    if latest_final is not None:
        drafts = drafts.filter(cycle__gt=latest_final.cycle)
    drafts.update(includes_additional_questions=True)


# --- evaluation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationRun:
    evaluation: Evaluation | None  # None: the same data was already evaluated (idempotent)
    stage: str


@transaction.atomic
def factory_evaluate(
    *, factory_id: int, trigger: str = "", reference: criteria.Reference | None = None
) -> EvaluationRun:
    """Evaluate the factory's finalised data and move its stage. Safe to run twice."""
    factory = Factory.objects.select_for_update().get(pk=factory_id)
    read_at = timezone.now()
    facts = load_facts([factory.pk])[factory.pk]
    latest = factory.evaluations.order_by("-created_at", "-id").first()
    run = evaluate_loaded(
        factory=factory, facts=facts, latest=latest, trigger=trigger, reference=reference
    )
    if run.evaluation is None and latest is not None:
        note_unchanged([factory.pk], read_at)
    return run


def note_unchanged(factory_ids: list[int], read_at: datetime.datetime) -> None:
    """Note that these factories' evidence, as read at `read_at` (taken before reading, so that
    nothing finalised meanwhile is hidden), was unchanged (see EvaluationCheck): the sweep does
    not try them again until something is finalised."""
    if not factory_ids:
        return
    EvaluationCheck.objects.bulk_create(
        [EvaluationCheck(factory_id=pk, checked_at=read_at) for pk in factory_ids],
        update_conflicts=True,
        unique_fields=["factory"],
        update_fields=["checked_at"],
    )


def evaluate_loaded(
    *,
    factory: Factory,
    facts: criteria.FactoryFacts,
    latest: Evaluation | None,
    trigger: str = "",
    reference: criteria.Reference | None = None,
) -> EvaluationRun:
    """The body of `factory_evaluate` once the factory is locked and its facts are loaded.

    Shared with differentiation.batch, which loads the facts of many factories at once. The
    caller holds the transaction and the factory's row lock.
    """
    fingerprint = criteria.fingerprint(facts, criteria.RULE_VERSION)
    if (
        latest is not None
        and latest.fingerprint == fingerprint
        and latest.rule_version == criteria.RULE_VERSION
    ):
        return EvaluationRun(None, factory.stage)
    if latest is None and not facts.assessments and not facts.progress_reports:
        return EvaluationRun(None, factory.stage)  # nothing finalised yet: nothing to evaluate
    outcome = criteria.evaluate(facts, reference or load_reference())
    decision = criteria.next_stage(criteria.Stage(factory.stage), outcome)
    evaluation = Evaluation.objects.create(
        factory=factory,
        rule_version=criteria.RULE_VERSION,
        fingerprint=fingerprint,
        inputs=criteria.facts_to_json(facts),
        outcome=outcome.to_json(),
        all_met=outcome.all_met,
        prequalified=outcome.prequalified,
        stage_before=factory.stage,
        stage_after=decision.stage.value,
        trigger=trigger[:100],
    )
    stage_before = factory.stage
    stage_transition(
        factory=factory,
        to_stage=decision.stage.value,
        event=EVALUATED,
        actor=None,
        evaluation=evaluation,
        reason=" ".join(decision.reasons)[:2000],
    )
    if decision.stage.value not in (Stage.ELIGIBLE, Stage.UNDER_REVIEW):
        _supersede_pending(factory)
    if decision.request is not None:
        _supersede_pending(factory)
        ApprovalRequest.objects.create(
            factory=factory,
            kind=decision.request.value,
            evaluation=evaluation,
            triggered_by_assessment_id=outcome.assessment_ids[-1]
            if outcome.assessment_ids
            else None,
        )
    if decision.stage == criteria.Stage.CANDIDATE and stage_before != Stage.CANDIDATE:
        from differentiation.tasks import notify_candidate

        enqueue_on_commit(notify_candidate, factory.pk)
    return EvaluationRun(evaluation, decision.stage.value)


def _supersede_pending(factory: Factory) -> None:
    factory.approval_requests.pending().update(
        status=RequestStatus.SUPERSEDED, closed_at=timezone.now()
    )


def factories_needing_evaluation() -> list[int]:
    """Factories whose latest finalised data is newer than their latest evaluation (or than
    the last time their evidence was found unchanged, see EvaluationCheck).

    The sweep's query: it finds the work a lost task message left undone.
    """
    latest_evaluation = (
        Evaluation.objects.filter(factory=OuterRef("pk"))
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return list(
        Factory.objects.annotate(
            last_assessment=Max("assessments__finalised_at"),
        )
        .annotate(
            last_report=Subquery(
                ProgressReport.objects.finalised()
                .filter(factory=OuterRef("pk"), number=2)
                .order_by("-finalised_at")
                .values("finalised_at")[:1]
            ),
            last_evaluation=Subquery(latest_evaluation),
            last_check=Subquery(
                EvaluationCheck.objects.filter(factory=OuterRef("pk")).values("checked_at")[:1]
            ),
        )
        .annotate(
            # Greatest is NULL on SQLite when an argument is: never seen counts as the epoch.
            seen=Greatest(Coalesce("last_evaluation", EPOCH), Coalesce("last_check", EPOCH))
        )
        .filter(Q(last_assessment__isnull=False) | Q(last_report__isnull=False))
        .filter(Q(last_assessment__gt=F("seen")) | Q(last_report__gt=F("seen")))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --- decisions ----------------------------------------------------------------------------


def _other_programme_managers(factory: Factory, actor: User) -> bool:
    return (
        Profile.objects.filter(
            role=Role.PROGRAMME_MANAGER, programmes=factory.programme, user__is_active=True
        )
        .exclude(user=actor)
        .exists()
    )


@transaction.atomic
def approval_decide(
    *, request: ApprovalRequest, actor: User, approve: bool, reason: str = ""
) -> Decision:
    """A PM's decision. Exactly one decision per request wins, even when two arrive at once."""
    reason = reason.strip()
    locked = (
        ApprovalRequest.objects.select_for_update().select_related("factory").get(pk=request.pk)
    )
    factory = locked.factory
    if not access.may(actor, access.Action.DECIDE, factory):
        raise PermissionDenied("Only a programme manager of the factory's programme decides.")
    if locked.status != RequestStatus.PENDING:
        existing = Decision.objects.filter(request=locked).select_related("decided_by").first()
        if existing is not None:
            raise Conflict(
                f"This request was already {existing.outcome} by {existing.decided_by} on "
                f"{existing.decided_at:%Y-%m-%d %H:%M}; a decision is never taken twice."
            )
        raise Conflict("This request was superseded by newer data; nothing is left to decide.")
    if not approve and not reason:
        raise ValidationError({"reason": ["Give a reason for rejecting."]})
    sole_pm = False
    trigger = locked.triggered_by_assessment
    if approve and trigger is not None and trigger.finalised_by_id == actor.pk:
        if _other_programme_managers(factory, actor):
            raise PermissionDenied(
                "You finalised the assessment behind this request; another programme manager "
                "of the programme must approve it (four eyes)."
            )
        sole_pm = True
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                request=locked,
                outcome="approved" if approve else "rejected",
                decided_by=actor,
                reason=reason,
                sole_programme_manager=sole_pm,
            )
    except IntegrityError:
        raise Conflict("This request was decided by someone else a moment ago.") from None
    locked.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])

    kind = criteria.RequestKind(locked.kind)
    facts = load_facts([factory.pk])[factory.pk]
    outcome = criteria.evaluate(facts, load_reference())
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
        from differentiation.tasks import issue_formal_note

        enqueue_on_commit(issue_formal_note, decision.pk)
    return decision
