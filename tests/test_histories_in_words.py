"""Histories read as sentences (issue 15, point 2): records, corrections, decisions and
evaluations; people by full name and title; only real changes; no raw codes or field names."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessments import services
from assessments.models import Question, RecordChange
from differentiation.decisions import approval_decide
from differentiation.models import Evaluation
from factories import services as factory_services
from factories.models import Profile
from factories.people import person
from factories.vocabulary import Position, Role, Stage
from tests.conftest import Cast, client_as
from tests.entry.entry_helpers import draft
from tests.makers import make_user
from tests.pages.pm_helpers import make_eligible
from tests.scope import admin_client

RAW = ("non_compliant", "remediated:", "finding:", "element:", "True", "False", "{'")


def _named(user: Any, first: str, last: str, title: str = "") -> None:
    factory_services.user_details_set(user=user, first_name=first, last_name=last, title=title)
    user.refresh_from_db()


def test_a_person_is_named_by_full_name_and_title_or_role(cast: Cast) -> None:
    assert person(cast.ea) == "erin-ea, Enterprise advisor"  # no name given: the login name
    _named(cast.ea, "Nguyen", "Van A")
    assert person(cast.ea) == "Nguyen Van A, Enterprise advisor"
    _named(cast.pm, "Alice", "Rahman", "Country programme manager")
    assert person(cast.pm) == "Alice Rahman, Country programme manager"
    assert person(cast.factory_user).endswith(", Top management")  # the position, no title


def test_the_record_history_reads_as_sentences(cast: Cast) -> None:
    _named(cast.ea, "Nguyen", "Van A")
    assessment = draft(cast)
    for non_compliant in (False, True):
        services.finding_record(
            assessment=assessment, actor=cast.ea, question="WT-2.2", non_compliant=non_compliant
        )
    # A write that changes nothing (as older data may hold) is not a row of the history.
    RecordChange.objects.create(
        record_type="assessment",
        record_id=assessment.pk,
        factory=cast.factory,
        target="element:HR-1",
        before={"satisfied": True},
        after={"satisfied": True},
        actor=cast.ea,
        context="entry",
    )
    body = client_as(cast.ea).get(f"/assessments/{assessment.pk}/").content.decode()
    history = body.split('id="history"')[1].split("</details>")[0]
    text = Question.objects.get(code="WT-2.2").text
    expected = (
        f"Question WT-2.2 &#x27;{text}&#x27; changed from compliant to non-compliant "
        "by Nguyen Van A, Enterprise advisor."
    )
    assert expected in history
    assert "changed from not answered to compliant by Nguyen Van A" in history
    assert "HR-1" not in history  # the row that changed nothing is left out
    for raw in RAW:
        assert raw not in history, raw


def test_history_in_words_describes_every_kind_of_change(cast: Cast) -> None:
    _named(cast.ea, "Nguyen", "Van A")
    rows = [
        RecordChange(
            target=target, before=before, after=after, actor=cast.ea, context=context, at=None
        )
        for target, before, after, context in [
            ("element:HR-1", {"satisfied": True}, {"satisfied": False}, "api"),
            ("status", {"status": "draft"}, {"status": "finalised"}, "finalise"),
            ("status", {"status": "finalised"}, {"status": "draft", "reopened": True}, "reopen"),
            ("visit_date", {"visit_date": "2024-03-12"}, {"visit_date": "2024-03-14"}, "entry"),
            ("bulk:all", None, {"compliant": 12}, "entry"),
            ("rating:SD-1", {"rating": "no_progress"}, {"rating": "on_track"}, "entry"),
        ]
    ]
    sentences = [row.sentence for row in services.history_in_words(rows)]
    assert sentences[0].startswith("Management-system element HR-1 '")
    assert sentences[0].endswith(
        "changed from satisfied to not satisfied by Nguyen Van A, Enterprise advisor."
    )
    assert sentences[1] == "Finalised by Nguyen Van A, Enterprise advisor."
    assert sentences[2] == "Reopened for correction by Nguyen Van A, Enterprise advisor."
    assert sentences[3].startswith("The visit date changed from ")
    assert "2024-03-12" not in sentences[3]  # a date for people, not ISO
    assert sentences[4] == (
        "12 unanswered questions recorded as compliant by Nguyen Van A, Enterprise advisor."
    )
    assert "from No progress to On track" in sentences[5]


def test_the_factory_history_shows_only_real_changes_and_names_the_deciders(cast: Cast) -> None:
    _named(cast.pm2, "Bashir", "Ahmed", "Programme manager, Bangladesh")
    # Two evaluations of new data that changed nothing, before the one the request is about.
    for _ in range(2):
        Evaluation.objects.create(
            factory=cast.factory,
            rule_version="test",
            fingerprint="",
            inputs={},
            outcome={},
            all_met=False,
            prequalified=False,
            stage_before=Stage.NOT_ON_TRACK,
            stage_after=Stage.NOT_ON_TRACK,
        )
    request = make_eligible(cast.factory, by=cast.ea)
    url = reverse("differentiation:request", args=[request.pk])
    body = client_as(cast.pm).get(url).content.decode()
    assert "Stage changed from Candidate to Eligible, awaiting approval" in body
    assert "Stage stays" not in body and "Not on track → Not on track" not in body
    assert body.count("First evaluation: Not on track") == 1  # the second one is left out
    assert "those that changed nothing are left out" in body
    approval_decide(request=request, actor=cast.pm2, approve=True)
    body = client_as(cast.pm).get(url).content.decode()
    assert (
        "Bashir Ahmed, Programme manager, Bangladesh approved the request for high-performing"
        " status." in body
    )
    assert "high-performing status granted by Bashir Ahmed" in body
    assert "grant_approved" not in body and "(grant approved)" not in body


def test_create_user_sets_name_title_and_position(cast: Cast) -> None:
    out = StringIO()
    call_command(
        "create_user",
        "tina-factory",
        "--role=factory",
        "--password=x",
        f"--factory={cast.factory.name}",
        "--first-name=Tina",
        "--last-name=Akter",
        "--title=General manager",
        "--position=top_management",
        stdout=out,
    )
    profile = Profile.objects.select_related("user").get(user__username="tina-factory")
    assert (profile.user.get_full_name(), profile.title, profile.position) == (
        "Tina Akter",
        "General manager",
        Position.TOP_MANAGEMENT,
    )
    with pytest.raises(CommandError, match="Only factory users have a position"):
        call_command(
            "create_user",
            "pat-pm",
            "--role=programme_manager",
            "--password=x",
            "--country=BGD",
            "--position=top_management",
            stdout=StringIO(),
        )
    with pytest.raises(CommandError, match="Unknown position"):
        call_command(
            "create_user",
            "tina-factory",
            "--role=factory",
            f"--factory={cast.factory.name}",
            "--position=owner",
            stdout=StringIO(),
        )


def test_a_move_out_of_the_factory_role_clears_the_position(cast: Cast) -> None:
    user = make_user(
        Role.FACTORY, "una-factory", factory=cast.factory, position=Position.COMMITTEE_WORKER
    )
    factory_services.user_scope_change(
        user=user, role=Role.BUYER, buyer=cast.buyer, actor=None, via="service"
    )
    assert Profile.objects.get(user=user).position == ""


def test_the_admin_sets_a_title_and_a_position_and_refuses_a_position_for_staff(
    cast: Cast,
) -> None:
    client, _ = admin_client()
    profile = Profile.objects.get(user=cast.factory_user)
    url = f"/admin/factories/profile/{profile.pk}/change/"
    form = {
        "role": Role.FACTORY,
        "programmes": [],
        "factory": cast.factory.pk,
        "buyer": "",
        "title": "Compliance officer",
        "position": Position.COMMITTEE_MANAGEMENT,
        "_save": "Save",
    }
    assert client.post(url, form).status_code == 302
    profile.refresh_from_db()
    assert (profile.title, profile.position) == ("Compliance officer", "committee_management")
    pm_profile = Profile.objects.get(user=cast.pm)
    refused = client.post(
        f"/admin/factories/profile/{pm_profile.pk}/change/",
        {
            "role": Role.PROGRAMME_MANAGER,
            "programmes": [cast.factory.programme_id],
            "factory": "",
            "buyer": "",
            "title": "Programme manager",
            "position": Position.TOP_MANAGEMENT,
            "_save": "Save",
        },
    )
    assert refused.status_code == 200  # the form comes back with the error
    assert "Only factory users have a position." in refused.content.decode()
    assert Profile.objects.get(user=cast.pm).position == ""
