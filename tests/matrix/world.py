"""One object behind every URL parameter of the portal, for the permission matrix.

Everything belongs to `cast.factory` (BGD, the buyer has third-party access) so that the
personas' expected statuses read straight from docs/rules.md: programme staff in, the factory's own
user in, the buyer read-only where buyers may look, everyone else 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from assessments.models import Assessment, ImportBatch, ProgressReport, Question
from assessments.services import FindingInput
from betterwork.core.credentials import api_token_issue, token_id
from buyer_portal.quarters import Quarter
from buyer_portal.services import quarterly_overview_produce
from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest, FormalNote
from differentiation.vocabulary import RequestStatus
from tests import makers
from workspace import services as workspace
from workspace.models import CommitteeMember, ImprovementPlanItem, RoadMap, RoadMapTarget


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
    token: str  # the public id of an API token of cast.pm

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
            "token": self.token,
            "question_code": "CL-1.1",
        }


def build_world(cast: Any) -> World:
    factory, ea, pm = cast.factory, cast.ea, cast.pm
    finalised = makers.make_assessment(
        factory,
        by=ea,
        cycle=1,
        visit_date=datetime.date(2025, 3, 12),
        findings=[FindingInput(question="OS-1.1", non_compliant=True)],
    )
    report = makers.make_report(factory, by=ea, cycle=1, release_date=datetime.date(2025, 11, 20))
    factory_evaluate(factory_id=factory.pk)  # a candidate
    # Its next assessment, with the additional questions, makes it eligible: a real request,
    # finalised by the EA, that the PM may approve (four eyes).
    makers.make_assessment(factory, by=ea, cycle=2, visit_date=datetime.date(2026, 1, 20))
    factory_evaluate(factory_id=factory.pk)
    draft = makers.make_assessment(
        factory, by=ea, cycle=3, visit_date=datetime.date(2026, 3, 3), finalise=False
    )
    request = ApprovalRequest.objects.get(factory=factory, status="pending")
    evaluation = request.evaluation
    decided = makers.ApprovalRequestMaker(
        factory=cast.other_factory, evaluation=evaluation, status=RequestStatus.APPROVED
    )
    decision = makers.DecisionMaker(request=decided, decided_by=pm)
    note = makers.FormalNoteMaker(factory=factory, decision=decision, buyers=[cast.buyer])
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
    # An item the permission routes can address; the story above keeps the factory eligible,
    # so the item is made directly rather than from a failing assessment.
    plan_item = makers.ImprovementPlanItemMaker(
        assessment=finalised, question=Question.objects.get(code="CO-1.1")
    )
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
        token_id(api_token_issue(user=pm)[0]),
    )
