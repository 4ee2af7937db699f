"""The factory's workspace, mounted at /factories/ beside the factory list, under the one URL
namespace `factories` (betterwork/urls.py puts the two lists together)."""

from django.urls import URLPattern, path

from workspace.views import (
    advisory,
    benefits,
    committee,
    plan,
    progress,
    records,
    road_map,
    survey,
)

urlpatterns: list[URLPattern] = [
    path("survey/buyer/", survey.buyer_survey, name="buyer_survey"),
    path("survey/results/", survey.survey_results, name="survey_results"),
    path("<int:pk>/", progress.factory_progress, name="progress"),
    path("<int:pk>/records/", records.factory_records, name="records"),
    path("<int:pk>/committee/", committee.committee, name="committee"),
    path("<int:pk>/committee/members/add/", committee.member_add, name="member_add"),
    path(
        "<int:pk>/committee/members/<int:member_pk>/edit/",
        committee.member_edit,
        name="member_edit",
    ),
    path(
        "<int:pk>/committee/members/<int:member_pk>/leave/",
        committee.member_leave,
        name="member_leave",
    ),
    path("<int:pk>/committee/meetings/add/", committee.meeting_add, name="meeting_add"),
    path("<int:pk>/road-map/", road_map.road_map, name="road_map"),
    path("<int:pk>/road-map/start/", road_map.road_map_create, name="road_map_create"),
    path("<int:pk>/road-map/<int:map_pk>/targets/add/", road_map.target_add, name="target_add"),
    path("<int:pk>/road-map/<int:map_pk>/endorse/", road_map.road_map_endorse, name="endorse"),
    path("<int:pk>/road-map/<int:map_pk>/sign-off/", road_map.road_map_sign_off, name="sign_off"),
    path(
        "<int:pk>/road-map/targets/<int:target_pk>/edit/", road_map.target_edit, name="target_edit"
    ),
    path(
        "<int:pk>/road-map/recommendations/add/",
        advisory.recommendation_add,
        name="recommendation_add",
    ),
    path("<int:pk>/advisory/", advisory.advisory, name="advisory"),
    path("<int:pk>/advisory/objectives/add/", advisory.objective_add, name="objective_add"),
    path("<int:pk>/advisory/visits/add/", advisory.visit_add, name="visit_add"),
    path("<int:pk>/advisory/trainings/add/", advisory.training_add, name="training_add"),
    path("<int:pk>/improvement-plan/", plan.improvement_plan, name="improvement_plan"),
    path(
        "<int:pk>/improvement-plan/<int:item_pk>/edit/",
        plan.plan_item_edit,
        name="plan_item_edit",
    ),
    path(
        "<int:pk>/improvement-plan/<int:item_pk>/confirm/",
        plan.plan_item_confirm,
        name="plan_item_confirm",
    ),
    path("<int:pk>/benefits/", benefits.benefits, name="benefits"),
    path("<int:pk>/benefits/<slug:kind>/", benefits.benefit_choose, name="benefit_choose"),
    path("<int:pk>/survey/", survey.factory_survey, name="survey"),
]
