"""Records people can find: a factory's assessments, progress reports and formal notes, each
readable as a report with its PDF, for the factory's users (finalised records only) and its
programme's staff (drafts too); everyone else gets a 404. Buyers read summaries and the notes
addressed to them on their supplier page."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from assessments.models import Question
from differentiation.notes import formal_note_issue
from tests import makers
from tests.conftest import Cast, client_as, shown
from tests.i18n.note_helpers import approved_decision, pdftotext
from tests.records.conftest import Records

pytestmark = pytest.mark.django_db

VISIT_2026 = datetime.date(2026, 3, 10)


def _page(user: Any, url: str) -> str:
    response = client_as(user).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _cell(page: str, row_id: str, testid: str) -> str:
    row = re.search(rf'<tr id="{row_id}">(.*?)</tr>', page, re.S)
    assert row, row_id
    cell = re.search(rf'data-testid="{testid}">([^<]*)<', row.group(1))
    assert cell, testid
    return cell.group(1)


def test_the_factory_user_finds_its_finalised_records_and_its_formal_note(
    cast: Cast, records: Records
) -> None:
    page = _page(cast.factory_user, reverse("factories:records", args=[cast.factory.pk]))
    assert reverse("assessments:record", args=[records.finalised.pk]) in page
    assert reverse("assessments:record_pdf", args=[records.finalised.pk]) in page
    assert reverse("assessments:report_record", args=[records.report.pk]) in page
    assert reverse("assessments:report_record_pdf", args=[records.report.pk]) in page
    assert reverse("differentiation:note-pdf", args=[records.note.pk]) in page
    # The draft is the staff's working copy: not listed, and a 404 for the factory.
    assert reverse("assessments:record", args=[records.draft.pk]) not in page
    draft = reverse("assessments:record", args=[records.draft.pk])
    assert client_as(cast.factory_user).get(draft).status_code == 404
    # The progress page lists the note too, and links to the records.
    progress = _page(cast.factory_user, reverse("factories:progress", args=[cast.factory.pk]))
    assert reverse("differentiation:note-pdf", args=[records.note.pk]) in progress
    assert reverse("factories:records", args=[cast.factory.pk]) in progress


def test_the_staff_see_drafts_too(cast: Cast, records: Records) -> None:
    for user in (cast.ea, cast.pm):
        page = _page(user, reverse("factories:records", args=[cast.factory.pk]))
        assert reverse("assessments:record", args=[records.draft.pk]) in page
        draft = _page(user, reverse("assessments:record", args=[records.draft.pk]))
        assert "This is a draft" in draft
        # The draft of a candidate has the additional questions: five of six confirmed.
        assert "Additional questions: 5 of 6 confirmed" in draft
        assert f'href="{reverse("assessments:entry", args=[records.draft.pk])}"' in draft
        # The working pages link to the reports.
        working = _page(user, reverse("assessments:entry", args=[records.finalised.pk]))
        assert reverse("assessments:record_pdf", args=[records.finalised.pk]) in working
        working = _page(user, reverse("assessments:report", args=[records.report.pk]))
        assert reverse("assessments:report_record", args=[records.report.pk]) in working


def test_the_assessment_reads_as_a_report_whose_numbers_are_the_data(
    cast: Cast, records: Records
) -> None:
    page = _page(cast.factory_user, reverse("assessments:record", args=[records.finalised.pk]))
    cluster = Question.objects.get(code="CL-1.1").compliance_point.cluster
    other = Question.objects.get(code="CT-3.1").compliance_point.cluster
    assert _cell(page, f"cluster-{cluster.code}", "cluster-non-compliances") == "2"
    assert _cell(page, f"cluster-{other.code}", "cluster-non-compliances") == "1"
    assert re.search(r'data-testid="record-non-compliances">3<', page)
    assert "two minors on the line" in page  # the finding's note
    assert "Management systems: 12 of 13 elements satisfied" in page
    assert "Remediated on" in page and "Minors removed, paid" in page  # CL-1.1
    assert "Not remediated yet" in page  # CT-3.1
    assert "Additional questions" not in page  # this one had none
    # The factory's users cannot edit: no link to the working record.
    assert f'href="{reverse("assessments:entry", args=[records.finalised.pk])}"' not in page


def test_the_pdfs_hold_the_report(cast: Cast, records: Records) -> None:
    """Each reader gets the PDF in their own language (the PM reads English; the factory's user
    Bengali, shaped by WeasyPrint like the formal note)."""
    for user in (cast.factory_user, cast.pm):
        client = client_as(user)
        response = client.get(reverse("assessments:record_pdf", args=[records.finalised.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith('attachment; filename="assessment-')
        text = pdftotext(response.content)
        assert "CL-1.1" in text and "Minors removed, paid" in text and "two minors" in text
    assert "Findings by cluster" in text and "12 of 13 elements satisfied" in text
    response = client.get(reverse("assessments:report_record_pdf", args=[records.report.pk]))
    assert response.status_code == 200
    text = pdftotext(response.content)
    assert "5 of 6 items on track" in text and "No progress" in text


def test_the_progress_report_reads_as_a_report(cast: Cast, records: Records) -> None:
    page = _page(cast.factory_user, reverse("assessments:report_record", args=[records.report.pk]))
    assert "5 of 6 items on track." in page
    assert page.count("rating-on_track") == 5 and page.count("rating-no_progress") == 1


@pytest.mark.parametrize("persona", ["other_pm", "other_factory_user", "buyer_user"])
def test_out_of_scope_every_record_is_a_404(cast: Cast, records: Records, persona: str) -> None:
    client = client_as(getattr(cast, persona))
    for url in (
        reverse("factories:records", args=[cast.factory.pk]),
        reverse("assessments:record", args=[records.finalised.pk]),
        reverse("assessments:record_pdf", args=[records.finalised.pk]),
        reverse("assessments:report_record", args=[records.report.pk]),
        reverse("assessments:report_record_pdf", args=[records.report.pk]),
    ):
        assert client.get(url).status_code == 404, (persona, url)


def test_the_buyer_reads_summaries_and_the_note_addressed_to_it(
    cast: Cast, records: Records
) -> None:
    page = _page(cast.buyer_user, reverse("buyer_portal:supplier", args=[cast.factory.pk]))
    assert reverse("differentiation:note-pdf", args=[records.note.pk]) in page
    assert shown("2024-03-12") in page  # the finalised assessment's summary row
    assert reverse("assessments:record", args=[records.finalised.pk]) not in page
    progress = _page(cast.buyer_user, reverse("factories:progress", args=[cast.factory.pk]))
    assert reverse("differentiation:note-pdf", args=[records.note.pk]) in progress
    assert reverse("factories:records", args=[cast.factory.pk]) not in progress


def test_the_records_page_costs_the_same_for_more_records(
    cast: Cast, records: Records, django_assert_max_num_queries: Any
) -> None:
    client = client_as(cast.pm)
    url = reverse("factories:records", args=[cast.factory.pk])
    client.get(url)
    with django_assert_max_num_queries(16) as few:
        assert client.get(url).status_code == 200
    for cycle in (3, 4, 5):
        makers.make_assessment(cast.factory, by=cast.ea, cycle=cycle)
        makers.make_report(cast.factory, by=cast.ea, cycle=cycle)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_record_pages_cost_a_fixed_few_queries(
    cast: Cast, records: Records, django_assert_max_num_queries: Any
) -> None:
    client = client_as(cast.factory_user)
    for url in (
        reverse("assessments:record", args=[records.finalised.pk]),
        reverse("assessments:report_record", args=[records.report.pk]),
    ):
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200


def test_the_note_mail_links_each_reader_to_its_page(cast: Cast, settings: Any) -> None:
    settings.PORTAL_URL = "https://portal.example.org"
    decision = approved_decision(cast.factory, cast.pm)
    mail.outbox.clear()
    note = formal_note_issue(decision_id=decision.pk)
    by_reader = {tuple(m.bcc): m.body.split() for m in mail.outbox}
    portal = settings.PORTAL_URL
    pdf = portal + reverse("differentiation:note-pdf", args=[note.pk])
    records = portal + reverse("factories:records", args=[cast.factory.pk]) + "#formal-notes"
    supplier = portal + reverse("buyer_portal:supplier", args=[cast.factory.pk])
    factory_mail = by_reader[(cast.factory_user.email,)]
    buyer_mail = by_reader[(cast.buyer_user.email,)]
    assert pdf in factory_mail and records in factory_mail and supplier not in factory_mail
    assert pdf in buyer_mail and supplier in buyer_mail and records not in buyer_mail
    # The page the factory's mail names lists the note.
    page = _page(cast.factory_user, reverse("factories:records", args=[cast.factory.pk]))
    assert f'id="note-{note.pk}"' in page


def test_the_factory_home_links_the_latest_records_in_a_fixed_number_of_queries(
    cast: Cast, records: Records, django_assert_max_num_queries: Any
) -> None:
    client = client_as(cast.factory_user)
    client.get("/")
    with django_assert_max_num_queries(30) as few:
        page = client.get("/").content.decode()
    assert reverse("assessments:record", args=[records.finalised.pk]) in page
    assert reverse("assessments:report_record", args=[records.report.pk]) in page
    assert reverse("differentiation:note-pdf", args=[records.note.pk]) in page
    assert reverse("factories:records", args=[cast.factory.pk]) in page
    newer = makers.make_assessment(cast.factory, by=cast.ea, cycle=3, visit_date=VISIT_2026)
    makers.make_report(cast.factory, by=cast.ea, cycle=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/").content.decode()
    assert reverse("assessments:record", args=[newer.pk]) in page  # the latest one
    assert reverse("assessments:record", args=[records.finalised.pk]) not in page
