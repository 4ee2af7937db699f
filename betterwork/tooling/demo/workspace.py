"""The demo factories' workspaces: a committee, a road map, objectives and visits, a plan worked.

Built through the workspace's own services, dated relative to the day the demo is built (see
`clock.on`): a committee with members (one who left) and meetings, the current cycle's road map
with targets in the five areas (one due soon, one overdue), objectives tied to the targets,
advisory visits and a training, and the improvement plan with items closed, awaiting the EA's
confirmation and still open.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from betterwork.tooling.demo.clock import on
from factories.models import Factory
from workspace import services
from workspace.models import CommitteeMember, ImprovementPlanItem, Objective, RoadMapTarget
from workspace.vocabulary import PlanItemStatus, TargetArea, TargetStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SIGNED_OFF, ENDORSED, DRAFT = "signed_off", "endorsed", "draft"


@dataclass(frozen=True)
class WorkspacePlan:
    road_map: str  # SIGNED_OFF, ENDORSED (awaiting top management) or DRAFT
    work_plan: bool = False  # the factory works its improvement plan, the EA confirms some


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


# (name, category, position, union representative, elected, chair, joined days ago, left days ago)
WORKERS, MANAGEMENT = CommitteeMember.Category.WORKERS, CommitteeMember.Category.MANAGEMENT
MEMBERS = (
    ("Farhana Akter", WORKERS, "Sewing operator, line 4", True, True, True, 420, None),
    ("Mohammad Rafiq", WORKERS, "Cutter, cutting section", False, True, False, 420, None),
    ("Shirin Sultana", WORKERS, "Quality inspector", False, True, False, 190, None),
    ("Kamal Hossain", MANAGEMENT, "HR manager", False, False, False, 420, None),
    ("Nasrin Begum", MANAGEMENT, "Compliance officer", False, False, False, 420, None),
    ("Abdul Karim", MANAGEMENT, "Production manager", False, False, False, 420, 120),
)

MEETINGS = (
    (75, "Agreed the road map's targets; the HR manager presents the overtime records monthly."),
    (45, "Reviewed the suggestion boxes' first month: 14 suggestions, 9 answered on the board."),
    (12, "Fire-safety check list of November discussed; two blocked aisles cleared the same day."),
)

# (area, description, owner, due in days (negative: past), status, progress)
TARGETS = (
    (
        TargetArea.PUBLIC_REPORTING,
        "Pay overtime at the legal premium and show it on every payslip.",
        "Kamal Hossain, HR manager",
        10,
        TargetStatus.IN_PROGRESS,
        60,
    ),
    (
        TargetArea.COMMITTEE_DIALOGUE,
        "Post the committee's minutes on every floor's notice board within a week.",
        "Farhana Akter, committee chair",
        -90,
        TargetStatus.DONE,
        100,
    ),
    (
        TargetArea.PROBLEM_SOLVING,
        "Settle disputes about production targets in the committee before escalating.",
        "Nasrin Begum, compliance officer",
        40,
        TargetStatus.IN_PROGRESS,
        30,
    ),
    (
        TargetArea.GRIEVANCE,
        "Suggestion boxes on every floor, opened weekly with a worker representative.",
        "Mohammad Rafiq, worker representative",
        -6,
        TargetStatus.IN_PROGRESS,
        50,
    ),
    (
        TargetArea.MANAGEMENT_SYSTEMS,
        "A monthly fire-safety check list, reviewed by the committee (Plan-Do-Check-Act).",
        "Nasrin Begum, compliance officer",
        120,
        TargetStatus.NOT_STARTED,
        0,
    ),
)


class WorkspaceBuilder:
    def __init__(
        self,
        *,
        factory: Factory,
        today: datetime.date,
        advisor: User,
        top_management: User,
        committee_user: User,
    ) -> None:
        self.factory = factory
        self.today = today
        self.advisor = advisor
        self.top = top_management
        self.committee_user = committee_user

    def build(self, plan: WorkspacePlan) -> None:
        self._committee()
        targets = self._road_map(plan.road_map)
        self._advisory(targets)
        if plan.work_plan:
            self._improvement_plan()

    def _committee(self) -> None:
        with on(self.today - days(420)):
            members = {
                name: services.committee_member_add(
                    factory=self.factory,
                    actor=self.top,
                    name=name,
                    category=category,
                    position=position,
                    union_representative=union,
                    elected=elected,
                    is_chair=chair,
                    joined=self.today - days(joined),
                )
                for name, category, position, union, elected, chair, joined, _ in MEMBERS
                if joined >= 420
            }
        for name, category, position, union, elected, chair, joined, left in MEMBERS:
            if joined < 420:
                with on(self.today - days(joined)):
                    members[name] = services.committee_member_add(
                        factory=self.factory,
                        actor=self.top,
                        name=name,
                        category=category,
                        position=position,
                        union_representative=union,
                        elected=elected,
                        is_chair=chair,
                        joined=self.today - days(joined),
                    )
            if left is not None:
                with on(self.today - days(left)):
                    services.committee_member_leave(
                        member=members[name], actor=self.top, left=self.today - days(left)
                    )
        for ago, minutes in MEETINGS:
            with on(self.today - days(ago)):
                services.committee_meeting_add(
                    factory=self.factory,
                    actor=self.committee_user,
                    date=self.today - days(ago),
                    minutes=minutes,
                )

    def _road_map(self, state: str) -> list[RoadMapTarget]:
        from workspace.selectors import current_cycle

        with on(self.today - days(80)):
            road_map = services.road_map_create(
                factory=self.factory, actor=self.top, cycle=current_cycle(self.factory)
            )
            targets = [
                services.road_map_target_add(
                    road_map=road_map,
                    actor=self.top,
                    area=area,
                    description=description,
                    owner=owner,
                    due=self.today + days(due_in),
                    status=status,
                    progress=progress,
                )
                for area, description, owner, due_in, status, progress in TARGETS
            ]
        if state in (SIGNED_OFF, ENDORSED):
            with on(self.today - days(75)):  # the meeting that agreed the targets
                services.road_map_endorse(road_map=road_map, actor=self.committee_user)
        if state == SIGNED_OFF:
            with on(self.today - days(70)):
                services.road_map_sign_off(road_map=road_map, actor=self.top)
        return targets

    def _advisory(self, targets: list[RoadMapTarget]) -> None:
        cycle = targets[0].road_map.cycle
        by_area = {t.area: t for t in targets}
        with on(self.today - days(78)):
            objectives = [
                services.objective_set(
                    factory=self.factory,
                    actor=self.advisor,
                    kind=Objective.Kind.ADVISORY_VISIT,
                    description="Walk the payroll process with HR; check overtime premiums.",
                    target=by_area[TargetArea.PUBLIC_REPORTING],
                ),
                services.objective_set(
                    factory=self.factory,
                    actor=self.advisor,
                    kind=Objective.Kind.TRAINING,
                    description="Train committee members in running a meeting and taking minutes.",
                    target=by_area[TargetArea.COMMITTEE_DIALOGUE],
                ),
                services.objective_set(
                    factory=self.factory,
                    actor=self.advisor,
                    kind=Objective.Kind.LEARNING_EVENT,
                    description="Grievance handling: a learning event with two other factories.",
                    target=by_area[TargetArea.GRIEVANCE],
                ),
            ]
            services.training_recommend(
                target=by_area[TargetArea.GRIEVANCE],
                actor=self.advisor,
                training="Workplace cooperation: grievance handling",
                note="Two days; the chair and one management member.",
            )
        visits: tuple[tuple[int, list[Objective], str], ...] = (
            (150, [], "Introduced the differentiation criteria to management and the committee."),
            (60, objectives[:1], "Payroll walked with HR: premiums missing for Sunday overtime."),
            (20, objectives[:2], "Minutes now posted on all floors; payslips redesigned."),
        )
        for ago, chosen, notes in visits:
            with on(self.today - days(ago)):
                services.advisory_visit_record(
                    factory=self.factory,
                    actor=self.advisor,
                    cycle=cycle,
                    date=self.today - days(ago),
                    advisor=self.advisor,
                    objectives=chosen,
                    notes=notes,
                )
        with on(self.today - days(50)):
            services.training_session_record(
                factory=self.factory,
                actor=self.advisor,
                cycle=cycle,
                date=self.today - days(50),
                topic="Committee skills: meetings and minutes",
                days=2,
                target=by_area[TargetArea.COMMITTEE_DIALOGUE],
            )

    def _improvement_plan(self) -> None:
        """Older items closed by the EA, the latest one awaiting confirmation, the others open:
        one due soon and one overdue."""
        items = list(
            ImprovementPlanItem.objects.filter(factory=self.factory)
            .select_related("assessment", "question")
            .order_by("assessment__visit_date", "question__code")
        )
        latest = max((item.assessment.visit_date for item in items), default=None)
        older = [item for item in items if item.assessment.visit_date != latest]
        current = [item for item in items if item.assessment.visit_date == latest]
        for item in older:
            done_on = item.assessment.visit_date + days(60)
            with on(done_on):
                services.improvement_plan_item_update(
                    item=item,
                    actor=self.top,
                    action=f"Corrected and checked by the committee ({item.question.code}).",
                    responsible="Kamal Hossain, HR manager",
                    deadline=done_on,
                    status=PlanItemStatus.COMPLETED,
                )
            with on(done_on + days(14)):
                services.improvement_plan_item_confirm(item=item, actor=self.advisor)
        # The latest assessment's items: one due soon, one overdue, one done that the EA has to
        # confirm (a lone item is the one done).
        done = (PlanItemStatus.COMPLETED, -8, "New policy posted and explained on every floor.")
        states = [
            (PlanItemStatus.IN_PROGRESS, 12, "Payroll software updated; back pay being computed."),
            (PlanItemStatus.PENDING, -20, ""),
            done,
        ]
        if len(current) == 1:
            states = [done]
        with on(self.today - days(30)):
            for item, (status, due_in, action) in zip(current, states, strict=False):
                services.improvement_plan_item_update(
                    item=item,
                    actor=self.top,
                    action=action,
                    responsible="Nasrin Begum, compliance officer",
                    deadline=self.today + days(due_in),
                    status=status,
                )
