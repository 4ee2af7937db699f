"""The demo programme: built once for this module through the real services, then inspected."""

from __future__ import annotations

import datetime
import io
import itertools
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings

from assessments import services as assessment_services
from assessments.models import Assessment, ProgressReport
from betterwork.tooling import demo
from buyer_portal.models import QuarterlyOverview
from differentiation.criteria import RULE_VERSION
from differentiation.decisions import approval_decide
from differentiation.models import ApprovalRequest, Decision, Evaluation, FormalNote
from factories import access
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers
from tests.i18n.note_helpers import pdftotext
from workspace.models import (
    AdvisoryVisit,
    CommitteeMeeting,
    CommitteeMember,
    ImprovementPlanItem,
    Objective,
    RoadMap,
    TrainingSession,
)

# The demo hashes its logins with a cheap PBKDF2 that the default hasher checks.
FAST_HASHING = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


# The demo is built "today"; the tests build it on another day, and its dates follow.
TODAY = datetime.date(2031, 2, 14)


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """Seed once for the whole module, inside a transaction rolled back at the end (like
    TestCase.setUpTestData): each test still runs in its own savepoint.
    """
    with (
        time_machine.travel(datetime.datetime(2031, 2, 14, 11, tzinfo=datetime.UTC)),
        override_settings(PASSWORD_HASHERS=FAST_HASHING),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield seed()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Overrides conftest's: MD5 alone cannot check the demo's (cheap) PBKDF2 hashes."""
    settings.PASSWORD_HASHERS = FAST_HASHING


@pytest.fixture
def seeded(first_run: str, db: Any) -> str:
    return first_run


def factory(name: str) -> Factory:
    return Factory.objects.get(name=name)


def latest_outcome(factory: Factory) -> dict[str, str]:
    evaluation = Evaluation.objects.filter(factory=factory).latest()
    return {c["group"]: c["result"] for c in evaluation.criteria}


def test_it_builds_two_programmes_of_about_fifteen_factories(seeded: str) -> None:
    counts = Counter(Factory.objects.values_list("programme__code", flat=True))
    assert counts == {"BGD": 15, "VNM": 15}
    assert "Demo built" in seeded
    assert "30 factories created" in seeded


def test_it_brings_every_factory_to_the_stage_of_its_story(seeded: str) -> None:
    actual = dict(Factory.objects.values_list("name", "stage"))
    expected = {spec.name: demo.STORIES[spec.story].stage for spec in demo.FACTORIES}
    assert actual == expected
    assert set(actual.values()) == set(Stage.values)  # every stage is on show


def test_it_records_three_cycles_of_history(seeded: str) -> None:
    for f in Factory.objects.all():
        assessments = list(f.assessments.finalised().order_by("visit_date"))
        assert [a.cycle for a in assessments] == [1, 2, 3]
        gaps = [(b.visit_date - a.visit_date).days for a, b in itertools.pairwise(assessments)]
        assert all(340 <= gap <= 390 for gap in gaps), (f.name, gaps)
        reports = f.progress_reports.finalised().order_by("release_date")
        assert [(r.cycle, r.number) for r in reports] == [(c, n) for c in (1, 2, 3) for n in (1, 2)]
        assert reports.last().release_date < TODAY


def test_it_records_ordinary_non_compliances_in_every_assessment(seeded: str) -> None:
    for assessment in Assessment.objects.prefetch_related("findings__question"):
        ordinary = [
            f
            for f in assessment.findings.all()
            if f.non_compliant and not f.question.publicly_reported
        ]
        assert 3 <= len(ordinary) <= 10, assessment
        assert assessment.management_systems.count() == 13


def test_it_queues_grant_requests_for_eligible_and_reviews_for_under_review(seeded: str) -> None:
    pending = {
        (r.factory.name, r.kind)
        for r in ApprovalRequest.objects.pending().select_related("factory")
    }
    eligible = Factory.objects.filter(stage=Stage.ELIGIBLE).values_list("name", flat=True)
    under_review = Factory.objects.filter(stage=Stage.UNDER_REVIEW).values_list("name", flat=True)
    assert pending == {(name, "grant") for name in eligible} | {
        (name, "review") for name in under_review
    }
    assert len(eligible) == 3 and len(under_review) == 2


def test_it_approves_high_performing_factories_with_a_formal_note_to_their_buyers(
    seeded: str,
) -> None:
    high = Factory.objects.filter(stage__in=[Stage.HIGH_PERFORMING, Stage.UNDER_REVIEW])
    assert high.count() == 6
    for f in high:
        decision = Decision.objects.get(request__factory=f, request__kind="grant")
        assert decision.outcome == "approved"
        assert decision.decided_by.profile.role == "programme_manager"
        note = FormalNote.objects.get(decision=decision)
        assert bytes(note.pdf).startswith(b"%PDF")
        with_access = set(f.access_grants.filter(revoked_at=None).values_list("buyer", flat=True))
        assert set(note.buyers.values_list("pk", flat=True)) == with_access
        assert with_access  # every high-performing demo factory has a buyer to show it to
    # The notes are signed by a person with a name and a title, not a login.
    text = " ".join(pdftotext(bytes(note.pdf)).split())
    signer = note.decision.decided_by
    assert f"{signer.get_full_name()}, Programme manager" in text
    assert signer.username not in text


def test_its_high_performing_factories_show_all_five_criteria_met(seeded: str) -> None:
    """Judged on their PR2 like everyone else: no 'unknown' for ever (docs/rules.md section 4)."""
    high = Factory.objects.filter(stage=Stage.HIGH_PERFORMING)
    assert high.exists()
    for f in high:
        latest = f.evaluations.order_by("-created_at", "-id").first()
        assert latest is not None and latest.rule_version == RULE_VERSION
        assert {c["result"] for c in latest.criteria} == {"met"}, f.name


def test_it_gives_candidates_the_additional_questions_next_time(seeded: str) -> None:
    candidate = factory("Chattogram Garments Ltd")
    assert candidate.stage == Stage.CANDIDATE
    draft = assessment_services.assessment_create(
        factory=candidate,
        cycle=4,
        visit_date=TODAY,
        actor=User.objects.get(username="ea.bgd"),
        elements=makers.all_elements(),
        additional=makers.all_items_met(),
    )
    assert draft.includes_additional_questions


@pytest.mark.parametrize(
    ("name", "failing", "because"),
    [
        ("Mirpur Fashion Wear Ltd", {"osh_management_systems"}, "Element OSH-4 not satisfied"),
        ("Rupganj Textiles Ltd", {"learning"}, "Item LE-1 rated Moderate progress"),
        ("Konabari Outerwear Ltd", {"compliance"}, "Question CO-2.1 non-compliant"),
        (
            "Kaliakair Shirts Ltd",
            {"compliance"},
            "Zero-tolerance question CT-3.3 non-compliant and not remediated",
        ),
        ("Dhamrai Sportswear Ltd", {"compliance", "osh_management_systems"}, "OS-3.1"),
    ],
)
def test_it_shows_near_misses_failing_on_one_thing(
    seeded: str, name: str, failing: set[str], because: str
) -> None:
    f = factory(name)
    outcome = latest_outcome(f)
    assert {group for group, result in outcome.items() if result == "not_met"} == failing
    evaluation = Evaluation.objects.filter(factory=f).latest()
    reasons = " ".join(r for c in evaluation.criteria for r in c["reasons"])
    assert because in reasons


def test_it_prints_logins_that_work_with_the_demo_password(seeded: str) -> None:
    usernames = ["pm.bgd", "pm2.bgd", "ea.bgd", "pm.vnm", "ea.vnm", "factory.hp"]
    usernames += ["factory.candidate", "buyer.northwind", "buyer.fabrikam", "buyer.tailspin"]
    usernames += ["factory.plan", "factory.hp.committee", "factory.candidate.committee"]
    for username in usernames:
        assert f"\n{username} " in seeded
        assert Client().login(username=username, password=demo.DEMO_PASSWORD), username
    assert "betterwork-demo" in seeded
    hp = User.objects.get(username="factory.hp").profile.factory
    assert hp.stage == Stage.HIGH_PERFORMING
    assert User.objects.get(username="factory.candidate").profile.factory.stage == Stage.CANDIDATE
    bgd_pms = User.objects.filter(
        profile__role="programme_manager", profile__programmes__code="BGD"
    )
    assert bgd_pms.count() == 2  # four eyes


def test_it_scopes_the_demo_logins(seeded: str) -> None:
    pm_bgd = User.objects.get(username="pm.bgd")
    assert set(access.factories_for(pm_bgd).values_list("programme__code", flat=True)) == {"BGD"}
    assert access.factories_for(User.objects.get(username="ea.vnm")).count() == 15
    assert list(access.factories_for(User.objects.get(username="factory.hp"))) == [
        factory("Gazipur Knit Composite Ltd")
    ]


@pytest.mark.parametrize("buyer", [demo.NORTHWIND, demo.FABRIKAM, demo.TAILSPIN])
def test_it_gives_buyers_third_party_access_to_some_factories_only(seeded: str, buyer: str) -> None:
    user = User.objects.get(username=demo.BUYERS[buyer])
    visible = set(access.factories_for(user).values_list("name", flat=True))
    assert visible == {spec.name for spec in demo.FACTORIES if buyer in spec.buyers}
    stages = set(Factory.objects.filter(name__in=visible).values_list("stage", flat=True))
    assert Stage.HIGH_PERFORMING in stages
    assert len(visible) < 15


def test_it_is_idempotent(seeded: str) -> None:
    def counts() -> dict[str, int]:
        return {m._meta.label: m._default_manager.count() for m in apps.get_models()}

    before = counts()
    out = seed()
    assert counts() == before
    assert "The demo already exists (30 factories); 0 missing logins created." in out
    assert "\nfactory.hp " in out  # the logins are printed again


def test_it_completes_a_partial_demo_with_the_given_password(seeded: str) -> None:
    User.objects.filter(username="buyer.tailspin").delete()
    before = Factory.objects.count(), Assessment.objects.count(), ProgressReport.objects.count()
    out = seed("--password", "another-secret")
    assert "1 missing logins created" in out
    assert "Password of every demo login: another-secret" in out
    assert Client().login(username="buyer.tailspin", password="another-secret")
    assert Client().login(username="pm.bgd", password=demo.DEMO_PASSWORD)  # kept its password
    after = Factory.objects.count(), Assessment.objects.count(), ProgressReport.objects.count()
    assert after == before


# --- the walk-through of the README: every page has something to show ---------------------


def test_its_dates_are_relative_to_the_day_it_is_built(seeded: str) -> None:
    due = dict(Factory.objects.values_list("name", "next_assessment_due"))
    assert {name for name, day in due.items() if day < TODAY} == {demo.OVERDUE}
    soon = [day for day in due.values() if TODAY <= day <= TODAY + datetime.timedelta(days=30)]
    assert len(soon) >= 10 and max(due.values()) <= TODAY + datetime.timedelta(days=60)
    assert not Assessment.objects.filter(visit_date__gt=TODAY).exists()
    assert not ProgressReport.objects.filter(release_date__gt=TODAY).exists()
    # Each step is stamped on its day, not on the day the demo was built.
    for assessment in Assessment.objects.all():
        assert (assessment.finalised_at.date() - assessment.visit_date).days == 2
    oldest = Evaluation.objects.order_by("created_at").first()
    assert oldest is not None and oldest.created_at.date() < TODAY - datetime.timedelta(days=700)


def test_a_pm_finalised_a_pending_request_for_the_other_pm_to_approve(seeded: str) -> None:
    request = ApprovalRequest.objects.pending().get(factory__name=demo.FOUR_EYES)
    assert request.kind == "grant"
    finaliser = request.triggered_by_assessment.finalised_by
    assert finaliser.username == "pm.bgd"  # someone other than pm2.bgd
    with pytest.raises(PermissionDenied):
        approval_decide(request=request, actor=finaliser, approve=True)
    pm2 = User.objects.get(username="pm2.bgd")
    assert approval_decide(request=request, actor=pm2, approve=True).outcome == "approved"


def test_the_featured_factories_have_a_workspace_to_show(seeded: str) -> None:
    hp = factory("Gazipur Knit Composite Ltd")
    road_map = RoadMap.objects.get(factory=hp, cycle=3)
    assert road_map.is_signed_off and road_map.endorsed_by != road_map.signed_off_by
    dues = {t.due: t.status for t in road_map.targets.all()}
    assert len(dues) == 5
    assert any(day < TODAY and status != "done" for day, status in dues.items())  # overdue
    assert any(TODAY <= day <= TODAY + datetime.timedelta(days=14) for day in dues)
    endorsed = RoadMap.objects.get(factory__name="Chattogram Garments Ltd")
    assert endorsed.endorsed_at is not None and not endorsed.is_signed_off
    members = CommitteeMember.objects.filter(factory=hp)
    assert members.filter(left=None).count() == 5 and members.exclude(left=None).count() == 1
    assert members.get(is_chair=True).category == "workers"
    assert CommitteeMeeting.objects.filter(factory=hp, date__lte=TODAY).count() == 3
    assert Objective.objects.filter(factory=hp, cycle=3).count() == 3
    visits = AdvisoryVisit.objects.filter(factory=hp, cycle=3)
    assert visits.count() == 3 and all(v.date < TODAY for v in visits)
    assert TrainingSession.objects.filter(factory=hp).count() == 1


def test_the_improvement_plans_have_items_open_closed_and_awaiting_the_advisor(seeded: str) -> None:
    items = list(
        ImprovementPlanItem.objects.filter(factory__name="Fatullah Apparel Industries Ltd")
    )
    closed = [i for i in items if i.is_closed]
    still_open = [i for i in items if i.status != "completed"]
    assert len(closed) >= 2 and len(still_open) == 2
    assert {i.deadline < TODAY for i in still_open} == {True, False}  # one overdue, one due soon
    waiting = ImprovementPlanItem.objects.get(factory__name="Chattogram Garments Ltd")
    assert waiting.awaiting_confirmation


def test_buyers_have_overviews_of_the_last_two_quarters(seeded: str) -> None:
    for name in demo.BUYERS:
        overviews = QuarterlyOverview.objects.filter(buyer__name=name)
        assert sorted(overviews.values_list("quarter", flat=True)) == ["2030-Q3", "2030-Q4"]
        for overview in overviews:
            assert overview.data["suppliers"], (name, overview.quarter)
            assert overview.produced_at.date() == overview.period_end + datetime.timedelta(days=1)


WALK_THROUGH = {
    "pm.bgd": [
        ("/", [demo.OVERDUE, "Assessments overdue (1)"]),
        ("/differentiation/approvals/", [demo.FOUR_EYES, "Dhamrai Sportswear Ltd"]),
        ("/differentiation/pipeline/", ["Chattogram Garments Ltd"]),
        ("/buyers/overviews/", ["2030-Q4", "2030-Q3"]),
    ],
    "pm2.bgd": [("/differentiation/approvals/{four_eyes}/", ["finalised by Nusrat Jahan"])],
    "ea.bgd": [
        ("/", [demo.OVERDUE]),
        ("/factories/", ["Gazipur Knit Composite Ltd"]),
        ("/factories/{candidate}/improvement-plan/", ["/confirm/"]),
    ],
    "factory.hp": [
        ("/factories/{hp}/road-map/", ["Rashed Chowdhury", "Farhana Akter, committee chair"]),
        ("/factories/{hp}/committee/", ["Farhana Akter", "Abdul Karim", "suggestion boxes"]),
        ("/factories/{hp}/advisory/", ["Walk the payroll process", "Payroll walked with HR"]),
        ("/factories/{hp}/benefits/", ["24"]),
    ],
    "factory.candidate": [
        ("/factories/{candidate}/road-map/", ["Farhana Akter", "/road-map/{rm}/sign-off/"])
    ],
    "factory.plan": [("/factories/{plan}/improvement-plan/", ["CT-1.1", "OS-3.3", "FL-3.1"])],
    "buyer.northwind": [
        ("/", ['href="/buyers/suppliers/{hp}/"']),
        ("/buyers/suppliers/{hp}/", ["/differentiation/notes/"]),
        ("/buyers/overviews/", ["2030-Q4", "2030-Q3"]),
    ],
}


@pytest.mark.parametrize("username", list(WALK_THROUGH))
def test_every_page_of_the_walk_through_has_something_to_show(seeded: str, username: str) -> None:
    client = Client()
    client.force_login(User.objects.get(username=username))
    ids = {
        "hp": factory("Gazipur Knit Composite Ltd").pk,
        "candidate": factory("Chattogram Garments Ltd").pk,
        "plan": factory("Fatullah Apparel Industries Ltd").pk,
        "rm": RoadMap.objects.get(factory__name="Chattogram Garments Ltd").pk,
        "four_eyes": ApprovalRequest.objects.pending().get(factory__name=demo.FOUR_EYES).pk,
    }
    for path, expected in WALK_THROUGH[username]:
        response = client.get(path.format(**ids))
        assert response.status_code == 200, path
        page = response.content.decode()
        for text in expected:
            text = text.format(**ids)
            assert text in page, (username, path, text)
