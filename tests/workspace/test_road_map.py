"""The road map: targets in the five areas, endorsement and sign-off, versions on change."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from factories import services as factory_services
from factories.vocabulary import Position, Role
from tests.conftest import Cast, client_as
from tests.makers import make_user
from workspace import selectors
from workspace import services as workspace
from workspace.models import RoadMap, RoadMapTarget


def _update(target: RoadMapTarget, actor, **changes) -> RoadMapTarget:  # type: ignore[no-untyped-def]
    fields = {
        "description": target.description,
        "owner": target.owner,
        "due": target.due,
        "status": target.status,
        "progress": target.progress,
        **changes,
    }
    return workspace.road_map_target_update(target=target, actor=actor, **fields)


@pytest.fixture
def member(cast: Cast) -> User:
    """A member of the factory's bipartite committee (worker side)."""
    return make_user(
        Role.FACTORY,
        "wanda-committee",
        factory=cast.factory,
        first_name="Wanda",
        last_name="Rahman",
        position=Position.COMMITTEE_WORKER,
    )


def test_it_records_endorsement_then_sign_off_by_top_management(
    cast: Cast, road_map: RoadMap, member: User
) -> None:
    with pytest.raises(ValidationError):
        workspace.road_map_sign_off(road_map=road_map, actor=cast.factory_user)
    workspace.road_map_endorse(road_map=road_map, actor=member)
    with pytest.raises(PermissionDenied):
        workspace.road_map_sign_off(road_map=road_map, actor=cast.ea)
    road_map = workspace.road_map_sign_off(road_map=road_map, actor=cast.factory_user)
    assert road_map.signed_off_by == cast.factory_user and road_map.state == "Signed off"


@pytest.mark.parametrize("persona", ["pm", "ea", "factory_user"])
def test_only_a_committee_member_records_the_endorsement(
    cast: Cast, road_map: RoadMap, persona: str
) -> None:
    with pytest.raises(PermissionDenied, match="member of the bipartite committee"):
        workspace.road_map_endorse(road_map=road_map, actor=cast.persona(persona))
    road_map.refresh_from_db()
    assert road_map.endorsed_at is None


def test_it_refuses_sign_off_by_a_user_not_of_top_management(
    cast: Cast, road_map: RoadMap, member: User
) -> None:
    workspace.road_map_endorse(road_map=road_map, actor=member)
    management_side = make_user(
        Role.FACTORY, "mo-committee", factory=cast.factory, position=Position.COMMITTEE_MANAGEMENT
    )
    no_position = make_user(Role.FACTORY, "nina-factory", factory=cast.factory)
    for user in (member, management_side, no_position):
        with pytest.raises(PermissionDenied, match="Top management"):
            workspace.road_map_sign_off(road_map=road_map, actor=user)
    road_map.refresh_from_db()
    assert not road_map.is_signed_off


def test_the_person_who_endorsed_cannot_sign_off(cast: Cast, road_map: RoadMap) -> None:
    # Someone who recorded the endorsement as a committee member, then became top management.
    person = make_user(
        Role.FACTORY, "pat-factory", factory=cast.factory, position=Position.COMMITTEE_WORKER
    )
    workspace.road_map_endorse(road_map=road_map, actor=person)
    factory_services.user_details_set(user=person, position=Position.TOP_MANAGEMENT)
    with pytest.raises(PermissionDenied, match="another person"):
        workspace.road_map_sign_off(road_map=road_map, actor=person)
    person.profile.language = "en"
    person.profile.save(update_fields=["language"])
    client = client_as(person)
    url = f"/factories/{cast.factory.pk}/road-map/{road_map.pk}/sign-off/"
    assert client.post(url).status_code == 403
    road_map.refresh_from_db()
    assert not road_map.is_signed_off
    # The page offers the endorser no sign-off button, and says why.
    page = client.get(f"/factories/{cast.factory.pk}/road-map/").content.decode()
    assert 'action="' + url + '"' not in page
    assert "another person, of top management, signs off" in page
    assert workspace.road_map_sign_off(road_map=road_map, actor=cast.factory_user).is_signed_off


def test_it_keeps_a_version_when_a_signed_off_map_changes(
    cast: Cast, road_map: RoadMap, target: RoadMapTarget, member: User
) -> None:
    workspace.road_map_endorse(road_map=road_map, actor=member)
    workspace.road_map_sign_off(road_map=road_map, actor=cast.factory_user)
    _update(target, cast.factory_user, status="in_progress", progress=30)
    road_map.refresh_from_db()
    assert road_map.version == 2
    assert road_map.signed_off_at is None
    assert road_map.state == "Revised, awaiting sign-off"
    [version] = road_map.versions.all()
    assert version.number == 1 and version.signed_off_by == cast.factory_user
    assert version.revised_by == cast.factory_user
    assert [t["progress"] for t in version.targets] == [0, 0]
    # A second change before the next sign-off is part of the same revision.
    _update(target, cast.factory_user, progress=50)
    road_map.refresh_from_db()
    assert road_map.version == 2 and road_map.versions.count() == 1


