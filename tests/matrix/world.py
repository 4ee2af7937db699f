"""One object behind every URL parameter of the portal, for the permission matrix.

Everything belongs to `cast.factory` (BGD, the buyer has third-party access) so that the
personas' expected statuses read straight from RULES.md: programme staff in, the factory's own
user in, the buyer read-only where buyers may look, everyone else 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from assessments.models import Assessment, ImportBatch, ProgressReport
from assessments.services import FindingInput
from buyer_portal.quarters import Quarter
from buyer_portal.services import quarterly_overview_produce
from differentiation import services as differentiation_services
from differentiation.models import ApprovalRequest, Decision, FormalNote
from factories import workspace
from factories.models import CommitteeMember, ImprovementPlanItem, RoadMap, RoadMapTarget
from tests import makers


@dataclass
class World:
    cast: Any
    finalised: Assessment
    draft: Assessment
    report: ProgressReport
    request: ApprovalRequest
    note: FormalNote
    member: CommitteeMember
    road_map: RoadMap
    target: RoadMapTarget
    plan_item: ImprovementPlanItem
    batch: ImportBatch
    overview: Any

    def kwargs(self) -> dict[str, object]:
        """Values for every URL keyword the portal's routes take."""
        return {
            "pk": None,  # depends on the route: see tests/matrix/table.py
            "factory_id": self.cast.factory.pk,
            "factory_pk": self.cast.factory.pk,
            "buyer_id": self.cast.buyer.pk,
            "member_pk": self.member.pk,
            "map_pk": self.road_map.pk,
            "target_pk": self.target.pk,
            "item_pk": self.plan_item.pk,
            "batch_pk": self.batch.pk,
            "kind": "interval",
            "code": "CL-1.1",
            "question_code": "CL-1.1",
        }


def build_world(cast: Any) -> World:
    factory, ea, pm = cast.factory, cast.ea, cast.pm
    finalised = makers.make_assessment(
        factory,
        by=ea,
        cycle=1,
        visit_date=datetime.date(2025, 3, 12),
        findings=[FindingInput(question="CO-1.1", non_compliant=True)],
    )
    report = makers.make_report(factory, by=ea, cycle=1, release_date=datetime.date(2025, 11, 20))
    differentiation_services.factory_evaluate(factory_id=factory.pk)
    draft = makers.make_assessment(
        factory, by=ea, cycle=2, visit_date=datetime.date(2026, 3, 3), finalise=False
    )
    evaluation = factory.evaluations.latest()
    request = ApprovalRequest.objects.create(factory=factory, kind="grant", evaluation=evaluation)
    type(factory).objects.filter(pk=factory.pk).update(stage="eligible")  # as the request says
    decided = ApprovalRequest.objects.create(
        factory=cast.other_factory, kind="grant", evaluation=evaluation, status="approved"
    )
    decision = Decision.objects.create(request=decided, outcome="approved", decided_by=pm)
    note = FormalNote.objects.create(factory=factory, decision=decision, pdf=b"%PDF-1.4 test")
    note.buyers.set([cast.buyer])
    member = workspace.committee_member_add(
        factory=factory,
        actor=ea,
        name="Rina Akter",
        category="workers",
        joined=datetime.date(2025, 1, 6),
        elected=True,
    )
    road_map = workspace.road_map_create(factory=factory, actor=ea, cycle=1)
    target = workspace.road_map_target_add(
        road_map=road_map,
        actor=ea,
        area=RoadMapTarget._meta.get_field("area").choices[0][0],
        description="Monthly committee meetings with minutes",
        owner="Committee chair",
        due=datetime.date(2026, 6, 30),
    )
    plan_item = ImprovementPlanItem.objects.filter(factory=factory).first() or _plan_item(cast)
    from assessments import importing

    batch = importing.import_dry_run(
        user=ea, filename="assessment.csv", content=importing.template_csv(factory)
    )
    overview, _ = quarterly_overview_produce(buyer=cast.buyer, quarter=Quarter(2026, 3), actor=pm)
    return World(
        cast,
        finalised,
        draft,
        report,
        request,
        note,
        member,
        road_map,
        target,
        plan_item,
        batch,
        overview,
    )


def _plan_item(cast: Any) -> ImprovementPlanItem:
    assessment = makers.make_assessment(
        cast.factory,
        by=cast.ea,
        cycle=3,
        visit_date=datetime.date(2026, 9, 1),
        findings=[FindingInput(question="CL-1.1", non_compliant=True)],
    )
    workspace.improvement_plan_open_for(assessment=assessment)
    return ImprovementPlanItem.objects.filter(factory=cast.factory).first()
