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
    ManagementSystemResult,
    ProgressRating,
    ProgressReport,
    RecordChange,
)
from assessments.schedule import next_assessment_due_set
from assessments.services import REMEDIATION_TARGET
from betterwork.core.errors import Conflict
from betterwork.core.tasks import enqueue_on_commit
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
from factories import access
from factories.models import Factory, Profile, Role, Stage

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)

EPOCH = Value(datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC), output_field=DateTimeField())


# --- loading the facts --------------------------------------------------------------------


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


# --- evaluation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationRun:
    evaluation: Evaluation | None  # None: the same data was already evaluated (idempotent)
    stage: str


def last_decisions(factory_ids: list[int]) -> dict[int, datetime.datetime]:
    """When a programme manager last decided on each factory (factories never decided on are
    left out). One query."""
    rows = (
        Decision.objects.filter(request__factory_id__in=factory_ids)
        .order_by()
        .values_list("request__factory_id")
        .annotate(at=Max("decided_at"))
    )
    return dict(rows)


def load_new_evidence(factory_ids: list[int]) -> dict[int, criteria.NewEvidence | None]:
    """Per factory, the finalised assessments and PR2s no decision has seen yet: finalised after
    its last decision. None for a factory never decided on (everything is new). Three queries."""
    decided = last_decisions(factory_ids)
    new: dict[int, criteria.NewEvidence | None] = {pk: None for pk in factory_ids}
    if not decided:
        return new
    assessments: dict[int, set[int]] = {pk: set() for pk in decided}
    reports: dict[int, set[int]] = {pk: set() for pk in decided}
    records = (
        (Assessment.objects.finalised(), assessments),
        (ProgressReport.objects.finalised().filter(number=criteria.PROGRESS_REPORT_2), reports),
    )
    for queryset, found in records:
        rows = queryset.filter(factory_id__in=list(decided)).order_by()
        for factory_id, pk, finalised_at in rows.values_list("factory_id", "id", "finalised_at"):
            if finalised_at is not None and finalised_at > decided[factory_id]:
                found[factory_id].add(pk)
    for pk in decided:
        new[pk] = criteria.NewEvidence(frozenset(assessments[pk]), frozenset(reports[pk]))
    return new