def test_it_does_not_version_an_unchanged_save(
    cast: Cast, road_map: RoadMap, target: RoadMapTarget, member: User
) -> None:
    workspace.road_map_endorse(road_map=road_map, actor=member)
    workspace.road_map_sign_off(road_map=road_map, actor=cast.factory_user)
    _update(target, cast.factory_user)
    road_map.refresh_from_db()
    assert road_map.version == 1 and road_map.is_signed_off


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"progress": 101}, "progress"),
        ({"status": "done", "progress": 80}, "progress"),
        ({"owner": " "}, "owner"),
        ({"status": "finished"}, "status"),
    ],
)
def test_it_refuses_bad_targets_naming_the_field(
    cast: Cast, target: RoadMapTarget, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _update(target, cast.factory_user, **changes)
    assert field in refused.value.message_dict


def test_it_averages_progress(cast: Cast, road_map: RoadMap, target: RoadMapTarget) -> None:
    _update(target, cast.factory_user, status="in_progress", progress=60)
    summary = selectors.road_map_summary(list(road_map.targets.all()))
    assert (summary.average_progress, summary.in_progress, summary.total) == (30, 1, 2)


def test_it_updates_a_target_row_in_place_with_htmx(cast: Cast, target: RoadMapTarget) -> None:
    client = client_as(cast.factory_user)
    url = f"/factories/{cast.factory.pk}/road-map/targets/{target.pk}/edit/"
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert form.status_code == 200
    assert form.content.decode().lstrip().startswith(f'<tr id="target-{target.pk}"')
    prefix = f"target-{target.pk}"
    response = client.post(
        url,
        {
            f"{prefix}-area": target.area,
            f"{prefix}-description": "Grievance box",
            f"{prefix}-owner": "Chair",
            f"{prefix}-due": "2026-06-30",
            f"{prefix}-status": "in_progress",
            f"{prefix}-progress": "80",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "80 %" in html and 'id="road-map-summary"' in html and "40 %" in html


def test_it_starts_a_road_map_from_the_page(cast: Cast) -> None:
    client = client_as(cast.factory_user)
    response = client.post(f"/factories/{cast.factory.pk}/road-map/start/", {"cycle": "1"})
    assert response.status_code == 302
    assert RoadMap.objects.filter(factory=cast.factory, cycle=1).exists()
    again = client.post(f"/factories/{cast.factory.pk}/road-map/start/", {"cycle": "1"})
    assert again.status_code == 400


def test_it_signs_off_from_the_page_and_refuses_sign_off_before_endorsement(
    cast: Cast, road_map: RoadMap, member: User
) -> None:
    client = client_as(cast.factory_user)
    url = f"/factories/{cast.factory.pk}/road-map/{road_map.pk}/sign-off/"
    assert client.post(url).status_code == 400
    endorse = f"/factories/{cast.factory.pk}/road-map/{road_map.pk}/endorse/"
    assert client.post(endorse).status_code == 403  # top management is not the committee
    assert client_as(member).post(endorse).status_code == 302
    assert client.post(url).status_code == 302
    road_map.refresh_from_db()
    assert road_map.is_signed_off
    assert client_as(cast.ea).post(url).status_code == 403


def test_it_shows_the_targets_by_area_with_recommended_trainings(
    cast: Cast, target: RoadMapTarget
) -> None:
    workspace.training_recommend(target=target, actor=cast.ea, training="Grievance handling")
    html = (
        client_as(cast.factory_user).get(f"/factories/{cast.factory.pk}/road-map/").content.decode()
    )
    assert "Grievance handling" in html
    assert "Management systems through Plan-Do-Check-Act" in html
    assert "Target 1" in html and "Target 2" in html


def test_it_ties_objectives_to_a_target_of_the_same_factory(
    cast: Cast, target: RoadMapTarget
) -> None:
    other_map = workspace.road_map_create(factory=cast.other_factory, actor=cast.ea, cycle=1)
    other_target = workspace.road_map_target_add(
        road_map=other_map,
        actor=cast.ea,
        area="grievance",
        description="x",
        owner="y",
        due=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError):
        workspace.objective_set(
            factory=cast.factory,
            actor=cast.ea,
            kind="training",
            description="z",
            target=other_target,
        )
    objective = workspace.objective_set(
        factory=cast.factory, actor=cast.ea, kind="training", description="z", target=target
    )
    assert objective.cycle == 1
