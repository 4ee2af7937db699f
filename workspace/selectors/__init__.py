"""Reads for the factory's workspace. Every function takes a factory (or a user) that the caller
already found through factories.access; query counts do not grow with rows.
"""

from __future__ import annotations

from workspace.selectors.advisory import (
    Allowance,
    allowance_for,
    objectives_for,
    trainings_for,
    visits_for,
)
from workspace.selectors.benefits import (
    benefit_history,
    benefit_history_in_words,
    benefits_for,
    opted_in,
)
from workspace.selectors.plan import (
    Plan,
    PlanSummary,
    improvement_plan_for,
    improvement_plan_items,
)
from workspace.selectors.progress import (
    Progress,
    current_cycle,
    progress_for,
)
from workspace.selectors.road_map import (
    RoadMapSummary,
    road_map_for,
    road_map_summary,
    targets_by_area,
    targets_of,
)
from workspace.selectors.survey import (
    latest_survey_response,
    survey_results,
    this_year,
)

__all__ = [
    "Allowance",
    "Plan",
    "PlanSummary",
    "Progress",
    "RoadMapSummary",
    "allowance_for",
    "benefit_history",
    "benefit_history_in_words",
    "benefits_for",
    "current_cycle",
    "improvement_plan_for",
    "improvement_plan_items",
    "latest_survey_response",
    "objectives_for",
    "opted_in",
    "progress_for",
    "road_map_for",
    "road_map_summary",
    "survey_results",
    "targets_by_area",
    "targets_of",
    "this_year",
    "trainings_for",
    "visits_for",
]
