"""Review, finalise (and its refusal), read-only view, reopening by a PM, and the history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import services
from assessments.models import Assessment, RecordChange
from assessments.services import ElementInput, FindingInput
from betterwork.core.errors import Conflict
from differentiation.models import Evaluation
from tests import makers
from tests.conftest import client_as
from tests.entry.entry_helpers import draft, fill_elements, htmx_post


def test_it_lists_what_will_be_recorded_and_what_is_missing(cast):
    assessment = draft(cast)
    services.finding_record(
        assessment=assessment, actor=cast.ea, question="CL-1.1", non_compliant=True, remediated=True
    )
    services.element_record(assessment=assessment, actor=cast.ea, element="HR-1", satisfied=False)
    response = client_as(cast.ea).get(f"/assessments/{assessment.pk}/review/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Non-compliances (1)" in body
    assert "Zero-tolerance cases (1)" in body
    assert "remediated" in body
    assert "not satisfied" in body
    assert "Management-system elements not filled: HR-2" in body


def test_it_refuses_to_finalise_without_the_confirmation(cast):
    assessment = draft(cast)
    fill_elements(assessment, cast.ea)
    response = client_as(cast.ea).post(f"/assessments/{assessment.pk}/review/", {})
    assert response.status_code == 400
    assert "Tick the confirmation to finalise." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_it_refuses_to_finalise_while_elements_are_missing(cast):
    assessment = draft(cast)
    response = client_as(cast.ea).post(f"/assessments/{assessment.pk}/review/", {"confirm": "on"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "The assessment cannot be finalised yet." in body
    assert "Management-system elements not filled" in body
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_it_refuses_to_finalise_a_candidate_without_the_additional_answers(cast):
    cast.factory.stage = "candidate"
    cast.factory.save()
    assessment = draft(cast)
    fill_elements(assessment, cast.ea)
    with pytest.raises(ValidationError, match="Additional questions not answered"):
        services.assessment_finalise(assessment=assessment, actor=cast.ea)


def test_it_finalises_and_then_the_assessment_is_read_only(
    cast, django_capture_on_commit_callbacks
):
    assessment = draft(cast)
    fill_elements(assessment, cast.ea)
    client = client_as(cast.ea)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/assessments/{assessment.pk}/review/",
            {"confirm": "on", "remaining_compliant": "on"},
        )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "finalised"
    assert assessment.finalised_by == cast.ea
    assert Evaluation.objects.filter(factory=cast.factory).exists()  # eager task on commit
    page = client.get(f"/assessments/{assessment.pk}/")
    assert page.status_code == 200
    assert "finalised and read-only" in page.content.decode()
    assert b"hx-post" not in page.content
    assert b"Reopen for correction" not in page.content  # an EA cannot reopen
    with pytest.raises(Conflict):
        services.finding_record(
            assessment=assessment, actor=cast.ea, question="CL-1.1", non_compliant=True
        )


@pytest.mark.parametrize(("persona", "status"), [("pm", 302), ("ea", 404), ("other_pm", 404)])
def test_it_lets_only_a_pm_of_the_programme_reopen(cast, persona, status):
    assessment = makers.make_assessment(cast.factory, by=cast.ea)
    response = client_as(getattr(cast, persona)).post(
        f"/assessments/{assessment.pk}/reopen/", {"reason": "HR-3 was misread"}
    )
    assert response.status_code == status
    assessment.refresh_from_db()
    assert (assessment.status == "draft") is (status == 302)


def test_it_needs_a_reason_to_reopen(cast):
    assessment = makers.make_assessment(cast.factory, by=cast.ea)
    response = client_as(cast.pm).post(f"/assessments/{assessment.pk}/reopen/", {"reason": " "})
    assert response.status_code == 400
    assessment.refresh_from_db()
    assert assessment.status == "finalised"
    with pytest.raises(PermissionDenied):
        services.assessment_reopen(assessment=assessment, actor=cast.ea, reason="x")
    with pytest.raises(ValidationError):
        services.assessment_reopen(assessment=assessment, actor=cast.pm, reason="")


def test_it_keeps_every_correction_and_re_evaluates_on_finalising_again(
    cast, django_capture_on_commit_callbacks
):
    assessment = makers.make_assessment(cast.factory, by=cast.ea)
    assessment.refresh_from_db()
    evaluations = Evaluation.objects.filter(factory=cast.factory).count()
    first_finalised_at = assessment.finalised_at
    pm = client_as(cast.pm)
    pm.post(f"/assessments/{assessment.pk}/reopen/", {"reason": "HR-3 was misread"})
    assessment.refresh_from_db()
    assert assessment.status == "draft" and assessment.reopened_at is not None
    htmx_post(pm, f"/assessments/{assessment.pk}/elements/HR-3/", {"HR-3-satisfied": "no"})
    htmx_post(
        pm,
        f"/assessments/{assessment.pk}/questions/CL-1.1/",
        {"CL-1.1-answer": "non_compliant", "CL-1.1-note": "found in payroll"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = pm.post(f"/assessments/{assessment.pk}/review/", {"confirm": "on"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "finalised"
    assert assessment.finalised_by == cast.pm
    assert assessment.finalised_at > first_finalised_at
    assert Evaluation.objects.filter(factory=cast.factory).count() > evaluations

    changes = RecordChange.objects.filter(record_id=assessment.pk, record_type="assessment")
    element = changes.filter(target="element:HR-3").first()  # the latest first
    assert (element.before, element.after, element.actor) == (
        {"satisfied": True},
        {"satisfied": False},
        cast.pm,
    )
    reopening = changes.get(context="reopen")
    assert reopening.reason == "HR-3 was misread"
    page = client_as(cast.pm).get(f"/assessments/{assessment.pk}/")
    body = page.content.decode()
    history = body.split('id="history"')[1]
    assert "Management-system element HR-3" in history and "HR-3 was misread" in history
    assert "from satisfied to not satisfied by" in history
    assert "Question CL-1.1" in history and "Reopened for correction by" in history
    assert "element:HR-3" not in history and "satisfied: True" not in history


def test_it_records_the_changes_made_through_the_api_service(cast):
    assessment = services.assessment_create(
        factory=cast.factory,
        cycle=1,
        visit_date=makers.datetime.date(2024, 3, 12),
        actor=cast.ea,
        findings=[FindingInput(question="CL-1.1")],
        elements=makers.all_elements(),
    )
    RecordChange.objects.all().delete()
    elements = [
        ElementInput(element=e.element, satisfied=e.element != "OSH-1")
        for e in makers.all_elements()
    ]
    services.assessment_replace_answers(
        assessment=assessment,
        actor=cast.pm,
        findings=[FindingInput(question="CL-1.2", note="new")],
        elements=elements,
    )
    targets = {c.target: (c.before, c.after) for c in RecordChange.objects.all()}
    assert set(targets) == {"finding:CL-1.1", "finding:CL-1.2", "element:OSH-1"}
    assert targets["finding:CL-1.1"][1] is None
    assert targets["element:OSH-1"] == ({"satisfied": True}, {"satisfied": False})


def test_it_refuses_to_reopen_a_draft(cast):
    assessment = draft(cast)
    with pytest.raises(Conflict):
        services.assessment_reopen(assessment=assessment, actor=cast.pm, reason="why not")
    assert Assessment.objects.get().reopened_at is None


def test_it_shows_a_finalised_assessment_in_a_fixed_number_of_queries(
    cast, django_assert_max_num_queries
):
    assessment = makers.make_assessment(
        cast.factory, by=cast.ea, findings=[FindingInput(question="CL-1.1")]
    )
    client = client_as(cast.pm)
    with django_assert_max_num_queries(15):  # 14, and the bulk acts
        response = client.get(f"/assessments/{assessment.pk}/")
    assert b"Reopen for correction" in response.content
