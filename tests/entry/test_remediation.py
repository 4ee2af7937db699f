"""Remediation after finalising: an EA or PM records it on the finalised zero-tolerance finding,
without reopening; kept in the history, the improvement-plan item closed, the factory
re-evaluated once it commits."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments import services
from assessments.models import RecordChange
from differentiation import tasks
from differentiation.models import Evaluation
from tests import makers
from tests.conftest import client_as, shown
from workspace.models import ImprovementPlanItem

VISIT = datetime.date(2024, 3, 12)
AFTER = datetime.date(2024, 5, 2)


@pytest.fixture
def finalised(cast):
    """CL-1.1 (zero tolerance, publicly reported) and CT-3.1 (zero tolerance) non-compliant,
    CL-1.2 (neither) non-compliant; every other question compliant."""
    return makers.make_assessment(
        cast.factory,
        by=cast.ea,
        visit_date=VISIT,
        findings=[
            services.FindingInput(question="CL-1.1", note="two minors on the line"),
            services.FindingInput(question="CT-3.1"),
            services.FindingInput(question="CL-1.2"),
        ],
    )


def _remediate(assessment, actor, code="CL-1.1", *, on=AFTER, note="Minors removed, paid"):
    return services.finding_remediate(
        assessment=assessment, question_code=code, actor=actor, remediated_on=on, note=note
    )


def test_it_records_the_remediation_keeps_it_in_the_history_and_closes_the_plan_item(
    cast, finalised, django_capture_on_commit_callbacks
):
    item = ImprovementPlanItem.objects.get(assessment=finalised, question__code="CL-1.1")
    assert item.confirmed_at is None
    with mock.patch.object(tasks.evaluate_factory, "apply_async") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            finding = _remediate(finalised, cast.pm)
        send.assert_not_called()  # nothing leaves before the commit
        for callback in callbacks:
            callback()
    send.assert_called_once_with(args=(cast.factory.pk, f"remediation:{finding.pk}"))

    finding.refresh_from_db()
    assert (finding.remediated, finding.remediated_on, finding.remediation_note) == (
        True,
        AFTER,
        "Minors removed, paid",
    )
    finalised.refresh_from_db()
    assert finalised.status == "finalised"  # never reopened
    change = RecordChange.objects.get(record_id=finalised.pk, context="remediation")
    assert change.target == "remediation:CL-1.1"
    assert change.actor == cast.pm and change.reason == "Minors removed, paid"
    assert change.before["remediated"] is False and change.before["remediated_on"] is None
    assert change.after["remediated"] is True and change.after["remediated_on"] == "2024-05-02"
    item.refresh_from_db()
    assert item.status == "completed" and item.is_closed
    assert (item.confirmed_by, item.action) == (cast.pm, "Minors removed, paid")


def test_the_re_evaluation_counts_the_remediation(
    cast, finalised, django_capture_on_commit_callbacks
):
    tasks.evaluate_factory.run(cast.factory.pk, "first")
    before = Evaluation.objects.filter(factory=cast.factory).latest("created_at")
    compliance = next(c for c in before.criteria if c["group"] == "compliance")
    assert "CT-3.1" in " ".join(compliance["reasons"])
    with django_capture_on_commit_callbacks(execute=True):
        _remediate(finalised, cast.ea, "CT-3.1", note="Locked exit reopened")
    after = Evaluation.objects.filter(factory=cast.factory).latest("created_at")
    assert after.pk != before.pk and after.trigger.startswith("remediation:")
    compliance = next(c for c in after.criteria if c["group"] == "compliance")
    assert "CT-3.1" not in " ".join(compliance["reasons"])


def test_a_remediation_without_a_plan_item_closes_nothing(cast, finalised):
    _remediate(finalised, cast.ea, "CT-3.1", note="Locked exit reopened")  # not publicly reported
    assert not ImprovementPlanItem.objects.filter(question__code="CT-3.1").exists()
    assert ImprovementPlanItem.objects.get(question__code="CL-1.1").confirmed_at is None


@pytest.mark.parametrize(
    ("code", "on", "note", "field"),
    [
        ("CL-1.2", AFTER, "x", "question"),  # non-compliant, but not zero tolerance
        ("CL-2.1", AFTER, "x", "question"),  # zero tolerance, but compliant here
        ("XX-9.9", AFTER, "x", "question"),  # no such question
        ("CL-1.1", timezone.localdate() + datetime.timedelta(days=1), "x", "remediated_on"),
        ("CL-1.1", VISIT - datetime.timedelta(days=1), "x", "remediated_on"),
        ("CL-1.1", AFTER, "   ", "note"),
        ("CL-1.1", AFTER, "n" * 2001, "note"),
    ],
)
def test_it_refuses_what_is_not_a_remediation_naming_the_field(
    cast, finalised, code, on, note, field
):
    with pytest.raises(ValidationError) as refused:
        _remediate(finalised, cast.ea, code, on=on, note=note)
    assert field in refused.value.message_dict
    assert not RecordChange.objects.filter(context="remediation").exists()


def test_it_refuses_a_remediation_on_a_draft(cast):
    draft = makers.make_assessment(
        cast.factory,
        by=cast.ea,
        finalise=False,
        findings=[services.FindingInput(question="CL-1.1")],
    )
    with pytest.raises(ValidationError) as refused:
        _remediate(draft, cast.ea)
    assert "assessment" in refused.value.message_dict
    assert draft.findings.get(question__code="CL-1.1").remediated_on is None


@pytest.mark.parametrize("persona", ["factory_user", "other_pm", "buyer_user"])
def test_only_the_programme_staff_record_a_remediation(cast, finalised, persona):
    with pytest.raises(PermissionDenied):
        _remediate(finalised, getattr(cast, persona))


# --- the finalised assessment's page ---------------------------------------------------------


def test_the_finalised_page_offers_a_remediation_form_per_zero_tolerance_case(cast, finalised):
    body = client_as(cast.ea).get(f"/assessments/{finalised.pk}/").content.decode()
    for code in ("CL-1.1", "CT-3.1"):
        assert f'action="/assessments/{finalised.pk}/findings/{code}/remediation/"' in body
    assert "/findings/CL-1.2/remediation/" not in body  # not zero tolerance


@pytest.mark.parametrize(("persona", "status"), [("pm", 302), ("ea", 302), ("other_pm", 404)])
def test_it_records_a_remediation_from_the_page(cast, finalised, persona, status):
    client = client_as(getattr(cast, persona))
    response = client.post(
        f"/assessments/{finalised.pk}/findings/CL-1.1/remediation/",
        {"CL-1.1-remediated_on": "2024-05-02", "CL-1.1-note": "Minors removed"},
    )
    assert response.status_code == status
    finding = finalised.findings.get(question__code="CL-1.1")
    assert (finding.remediated_on is not None) is (status == 302)
    if status == 302:
        assert response["Location"] == f"/assessments/{finalised.pk}/#zt-CL-1.1"
        page = client.get(response["Location"]).content.decode()
        assert f"remediated on {shown('2024-05-02')}" in page
        assert "Minors removed" in page
        history = page.split('id="history"')[1]
        assert "Remediation of question CL-1.1" in history
        assert "remediation:CL-1.1" not in history


@pytest.mark.parametrize("persona", ["factory_user", "buyer_user", "other_factory_user"])
def test_the_remediation_page_does_not_exist_for_factories_and_buyers(cast, finalised, persona):
    response = client_as(getattr(cast, persona)).post(
        f"/assessments/{finalised.pk}/findings/CL-1.1/remediation/",
        {"CL-1.1-remediated_on": "2024-05-02", "CL-1.1-note": "x"},
    )
    assert response.status_code == 404


def test_it_shows_a_refused_remediation_again_with_the_field_named(cast, finalised):
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client_as(cast.ea).post(
        f"/assessments/{finalised.pk}/findings/CL-1.1/remediation/",
        {"CL-1.1-remediated_on": future, "CL-1.1-note": "Minors removed"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert f"{future} is in the future." in body
    assert 'value="Minors removed"' not in body  # a textarea keeps it as its content
    assert "Minors removed</textarea>" in body
    assert finalised.findings.get(question__code="CL-1.1").remediated_on is None
