"""Writes on the factory's workspace: committee, road map, objectives and visits, improvement
plan, benefits and the learning survey. One keyword-only function per change, in a transaction.

Scope (which factory a person may touch at all) is the views' job, through factories.access;
the rules about *who* within that scope may do what live here, so the pages and any later API
refuse the same things with the same words.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from factories import access
from factories.models import (
    AdvisoryVisit,
    BenefitChoice,
    BenefitKind,
    Buyer,
    CommitteeMeeting,
    CommitteeMember,
    Factory,
    ImprovementPlanItem,
    LearningSurveyResponse,
    LearningTheme,
    Objective,
    RoadMap,
    RoadMapTarget,
    RoadMapVersion,
    Role,
    TargetArea,
    TrainingRecommendation,
    TrainingSession,
)
from factories.services import next_assessment_due

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from assessments.models import Assessment

HIGH_PERFORMING_STAGES = ("high_performing", "under_review")
STAFF_ROLES = (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR)


# --- who may -------------------------------------------------------------------------------


def _require_work(actor: User, factory: Factory) -> None:
    if not access.may(actor, access.Action.WORK, factory):
        raise PermissionDenied("You do not work on this factory's workspace.")


def is_staff_of(actor: User, factory: Factory) -> bool:
    """The EA and the PMs of the factory's programme."""
    return access.role_of(actor) in STAFF_ROLES and access.may(actor, access.Action.WORK, factory)


def _require_staff(actor: User, factory: Factory, what: str) -> None:
    if not is_staff_of(actor, factory):
        raise PermissionDenied(f"Only the enterprise advisor or a programme manager {what}.")


def may_choose_benefits(actor: User, factory: Factory) -> bool:
    """Factory users choose; PMs of the programme may record a choice on the factory's behalf."""
    role = access.role_of(actor)
    if role == Role.FACTORY:
        return access.may(actor, access.Action.WORK, factory)
    if role == Role.PROGRAMME_MANAGER:
        return access.may(actor, access.Action.DECIDE, factory)
    return False


def is_high_performing(factory: Factory) -> bool:
    """'under_review' keeps the benefits until the PM withdraws the status."""
    return factory.stage in HIGH_PERFORMING_STAGES


# --- the bipartite committee ---------------------------------------------------------------


def _check_chair(
    factory: Factory, is_chair: bool, left: datetime.date | None, pk: int | None
) -> None:
    if not is_chair or left is not None:
        return
    others = CommitteeMember.objects.filter(factory=factory, is_chair=True, left__isnull=True)
    if pk is not None:
        others = others.exclude(pk=pk)
    chair = others.first()
    if chair is not None:
        raise ValidationError(
            {"is_chair": [f"{chair.name} is the current chair; make them step down first."]}
        )


def _check_member_dates(joined: datetime.date, left: datetime.date | None) -> None:
    if joined > timezone.localdate():
        raise ValidationError({"joined": [f"{joined.isoformat()} is in the future."]})
    if left is not None and left < joined:
        raise ValidationError({"left": ["A member cannot leave before joining."]})


@transaction.atomic
def committee_member_add(
    *,
    factory: Factory,
    actor: User,
    name: str,
    category: str,
    joined: datetime.date,
    position: str = "",
    union_representative: bool = False,
    elected: bool = False,
    is_chair: bool = False,
) -> CommitteeMember:
    _require_work(actor, factory)
    Factory.objects.select_for_update().get(pk=factory.pk)  # one chair at a time
    name = name.strip()
    if not name:
        raise ValidationError({"name": ["A member needs a name."]})
    if category not in CommitteeMember.Category.values:
        raise ValidationError({"category": ["Choose management or workers."]})
    _check_member_dates(joined, None)
    _check_chair(factory, is_chair, None, None)
    return CommitteeMember.objects.create(
        factory=factory,
        name=name,
        category=category,
        position=position.strip(),
        union_representative=union_representative,
        elected=elected,
        joined=joined,
        is_chair=is_chair,
    )


