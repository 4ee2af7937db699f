"""An error in the middle of a write leaves no partial data behind."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import DatabaseError
from rest_framework.test import APIClient

from assessments.models import (
    Assessment,
    Finding,
    ManagementSystemResult,
    RecordChange,
)
from differentiation import decisions
from differentiation.decisions import approval_decide
from differentiation.models import ApprovalRequest, Decision, FormalNote, StageChange
from factories.models import Factory
from factories.vocabulary import Stage
from tests.api import payloads


def test_it_writes_no_assessment_when_saving_its_answers_fails(cast: Any) -> None:
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(cast.ea)
    body = payloads.assessment(cast.factory)
    with mock.patch.object(
        ManagementSystemResult.objects, "bulk_create", side_effect=DatabaseError("disk full")
    ):
        response = client.post("/api/v1/assessments/", body, format="json")
    assert response.status_code == 500
    assert not Assessment.objects.filter(factory=cast.factory).exists()
    assert not Finding.objects.exists()
    assert not ManagementSystemResult.objects.exists()
    assert not RecordChange.objects.filter(factory=cast.factory).exists()
    # And without the fault the same request is accepted: the test can tell the difference.
    assert client.post("/api/v1/assessments/", body, format="json").status_code == 201


def test_it_records_no_decision_when_the_stage_transition_fails(cast: Any) -> None:
    request = payloads.make_eligible(cast.factory, ea=cast.ea, by=cast.ea)
    changes = StageChange.objects.filter(factory=cast.factory).count()
    with (
        mock.patch.object(decisions, "stage_transition", side_effect=DatabaseError("lost")),
        pytest.raises(DatabaseError),
    ):
        approval_decide(request=request, actor=cast.pm, approve=True)
    request.refresh_from_db()
    assert request.status == "pending"
    assert request.closed_at is None
    assert not Decision.objects.filter(request=request).exists()
    assert not FormalNote.objects.filter(factory=cast.factory).exists()
    assert StageChange.objects.filter(factory=cast.factory).count() == changes
    assert Factory.objects.get(pk=cast.factory.pk).stage == Stage.ELIGIBLE
    # Without the fault the very same decision goes through.
    approval_decide(request=request, actor=cast.pm, approve=True)
    assert ApprovalRequest.objects.get(pk=request.pk).status == "approved"
    assert Factory.objects.get(pk=cast.factory.pk).stage == Stage.HIGH_PERFORMING


def test_it_records_no_decision_when_the_page_fails_mid_write(cast: Any) -> None:
    """The same through the approval page: ATOMIC_REQUESTS rolls the whole request back."""
    from django.test import Client

    request = payloads.make_eligible(cast.factory, ea=cast.ea, by=cast.ea)
    client = Client(raise_request_exception=False)
    client.force_login(cast.pm)
    with mock.patch.object(decisions, "stage_transition", side_effect=DatabaseError("lost")):
        response = client.post(
            f"/differentiation/approvals/{request.pk}/approve/",
            {"reason": "All criteria met.", "confirmed": "yes"},
        )
    assert response.status_code == 500
    assert not Decision.objects.filter(request=request).exists()
    assert ApprovalRequest.objects.get(pk=request.pk).status == "pending"
