"""Who sees which page of the factory's workspace: tables of persona -> status, in and out of
scope. Out of scope is 404, never 403; in scope but not allowed to write is 403."""

from __future__ import annotations

import pytest

from tests.conftest import PERSONAS, Cast, client_as
from workspace.models import CommitteeMember, ImprovementPlanItem, Objective, RoadMap, RoadMapTarget

# persona -> status of the read-only progress page
PROGRESS = {
    "anonymous": 302,
    "pm": 200,
    "ea": 200,
    "other_pm": 404,
    "factory_user": 200,
    "other_factory_user": 404,
    "buyer_user": 200,
    "outsider_buyer_user": 404,
}
# the workspace: the factory's users and the programme's staff; buyers see the progress only
WORKSPACE = {**PROGRESS, "buyer_user": 404}
# written by the EA and PMs only; the factory reads
STAFF_WRITES = {**WORKSPACE, "factory_user": 403}
SURVEY = {**WORKSPACE, "pm": 403, "ea": 403}


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_progress_page_to_the_factory_staff_and_buyers_with_access(
    cast: Cast, persona: str
) -> None:
    response = client_as(cast.persona(persona)).get(f"/factories/{cast.factory.pk}/")
    assert response.status_code == PROGRESS[persona]


@pytest.mark.parametrize(
    "page", ["committee", "road-map", "advisory", "improvement-plan", "benefits"]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_workspace_only_to_the_factory_and_its_programme_staff(
    cast: Cast, persona: str, page: str
) -> None:
    response = client_as(cast.persona(persona)).get(f"/factories/{cast.factory.pk}/{page}/")
    assert response.status_code == WORKSPACE[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_answers_404_for_a_factory_that_does_not_exist(cast: Cast, persona: str) -> None:
    response = client_as(cast.persona(persona)).get("/factories/999999/")
    assert response.status_code == (302 if persona == "anonymous" else 404)


@pytest.mark.parametrize(
    "persona, status",
    [
        ("anonymous", 302),
        ("pm", 200),
        ("ea", 200),
        ("other_pm", 200),
        ("factory_user", 404),
        ("buyer_user", 404),
    ],
)
def test_it_lists_factories_for_programme_staff_only(cast: Cast, persona: str, status: int) -> None:
    response = client_as(cast.persona(persona)).get("/factories/")
    assert response.status_code == status
    if status == 200:
        listed = cast.factory.name in response.content.decode()
        assert listed == (persona != "other_pm")


def test_it_searches_the_factory_list(cast: Cast) -> None:
    response = client_as(cast.pm).get("/factories/", {"q": "dhaka"})
    html = response.content.decode()
    assert cast.factory.name in html
    assert cast.other_factory.name not in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_asks_the_factory_its_learning_preferences(cast: Cast, persona: str) -> None:
    response = client_as(cast.persona(persona)).get(f"/factories/{cast.factory.pk}/survey/")
    assert response.status_code == SURVEY[persona]


@pytest.mark.parametrize(
    "persona, status",
    [
        ("anonymous", 302),
        ("pm", 404),
        ("factory_user", 404),
        ("buyer_user", 200),
        ("outsider_buyer_user", 200),
    ],
)
def test_it_asks_buyers_their_learning_preferences(cast: Cast, persona: str, status: int) -> None:
    response = client_as(cast.persona(persona)).get("/factories/survey/buyer/")
    assert response.status_code == status


@pytest.mark.parametrize(
    "persona, status",
    [
        ("anonymous", 302),
        ("pm", 200),
        ("other_pm", 200),
        ("ea", 404),
        ("factory_user", 404),
        ("buyer_user", 404),
    ],
)
def test_it_shows_survey_results_to_programme_managers(
    cast: Cast, persona: str, status: int
) -> None:
    response = client_as(cast.persona(persona)).get("/factories/survey/results/")
    assert response.status_code == status


# --- forms: GET the form, POST it ------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_the_factory_and_staff_add_committee_members(cast: Cast, persona: str) -> None:
    client = client_as(cast.persona(persona))
    url = f"/factories/{cast.factory.pk}/committee/members/add/"
    assert client.get(url).status_code == WORKSPACE[persona]
    response = client.post(
        url, {"name": "Rina Akter", "category": "workers", "joined": "2025-01-10", "elected": "on"}
    )
    expected = 302 if WORKSPACE[persona] == 200 else WORKSPACE[persona]
    assert response.status_code == expected
    created = CommitteeMember.objects.filter(factory=cast.factory, name="Rina Akter").exists()
    assert created == (WORKSPACE[persona] == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_the_factory_and_staff_record_meetings(cast: Cast, persona: str) -> None:
    client = client_as(cast.persona(persona))
    url = f"/factories/{cast.factory.pk}/committee/meetings/add/"
    assert client.get(url).status_code == WORKSPACE[persona]
    response = client.post(url, {"date": "2025-02-01", "minutes": "Agreed the grievance box."})
    assert response.status_code == (302 if WORKSPACE[persona] == 200 else WORKSPACE[persona])
    assert cast.factory.committee_meetings.exists() == (WORKSPACE[persona] == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_the_factory_and_staff_edit_a_road_map_target(
    cast: Cast, persona: str, target: RoadMapTarget
) -> None:
    client = client_as(cast.persona(persona))
    url = f"/factories/{cast.factory.pk}/road-map/targets/{target.pk}/edit/"
    assert client.get(url).status_code == WORKSPACE[persona]
    prefix = f"target-{target.pk}"
    data = {
        f"{prefix}-area": target.area,
        f"{prefix}-description": target.description,
        f"{prefix}-owner": "PICC chair",
        f"{prefix}-due": "2026-06-30",
        f"{prefix}-status": "in_progress",
        f"{prefix}-progress": "40",
    }
    response = client.post(url, data)
    assert response.status_code == (302 if WORKSPACE[persona] == 200 else WORKSPACE[persona])
    target.refresh_from_db()
    assert (target.progress == 40) == (WORKSPACE[persona] == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_only_staff_set_objectives(cast: Cast, persona: str, target: RoadMapTarget) -> None:
    client = client_as(cast.persona(persona))
    url = f"/factories/{cast.factory.pk}/advisory/objectives/add/"
    assert client.get(url).status_code == STAFF_WRITES[persona]
    response = client.post(
        url, {"kind": "advisory_visit", "description": "Review grievances", "target": target.pk}
    )
    assert response.status_code == (302 if STAFF_WRITES[persona] == 200 else STAFF_WRITES[persona])
    assert Objective.objects.exists() == (STAFF_WRITES[persona] == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_only_staff_log_visits(cast: Cast, persona: str) -> None:
    client = client_as(cast.persona(persona))
    url = f"/factories/{cast.factory.pk}/advisory/visits/add/?cycle=1"
    assert client.get(url).status_code == STAFF_WRITES[persona]
    response = client.post(url, {"date": "2025-04-01", "notes": "Met the committee."})
    assert response.status_code == (302 if STAFF_WRITES[persona] == 200 else STAFF_WRITES[persona])
    assert cast.factory.advisory_visits.exists() == (STAFF_WRITES[persona] == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_only_staff_record_training_days(cast: Cast, persona: str) -> None:
    client = client_as(cast.persona(persona))
    url = f"/factories/{cast.factory.pk}/advisory/trainings/add/?cycle=1"
    assert client.get(url).status_code == STAFF_WRITES[persona]
    response = client.post(url, {"date": "2025-04-01", "topic": "OSH committee", "days": "2"})
    assert response.status_code == (302 if STAFF_WRITES[persona] == 200 else STAFF_WRITES[persona])
    assert cast.factory.training_sessions.exists() == (STAFF_WRITES[persona] == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_the_factory_and_staff_update_a_plan_item(
    cast: Cast, persona: str, plan_item: ImprovementPlanItem
) -> None:
    client = client_as(cast.persona(persona))
    url = f"/factories/{cast.factory.pk}/improvement-plan/{plan_item.pk}/edit/"
    assert client.get(url).status_code == WORKSPACE[persona]
    prefix = f"item-{plan_item.pk}"
    response = client.post(
        url, {f"{prefix}-action": "Age checks", f"{prefix}-status": "in_progress"}
    )
    assert response.status_code == (302 if WORKSPACE[persona] == 200 else WORKSPACE[persona])
    plan_item.refresh_from_db()
    assert (plan_item.status == "in_progress") == (WORKSPACE[persona] == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_only_staff_confirm_a_completed_item(
    cast: Cast, persona: str, plan_item: ImprovementPlanItem
) -> None:
    ImprovementPlanItem.objects.filter(pk=plan_item.pk).update(status="completed", action="Done")
    response = client_as(cast.persona(persona)).post(
        f"/factories/{cast.factory.pk}/improvement-plan/{plan_item.pk}/confirm/"
    )
    allowed = STAFF_WRITES[persona] == 200
    assert response.status_code == (302 if allowed else STAFF_WRITES[persona])
    plan_item.refresh_from_db()
    assert (plan_item.confirmed_by is not None) == allowed


def test_it_shows_buyers_the_progress_read_only(cast: Cast, road_map: RoadMap) -> None:
    html = client_as(cast.buyer_user).get(f"/factories/{cast.factory.pk}/").content.decode()
    assert "Road map" not in html
    assert "/edit/" not in html
    assert "Read-only" in html
    staff_html = client_as(cast.ea).get(f"/factories/{cast.factory.pk}/").content.decode()
    assert "Road map" in staff_html


def test_it_keeps_a_member_of_another_factory_out_of_reach(cast: Cast) -> None:
    from workspace import services as workspace

    member = workspace.committee_member_add(
        factory=cast.other_factory,
        actor=cast.ea,
        name="Someone Else",
        category="management",
        joined=__import__("datetime").date(2025, 1, 1),
    )
    response = client_as(cast.factory_user).get(
        f"/factories/{cast.factory.pk}/committee/members/{member.pk}/edit/"
    )
    assert response.status_code == 404


def test_it_answers_400_naming_the_field_on_bad_input(cast: Cast, target: RoadMapTarget) -> None:
    prefix = f"target-{target.pk}"
    response = client_as(cast.factory_user).post(
        f"/factories/{cast.factory.pk}/road-map/targets/{target.pk}/edit/",
        {
            f"{prefix}-area": target.area,
            f"{prefix}-description": "x",
            f"{prefix}-owner": "x",
            f"{prefix}-due": "2026-06-30",
            f"{prefix}-status": "done",
            f"{prefix}-progress": "150",
        },
    )
    assert response.status_code == 400
    assert "progress" in response.context["form"].errors


def test_it_paginates_the_factory_list(cast: Cast) -> None:
    from tests import makers

    for i in range(26):
        makers.make_factory(f"Paged {i:02d}")
    client = client_as(cast.pm)
    first = client.get("/factories/").content.decode()
    second = client.get("/factories/", {"page": "2"}).content.decode()
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    assert "Paged 00" in first and "Paged 25" in second and "Paged 25" not in first
    assert client.get("/factories/", {"page": "x"}).status_code == 200