@transaction.atomic
def committee_member_update(
    *,
    member: CommitteeMember,
    actor: User,
    name: str,
    category: str,
    joined: datetime.date,
    position: str = "",
    union_representative: bool = False,
    elected: bool = False,
    is_chair: bool = False,
    left: datetime.date | None = None,
) -> CommitteeMember:
    _require_work(actor, member.factory)
    Factory.objects.select_for_update().get(pk=member.factory_id)
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    if category not in CommitteeMember.Category.values:
        raise ValidationError({"category": ["Choose management or workers."]})
    _check_member_dates(joined, left)
    _check_chair(member.factory, is_chair, left, member.pk)
    member.name = name.strip() or member.name
    member.category = category
    member.position = position.strip()
    member.union_representative = union_representative
    member.elected = elected
    member.joined = joined
    member.left = left
    member.is_chair = is_chair
    member.save()
    return member


@transaction.atomic
def committee_member_leave(
    *, member: CommitteeMember, actor: User, left: datetime.date
) -> CommitteeMember:
    """A member who leaves keeps their row, with the date they left; never deleted."""
    _require_work(actor, member.factory)
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    if member.left is not None:
        raise ValidationError({"left": [f"{member.name} already left on {member.left}."]})
    _check_member_dates(member.joined, left)
    if left > timezone.localdate():
        raise ValidationError({"left": [f"{left.isoformat()} is in the future."]})
    member.left = left
    member.save(update_fields=["left"])
    return member


@transaction.atomic
def committee_meeting_add(
    *, factory: Factory, actor: User, date: datetime.date, minutes: str
) -> CommitteeMeeting:
    _require_work(actor, factory)
    if date > timezone.localdate():
        raise ValidationError({"date": [f"{date.isoformat()} is in the future."]})
    if not minutes.strip():
        raise ValidationError({"minutes": ["Write down what the committee discussed."]})
    return CommitteeMeeting.objects.create(
        factory=factory, date=date, minutes=minutes.strip(), recorded_by=actor
    )


# --- the road map --------------------------------------------------------------------------


def _snapshot(road_map: RoadMap) -> list[dict[str, Any]]:
    return [
        {
            "id": t.pk,
            "area": t.area,
            "description": t.description,
            "owner": t.owner,
            "due": t.due.isoformat(),
            "status": t.status,
            "progress": t.progress,
        }
        for t in road_map.targets.order_by("id")
    ]


def _revise_if_signed_off(road_map: RoadMap, actor: User) -> None:
    """'Changing a signed-off road map records a new version': keep the signed-off targets,
    then clear the sign-off so that top management signs the revised map again."""
    if not road_map.is_signed_off:
        return
    RoadMapVersion.objects.create(
        road_map=road_map,
        number=road_map.version,
        targets=_snapshot(road_map),
        endorsed_by=road_map.endorsed_by,
        endorsed_at=road_map.endorsed_at,
        signed_off_by=road_map.signed_off_by,
        signed_off_at=road_map.signed_off_at,
        revised_by=actor,
    )
    road_map.version += 1
    road_map.signed_off_by = None
    road_map.signed_off_at = None
    road_map.save(update_fields=["version", "signed_off_by", "signed_off_at"])


@transaction.atomic
def road_map_create(*, factory: Factory, actor: User, cycle: int) -> RoadMap:
    _require_work(actor, factory)
    if cycle < 1:
        raise ValidationError({"cycle": ["The cycle is a whole number from 1."]})
    if RoadMap.objects.filter(factory=factory, cycle=cycle).exists():
        raise ValidationError({"cycle": [f"Cycle {cycle} already has a road map."]})
    return RoadMap.objects.create(factory=factory, cycle=cycle)


