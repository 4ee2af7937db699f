"""Reads for the factory's workspace. Every function takes a factory (or a user) that the caller
already found through factories.access; query counts do not grow with rows."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Max, Prefetch, Q, QuerySet

from differentiation.criteria import reason_text
from factories import access, workspace
from factories.models import (
    AdvisoryVisit,
    BenefitChoice,
    BenefitKind,
    Factory,
    ImprovementPlanItem,
    LearningSurveyResponse,
    LearningTheme,
    Objective,
    RoadMap,
    RoadMapTarget,
    Stage,
    TargetArea,
    ThirdPartyAccess,
    TrainingRecommendation,
    TrainingSession,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

GROUP_LABELS = {
    "compliance": "Compliance with publicly reported issues",
    "hr_management_systems": "HR management systems",
    "osh_management_systems": "OSH management systems",
    "social_dialogue": "Social dialogue",
    "learning": "Learning",
}
RESULT_LABELS = {"met": "Met", "not_met": "Not met", "unknown": "Unknown"}


def current_cycle(factory: Factory) -> int:
    """The latest cycle with an assessment or a progress report; 1 before any."""
    from assessments.models import Assessment, ProgressReport

    cycles = [
        Assessment.objects.filter(factory=factory).aggregate(c=Max("cycle"))["c"],
        ProgressReport.objects.filter(factory=factory).aggregate(c=Max("cycle"))["c"],
    ]
    return max([c for c in cycles if c is not None], default=1)


# --- progress towards the criteria ---------------------------------------------------------


@dataclass
class Progress:
    factory: Factory
    evaluation: Any  # differentiation.models.Evaluation | None
    criteria: list[dict[str, Any]] = field(default_factory=list)
    obstacles: list[str] = field(default_factory=list)
    stage: str = ""  # as the reader may see it: buyers see the PM's decision only
    stage_label: str = ""
    next_steps: list[str] = field(default_factory=list)  # the programme's own pipeline

    @property
    def assessment_overdue(self) -> bool:
        """The next assessment was due before today: flagged on the factory's page."""
        return self.factory.assessment_overdue

    @property
    def met_count(self) -> int:
        return sum(1 for c in self.criteria if c["result"] == "met")

    @property
    def high_performing(self) -> bool:
        return self.stage == Stage.HIGH_PERFORMING


def _next_steps(factory: Factory) -> list[str]:
    """What comes next in the programme's pipeline, for the factory and the programme staff."""
    due = factory.next_assessment_due
    match factory.stage:
        case Stage.CANDIDATE:
            when = f" due on {due:%Y-%m-%d}" if due else ""
            return [
                f"Candidate: the next assessment{when} will include the additional questions. "
                "The factory becomes eligible when it is finalised with every additional "
                "question confirmed and all five criteria met."
            ]
        case Stage.ELIGIBLE:
            return ["All five criteria are met: the programme manager's decision is pending."]
        case Stage.UNDER_REVIEW:
            return [
                "Newer data failed a criterion: a programme manager is reviewing the "
                "high-performing status, which stands until they decide."
            ]
        case _:
            return []


def progress_for(factory: Factory, *, for_buyer: bool = False) -> Progress:
    """Where the factory stands on each criterion, from its latest evaluation, and a plain list
    of what still stands between it and high-performing status. Buyers see the stage only as
    the PM decided it, and nothing of the programme's pipeline (RULES.md section 4)."""
    stage = factory.buyer_stage if for_buyer else Stage(factory.stage)
    shown: dict[str, Any] = {
        "stage": stage.value,
        "stage_label": str(stage.label),
        "next_steps": [] if for_buyer else _next_steps(factory),
    }
    evaluation = factory.evaluations.order_by("-created_at", "-id").first()
    if evaluation is None:
        return Progress(
            factory=factory,
            evaluation=None,
            criteria=[
                {
                    "group": g,
                    "label": label,
                    "result": "unknown",
                    "result_label": "Unknown",
                    "reasons": ["No finalised assessment has been evaluated yet."],
                }
                for g, label in GROUP_LABELS.items()
            ],
            obstacles=["A first finalised assessment, then a second one, are needed."],
            **shown,
        )
    criteria = []
    obstacles: list[str] = []
    for criterion in evaluation.outcome.get("criteria", []):
        result = criterion.get("result", "unknown")
        reasons = [reason_text(r) for r in criterion.get("reasons", [])]
        criteria.append(
            {
                "group": criterion.get("group"),
                "label": GROUP_LABELS.get(criterion.get("group"), criterion.get("group")),
                "result": result,
                "result_label": RESULT_LABELS.get(result, result),
                "reasons": reasons,
            }
        )
        if result != "met":
            obstacles.extend(reasons)
    if not for_buyer and factory.stage == Stage.NOT_ON_TRACK:
        obstacles.extend(
            reason_text(r) for r in evaluation.outcome.get("prequalification_reasons", [])
        )
    return Progress(
        factory=factory,
        evaluation=evaluation,
        criteria=criteria,
        obstacles=list(dict.fromkeys(obstacles)),
        **shown,
    )