@transaction.atomic
def factory_evaluate(*, factory_id: int, trigger: str = "") -> EvaluationRun:
    """Evaluate the factory's finalised data and move its stage. Safe to run twice.

    Locks the factory row first, as every writer of a factory's records does, so that an
    evaluation and a finalisation of the same factory queue up instead of deadlocking.
    """
    factory = Factory.objects.select_for_update().get(pk=factory_id)
    read_at = timezone.now()
    facts = load_facts([factory.pk])[factory.pk]
    latest = factory.evaluations.order_by("-created_at", "-id").first()
    run = evaluate_loaded(
        factory=factory,
        facts=facts,
        latest=latest,
        trigger=trigger,
        new_evidence=load_new_evidence([factory.pk])[factory.pk],
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


def is_unchanged(facts: criteria.FactoryFacts, latest: Evaluation | None) -> bool:
    """True when evaluating would write nothing: the same data under the same rules, or no
    finalised data at all yet."""
    if latest is None:
        return not facts.assessments and not facts.progress_reports
    return latest.rule_version == criteria.RULE_VERSION and latest.fingerprint == (
        criteria.fingerprint(facts, criteria.RULE_VERSION)
    )


def evaluate_loaded(
    *,
    factory: Factory,
    facts: criteria.FactoryFacts,
    latest: Evaluation | None,
    new_evidence: criteria.NewEvidence | None,
    trigger: str = "",
) -> EvaluationRun:
    """The body of `factory_evaluate` once the factory is locked and its facts are loaded.

    Shared with differentiation.batch, which loads the facts of many factories at once. The
    caller holds the transaction and the factory's row lock.
    """
    if is_unchanged(facts, latest):
        return EvaluationRun(None, factory.stage)
    outcome = criteria.evaluate(facts)
    decision = criteria.next_stage(criteria.Stage(factory.stage), outcome, new_evidence)
    evaluation = Evaluation.objects.create(
        factory=factory,
        rule_version=outcome.rule_version,
        fingerprint=criteria.fingerprint(facts, outcome.rule_version),
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
        reason=" ".join(r.text for r in decision.reasons)[:2000],
    )
    pending = factory.approval_requests.pending()
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
    elif decision.stage.value in (Stage.ELIGIBLE, Stage.UNDER_REVIEW):
        # The stage stands: a pending request rests on the newest evaluation.
        pending.update(evaluation=evaluation)
    else:
        _supersede_pending(factory)
    if decision.stage == criteria.Stage.CANDIDATE and stage_before != Stage.CANDIDATE:
        from differentiation.tasks import notify_candidate

        enqueue_on_commit(notify_candidate, factory.pk)
    return EvaluationRun(evaluation, decision.stage.value)


def _supersede_pending(factory: Factory) -> None:
    factory.approval_requests.pending().update(
        status=RequestStatus.SUPERSEDED, closed_at=timezone.now()
    )


def _last_finalised() -> dict[str, Any]:
    """Annotations of a factory queryset: when its latest assessment and PR2 were finalised,
    and when a remediation was last recorded on a finalised assessment."""
    return {
        "last_remediation": Subquery(
            RecordChange.objects.filter(
                factory=OuterRef("pk"), target__startswith=REMEDIATION_TARGET
            )
            .order_by("-at")
            .values("at")[:1]
        ),
        "last_assessment": Subquery(
            Assessment.objects.finalised()
            .filter(factory=OuterRef("pk"))
            .order_by("-finalised_at")
            .values("finalised_at")[:1]
        ),
        "last_report": Subquery(
            ProgressReport.objects.finalised()
            .filter(factory=OuterRef("pk"), number=criteria.PROGRESS_REPORT_2)
            .order_by("-finalised_at")
            .values("finalised_at")[:1]
        ),
    }


def _unseen_data() -> Q:
    """Finalised data newer than what the latest evaluation (or unchanged check) saw."""
    return (
        Q(last_assessment__gt=F("seen"))
        | Q(last_report__gt=F("seen"))
        | Q(last_remediation__gt=F("seen"))
    )


def _with_seen(queryset: Any) -> Any:
    latest_evaluation = Evaluation.objects.filter(factory=OuterRef("pk")).order_by(
        "-created_at", "-id"
    )
    return (
        queryset.annotate(
            **_last_finalised(),
            last_evaluation=Subquery(latest_evaluation.values("created_at")[:1]),
            last_rules=Subquery(latest_evaluation.values("rule_version")[:1]),
            last_check=Subquery(
                EvaluationCheck.objects.filter(factory=OuterRef("pk")).values("checked_at")[:1]
            ),
        )
        # Greatest is NULL on SQLite when an argument is: never seen counts as the epoch.
        .annotate(seen=Greatest(Coalesce("last_evaluation", EPOCH), Coalesce("last_check", EPOCH)))
    )


def factories_needing_evaluation() -> list[int]:
    """Factories whose latest finalised data is newer than their latest evaluation (or than
    the last time their evidence was found unchanged, see EvaluationCheck), and factories last
    evaluated under an older rule version.

    The sweep's query: it finds the work a lost task message left undone, and re-evaluates the
    programme (in batches) when the rules change.
    """
    return list(
        _with_seen(Factory.objects.all())
        .filter(Q(last_assessment__isnull=False) | Q(last_report__isnull=False))
        .filter(
            _unseen_data() | (Q(last_rules__isnull=False) & ~Q(last_rules=criteria.RULE_VERSION))
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def has_unevaluated_data(factory: Factory) -> bool:
    """True when a record of the factory was finalised after its latest evaluation (and after
    the last time its evidence was found unchanged): the evaluation is not current yet."""
    return _with_seen(Factory.objects.filter(pk=factory.pk)).filter(_unseen_data()).exists()


# --- decisions ----------------------------------------------------------------------------


def _other_programme_managers(factory: Factory, actor: User) -> bool:
    return (
        Profile.objects.filter(
            role=Role.PROGRAMME_MANAGER, programmes=factory.programme, user__is_active=True
        )
        .exclude(user=actor)
        .exists()
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
        return (
            f"A newer evaluation of {factory.name} exists; this request no longer rests on the "
            "factory's latest data. Reload the page and decide on the current evaluation."
        )
    if has_unevaluated_data(factory):
        return (
            f"A record of {factory.name} was finalised after the evaluation this request rests "
            "on, and it has not been evaluated yet. Decide once the re-evaluation is done."
        )
    if request.kind == RequestKind.GRANT and not request.evaluation.all_met:
        return (
            f"The latest evaluation of {factory.name} does not show all five criteria met (new "
            "data left some unknown); it can be approved once they are met again, or rejected."
        )
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
    if approve and (stale := approval_staleness(locked)) is not None:
        raise Conflict(stale)
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
        from differentiation.tasks import issue_formal_note

        enqueue_on_commit(issue_formal_note, decision.pk)
    return decision