def _check_target(area: str, description: str, owner: str, status: str, progress: int) -> None:
    errors: dict[str, list[str]] = {}
    if area not in TargetArea.values:
        errors["area"] = ["Choose one of the five target areas."]
    if not description.strip():
        errors["description"] = ["Describe the target."]
    if not owner.strip():
        errors["owner"] = ["Name who owns the target."]
    if status not in RoadMapTarget.Status.values:
        errors["status"] = ["Choose not started, in progress or done."]
    if not 0 <= progress <= 100:
        errors["progress"] = ["Progress is a percentage from 0 to 100."]
    elif status == RoadMapTarget.Status.DONE and progress != 100:
        errors["progress"] = ["A target that is done is at 100 %."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def road_map_target_add(
    *,
    road_map: RoadMap,
    actor: User,
    area: str,
    description: str,
    owner: str,
    due: datetime.date,
    status: str = RoadMapTarget.Status.NOT_STARTED,
    progress: int = 0,
) -> RoadMapTarget:
    _require_work(actor, road_map.factory)
    road_map = RoadMap.objects.select_for_update().get(pk=road_map.pk)
    _check_target(area, description, owner, status, progress)
    _revise_if_signed_off(road_map, actor)
    return RoadMapTarget.objects.create(
        road_map=road_map,
        area=area,
        description=description.strip(),
        owner=owner.strip(),
        due=due,
        status=status,
        progress=progress,
    )


@transaction.atomic
def road_map_target_update(
    *,
    target: RoadMapTarget,
    actor: User,
    description: str,
    owner: str,
    due: datetime.date,
    status: str,
    progress: int,
    area: str | None = None,
) -> RoadMapTarget:
    road_map = (
        RoadMap.objects.select_for_update().select_related("factory").get(pk=target.road_map_id)
    )
    _require_work(actor, road_map.factory)
    target = RoadMapTarget.objects.select_for_update().get(pk=target.pk)
    area = area or target.area
    _check_target(area, description, owner, status, progress)
    changed = (area, description.strip(), owner.strip(), due, status, progress) != (
        target.area,
        target.description,
        target.owner,
        target.due,
        target.status,
        target.progress,
    )
    if not changed:
        return target
    _revise_if_signed_off(road_map, actor)
    target.area = area
    target.description = description.strip()
    target.owner = owner.strip()
    target.due = due
    target.status = status
    target.progress = progress
    target.save()
    return target


@transaction.atomic
def road_map_endorse(*, road_map: RoadMap, actor: User) -> RoadMap:
    """Records that the bipartite committee endorsed the map (it owns it)."""
    _require_work(actor, road_map.factory)
    road_map = RoadMap.objects.select_for_update().get(pk=road_map.pk)
    if not road_map.targets.exists():
        raise ValidationError(
            {"detail": ["Set at least one target before the committee endorses."]}
        )
    road_map.endorsed_by = actor
    road_map.endorsed_at = timezone.now()
    road_map.save(update_fields=["endorsed_by", "endorsed_at"])
    return road_map


@transaction.atomic
def road_map_sign_off(*, road_map: RoadMap, actor: User) -> RoadMap:
    """Top management signs off: a user of the factory, after the committee endorsed the map."""
    _require_work(actor, road_map.factory)
    if access.role_of(actor) != Role.FACTORY:
        raise PermissionDenied("Top management of the factory signs off its road map.")
    road_map = RoadMap.objects.select_for_update().get(pk=road_map.pk)
    if road_map.endorsed_at is None:
        raise ValidationError({"detail": ["The bipartite committee endorses the map first."]})
    if road_map.is_signed_off:
        raise ValidationError({"detail": ["This version is already signed off."]})
    road_map.signed_off_by = actor
    road_map.signed_off_at = timezone.now()
    road_map.save(update_fields=["signed_off_by", "signed_off_at"])
    return road_map


# --- objectives, recommendations, visits, trainings ----------------------------------------


def _check_target_of(factory: Factory, target: RoadMapTarget | None, field: str = "target") -> None:
    if target is not None and target.road_map.factory_id != factory.pk:
        raise ValidationError({field: ["That target is on another factory's road map."]})


@transaction.atomic
def objective_set(
    *,
    factory: Factory,
    actor: User,
    kind: str,
    description: str,
    target: RoadMapTarget,
) -> Objective:
    """'The EA will work with the factory to set objectives for factory visits, trainings and
    other learning events' that contribute to the road map: each tied to a target."""
    _require_staff(actor, factory, "sets objectives")
    if kind not in Objective.Kind.values:
        raise ValidationError({"kind": ["Choose advisory visit, training or learning event."]})
    if not description.strip():
        raise ValidationError({"description": ["Describe the objective."]})
    _check_target_of(factory, target)
    return Objective.objects.create(
        factory=factory,
        cycle=target.road_map.cycle,
        kind=kind,
        description=description.strip(),
        target=target,
        set_by=actor,
    )


@transaction.atomic
def training_recommend(
    *, target: RoadMapTarget, actor: User, training: str, note: str = ""
) -> TrainingRecommendation:
    factory = target.road_map.factory
    _require_staff(actor, factory, "recommends trainings")
    if not training.strip():
        raise ValidationError({"training": ["Name the training."]})
    return TrainingRecommendation.objects.create(
        target=target, training=training.strip(), note=note.strip(), recommended_by=actor
    )


def visits_allowed(factory: Factory) -> int:
    """Up to 6 advisory visits per cycle by default, fewer if the factory chose training days."""
    default = factory.programme.advisory_visits_per_cycle
    choice = latest_benefit(factory, BenefitKind.FEWER_VISITS)
    if choice is not None and is_high_performing(factory):
        return min(default, int(choice.value.get("visits", default)))
    return default


def training_days_allowed(factory: Factory) -> int:
    return factory.programme.training_days_allowance + (
        factory.programme.advisory_visits_per_cycle - visits_allowed(factory)
    )


@transaction.atomic
def advisory_visit_record(
    *,
    factory: Factory,
    actor: User,
    cycle: int,
    date: datetime.date,
    advisor: User,
    objectives: Sequence[Objective] = (),
    notes: str = "",
) -> AdvisoryVisit:
    _require_staff(actor, factory, "records advisory visits")
    locked = Factory.objects.select_for_update().select_related("programme").get(pk=factory.pk)
    if date > timezone.localdate():
        raise ValidationError({"date": [f"{date.isoformat()} is in the future."]})
    if not is_staff_of(advisor, factory):
        raise ValidationError(
            {"advisor": ["The advisor must be staff of the factory's programme."]}
        )
    for objective in objectives:
        if objective.factory_id != factory.pk:
            raise ValidationError({"objectives": ["An objective belongs to another factory."]})
    allowed = visits_allowed(locked)
    used = AdvisoryVisit.objects.filter(factory=factory, cycle=cycle).count()
    if used >= allowed:
        raise ValidationError(
            {"date": [f"All {allowed} advisory visits of cycle {cycle} are used."]}
        )
    visit = AdvisoryVisit.objects.create(
        factory=factory, cycle=cycle, date=date, advisor=advisor, notes=notes.strip()
    )
    visit.objectives.set(objectives)
    return visit


@transaction.atomic
def training_session_record(
    *,
    factory: Factory,
    actor: User,
    cycle: int,
    date: datetime.date,
    topic: str,
    days: int,
    target: RoadMapTarget | None = None,
) -> TrainingSession:
    _require_staff(actor, factory, "records training days")
    locked = Factory.objects.select_for_update().select_related("programme").get(pk=factory.pk)
    if days < 1:
        raise ValidationError({"days": ["A training lasts at least one day."]})
    if not topic.strip():
        raise ValidationError({"topic": ["Name the training."]})
    _check_target_of(factory, target)
    allowed = training_days_allowed(locked)
    used = sum(
        TrainingSession.objects.filter(factory=factory, cycle=cycle).values_list("days", flat=True)
    )
    if used + days > allowed:
        raise ValidationError(
            {
                "days": [
                    f"Only {allowed - used} of {allowed} training days are left in cycle {cycle}."
                ]
            }
        )
    return TrainingSession.objects.create(
        factory=factory,
        cycle=cycle,
        date=date,
        topic=topic.strip(),
        days=days,
        target=target,
        recorded_by=actor,
    )


# --- the improvement plan ------------------------------------------------------------------


@transaction.atomic
def improvement_plan_open_for(*, assessment: Assessment) -> list[ImprovementPlanItem]:
    """Open one item per non-compliance on a publicly reported question of a finalised
    assessment. Idempotent: a second call opens nothing new."""
    from assessments.models import Finding

    if not assessment.is_finalised:
        raise ValidationError({"assessment": ["Only a finalised assessment opens plan items."]})
    findings = Finding.objects.filter(
        assessment=assessment, non_compliant=True, question__publicly_reported=True
    ).select_related("question")
    existing = set(
        ImprovementPlanItem.objects.filter(assessment=assessment).values_list(
            "question_id", flat=True
        )
    )
    items = [
        ImprovementPlanItem(
            factory_id=assessment.factory_id,
            assessment=assessment,
            finding=finding,
            question=finding.question,
        )
        for finding in findings
        if finding.question_id not in existing
    ]
    return ImprovementPlanItem.objects.bulk_create(items)


@transaction.atomic
def improvement_plan_item_update(
    *,
    item: ImprovementPlanItem,
    actor: User,
    action: str,
    responsible: str,
    deadline: datetime.date | None,
    status: str,
) -> ImprovementPlanItem:
    """The factory works its plan. Marking an item Completed leaves it awaiting the EA."""
    _require_work(actor, item.factory)
    item = ImprovementPlanItem.objects.select_for_update().get(pk=item.pk)
    if status not in ImprovementPlanItem.Status.values:
        raise ValidationError({"status": ["Choose Pending, In progress or Completed."]})
    if item.confirmed_at is not None:
        raise ValidationError(
            {"status": ["The enterprise advisor confirmed this item; it is closed."]}
        )
    if status == ImprovementPlanItem.Status.COMPLETED and not action.strip():
        raise ValidationError({"action": ["Say what was done before marking it Completed."]})
    item.action = action.strip()
    item.responsible = responsible.strip()
    item.deadline = deadline
    item.status = status
    item.updated_by = actor
    item.save()
    return item


@transaction.atomic
def improvement_plan_item_confirm(*, item: ImprovementPlanItem, actor: User) -> ImprovementPlanItem:
    """The EA (or a PM) confirms that a completed item is fixed."""
    _require_staff(actor, item.factory, "confirms completion")
    item = ImprovementPlanItem.objects.select_for_update().get(pk=item.pk)
    if item.status != ImprovementPlanItem.Status.COMPLETED:
        raise ValidationError({"status": ["Only an item the factory completed can be confirmed."]})
    if item.confirmed_at is not None:
        raise ValidationError({"status": ["This item is already confirmed."]})
    item.confirmed_by = actor
    item.confirmed_at = timezone.now()
    item.save(update_fields=["confirmed_by", "confirmed_at"])
    return item


# --- benefits of a high-performing factory -------------------------------------------------


def latest_benefit(factory: Factory, kind: str) -> BenefitChoice | None:
    return BenefitChoice.objects.filter(factory=factory, kind=kind).order_by("-id").first()


def _lock_high_performing(factory: Factory, actor: User) -> Factory:
    if not may_choose_benefits(actor, factory):
        raise PermissionDenied(
            "The factory's own users, or a programme manager on its behalf, choose its benefits."
        )
    locked = Factory.objects.select_for_update().select_related("programme").get(pk=factory.pk)
    if not is_high_performing(locked):
        raise ValidationError(
            {"detail": ["Only a high-performing factory can take up these benefits."]}
        )
    return locked


def _choose(
    factory: Factory, actor: User, kind: str, value: dict[str, Any], note: str = ""
) -> BenefitChoice:
    return BenefitChoice.objects.create(
        factory=factory, kind=kind, value=value, note=note.strip(), chosen_by=actor
    )


@transaction.atomic
def benefit_assessment_interval_choose(
    *, factory: Factory, actor: User, months: int
) -> BenefitChoice:
    """'If the factory agrees ... an assessment once in 24 months instead of 12.' The next
    assessment falls due that long after the last finalised one."""
    locked = _lock_high_performing(factory, actor)
    if months not in (12, 24):
        raise ValidationError({"months": ["The assessment interval is 12 or 24 months."]})
    locked.assessment_interval_months = months
    last_visit = (
        locked.assessments.finalised()
        .order_by("-visit_date")
        .values_list("visit_date", flat=True)
        .first()
    )
    fields = ["assessment_interval_months"]
    if last_visit is not None:
        locked.next_assessment_due = next_assessment_due(
            last_visit=last_visit, interval_months=months
        )
        fields.append("next_assessment_due")
    locked.save(update_fields=fields)
    factory.assessment_interval_months = locked.assessment_interval_months
    factory.next_assessment_due = locked.next_assessment_due
    return _choose(locked, actor, BenefitKind.ASSESSMENT_INTERVAL, {"months": months})


@transaction.atomic
def benefit_fewer_visits_choose(
    *, factory: Factory, actor: User, visits: int, note: str = ""
) -> BenefitChoice:
    """'The factory can choose to reduce the amount of visits and replace these with
    additional training': each visit given up is one more training day."""
    locked = _lock_high_performing(factory, actor)
    default = locked.programme.advisory_visits_per_cycle
    if not 0 <= visits <= default:
        raise ValidationError({"visits": [f"Choose between 0 and {default} visits."]})
    value = {"visits": visits, "extra_training_days": default - visits}
    return _choose(locked, actor, BenefitKind.FEWER_VISITS, value, note)


@transaction.atomic
def benefit_learning_services_choose(
    *, factory: Factory, actor: User, themes: Iterable[str]
) -> BenefitChoice:
    locked = _lock_high_performing(factory, actor)
    chosen = list(dict.fromkeys(themes))
    unknown = [t for t in chosen if t not in LearningTheme.values]
    if unknown:
        raise ValidationError({"themes": [f"Unknown learning theme: {', '.join(unknown)}."]})
    return _choose(locked, actor, BenefitKind.LEARNING_SERVICES, {"themes": chosen})


VISIBILITY_KINDS = (
    BenefitKind.PUBLIC_RECOGNITION,
    BenefitKind.PUBLIC_CAMPAIGNS,
    BenefitKind.BUYER_EVENTS,
)


@transaction.atomic
def benefit_visibility_choose(
    *,
    factory: Factory,
    actor: User,
    public_recognition: bool,
    public_campaigns: bool,
    buyer_events: bool,
) -> list[BenefitChoice]:
    """The three opt-ins; nothing about the status is shown publicly without them. A row is
    kept for every opt-in that changes."""
    locked = _lock_high_performing(factory, actor)
    wanted = {
        BenefitKind.PUBLIC_RECOGNITION: public_recognition,
        BenefitKind.PUBLIC_CAMPAIGNS: public_campaigns,
        BenefitKind.BUYER_EVENTS: buyer_events,
    }
    rows = []
    for kind, opt_in in wanted.items():
        current = latest_benefit(locked, kind)
        if current is None or bool(current.value.get("opt_in")) != opt_in:
            rows.append(_choose(locked, actor, kind, {"opt_in": opt_in}))
    return rows


# --- the learning survey -------------------------------------------------------------------


@transaction.atomic
def learning_survey_submit(
    *,
    actor: User,
    year: int,
    themes: Iterable[str],
    other: str = "",
    factory: Factory | None = None,
    buyer: Buyer | None = None,
) -> LearningSurveyResponse:
    """One response per factory or buyer and year; answering again adds a row that replaces
    the earlier one in the results."""
    if (factory is None) == (buyer is None):
        raise ValidationError({"detail": ["A response is from a factory or from a buyer."]})
    profile = access.profile_of(actor)
    if factory is not None and (
        profile is None or profile.role != Role.FACTORY or profile.factory_id != factory.pk
    ):
        raise PermissionDenied("Only the factory's own users answer for the factory.")
    if buyer is not None and (
        profile is None or profile.role != Role.BUYER or profile.buyer_id != buyer.pk
    ):
        raise PermissionDenied("Only the buyer's own users answer for the buyer.")
    chosen = list(dict.fromkeys(themes))
    unknown = [t for t in chosen if t not in LearningTheme.values]
    if unknown:
        raise ValidationError({"themes": [f"Unknown learning theme: {', '.join(unknown)}."]})
    if not chosen and not other.strip():
        raise ValidationError({"themes": ["Choose at least one area, or describe another."]})
    return LearningSurveyResponse.objects.create(
        factory=factory,
        buyer=buyer,
        year=year,
        themes=chosen,
        other=other.strip(),
        submitted_by=actor,
    )
