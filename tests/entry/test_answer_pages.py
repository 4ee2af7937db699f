"""The pages of completeness: unanswered counts and filter on the entry page, the bulk act's
confirmation page, the review page's counts and refusal, and overdue assessments."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from assessments import services
from assessments.models import BulkAnswer, Question
from tests import makers
from tests.conftest import client_as, shown
from tests.entry.entry_helpers import draft, fill_elements, htmx_post

TOTAL_CL = 16  # questions of the Child Labour cluster in BW-2017


# --- the entry page ---------------------------------------------------------------------------


def test_it_counts_the_unanswered_questions_per_cluster_and_overall(cast):
    assessment = draft(cast)
    services.finding_record(
        assessment=assessment, actor=cast.ea, question="CL-1.1", non_compliant=True
    )
    services.finding_record(
        assessment=assessment,
        actor=cast.ea,
        question="CL-1.2",
        non_compliant=None,
        not_applicable=True,
    )
    response = client_as(cast.ea).get(f"/assessments/{assessment.pk}/")
    sheet = response.context["sheet"]
    assert sheet.unanswered == Question.objects.count() - 2
    assert sheet.cluster("CL").unanswered == TOTAL_CL - 2
    body = response.content.decode()
    assert f"{TOTAL_CL - 2} unanswered" in body
    assert f"<strong>{sheet.unanswered}</strong> unanswered" in body
    # A way to list them, and the bulk act for the cluster and for the whole assessment.
    assert f"/assessments/{assessment.pk}/?only=unanswered#cluster-CL" in body
    assert f"/assessments/{assessment.pk}/remaining-compliant/?cluster=CL" in body
    assert f'href="/assessments/{assessment.pk}/remaining-compliant/"' in body


def test_it_lists_only_the_unanswered_questions_when_asked(cast):
    assessment = draft(cast)
    services.assessment_remaining_compliant(assessment=assessment, actor=cast.ea, cluster="DI")
    services.finding_record(
        assessment=assessment, actor=cast.ea, question="CL-1.1", non_compliant=True
    )
    response = client_as(cast.ea).get(f"/assessments/{assessment.pk}/?only=unanswered")
    shown = {r.code for c in response.context["sheet"].clusters for p in c.points for r in p.rows}
    expected = set(
        Question.objects.exclude(compliance_point__cluster__code="DI")
        .exclude(code="CL-1.1")
        .values_list("code", flat=True)
    )
    assert shown == expected
    assert 'value="unanswered" selected' in response.content.decode()


def test_it_offers_not_applicable_and_saves_it_row_by_row(cast):
    assessment = draft(cast)
    client = client_as(cast.ea)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert 'name="CL-1.2-answer" value="not_applicable"' in page
    response = htmx_post(
        client,
        f"/assessments/{assessment.pk}/questions/CL-1.2/",
        {"CL-1.2-answer": "not_applicable", "CL-1.2-note": "no night shift"},
    )
    assert response.status_code == 200
    finding = assessment.findings.get()
    assert (finding.not_applicable, finding.non_compliant, finding.note) == (
        True,
        False,
        "no night shift",
    )
    saved = client.post(
        f"/assessments/{assessment.pk}/save/",
        {"q": ["CL-1.3"], "CL-1.3-answer": "not_applicable"},
    )
    assert saved.status_code == 302
    assert assessment.findings.get(question__code="CL-1.3").not_applicable


# --- the bulk act: a confirmation page, then one POST ------------------------------------------


def test_it_asks_for_confirmation_saying_how_many_answers_it_will_set(cast):
    assessment = draft(cast)
    services.finding_record(
        assessment=assessment, actor=cast.ea, question="CL-1.1", non_compliant=True
    )
    client = client_as(cast.ea)
    response = client.get(f"/assessments/{assessment.pk}/remaining-compliant/?cluster=CL")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"This sets <strong>{TOTAL_CL - 1} answers</strong> to compliant." in body
    assert "Child" in body  # the cluster, named
    assert "<strong>CL-1.2</strong>" in body and "<strong>CL-1.1</strong>" not in body
    assert not BulkAnswer.objects.exists()  # asking sets nothing

    done = client.post(f"/assessments/{assessment.pk}/remaining-compliant/", {"cluster": "CL"})
    assert done.status_code == 302
    assert done["Location"] == f"/assessments/{assessment.pk}/#cluster-CL"
    act = BulkAnswer.objects.get()
    assert (act.cluster.code, act.count, act.actor) == ("CL", TOTAL_CL - 1, cast.ea)
    page = client.get(done["Location"]).content.decode()
    assert f"{TOTAL_CL - 1} answers recorded as compliant, in bulk." in page


def test_it_marks_the_whole_assessment_after_confirmation(cast):
    assessment = draft(cast)
    client = client_as(cast.pm)
    total = Question.objects.count()
    ask = client.get(f"/assessments/{assessment.pk}/remaining-compliant/")
    assert f"This sets <strong>{total} answers</strong> to compliant." in ask.content.decode()
    done = client.post(f"/assessments/{assessment.pk}/remaining-compliant/", {"cluster": ""})
    assert done.status_code == 302
    assert BulkAnswer.objects.get().cluster is None
    assert assessment.findings.count() == total


def test_it_says_when_nothing_is_left_to_mark(cast):
    assessment = draft(cast)
    services.assessment_remaining_compliant(assessment=assessment, actor=cast.ea, cluster="CL")
    page = client_as(cast.ea).get(f"/assessments/{assessment.pk}/remaining-compliant/?cluster=CL")
    assert page.status_code == 200
    assert "Nothing to do" in page.content.decode()


def test_an_unknown_cluster_is_not_found(cast):
    assessment = draft(cast)
    client = client_as(cast.ea)
    assert (
        client.get(f"/assessments/{assessment.pk}/remaining-compliant/?cluster=ZZ").status_code
        == 404
    )
    assert (
        client.post(
            f"/assessments/{assessment.pk}/remaining-compliant/", {"cluster": "ZZ"}
        ).status_code
        == 404
    )
    assert not BulkAnswer.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("pm", 200),
        ("ea", 200),
        ("other_pm", 404),
        ("factory_user", 404),
        ("buyer_user", 404),
        ("outsider_buyer_user", 404),
    ],
)
def test_the_bulk_act_exists_for_the_programme_staff_only(cast, persona, status):
    assessment = draft(cast)
    client = client_as(getattr(cast, persona))
    url = f"/assessments/{assessment.pk}/remaining-compliant/"
    assert client.get(url).status_code == status
    posted = client.post(url, {"cluster": "CL"})
    assert posted.status_code == (302 if status == 200 else 404)
    assert BulkAnswer.objects.exists() is (status == 200)


def test_a_finalised_assessment_sends_the_bulk_act_back_to_its_page(cast):
    assessment = makers.make_assessment(cast.factory, by=cast.ea)
    acts = BulkAnswer.objects.count()
    response = client_as(cast.ea).post(f"/assessments/{assessment.pk}/remaining-compliant/")
    assert response.status_code == 302
    assert BulkAnswer.objects.count() == acts


# --- review and finalise --------------------------------------------------------------------


def test_the_review_page_counts_how_the_questions_were_answered(cast):
    assessment = draft(cast)
    services.finding_record(
        assessment=assessment, actor=cast.ea, question="CL-1.1", non_compliant=True
    )
    services.finding_record(
        assessment=assessment, actor=cast.ea, question="DI-1.1", non_compliant=False
    )
    services.finding_record(
        assessment=assessment,
        actor=cast.ea,
        question="DI-1.2",
        non_compliant=None,
        not_applicable=True,
    )
    services.assessment_remaining_compliant(assessment=assessment, actor=cast.pm, cluster="CL")
    response = client_as(cast.ea).get(f"/assessments/{assessment.pk}/review/")
    assert response.status_code == 200
    summary = response.context["summary"]
    total = Question.objects.count()
    unanswered = total - 2 - 1 - (TOTAL_CL - 1)
    assert (summary.one_by_one, summary.in_bulk, summary.not_applicable, summary.unanswered) == (
        2,
        TOTAL_CL - 1,
        1,
        unanswered,
    )
    body = response.content.decode()
    assert '<td id="count-one-by-one">2</td>' in body
    assert f'<td id="count-in-bulk">{TOTAL_CL - 1}</td>' in body
    assert '<td id="count-not-applicable">1</td>' in body
    assert f'<td id="count-unanswered">{unanswered}</td>' in body
    assert f"{TOTAL_CL - 1} by {cast.pm.username} on" in body  # who, when, how many
    assert f"Every question not yet answered is compliant ({unanswered} answers)." in body
    assert f"{unanswered} of {total} questions are not answered yet" in body


def test_it_refuses_to_finalise_naming_the_first_unanswered_question(cast):
    assessment = draft(cast)
    fill_elements(assessment, cast.ea)
    response = client_as(cast.ea).post(f"/assessments/{assessment.pk}/review/", {"confirm": "on"})
    assert response.status_code == 400
    body = response.content.decode()
    total = Question.objects.count()
    assert "The assessment cannot be finalised yet." in body
    assert f"{total} of {total} questions are not answered yet, the first: CL-1.1 (" in body
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    assert not BulkAnswer.objects.exists()


def test_it_finalises_with_the_explicit_whole_assessment_act(cast):
    assessment = draft(cast)
    fill_elements(assessment, cast.ea)
    client = client_as(cast.ea)
    response = client.post(
        f"/assessments/{assessment.pk}/review/", {"confirm": "on", "remaining_compliant": "on"}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "finalised"
    act = BulkAnswer.objects.get()
    assert (act.cluster, act.count, act.actor) == (None, Question.objects.count(), cast.ea)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "0 answered one by one, 243 in bulk, 0 not applicable of 243" in page
    assert "243 set compliant in bulk (the whole assessment) by erin-ea on" in page


# --- overdue assessments ------------------------------------------------------------------------


def _overdue(cast) -> None:
    cast.factory.next_assessment_due = timezone.localdate() - datetime.timedelta(days=30)
    cast.factory.save()
    cast.other_factory.next_assessment_due = timezone.localdate() + datetime.timedelta(days=30)
    cast.other_factory.save()


def test_the_ea_home_flags_the_overdue_assessments(cast):
    _overdue(cast)
    body = client_as(cast.ea).get("/").content.decode()
    overdue = body.split('id="overdue"')[1].split("</section>")[0]
    assert "1 assessment overdue" in overdue
    assert cast.factory.name in overdue and cast.other_factory.name not in overdue
    assert f"/assessments/start/{cast.factory.pk}/" in overdue
    table = body.split('id="factories"')[1]
    assert table.count('class="flag flag-overdue"') == 1


def test_the_pm_home_flags_the_overdue_assessments_of_the_programme_only(cast):
    _overdue(cast)
    vnm = makers.make_factory("Hanoi Garments", country="VNM")
    vnm.next_assessment_due = timezone.localdate() - datetime.timedelta(days=3)
    vnm.save()
    body = client_as(cast.pm).get("/").content.decode()
    overdue = body.split('id="overdue"')[1].split("</section>")[0]
    assert "Assessments overdue (1)" in overdue
    assert cast.factory.name in overdue
    assert "Hanoi Garments" not in overdue and cast.other_factory.name not in overdue
    other = client_as(cast.other_pm).get("/").content.decode()
    assert "Hanoi Garments" in other.split('id="overdue"')[1].split("</section>")[0]


def test_nothing_is_flagged_when_no_assessment_is_overdue(cast):
    body = client_as(cast.pm).get("/").content.decode()
    assert "Assessments overdue (0)" in body
    assert 'id="overdue"' not in client_as(cast.ea).get("/").content.decode()


@pytest.mark.parametrize("persona", ["pm", "ea", "factory_user", "buyer_user"])
def test_the_factory_page_flags_an_overdue_assessment(cast, persona):
    _overdue(cast)
    body = client_as(getattr(cast, persona)).get(f"/factories/{cast.factory.pk}/").content.decode()
    due = shown(cast.factory.next_assessment_due)
    assert 'id="assessment-overdue"' in body
    assert f"The next assessment was due on {due}." in body


def test_the_factory_page_flags_nothing_before_the_due_date(cast):
    _overdue(cast)
    body = client_as(cast.ea).get(f"/factories/{cast.other_factory.pk}/").content.decode()
    assert 'id="assessment-overdue"' not in body
