"""The programme manager's pages: who may see them, the approval queue, the request page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Question
from assessments.services import FindingInput
from differentiation.decisions import approval_decide
from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest, Decision
from differentiation.vocabulary import RequestKind
from tests import makers
from tests.conftest import Cast, client_as, shown
from tests.pages.pm_helpers import (
    FIRST_VISIT,
    PR2_RELEASE,
    SECOND_VISIT,
    make_candidate,
    make_eligible,
)

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
    client = client_as(cast.persona(persona))
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
    response = client_as(cast.persona(persona)).post(url, {"reason": "Because."})
    assert response.status_code == (302 if persona == "anonymous" else 404)
    grant_request.refresh_from_db()
    assert grant_request.status == "pending"
    assert not Decision.objects.exists()


# --- the queue ----------------------------------------------------------------------------


def test_it_lists_pending_requests_with_their_factory_and_trigger(
    cast: Cast, grant_request: ApprovalRequest
) -> None:
    response = client_as(cast.pm).get(reverse("differentiation:queue"))
    body = response.content.decode()
    assert response.status_code == 200
    assert cast.factory.name in body
    assert "BGD" in body
    assert "Grant high-performing status" in body
    assert shown(SECOND_VISIT) in body  # the triggering assessment
    assert reverse("differentiation:request", args=[grant_request.pk]) in body
    assert "Eligible, awaiting approval" in body


def test_it_shows_a_clear_empty_queue(cast: Cast) -> None:
    response = client_as(cast.pm).get(reverse("differentiation:queue"))
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
    response = client_as(cast.pm).get(reverse("differentiation:queue"), query)
    assert response.status_code == 200
    assert (cast.factory.name in response.content.decode()) is listed


def test_it_refuses_a_programme_the_pm_does_not_manage(
    cast: Cast, grant_request: ApprovalRequest
) -> None:
    response = client_as(cast.pm).get(reverse("differentiation:queue"), {"programme": "VNM"})
    assert response.status_code == 400
    assert "Programme" in response.content.decode()


def test_it_lists_decided_requests_with_their_decision(
    cast: Cast, grant_request: ApprovalRequest
) -> None:
    approval_decide(
        request=grant_request, actor=cast.pm2, approve=False, reason="Wait for the next PR2."
    )
    pending = client_as(cast.pm).get(reverse("differentiation:queue")).content.decode()
    assert cast.factory.name not in pending
    for status in ("decided", "rejected"):
        response = client_as(cast.pm).get(reverse("differentiation:queue"), {"status": status})
        body = response.content.decode()
        assert cast.factory.name in body
        assert "Wait for the next PR2." in body
        assert "bob-pm" in body
    approved = client_as(cast.pm).get(reverse("differentiation:queue"), {"status": "approved"})
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
    client = client_as(cast.pm)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("differentiation:queue"), {"status": status})
    assert response.status_code == 200
    assert response.content.decode().count("badge kind-grant") == count


# --- the request page ---------------------------------------------------------------------


def test_it_shows_the_five_criteria_with_their_evidence(
    cast: Cast, grant_request: ApprovalRequest
) -> None:
    response = client_as(cast.pm).get(reverse("differentiation:request", args=[grant_request.pk]))
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
    return makers.ApprovalRequestMaker(
        factory=factory, kind=RequestKind.REVIEW, evaluation=evaluation
    )


def test_it_resolves_failing_findings_into_questions(cast: Cast) -> None:
    request = _review_request_with_findings(cast, ["CL-1.1"])
    response = client_as(cast.pm).get(reverse("differentiation:request", args=[request.pk]))
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
    client = client_as(cast.pm)
    with django_assert_max_num_queries(23):  # 3 for how the window was answered, 2 for currency
        response = client.get(reverse("differentiation:request", args=[request.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('<tr class="failing">') >= count
