"""The bipartite committee, the learning survey and the progress page's content."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from assessments.services import FindingInput
from differentiation.evaluation import factory_evaluate
from tests import makers
from tests.conftest import Cast, client_as, shown
from tests.workspace.conftest import FIRST_VISIT
from workspace import selectors
from workspace import services as workspace
from workspace.models import CommitteeMember, LearningSurveyResponse


def _member(cast: Cast, name: str, **extra: object) -> CommitteeMember:
    return workspace.committee_member_add(
        factory=cast.factory,
        actor=cast.factory_user,
        name=name,
        category="workers",
        joined=datetime.date(2025, 1, 1),
        **extra,  # type: ignore[arg-type]
    )


def test_it_allows_one_current_chair(cast: Cast) -> None:
    chair = _member(cast, "Chair One", is_chair=True)
    with pytest.raises(ValidationError) as refused:
        _member(cast, "Chair Two", is_chair=True)
    assert "is_chair" in refused.value.message_dict
    # the database holds the line too
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeMember.objects.create(
            factory=cast.factory,
            name="Sneaky",
            category="workers",
            joined=datetime.date(2025, 1, 1),
            is_chair=True,
        )
    workspace.committee_member_leave(member=chair, actor=cast.ea, left=datetime.date(2025, 6, 1))
    second = _member(cast, "Chair Two", is_chair=True)
    assert second.is_chair
    assert CommitteeMember.objects.filter(factory=cast.factory).count() == 2  # never deleted


def test_it_refuses_leaving_before_joining(cast: Cast) -> None:
    member = _member(cast, "Early")
    with pytest.raises(ValidationError):
        workspace.committee_member_leave(
            member=member, actor=cast.ea, left=datetime.date(2024, 1, 1)
        )


def test_it_lists_current_and_former_members(cast: Cast) -> None:
    _member(cast, "Still Here", union_representative=True, elected=True)
    gone = _member(cast, "Gone Away")
    client = client_as(cast.factory_user)
    response = client.post(
        f"/factories/{cast.factory.pk}/committee/members/{gone.pk}/leave/", {"left": "2025-03-01"}
    )
    assert response.status_code == 302
    html = client.get(f"/factories/{cast.factory.pk}/committee/").content.decode()
    assert "Still Here" in html and "Former members" in html and shown("2025-03-01") in html


def test_it_keeps_one_survey_answer_per_year_and_counts_the_latest(cast: Cast) -> None:
    year = selectors.this_year()
    client = client_as(cast.factory_user)
    url = f"/factories/{cast.factory.pk}/survey/"
    assert client.post(url, {}).status_code == 400
    client.post(url, {"themes": ["worker_health", "business_systems"]})
    client.post(url, {"themes": ["worker_health"], "other": "Digital payroll"})
    assert LearningSurveyResponse.objects.filter(factory=cast.factory).count() == 2
    client_as(cast.buyer_user).post(
        "/factories/survey/buyer/", {"themes": ["collective_bargaining", "worker_health"]}
    )
    client_as(cast.outsider_buyer_user).post(
        "/factories/survey/buyer/", {"themes": ["environment_assessment"]}
    )
    [bgd] = [r for r in selectors.survey_results(cast.pm, year) if r["programme"].code == "BGD"]
    counts = {t["theme"]: (t["factories"], t["buyers"]) for t in bgd["themes"]}
    assert counts["worker_health"] == (1, 1)
    assert counts["business_systems"] == (0, 0)  # replaced by the later answer
    assert counts["collective_bargaining"] == (0, 1)
    assert counts["environment_assessment"] == (0, 0)  # that buyer has no supplier in BGD
    assert bgd["others"] == ["Digital payroll"]
    html = client_as(cast.pm).get("/factories/survey/results/").content.decode()
    assert "Worker health and health management" in html
    other = selectors.survey_results(cast.other_pm, year)
    assert all(r["programme"].code != "BGD" for r in other)


def test_it_lets_only_the_factory_answer_for_the_factory(cast: Cast) -> None:
    with pytest.raises(PermissionDenied):
        workspace.learning_survey_submit(
            actor=cast.other_factory_user,
            year=2026,
            themes=["worker_health"],
            factory=cast.factory,
        )


def test_it_shows_where_the_factory_stands_and_what_is_in_the_way(cast: Cast) -> None:
    makers.make_assessment(
        cast.factory,
        by=cast.ea,
        visit_date=FIRST_VISIT,
        findings=[FindingInput(question="CL-1.1")],
    )
    factory_evaluate(factory_id=cast.factory.pk, trigger="test")
    progress = selectors.progress_for(cast.factory)
    results = {c["group"]: c["result"] for c in progress.criteria}
    assert results["compliance"] == "not_met"
    assert results["hr_management_systems"] == "unknown"
    assert any("CL-1.1" in o for o in progress.obstacles)
    assert any("two consecutive assessments" in o for o in progress.obstacles)
    for user in (cast.factory_user, cast.buyer_user, cast.pm):
        html = client_as(user).get(f"/factories/{cast.factory.pk}/").content.decode()
        assert "Question CL-1.1 non-compliant" in html
        assert "What still stands between" in html
    home = client_as(cast.factory_user).get("/").content.decode()
    assert "Question CL-1.1 non-compliant" in home
    assert "Improvement plan" in home
