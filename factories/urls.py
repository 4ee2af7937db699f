"""The factory's workspace, mounted at /factories/."""

from django.urls import URLPattern, path

from factories import views

app_name = "factories"
urlpatterns: list[URLPattern] = [
    path("", views.factory_list, name="list"),
    path("survey/buyer/", views.buyer_survey, name="buyer_survey"),
    path("survey/results/", views.survey_results, name="survey_results"),
    path("<int:pk>/", views.factory_progress, name="progress"),
    path("<int:pk>/committee/", views.committee, name="committee"),
    path("<int:pk>/committee/members/add/", views.member_add, name="member_add"),
    path("<int:pk>/committee/members/<int:member_pk>/edit/", views.member_edit, name="member_edit"),
    path(
        "<int:pk>/committee/members/<int:member_pk>/leave/",
        views.member_leave,
        name="member_leave",
    ),
    path("<int:pk>/committee/meetings/add/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/road-map/", views.road_map, name="road_map"),
    path("<int:pk>/road-map/start/", views.road_map_create, name="road_map_create"),
    path("<int:pk>/road-map/<int:map_pk>/targets/add/", views.target_add, name="target_add"),
    path("<int:pk>/road-map/<int:map_pk>/endorse/", views.road_map_endorse, name="endorse"),
    path("<int:pk>/road-map/<int:map_pk>/sign-off/", views.road_map_sign_off, name="sign_off"),
    path("<int:pk>/road-map/targets/<int:target_pk>/edit/", views.target_edit, name="target_edit"),
    path(
        "<int:pk>/road-map/recommendations/add/",
        views.recommendation_add,
        name="recommendation_add",
    ),
    path("<int:pk>/advisory/", views.advisory, name="advisory"),
    path("<int:pk>/advisory/objectives/add/", views.objective_add, name="objective_add"),
    path("<int:pk>/advisory/visits/add/", views.visit_add, name="visit_add"),
    path("<int:pk>/advisory/trainings/add/", views.training_add, name="training_add"),
    path("<int:pk>/improvement-plan/", views.improvement_plan, name="improvement_plan"),
    path(
        "<int:pk>/improvement-plan/<int:item_pk>/edit/",
        views.plan_item_edit,
        name="plan_item_edit",
    ),
    path(
        "<int:pk>/improvement-plan/<int:item_pk>/confirm/",
        views.plan_item_confirm,
        name="plan_item_confirm",
    ),
    path("<int:pk>/benefits/", views.benefits, name="benefits"),
    path("<int:pk>/benefits/<slug:kind>/", views.benefit_choose, name="benefit_choose"),
    path("<int:pk>/survey/", views.factory_survey, name="survey"),
]
