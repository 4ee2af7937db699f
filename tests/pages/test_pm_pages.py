"""The programme manager's pages: approval queue, request, pipeline, formal note download."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from assessments.models import Question
from assessments.services import FindingInput
from differentiation.decisions import approval_decide
from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest, Decision, FormalNote
from differentiation.notes import formal_note_issue
from factories import services as factory_services
from factories.models import Factory
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import Cast

FIRST_VISIT = datetime.date(2024, 3, 12)
PR2_RELEASE = datetime.date(2024, 11, 20)
SECOND_VISIT = datetime.date(2025, 3, 18)


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """The cast has eight users; PBKDF2 would spend seconds hashing their test password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_candidate(factory: Factory, *, by: User) -> Factory:
    """A passing assessment and an all-on-track PR2: the candidate gate."""
    makers.make_assessment(factory, by=by, cycle=1, visit_date=FIRST_VISIT)
    makers.make_report(factory, by=by, cycle=1, release_date=PR2_RELEASE)
    factory_evaluate(factory_id=factory.pk, trigger="test")
    factory.refresh_from_db()
    assert factory.stage == Stage.CANDIDATE
    return factory


def make_eligible(factory: Factory, *, by: User, finaliser: User | None = None) -> ApprovalRequest:
    """Candidate, then a second assessment meeting every criterion: a pending grant request."""
    make_candidate(factory, by=by)
    makers.make_assessment(factory, by=finaliser or by, cycle=2, visit_date=SECOND_VISIT)
    factory_evaluate(factory_id=factory.pk, trigger="test")
    request: ApprovalRequest = ApprovalRequest.objects.get(factory=factory, status="pending")
    return request


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def grant_request(cast: Cast) -> ApprovalRequest:
    return make_eligible(cast.factory, by=cast.ea)


@pytest.fixture
def formal_note(cast: Cast, grant_request: ApprovalRequest) -> FormalNote:
    decision = approval_decide(request=grant_request, actor=cast.pm, approve=True)
    return formal_note_issue(decision_id=decision.pk)


PAGE_STATUS = [
    # persona, queue, request, pipeline. A PM of another programme has the pages (for their own
    # programme) but not this factory's request.
    ("pm", 200, 200, 200),
    ("pm2", 200, 200, 200),
    ("other_pm", 200, 404, 200),
    ("ea", 404, 404, 404),
    ("factory_user", 404, 404, 404),
    ("other_factory_user", 404, 404, 404),
    ("buyer_user", 404, 404, 404),
    ("outsider_buyer_user", 404, 404, 404),
]


@pytest.mark.parametrize(("persona", "queue", "request_page", "pipeline"), PAGE_STATUS)
def test_it_shows_the_pm_pages_only_to_the_programme_managers(
    cast: Cast,
    grant_request: ApprovalRequest,
    persona: str,
    queue: int,
    request_page: int,
    pipeline: int,
) -> None:
    client = client_for(cast.persona(persona))
    pages = {
        reverse("differentiation:queue"): queue,
        reverse("differentiation:request", args=[grant_request.pk]): request_page,
        reverse("differentiation:pipeline"): pipeline,
    }
    for url, status in pages.items():
        response = client.get(url)
        assert response.status_code == status, url
        if status == 200 and persona == "other_pm":
            assert cast.factory.name not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        lambda r: reverse("differentiation:queue"),
        lambda r: reverse("differentiation:request", args=[r.pk]),
        lambda r: reverse("differentiation:pipeline"),
        lambda r: reverse("differentiation:note-pdf", args=[1]),
    ],
    ids=["queue", "request", "pipeline", "note"],
)
def test_it_sends_anonymous_visitors_to_the_login_page(
    client: Client, grant_request: ApprovalRequest, url: Callable[[ApprovalRequest], str]
) -> None:
    response = client.get(url(grant_request))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("action", ["approve", "reject"])
@pytest.mark.parametrize(
    "persona",
    ["other_pm", "ea", "factory_user", "buyer_user", "outsider_buyer_user", "anonymous"],
)
def test_it_lets_no_one_but_the_programme_managers_decide(
    cast: Cast, grant_request: ApprovalRequest, action: str, persona: str
) -> None:
    url = reverse(f"differentiation:{action}", args=[grant_request.pk])
    response = client_for(cast.persona(persona)).post(url, {"reason": "Because."})
    assert response.status_code == (302 if persona == "anonymous" else 404)
    grant_request.refresh_from_db()
    assert grant_request.status == "pending"
    assert not Decision.objects.exists()