# --- factory list --------------------------------------------------------------------------


def factories_for_staff(user: User, query: str = "") -> QuerySet[Factory]:
    factories = (
        access.factories_for(user, access.Action.WORK)
        .filter(programme__in=access.programmes_for(user))
        .select_related("programme", "enterprise_advisor")
        .order_by("name", "pk")
    )
    query = query.strip()
    if query:
        factories = factories.filter(Q(name__icontains=query) | Q(os_id__icontains=query))
    return factories


# --- road map ------------------------------------------------------------------------------


@dataclass
class RoadMapSummary:
    total: int
    done: int
    in_progress: int
    average_progress: int


def road_map_summary(targets: list[RoadMapTarget]) -> RoadMapSummary:
    total = len(targets)
    return RoadMapSummary(
        total=total,
        done=sum(1 for t in targets if t.status == RoadMapTarget.Status.DONE),
        in_progress=sum(1 for t in targets if t.status == RoadMapTarget.Status.IN_PROGRESS),
        average_progress=round(sum(t.progress for t in targets) / total) if total else 0,
    )


def road_map_for(factory: Factory, cycle: int) -> RoadMap | None:
    return (
        RoadMap.objects.filter(factory=factory, cycle=cycle)
        .select_related("endorsed_by", "signed_off_by")
        .prefetch_related(
            Prefetch(
                "targets",
                queryset=RoadMapTarget.objects.order_by("area", "due", "id").prefetch_related(
                    Prefetch(
                        "recommendations",
                        queryset=TrainingRecommendation.objects.select_related("recommended_by"),
                    )
                ),
            ),
            "versions__revised_by",
        )
        .first()
    )


def targets_by_area(road_map: RoadMap | None) -> list[dict[str, Any]]:
    targets = list(road_map.targets.all()) if road_map else []
    return [
        {"area": value, "label": label, "targets": [t for t in targets if t.area == value]}
        for value, label in TargetArea.choices
    ]


def targets_of(factory: Factory) -> QuerySet[RoadMapTarget]:
    return RoadMapTarget.objects.filter(road_map__factory=factory).select_related("road_map")


# --- objectives and visits -----------------------------------------------------------------


@dataclass
class Allowance:
    visits_allowed: int
    visits_used: int
    training_days_allowed: int
    training_days_used: int
    visits_given_up: int


def allowance_for(factory: Factory, cycle: int) -> Allowance:
    visits_allowed = workspace.visits_allowed(factory)
    return Allowance(
        visits_allowed=visits_allowed,
        visits_used=AdvisoryVisit.objects.filter(factory=factory, cycle=cycle).count(),
        training_days_allowed=workspace.training_days_allowed(factory),
        training_days_used=sum(
            TrainingSession.objects.filter(factory=factory, cycle=cycle).values_list(
                "days", flat=True
            )
        ),
        visits_given_up=factory.programme.advisory_visits_per_cycle - visits_allowed,
    )


def objectives_for(factory: Factory, cycle: int) -> QuerySet[Objective]:
    return (
        Objective.objects.filter(factory=factory, cycle=cycle)
        .select_related("target", "set_by")
        .order_by("kind", "id")
    )


def visits_for(factory: Factory, cycle: int) -> QuerySet[AdvisoryVisit]:
    return (
        AdvisoryVisit.objects.filter(factory=factory, cycle=cycle)
        .select_related("advisor")
        .prefetch_related("objectives")
    )


def trainings_for(factory: Factory, cycle: int) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(factory=factory, cycle=cycle).select_related("target")


# --- improvement plan ----------------------------------------------------------------------


@dataclass
class PlanSummary:
    total: int
    pending: int
    in_progress: int
    completed: int
    awaiting_confirmation: int
    confirmed: int

    @property
    def percent(self) -> int:
        return round(100 * self.confirmed / self.total) if self.total else 100


def _summarise(items: list[ImprovementPlanItem]) -> PlanSummary:
    statuses = Counter(i.status for i in items)
    confirmed = sum(1 for i in items if i.is_closed)
    return PlanSummary(
        total=len(items),
        pending=statuses[ImprovementPlanItem.Status.PENDING],
        in_progress=statuses[ImprovementPlanItem.Status.IN_PROGRESS],
        completed=statuses[ImprovementPlanItem.Status.COMPLETED],
        awaiting_confirmation=sum(1 for i in items if i.awaiting_confirmation),
        confirmed=confirmed,
    )


