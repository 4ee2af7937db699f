"""Writes on the factory's workspace: committee, road map, objectives and visits, improvement
plan, benefits and the learning survey. One keyword-only function per change, in a transaction.

Scope (which factory a person may touch at all) is the views' job, through factories.access;
the rules about *who* within that scope may do what live here (`permissions`), so the pages and
any later API refuse the same things with the same words.
"""

from __future__ import annotations

from workspace.services.advisory import (
    advisory_visit_record,
    objective_set,
    training_days_allowed,
    training_recommend,
    training_session_record,
    visits_allowed,
)
from workspace.services.benefits import (
    benefit_assessment_interval_choose,
    benefit_fewer_visits_choose,
    benefit_learning_services_choose,
    benefit_visibility_choose,
    latest_benefit,
)
from workspace.services.committee import (
    committee_meeting_add,
    committee_member_add,
    committee_member_leave,
    committee_member_update,
)
from workspace.services.permissions import (
    is_high_performing,
    is_staff_of,
    may_choose_benefits,
    require_staff,
    require_work,
)
from workspace.services.plan import (
    improvement_plan_item_confirm,
    improvement_plan_item_update,
    improvement_plan_items_remediated,
    improvement_plan_open_for,
)
from workspace.services.road_map import (
    endorse_refusal,
    road_map_create,
    road_map_endorse,
    road_map_sign_off,
    road_map_target_add,
    road_map_target_update,
    sign_off_refusal,
)
from workspace.services.survey import (
    learning_survey_submit,
)

__all__ = [
    "advisory_visit_record",
    "benefit_assessment_interval_choose",
    "benefit_fewer_visits_choose",
    "benefit_learning_services_choose",
    "benefit_visibility_choose",
    "committee_meeting_add",
    "committee_member_add",
    "committee_member_leave",
    "committee_member_update",
    "endorse_refusal",
    "improvement_plan_item_confirm",
    "improvement_plan_item_update",
    "improvement_plan_items_remediated",
    "improvement_plan_open_for",
    "is_high_performing",
    "is_staff_of",
    "latest_benefit",
    "learning_survey_submit",
    "may_choose_benefits",
    "objective_set",
    "require_staff",
    "require_work",
    "road_map_create",
    "road_map_endorse",
    "road_map_sign_off",
    "road_map_target_add",
    "road_map_target_update",
    "sign_off_refusal",
    "training_days_allowed",
    "training_recommend",
    "training_session_record",
    "visits_allowed",
]