# --- the queue ----------------------------------------------------------------------------


def test_it_lists_pending_requests_with_their_factory_and_trigger(
    cast: Cast, grant_request: ApprovalRequest
) -> None:
    response = client_for(cast.pm).get(reverse("differentiation:queue"))
    body = response.content.decode()
    assert response.status_code == 200
    assert cast.factory.name in body
    assert "BGD" in body
    assert "Grant high-performing status" in body
    assert SECOND_VISIT.isoformat() in body  # the triggering assessment
    assert reverse("differentiation:request", args=[grant_request.pk]) in body
    assert "Eligible, awaiting approval" in body


def test_it_shows_a_clear_empty_queue(cast: Cast) -> None:
    response = client_for(cast.pm).get(reverse("differentiation:queue"))
    assert response.status_code == 200
    assert "No approval request is waiting" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ({"programme": "BGD"}, True),
        ({"kind": "grant"}, True),
        ({"kind": "review"}, False),
        ({"status": "decided"}, False),
    ],
)
def test_it_filters_the_queue(
    cast: Cast, grant_request: ApprovalRequest, query: dict[str, str], listed: bool
) -> None:
    response = client_for(cast.pm).get(reverse("differentiation:queue"), query)
    assert response.status_code == 200
    assert (cast.factory.name in response.content.decode()) is listed


def test_it_refuses_a_programme_the_pm_does_not_manage(
    cast: Cast, grant_request: ApprovalRequest
) -> None:
    response = client_for(cast.pm).get(reverse("differentiation:queue"), {"programme": "VNM"})
    assert response.status_code == 400
    assert "Programme" in response.content.decode()


def test_it_lists_decided_requests_with_their_decision(
    cast: Cast, grant_request: ApprovalRequest
) -> None:
    approval_decide(
        request=grant_request, actor=cast.pm2, approve=False, reason="Wait for the next PR2."
    )
    pending = client_for(cast.pm).get(reverse("differentiation:queue")).content.decode()
    assert cast.factory.name not in pending
    for status in ("decided", "rejected"):
        response = client_for(cast.pm).get(reverse("differentiation:queue"), {"status": status})
        body = response.content.decode()
        assert cast.factory.name in body
        assert "Wait for the next PR2." in body
        assert "bob-pm" in body
    approved = client_for(cast.pm).get(reverse("differentiation:queue"), {"status": "approved"})
    assert cast.factory.name not in approved.content.decode()


def _seed_requests(cast: Cast, count: int) -> None:
    for _ in range(count):
        make_eligible(makers.make_factory(advisor=cast.ea), by=cast.ea)


@pytest.mark.parametrize("count", [3, 12])
@pytest.mark.parametrize("status", ["pending", "decided"])
def test_it_keeps_the_queue_query_count_flat(
    cast: Cast, django_assert_max_num_queries: Any, count: int, status: str
) -> None:
    _seed_requests(cast, count)
    if status == "decided":
        for r in ApprovalRequest.objects.all():
            approval_decide(request=r, actor=cast.pm2, approve=False, reason="Not yet.")
    client = client_for(cast.pm)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("differentiation:queue"), {"status": status})
    assert response.status_code == 200
    assert response.content.decode().count("badge kind-grant") == count


# --- the request page ---------------------------------------------------------------------


