"""Entering an assessment in the browser: start, answer row by row, save all, filters, queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from assessments import services
from assessments.models import Assessment, Finding, Question, RecordChange
from factories.vocabulary import Stage
from tests import makers
from tests.conftest import client_as
from tests.entry.entry_helpers import VISIT, draft, fill_elements, htmx_post


def test_it_proposes_the_next_cycle_and_today(cast):
    makers.make_assessment(cast.factory, by=cast.ea, cycle=1, visit_date=VISIT)
    cast.factory.refresh_from_db()
    assert cast.factory.next_assessment_due == datetime.date(2025, 3, 12)
    response = client_as(cast.ea).get(f"/assessments/start/{cast.factory.pk}/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["cycle"] == 2
    # Due a year after the visit, long past: an overdue visit happens today, not on the due date.
    assert form.initial["visit_date"] == timezone.localdate()


def test_it_never_proposes_a_visit_date_in_the_future(cast):
    cast.factory.next_assessment_due = timezone.localdate() + datetime.timedelta(days=40)
    cast.factory.save()
    cycle, visit_date = services.assessment_propose(cast.factory)
    assert (cycle, visit_date) == (1, timezone.localdate())


def test_it_starts_an_empty_draft_and_opens_the_entry_page(cast):
    client = client_as(cast.ea)
    response = client.post(
        f"/assessments/start/{cast.factory.pk}/", {"cycle": 1, "visit_date": "2024-03-12"}
    )
    assessment = Assessment.objects.get(factory=cast.factory)
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.pk}/"
    assert assessment.status == "draft"
    assert not assessment.findings.exists()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"CL-1.1" in page.content
    assert page.context["sheet"].total == Question.objects.count()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"cycle": 0, "visit_date": "2024-03-12"}, "cycle", "greater than or equal to 1"),
        ({"cycle": 1, "visit_date": "2999-01-01"}, "visit_date", "is in the future"),
        ({"cycle": 1, "visit_date": "soon"}, "visit_date", "Enter a valid date"),
    ],
)
def test_it_refuses_a_bad_start_naming_the_field(cast, data, field, message):
    response = client_as(cast.ea).post(f"/assessments/start/{cast.factory.pk}/", data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Assessment.objects.exists()


def test_it_refuses_a_second_assessment_for_the_same_cycle(cast):
    draft(cast)
    response = client_as(cast.ea).post(
        f"/assessments/start/{cast.factory.pk}/", {"cycle": 1, "visit_date": "2024-03-12"}
    )
    assert response.status_code == 400
    assert "already has an assessment for cycle 1" in response.content.decode()


def test_it_saves_one_answer_per_row_and_returns_the_row_with_progress(cast):
    assessment = draft(cast)
    response = htmx_post(
        client_as(cast.ea),
        f"/assessments/{assessment.pk}/questions/CL-1.1/",
        {"CL-1.1-answer": "non_compliant", "CL-1.1-remediated": "1", "CL-1.1-note": "Two minors"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Saved" in body
    assert 'id="progress-total" hx-swap-oob="true"' in body
    finding = Finding.objects.get(assessment=assessment)
    assert (finding.non_compliant, finding.remediated, finding.note) == (True, True, "Two minors")


def test_it_answers_a_validation_error_in_the_row_and_saves_nothing(cast):
    assessment = draft(cast)
    question = Question.objects.filter(zero_tolerance=False).first()
    code = question.code
    response = htmx_post(
        client_as(cast.ea),
        f"/assessments/{assessment.pk}/questions/{code}/",
        {f"{code}-answer": "non_compliant", f"{code}-remediated": "1"},
    )
    assert response.status_code == 422
    assert "is not zero tolerance" in response.content.decode()
    assert not Finding.objects.exists()


def test_it_refuses_an_answer_that_is_not_a_choice(cast):
    assessment = draft(cast)
    response = htmx_post(
        client_as(cast.ea),
        f"/assessments/{assessment.pk}/questions/CL-1.1/",
        {"CL-1.1-answer": "maybe"},
    )
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()


def test_it_clears_an_answer_when_the_question_is_marked_compliant(cast):
    assessment = draft(cast)
    client = client_as(cast.ea)
    url = f"/assessments/{assessment.pk}/questions/CL-1.1/"
    htmx_post(client, url, {"CL-1.1-answer": "non_compliant"})
    htmx_post(client, url, {"CL-1.1-answer": "compliant"})
    assert Finding.objects.get().non_compliant is False
    assert RecordChange.objects.filter(target="finding:CL-1.1").count() == 2


def test_it_saves_the_valid_answers_of_the_whole_form_and_keeps_the_wrong_ones(cast):
    assessment = draft(cast)
    plain = Question.objects.filter(zero_tolerance=False).order_by("code")[0].code
    wrong = Question.objects.order_by("-code")[0].code
    response = client_as(cast.ea).post(
        f"/assessments/{assessment.pk}/save/",
        {
            "q": ["CL-1.1", plain, wrong],
            "CL-1.1-answer": "non_compliant",
            "CL-1.1-note": "kept",
            f"{plain}-answer": "compliant",
            f"{plain}-remediated": "1",
            f"{plain}-note": "my typing",
            f"{wrong}-answer": "maybe",
            "el": ["HR-1"],
            "HR-1-satisfied": "yes",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Only a non-compliance can be remediated." in body
    assert "Select a valid choice" in body
    assert 'value="my typing"' in body  # the user's input is kept
    assert Finding.objects.get(assessment=assessment).question.code == "CL-1.1"
    assert assessment.management_systems.get().satisfied is True


def test_it_saves_the_whole_form_and_redirects(cast):
    assessment = draft(cast)
    response = client_as(cast.ea).post(
        f"/assessments/{assessment.pk}/save/",
        {"q": ["CL-1.1"], "CL-1.1-answer": "non_compliant", "query": "only=non_compliant"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{assessment.pk}/?only=non_compliant"
    assert Finding.objects.filter(assessment=assessment, non_compliant=True).count() == 1


def test_it_filters_to_non_compliances_and_publicly_reported_questions(cast):
    assessment = draft(cast)
    plain = Question.objects.filter(publicly_reported=False).order_by("code")[0]
    for code in ("CL-1.1", plain.code):
        services.finding_record(
            assessment=assessment, actor=cast.ea, question=code, non_compliant=True
        )
    client = client_as(cast.ea)
    only_nc = client.get(f"/assessments/{assessment.pk}/?only=non_compliant")
    shown = {r.code for c in only_nc.context["sheet"].clusters for p in c.points for r in p.rows}
    assert shown == {"CL-1.1", plain.code}
    reported = client.get(f"/assessments/{assessment.pk}/?publicly_reported=1")
    shown = {r.code for c in reported.context["sheet"].clusters for p in c.points for r in p.rows}
    assert shown == set(Question.objects.publicly_reported().values_list("code", flat=True))
    both = client.get(f"/assessments/{assessment.pk}/?only=non_compliant&publicly_reported=1")
    shown = {r.code for c in both.context["sheet"].clusters for p in c.points for r in p.rows}
    assert shown == {"CL-1.1"}


def test_it_shows_the_progress_per_cluster(cast):
    assessment = draft(cast)
    services.finding_record(
        assessment=assessment, actor=cast.ea, question="CL-1.1", non_compliant=True
    )
    services.finding_record(
        assessment=assessment, actor=cast.ea, question="CL-1.2", non_compliant=False
    )
    page = client_as(cast.ea).get(f"/assessments/{assessment.pk}/")
    block = page.context["sheet"].cluster("CL")
    assert (block.answered, block.non_compliant) == (2, 1)
    assert f"2 of {block.total} answered · 1 non-compliant" in page.content.decode()


@pytest.mark.parametrize("answers", [3, 60])
def test_it_renders_the_entry_page_in_a_fixed_number_of_queries(
    cast, answers, django_assert_max_num_queries
):
    assessment = draft(cast)
    fill_elements(assessment, cast.ea)
    for question in Question.objects.order_by("code")[:answers]:
        services.finding_record(
            assessment=assessment,
            actor=cast.ea,
            question=question.code,
            non_compliant=True,
            note="seen",
        )
    client = client_as(cast.ea)
    # The page, and the catalogue texts its history in words names (questions, elements, items).
    with django_assert_max_num_queries(14):
        response = client.get(f"/assessments/{assessment.pk}/")
    assert response.status_code == 200
    assert response.context["sheet"].non_compliant == answers


def test_it_shows_the_additional_questions_prominently_for_a_candidate(cast):
    cast.factory.stage = Stage.CANDIDATE
    cast.factory.save()
    assessment = draft(cast)
    assert assessment.includes_additional_questions
    client = client_as(cast.ea)
    page = client.get(f"/assessments/{assessment.pk}/")
    assert 'id="additional"' in page.content.decode()
    response = htmx_post(
        client, f"/assessments/{assessment.pk}/additional/SD-1/", {"SD-1-met": "yes"}
    )
    assert response.status_code == 200
    assert assessment.additional_answers.get().met is True


def test_it_refuses_additional_answers_when_the_assessment_has_none(cast):
    assessment = draft(cast)
    response = htmx_post(
        client_as(cast.ea), f"/assessments/{assessment.pk}/additional/SD-1/", {"SD-1-met": "yes"}
    )
    assert response.status_code == 422
    assert "does not include the additional questions" in response.content.decode()


def test_it_saves_an_element_row(cast):
    assessment = draft(cast)
    response = htmx_post(
        client_as(cast.ea), f"/assessments/{assessment.pk}/elements/HR-1/", {"HR-1-satisfied": "no"}
    )
    assert response.status_code == 200
    assert assessment.management_systems.get().satisfied is False


def test_it_refuses_a_change_to_a_finalised_assessment_with_409(cast):
    assessment = makers.make_assessment(cast.factory, by=cast.ea)
    response = htmx_post(
        client_as(cast.ea),
        f"/assessments/{assessment.pk}/questions/CL-1.1/",
        {"CL-1.1-answer": "non_compliant"},
    )
    assert response.status_code == 409
    assert "finalised and cannot be changed" in response.content.decode()
    assert not Finding.objects.filter(non_compliant=True).exists()