def improvement_plan_items(factory: Factory) -> QuerySet[ImprovementPlanItem]:
    return ImprovementPlanItem.objects.filter(factory=factory).select_related(
        "question__compliance_point", "assessment", "confirmed_by", "updated_by"
    )


@dataclass
class Plan:
    items: list[ImprovementPlanItem]
    summary: PlanSummary
    by_compliance_point: list[dict[str, Any]]


def improvement_plan_for(factory: Factory) -> Plan:
    """'Progress towards full compliance with public reporting issues', overall and per CP."""
    items = list(improvement_plan_items(factory))
    points: dict[int, list[ImprovementPlanItem]] = {}
    for item in items:
        points.setdefault(item.question.compliance_point_id, []).append(item)
    ordered = sorted(points.values(), key=lambda rows: rows[0].question.compliance_point.code)
    by_point: list[dict[str, Any]] = [
        {"compliance_point": rows[0].question.compliance_point, "summary": _summarise(rows)}
        for rows in ordered
    ]
    return Plan(items=items, summary=_summarise(items), by_compliance_point=by_point)


# --- benefits ------------------------------------------------------------------------------


def benefits_for(factory: Factory) -> dict[str, BenefitChoice | None]:
    """The current state of each benefit: the latest choice per kind (None: never chosen)."""
    latest: dict[str, BenefitChoice | None] = dict.fromkeys(BenefitKind.values)
    for choice in BenefitChoice.objects.filter(factory=factory).order_by("-id"):
        latest.setdefault(choice.kind, None)
        if latest[choice.kind] is None:
            latest[choice.kind] = choice
    return latest


def benefit_history(factory: Factory) -> QuerySet[BenefitChoice]:
    return BenefitChoice.objects.filter(factory=factory).select_related("chosen_by")[:50]


def opted_in(factory: Factory, kind: str) -> bool:
    """For the rest of the portal: has the factory opted into this visibility benefit?"""
    choice = workspace.latest_benefit(factory, kind)
    return bool(
        choice is not None and choice.value.get("opt_in") and workspace.is_high_performing(factory)
    )


# --- the learning survey -------------------------------------------------------------------


def latest_survey_response(
    *, year: int, factory: Factory | None = None, buyer: Any = None
) -> LearningSurveyResponse | None:
    responses = LearningSurveyResponse.objects.filter(year=year)
    if factory is not None:
        responses = responses.filter(factory=factory)
    else:
        responses = responses.filter(buyer=buyer)
    return responses.order_by("-id").first()


def survey_results(user: User, year: int) -> list[dict[str, Any]]:
    """Counts per theme for each programme of a PM: the latest response of each factory of the
    programme, and of each buyer with access to a factory of the programme, in that year."""
    programmes = list(access.programmes_for(user).order_by("name"))
    responses = list(
        LearningSurveyResponse.objects.filter(year=year)
        .filter(
            Q(factory__programme__in=programmes)
            | Q(
                buyer__access_grants__factory__programme__in=programmes,
                buyer__access_grants__revoked_at__isnull=True,
            )
        )
        .distinct()
        .select_related("factory", "buyer")
        .order_by("-id")
    )
    buyer_programmes: dict[int, set[int]] = {}
    for buyer_id, programme_id in ThirdPartyAccess.objects.filter(
        revoked_at__isnull=True, factory__programme__in=programmes
    ).values_list("buyer_id", "factory__programme_id"):
        buyer_programmes.setdefault(buyer_id, set()).add(programme_id)
    latest: dict[tuple[str, int], LearningSurveyResponse] = {}
    for response in responses:
        key = (
            ("factory", response.factory_id)
            if response.factory_id
            else ("buyer", response.buyer_id)
        )
        latest.setdefault(key, response)  # type: ignore[arg-type]
    results = []
    for programme in programmes:
        counts = {"factory": Counter[str](), "buyer": Counter[str]()}
        respondents = {"factory": 0, "buyer": 0}
        others: list[str] = []
        for (kind, respondent_id), response in latest.items():
            if (
                kind == "factory"
                and getattr(response.factory, "programme_id", None) != programme.pk
            ):
                continue
            if kind == "buyer" and programme.pk not in buyer_programmes.get(respondent_id, set()):
                continue
            respondents[kind] += 1
            counts[kind].update(response.themes)
            if response.other:
                others.append(response.other)
        results.append(
            {
                "programme": programme,
                "factories": respondents["factory"],
                "buyers": respondents["buyer"],
                "themes": [
                    {
                        "theme": value,
                        "label": label,
                        "factories": counts["factory"][value],
                        "buyers": counts["buyer"][value],
                        "total": counts["factory"][value] + counts["buyer"][value],
                    }
                    for value, label in LearningTheme.choices
                ],
                "others": others,
            }
        )
    return results


def this_year() -> int:
    return datetime.date.today().year