def test_it_shows_the_five_criteria_with_their_evidence(
    cast: Cast, grant_request: ApprovalRequest
) -> None:
    response = client_for(cast.pm).get(reverse("differentiation:request", args=[grant_request.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    for label in (
        "Compliance with publicly reported issues",
        "Contracts and HR management systems",
        "OSH management systems",
        "Effective social dialogue",
        "Learning for sustainable improvement",
    ):
        assert label in body
    assert body.count("result-badge-met") == 5
    assert "On track" in body  # PR2 ratings of the social-dialogue and learning items
    assert "Confirmed" in body  # the additional questions
    assert FIRST_VISIT.isoformat() in body and SECOND_VISIT.isoformat() in body
    assert PR2_RELEASE.isoformat() in body
    assert "Approve high-performing status" in body
    assert "Candidate" in body  # history: not on track -> candidate -> eligible


def _review_request_with_findings(cast: Cast, codes: list[str]) -> ApprovalRequest:
    """A request whose evaluation failed on `codes` (publicly reported) and two HR elements."""
    factory = make_candidate(cast.factory, by=cast.ea)
    makers.make_assessment(
        factory,
        by=cast.ea,
        cycle=2,
        visit_date=SECOND_VISIT,
        findings=[FindingInput(question=code, non_compliant=True) for code in codes],
        elements=makers.all_elements(failing=["HR-1", "HR-2"]),
    )
    factory_evaluate(factory_id=factory.pk, trigger="test")
    # A failing candidate queues nothing; build the review request such an evaluation gives.
    evaluation = factory.evaluations.latest()
    return ApprovalRequest.objects.create(factory=factory, kind="review", evaluation=evaluation)


def test_it_resolves_failing_findings_into_questions(cast: Cast) -> None:
    request = _review_request_with_findings(cast, ["CL-1.1"])
    response = client_for(cast.pm).get(reverse("differentiation:request", args=[request.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "CL-1.1" in body
    assert Question.objects.get(code="CL-1.1").text[:40] in body
    assert "Publicly reported" in body
    assert "HR-1" in body and "Not satisfied" in body
    assert body.count("result-badge-not_met") >= 2
    assert "Keep high-performing status" in body


@pytest.mark.parametrize("count", [3, 12])
def test_it_keeps_the_request_page_query_count_flat(
    cast: Cast, django_assert_max_num_queries: Any, count: int
) -> None:
    codes = list(
        Question.objects.publicly_reported().order_by("code").values_list("code", flat=True)[:count]
    )
    request = _review_request_with_findings(cast, codes)
    client = client_for(cast.pm)
    with django_assert_max_num_queries(23):  # 3 for how the window was answered, 2 for currency
        response = client.get(reverse("differentiation:request", args=[request.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('<tr class="failing">') >= count


# --- deciding -----------------------------------------------------------------------------


def test_it_approves_issues_the_note_and_redirects_with_a_message(
    cast: Cast,
    grant_request: ApprovalRequest,
    django_capture_on_commit_callbacks: Any,
    mailoutbox: list[Any],
) -> None:
    client = client_for(cast.pm)
    url = reverse("differentiation:approve", args=[grant_request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("differentiation:request", args=[grant_request.pk])
    cast.factory.refresh_from_db()
    assert cast.factory.stage == Stage.HIGH_PERFORMING
    note = FormalNote.objects.get(factory=cast.factory)
    assert list(note.buyers.all()) == [cast.buyer]
    assert len(mailoutbox) == 1
    assert "fiona-factory@example.org" in mailoutbox[0].bcc
    page = client.get(response["Location"]).content.decode()
    assert "is now High-performing" in page
    assert "Approved" in page and "alice-pm" in page
    assert reverse("differentiation:note-pdf", args=[note.pk]) in page
    assert 'action="/differentiation/approvals/' not in page  # decided: no forms


def test_it_requires_a_reason_to_reject(cast: Cast, grant_request: ApprovalRequest) -> None:
    url = reverse("differentiation:reject", args=[grant_request.pk])
    response = client_for(cast.pm).post(url, {"reason": "   "})
    assert response.status_code == 400
    assert "Give a reason for rejecting." in response.content.decode()
    grant_request.refresh_from_db()
    assert grant_request.status == "pending"
    assert not Decision.objects.exists()


def test_it_rejects_with_a_reason(cast: Cast, grant_request: ApprovalRequest) -> None:
    url = reverse("differentiation:reject", args=[grant_request.pk])
    response = client_for(cast.pm).post(url, {"reason": "Grievance committee not yet elected."})
    assert response.status_code == 302
    decision = Decision.objects.get(request=grant_request)
    assert decision.outcome == "rejected"
    assert decision.reason == "Grievance committee not yet elected."
    cast.factory.refresh_from_db()
    assert cast.factory.stage in (Stage.CANDIDATE, Stage.NOT_ON_TRACK)


@pytest.mark.parametrize("second", ["approve", "reject"])
def test_it_refuses_a_second_decision_clearly(
    cast: Cast, grant_request: ApprovalRequest, second: str
) -> None:
    client_for(cast.pm).post(reverse("differentiation:approve", args=[grant_request.pk]))
    response = client_for(cast.pm2).post(
        reverse(f"differentiation:{second}", args=[grant_request.pk]), {"reason": "Too late."}
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "already approved by alice-pm" in body
    assert Decision.objects.filter(request=grant_request).count() == 1


def test_it_applies_four_eyes(cast: Cast) -> None:
    request = make_eligible(cast.factory, by=cast.ea, finaliser=cast.pm)
    response = client_for(cast.pm).post(reverse("differentiation:approve", args=[request.pk]))
    assert response.status_code == 403
    assert "another programme manager" in response.content.decode()
    assert not Decision.objects.exists()
    response = client_for(cast.pm2).post(reverse("differentiation:approve", args=[request.pk]))
    assert response.status_code == 302
    assert Decision.objects.get(request=request).decided_by == cast.pm2


def test_it_answers_get_on_the_decision_urls_with_405(
    cast: Cast, grant_request: ApprovalRequest
) -> None:
    url = reverse("differentiation:approve", args=[grant_request.pk])
    assert client_for(cast.pm).get(url).status_code == 405


# --- the pipeline -------------------------------------------------------------------------


def test_it_counts_factories_per_stage_and_lists_them(cast: Cast) -> None:
    make_candidate(cast.factory, by=cast.ea)
    client = client_for(cast.pm)
    response = client.get(reverse("differentiation:pipeline"))
    counts = {row["programme"].code: row["stages"] for row in response.context["rows"]}
    assert {s["stage"]: s["count"] for s in counts["BGD"]} == {
        "not_on_track": 1,
        "candidate": 1,
        "eligible": 0,
        "high_performing": 0,
        "under_review": 0,
    }
    assert "VNM" not in counts  # not this PM's programme
    listed = client.get(reverse("differentiation:pipeline"), {"stage": "candidate"})
    body = listed.content.decode()
    assert cast.factory.name in body
    assert [f.name for f in listed.context["stage_factories"]] == [cast.factory.name]
    assert "2025-03-12" in body  # next assessment due, 12 months after the first visit


def test_it_says_whether_a_candidates_draft_carries_the_additional_questions(
    cast: Cast,
) -> None:
    make_candidate(cast.factory, by=cast.ea)
    page = client_for(cast.pm).get(reverse("differentiation:pipeline")).content.decode()
    assert "Not started" in page
    makers.make_assessment(cast.factory, by=cast.ea, cycle=2, finalise=False)
    page = client_for(cast.pm).get(reverse("differentiation:pipeline")).content.decode()
    assert "Draft includes the additional questions" in page


def test_it_refuses_an_unknown_stage(cast: Cast) -> None:
    response = client_for(cast.pm).get(reverse("differentiation:pipeline"), {"stage": "famous"})
    assert response.status_code == 400
    assert "Stage" in response.content.decode()


@pytest.mark.parametrize("count", [3, 12])
def test_it_keeps_the_pipeline_query_count_flat(
    cast: Cast, django_assert_max_num_queries: Any, count: int
) -> None:
    for _ in range(count):
        make_candidate(makers.make_factory(advisor=cast.ea), by=cast.ea)
    client = client_for(cast.pm)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("differentiation:pipeline"), {"stage": "candidate"})
    assert response.status_code == 200
    assert len(response.context["stage_factories"]) == count
    assert len(response.context["candidates"]) == count


# --- the formal note ----------------------------------------------------------------------


NOTE_STATUS = [
    ("pm", 200),
    ("pm2", 200),
    ("ea", 200),
    ("factory_user", 200),
    ("buyer_user", 200),
    ("other_pm", 404),
    ("other_factory_user", 404),
    ("outsider_buyer_user", 404),
]


@pytest.mark.parametrize(("persona", "status"), NOTE_STATUS)
def test_it_lets_the_addressees_download_the_formal_note(
    cast: Cast, formal_note: FormalNote, persona: str, status: int
) -> None:
    url = reverse("differentiation:note-pdf", args=[formal_note.pk])
    response = client_for(cast.persona(persona)).get(url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response.content.startswith(b"%PDF")


def test_it_takes_the_note_away_from_a_buyer_whose_access_is_revoked(
    cast: Cast, formal_note: FormalNote
) -> None:
    url = reverse("differentiation:note-pdf", args=[formal_note.pk])
    assert client_for(cast.buyer_user).get(url).status_code == 200
    factory_services.third_party_access_revoke(
        factory=cast.factory, buyer=cast.buyer, actor=cast.factory_user
    )
    assert client_for(cast.buyer_user).get(url).status_code == 404


def test_it_keeps_the_note_from_a_buyer_granted_access_after_it_was_issued(
    cast: Cast, formal_note: FormalNote
) -> None:
    factory_services.third_party_access_grant(
        factory=cast.factory, buyer=cast.outsider_buyer, actor=cast.factory_user
    )
    url = reverse("differentiation:note-pdf", args=[formal_note.pk])
    assert client_for(cast.outsider_buyer_user).get(url).status_code == 404


def test_it_answers_404_for_a_missing_note(cast: Cast) -> None:
    url = reverse("differentiation:note-pdf", args=[999])
    assert client_for(cast.pm).get(url).status_code == 404
    assert not mail.outbox
