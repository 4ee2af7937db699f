"""The whole journey of docs/rules.md section 7 through the REST API alone."""

from __future__ import annotations

from typing import Any

from rest_framework.test import APIClient

from tests.api import payloads
from tests.conftest import api_as

# Every question not listed was assessed compliant: said explicitly, as the contract asks.
REST_COMPLIANT = {"remaining_compliant": True}


def _ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.content
    return response.json()


def _stage(client: APIClient, factory_id: int) -> str:
    return _ok(client.get(f"/api/v1/factories/{factory_id}/"))["stage"]


def test_it_walks_a_factory_to_high_performing_and_back_through_the_api(
    cast, django_capture_on_commit_callbacks
):
    pm, pm2, ea = api_as(cast.pm), api_as(cast.pm2), api_as(cast.ea)

    factory = _ok(
        pm.post("/api/v1/factories/", {"name": "Gazipur Sweaters Ltd", "country": "BGD"}), 201
    )
    fid = factory["id"]
    assert factory["country"] == "BGD" and factory["stage"] == "not_on_track"
    differentiation = _ok(ea.get(f"/api/v1/factories/{fid}/differentiation/"))
    assert differentiation["evaluated_at"] is None
    assert {c["result"] for c in differentiation["criteria"]} == {"unknown"}

    # Cycle 1: a passing assessment, then an all-on-track PR2: candidate.
    first = _ok(
        ea.post(
            "/api/v1/assessments/",
            payloads.assessment(fid, cycle=1, visit_date="2024-03-12"),
            format="json",
        ),
        201,
    )
    assert first["status"] == "draft" and not first["includes_additional_questions"]
    with django_capture_on_commit_callbacks(execute=True):
        _ok(ea.post(f"/api/v1/assessments/{first['id']}/finalise/", REST_COMPLIANT, format="json"))
    assert _stage(ea, fid) == "not_on_track"
    assert _ok(ea.get(f"/api/v1/factories/{fid}/differentiation/"))["evaluated_at"] is not None
    assert _ok(ea.get(f"/api/v1/factories/{fid}/"))["next_assessment_due"] == "2025-03-12"

    report = _ok(
        ea.post(
            "/api/v1/progress-reports/",
            payloads.progress_report(fid, cycle=1, release_date="2024-11-20"),
            format="json",
        ),
        201,
    )
    with django_capture_on_commit_callbacks(execute=True):
        _ok(ea.post(f"/api/v1/progress-reports/{report['id']}/finalise/"))
    assert _stage(ea, fid) == "candidate"

    # Cycle 2: the candidate's next assessment carries the additional questions: eligible.
    second = _ok(
        pm.post(
            "/api/v1/assessments/",
            payloads.assessment(
                fid,
                cycle=2,
                visit_date="2025-03-18",
                findings=[],
                additional_questions=payloads.additional(),
            ),
            format="json",
        ),
        201,
    )
    assert second["includes_additional_questions"]
    assert len(second["additional_questions"]) == 6
    with django_capture_on_commit_callbacks(execute=True):
        _ok(pm.post(f"/api/v1/assessments/{second['id']}/finalise/", REST_COMPLIANT, format="json"))
    assert _stage(pm, fid) == "eligible"
    criteria = _ok(pm.get(f"/api/v1/factories/{fid}/differentiation/"))["criteria"]
    assert [c["result"] for c in criteria] == ["met"] * 5

    queue = _ok(pm.get("/api/v1/approvals/", {"status": "pending"}))["results"]
    grant = next(r for r in queue if r["factory"] == fid)
    assert grant["kind"] == "grant" and grant["decision"] is None

    # Four eyes: pm finalised the triggering assessment, so pm2 approves.
    refused = pm.post(f"/api/v1/approvals/{grant['id']}/approve/", {}, format="json")
    assert refused.status_code == 403
    assert "four eyes" in refused.json()["detail"]
    with django_capture_on_commit_callbacks(execute=True):
        approved = _ok(pm2.post(f"/api/v1/approvals/{grant['id']}/approve/", {}, format="json"))
    assert approved["status"] == "approved"
    assert approved["decision"]["decided_by"] == cast.pm2.username
    hp = _ok(pm.get(f"/api/v1/factories/{fid}/"))
    assert hp["stage"] == "high_performing" and hp["high_performing_since"] is not None

    # Cycle 3: a publicly reported non-compliance: under review, a review request queued.
    third = _ok(
        ea.post(
            "/api/v1/assessments/",
            payloads.assessment(
                fid,
                cycle=3,
                visit_date="2026-03-03",
                findings=[{"question": "CL-1.1", "non_compliant": True, "remediated": True}],
            ),
            format="json",
        ),
        201,
    )
    with django_capture_on_commit_callbacks(execute=True):
        _ok(ea.post(f"/api/v1/assessments/{third['id']}/finalise/", REST_COMPLIANT, format="json"))
    assert _stage(ea, fid) == "under_review"
    review = next(
        r
        for r in _ok(pm2.get("/api/v1/approvals/", {"status": "pending"}))["results"]
        if r["factory"] == fid
    )
    assert review["kind"] == "review"

    missing_reason = pm2.post(f"/api/v1/approvals/{review['id']}/reject/", {}, format="json")
    assert missing_reason.status_code == 400
    assert "reason" in missing_reason.json()
    withdrawn = _ok(
        pm2.post(
            f"/api/v1/approvals/{review['id']}/reject/",
            {"reason": "CL-1.1 non-compliant in the 2026 assessment."},
            format="json",
        )
    )
    assert withdrawn["status"] == "rejected"
    after = _ok(pm.get(f"/api/v1/factories/{fid}/"))
    assert after["stage"] == "not_on_track"
    assert after["high_performing_since"] is None
    assert after["assessment_interval_months"] == 12

    # A decision is never taken twice.
    again = pm.post(f"/api/v1/approvals/{review['id']}/approve/", {}, format="json")
    assert again.status_code == 409
    assert "already" in again.json()["detail"]

    history = _ok(pm.get(f"/api/v1/factories/{fid}/evaluations/"))
    assert history["count"] == 4
    assert [e["stage_after"] for e in reversed(history["results"])] == [
        "not_on_track",
        "candidate",
        "eligible",
        "under_review",
    ]
