"""The programme manager's decisions, the pipeline and the formal note's download."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from differentiation.models import ApprovalRequest, Decision, FormalNote
from factories import services as factory_services
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import Cast, client_as, shown
from tests.pages.pm_helpers import make_candidate, make_eligible

# --- deciding -----------------------------------------------------------------------------


def test_it_approves_issues_the_note_and_redirects_with_a_message(
    cast: Cast,
    grant_request: ApprovalRequest,
    django_capture_on_commit_callbacks: Any,
    mailoutbox: list[Any],
) -> None:
    cast.factory_user.profile.language = ""  # reads its country's language (Bengali)
    cast.factory_user.profile.save(update_fields=["language"])
    client = client_as(cast.pm)
    url = reverse("differentiation:approve", args=[grant_request.pk])
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(url, {"reason": ""})
        assert asked.status_code == 200  # the confirmation step: nothing decided yet
        assert not Decision.objects.exists()
        assert "A formal note is issued and e-mailed to 2 people" in asked.content.decode()
        response = client.post(url, {"reason": "", "confirmed": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("differentiation:request", args=[grant_request.pk])
    cast.factory.refresh_from_db()
    assert cast.factory.stage == Stage.HIGH_PERFORMING
    note = FormalNote.objects.get(factory=cast.factory)
    assert list(note.buyers.all()) == [cast.buyer]
    # One mail a language: the factory's users read Bengali (BGD), the buyer's English.
    by_language = {m.extra_headers["Content-Language"]: m.bcc for m in mailoutbox}
    assert by_language == {"bn": ["fiona-factory@example.org"], "en": ["bella-buyer@example.org"]}
    page = client.get(response["Location"]).content.decode()
    assert "is now High-performing" in page
    assert "Approved" in page and "alice-pm" in page
    assert reverse("differentiation:note-pdf", args=[note.pk]) in page
    assert 'action="/differentiation/approvals/' not in page  # decided: no forms


def test_it_requires_a_reason_to_reject(cast: Cast, grant_request: ApprovalRequest) -> None:
    url = reverse("differentiation:reject", args=[grant_request.pk])
    response = client_as(cast.pm).post(url, {"reason": "   "})
    assert response.status_code == 400
    assert "Give a reason for rejecting." in response.content.decode()
    grant_request.refresh_from_db()
    assert grant_request.status == "pending"
    assert not Decision.objects.exists()


def test_it_rejects_with_a_reason(cast: Cast, grant_request: ApprovalRequest) -> None:
    url = reverse("differentiation:reject", args=[grant_request.pk])
    reason = {"reason": "Grievance committee not yet elected."}
    asked = client_as(cast.pm).post(url, reason)
    assert asked.status_code == 200 and "Yes, reject" in asked.content.decode()
    assert not Decision.objects.exists()
    response = client_as(cast.pm).post(url, {**reason, "confirmed": "yes"})
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
    client_as(cast.pm).post(
        reverse("differentiation:approve", args=[grant_request.pk]), {"confirmed": "yes"}
    )
    response = client_as(cast.pm2).post(
        reverse(f"differentiation:{second}", args=[grant_request.pk]), {"reason": "Too late."}
    )
    body = response.content.decode()
    assert response.status_code == 409
    assert "already approved by alice-pm" in body
    assert Decision.objects.filter(request=grant_request).count() == 1


def test_it_applies_four_eyes(cast: Cast) -> None:
    request = make_eligible(cast.factory, by=cast.ea, finaliser=cast.pm)
    response = client_as(cast.pm).post(reverse("differentiation:approve", args=[request.pk]))
    assert response.status_code == 403
    assert "another programme manager" in response.content.decode()
    assert not Decision.objects.exists()
    response = client_as(cast.pm2).post(
        reverse("differentiation:approve", args=[request.pk]), {"confirmed": "yes"}
    )
    assert response.status_code == 302
    assert Decision.objects.get(request=request).decided_by == cast.pm2


def test_it_answers_get_on_the_decision_urls_with_405(
    cast: Cast, grant_request: ApprovalRequest
) -> None:
    url = reverse("differentiation:approve", args=[grant_request.pk])
    assert client_as(cast.pm).get(url).status_code == 405


# --- the pipeline -------------------------------------------------------------------------


def test_it_counts_factories_per_stage_and_lists_them(cast: Cast) -> None:
    make_candidate(cast.factory, by=cast.ea)
    client = client_as(cast.pm)
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
    assert shown("2025-03-12") in body  # next assessment due, 12 months after the first visit


def test_it_says_whether_a_candidates_draft_carries_the_additional_questions(
    cast: Cast,
) -> None:
    make_candidate(cast.factory, by=cast.ea)
    page = client_as(cast.pm).get(reverse("differentiation:pipeline")).content.decode()
    assert "Not started" in page
    makers.make_assessment(cast.factory, by=cast.ea, cycle=2, finalise=False)
    page = client_as(cast.pm).get(reverse("differentiation:pipeline")).content.decode()
    assert "Draft includes the additional questions" in page


def test_it_refuses_an_unknown_stage(cast: Cast) -> None:
    response = client_as(cast.pm).get(reverse("differentiation:pipeline"), {"stage": "famous"})
    assert response.status_code == 400
    assert "Stage" in response.content.decode()


@pytest.mark.parametrize("count", [3, 12])
def test_it_keeps_the_pipeline_query_count_flat(
    cast: Cast, django_assert_max_num_queries: Any, count: int
) -> None:
    for _ in range(count):
        make_candidate(makers.make_factory(advisor=cast.ea), by=cast.ea)
    client = client_as(cast.pm)
    # 11, and 1 for the chart of the last quarters (one query, a subquery per quarter)
    with django_assert_max_num_queries(12):
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
    response = client_as(cast.persona(persona)).get(url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response.content.startswith(b"%PDF")


def test_it_takes_the_note_away_from_a_buyer_whose_access_is_revoked(
    cast: Cast, formal_note: FormalNote
) -> None:
    url = reverse("differentiation:note-pdf", args=[formal_note.pk])
    assert client_as(cast.buyer_user).get(url).status_code == 200
    factory_services.third_party_access_revoke(
        factory=cast.factory, buyer=cast.buyer, actor=cast.factory_user
    )
    assert client_as(cast.buyer_user).get(url).status_code == 404


def test_it_keeps_the_note_from_a_buyer_granted_access_after_it_was_issued(
    cast: Cast, formal_note: FormalNote
) -> None:
    factory_services.third_party_access_grant(
        factory=cast.factory, buyer=cast.outsider_buyer, actor=cast.factory_user
    )
    url = reverse("differentiation:note-pdf", args=[formal_note.pk])
    assert client_as(cast.outsider_buyer_user).get(url).status_code == 404


def test_it_answers_404_for_a_missing_note(cast: Cast) -> None:
    url = reverse("differentiation:note-pdf", args=[999])
    assert client_as(cast.pm).get(url).status_code == 404
    assert not mail.outbox
