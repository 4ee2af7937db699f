"""The workspace models moved from `factories` to `workspace` (factories 0006, workspace 0001 and
0002): a database from before the move upgrades with every row kept, read back through the new
app's models, and the moved models' content types (so their permissions) keep their ids."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from workspace import models as workspace_models

BEFORE_THE_MOVE = [("factories", "0005_remove_leftover_grants")]
MOVED = ("roadmap", "committeemember", "improvementplanitem", "advisoryvisit", "benefitchoice")

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what is applied now
    return executor.loader.project_state(targets).apps


def _latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_an_existing_database_upgrades_and_keeps_every_workspace_row() -> None:
    old = _migrate(BEFORE_THE_MOVE)
    with pytest.raises(LookupError):
        old.get_model("workspace", "RoadMap")  # before the move: only factories has them

    # The content types as a database from before the move has them.
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="workspace").update(app_label="factories")
    type_ids = dict(
        ContentType.objects.filter(app_label="factories", model__in=MOVED).values_list(
            "model", "pk"
        )
    )
    Permission = old.get_model("auth", "Permission")
    change_road_map = Permission.objects.get(codename="change_roadmap").pk

    User = old.get_model("auth", "User")
    ea = User.objects.create(username="old-ea")
    Programme = old.get_model("factories", "Programme")
    programme, _ = Programme.objects.get_or_create(code="BGD", defaults={"name": "Bangladesh"})
    factory = old.get_model("factories", "Factory").objects.create(
        name="Old Factory", programme=programme
    )
    road_map = old.get_model("factories", "RoadMap").objects.create(
        factory=factory, cycle=1, endorsed_by=ea
    )
    target = old.get_model("factories", "RoadMapTarget").objects.create(
        road_map=road_map,
        area="grievance",
        description="A grievance box",
        owner="HR",
        due=datetime.date(2024, 6, 1),
    )
    objective = old.get_model("factories", "Objective").objects.create(
        factory=factory, cycle=1, kind="training", description="Train", target=target, set_by=ea
    )
    visit = old.get_model("factories", "AdvisoryVisit").objects.create(
        factory=factory, cycle=1, date=datetime.date(2024, 2, 1), advisor=ea
    )
    visit.objectives.add(objective)
    old.get_model("factories", "CommitteeMember").objects.create(
        factory=factory, name="Rina", category="workers", joined=datetime.date(2023, 1, 1)
    )
    question = old.get_model("assessments", "Question").objects.order_by("pk").first()
    assessment = old.get_model("assessments", "Assessment").objects.create(
        factory=factory, cycle=1, visit_date=datetime.date(2024, 1, 10), created_by=ea
    )
    old.get_model("factories", "ImprovementPlanItem").objects.create(
        factory=factory, assessment=assessment, question=question, action="Fix it"
    )
    old.get_model("factories", "BenefitChoice").objects.create(
        factory=factory, kind="assessment_interval", value={"months": 24}, chosen_by=ea
    )

    _migrate(_latest())

    assert workspace_models.RoadMap.objects.get().endorsed_by_id == ea.pk
    moved_target = workspace_models.RoadMapTarget.objects.get()
    assert (moved_target.road_map_id, moved_target.description) == (road_map.pk, "A grievance box")
    moved_visit = workspace_models.AdvisoryVisit.objects.get()
    assert list(moved_visit.objectives.values_list("pk", flat=True)) == [objective.pk]
    assert workspace_models.CommitteeMember.objects.get().name == "Rina"
    item = workspace_models.ImprovementPlanItem.objects.get()
    assert (item.assessment_id, item.question_id, item.action) == (
        assessment.pk,
        question.pk,
        "Fix it",
    )
    assert workspace_models.BenefitChoice.objects.get().value == {"months": 24}

    from django.contrib.auth.models import Permission as NewPermission
    from django.contrib.contenttypes.models import ContentType as NewContentType

    NewContentType.objects.clear_cache()
    for model, pk in type_ids.items():
        assert NewContentType.objects.get(app_label="workspace", model=model).pk == pk
    assert not NewContentType.objects.filter(app_label="factories", model__in=MOVED).exists()
    moved_permission = NewPermission.objects.get(pk=change_road_map)
    assert moved_permission.content_type.app_label == "workspace"


def test_the_move_is_reversible_without_touching_the_tables() -> None:
    _migrate(BEFORE_THE_MOVE)
    tables = set(connection.introspection.table_names())
    assert {"factories_roadmap", "factories_advisoryvisit_objectives"} <= tables
    _migrate(_latest())
    after = set(connection.introspection.table_names())
    # The workspace's tables are the same ones, untouched (later migrations of other apps may add
    # or drop tables of their own: the supplier summaries replaced the cache's revision table).
    workspace = {m._meta.db_table for m in django_apps.get_app_config("workspace").get_models()}
    assert workspace <= tables and workspace <= after
