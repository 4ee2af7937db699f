"""The formal note shows names literally, is issued whatever the name, and never fails silently."""

from __future__ import annotations

import io
import logging
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from betterwork.core.pdf import html_to_pdf
from differentiation.decisions import approval_decide
from differentiation.models import ApprovalRequest, Decision, FormalNote
from differentiation.notes import candidate_notify
from differentiation.tasks import NOTE_RETRIES
from factories.models import Factory
from factories.vocabulary import Stage
from tests.conftest import client_as
from tests.pages.pm_helpers import make_candidate, make_eligible

MARKUP_NAME = (
    'Evil <a href="http://evil.example/">Ltd</a> <font color="red" size="30">STATUS REVOKED</font>'
)


def _rename(factory: Factory, name: str) -> None:
    """As data written before names were checked: straight into the table."""
    Factory.objects.filter(pk=factory.pk).update(name=name)
    factory.refresh_from_db()


def _approve(cast: Any, request: ApprovalRequest, callbacks: Any) -> Decision:
    with callbacks(execute=True):  # the note is issued after the commit, as in production
        return approval_decide(request=request, actor=cast.pm2, approve=True)


def _text(note: FormalNote) -> str:
    reader = PdfReader(io.BytesIO(bytes(note.pdf)))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _links(note: FormalNote) -> list[Any]:
    reader = PdfReader(io.BytesIO(bytes(note.pdf)))
    return [a for page in reader.pages for a in (page.get("/Annots") or [])]


def test_the_note_shows_markup_in_a_name_literally(
    cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    request = make_eligible(cast.factory, by=cast.ea)
    _rename(cast.factory, MARKUP_NAME)
    decision = _approve(cast, request, django_capture_on_commit_callbacks)
    note = FormalNote.objects.get(decision=decision)
    text = _text(note)
    assert '<a href="http://evil.example/">Ltd</a>' in text
    assert '<font color="red" size="30">STATUS REVOKED</font>' in text
    assert _links(note) == []  # no live link


@pytest.mark.parametrize("name", ["<b>Unclosed Ltd", "Broken </para> & <i Ltd", "Amp &amp; Co"])
def test_an_unbalanced_tag_in_the_name_still_issues_the_note(
    cast: Any, django_capture_on_commit_callbacks: Any, name: str
) -> None:
    request = make_eligible(cast.factory, by=cast.ea)
    _rename(cast.factory, name)
    decision = _approve(cast, request, django_capture_on_commit_callbacks)
    note = FormalNote.objects.get(decision=decision)
    assert name in _text(note)
    assert note.emailed_at is not None


def test_a_newline_in_the_name_loses_neither_the_note_mail_nor_the_candidate_notice(
    cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    request = make_eligible(cast.factory, by=cast.ea)
    _rename(cast.factory, "Dhaka\nKnitwear\r\nLtd")
    mail.outbox.clear()
    decision = _approve(cast, request, django_capture_on_commit_callbacks)
    note = FormalNote.objects.get(decision=decision)
    assert note.emailed_at is not None
    # One mail a language (the factory's users read Bengali, the buyer's English), each with
    # the name on one line.
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "Dhaka Knitwear Ltd" in message.subject
        assert "\n" not in message.subject and "\r" not in message.subject
    bcc = {address for message in mail.outbox for address in message.bcc}
    assert {cast.factory_user.email, cast.buyer_user.email} <= bcc

    mail.outbox.clear()
    candidate_notify(factory_id=cast.factory.pk)
    assert [m.subject for m in mail.outbox] == [
        "Dhaka Knitwear Ltd is a candidate for high-performing status"
    ]  # the EA reads English


def test_a_note_that_fails_to_build_is_logged_retried_and_shown_to_the_pm(
    cast: Any, django_capture_on_commit_callbacks: Any, caplog: Any
) -> None:
    request = make_eligible(cast.factory, by=cast.ea)
    caplog.set_level(logging.ERROR)
    with mock.patch(
        "differentiation.notes.render_formal_note", side_effect=ValueError("paragraph parse error")
    ) as render:
        decision = _approve(cast, request, django_capture_on_commit_callbacks)
    decision.refresh_from_db()
    cast.factory.refresh_from_db()
    assert cast.factory.stage == Stage.HIGH_PERFORMING  # the approval itself stands
    assert not FormalNote.objects.filter(decision=decision).exists()
    assert render.call_count == 1 + NOTE_RETRIES  # retried (at once, tasks run in-process here)
    assert "paragraph parse error" in decision.note_error
    assert decision.note_failed_at is not None
    assert "Formal note of decision" in caplog.text

    page = client_as(cast.pm).get(reverse("differentiation:request", args=[request.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "The formal note has not been issued yet." in body
    assert "paragraph parse error" in body

    # A later attempt that succeeds issues the note and clears the failure.
    from differentiation.tasks import issue_formal_note

    issue_formal_note.apply(args=[decision.pk])
    decision.refresh_from_db()
    assert FormalNote.objects.filter(decision=decision).exists()
    assert (decision.note_error, decision.note_failed_at) == ("", None)
    body = client_as(cast.pm).get(reverse("differentiation:request", args=[request.pk]))
    assert "has not been issued" not in body.content.decode()


def test_the_request_page_works_for_a_factory_without_an_enterprise_advisor(cast: Any) -> None:
    make_candidate(cast.factory, by=cast.pm)
    request = make_eligible(cast.other_factory, by=cast.pm)
    Factory.objects.filter(pk=cast.other_factory.pk).update(enterprise_advisor=None)
    response = client_as(cast.pm2).get(reverse("differentiation:request", args=[request.pk]))
    assert response.status_code == 200
    assert "not assigned" in response.content.decode()


def test_the_pdf_renderer_fetches_nothing(tmp_path: Any) -> None:
    """No file or URL enters a note, whatever HTML reaches the renderer."""
    from PIL import Image
    from weasyprint import HTML

    image = tmp_path / "dot.png"
    Image.new("RGB", (4, 4), "red").save(image)
    html = f'<p>Hello</p><img src="{image.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
    assert b"/Image" in HTML(string=html).write_pdf()  # WeasyPrint's default would embed it
    assert b"/Image" not in html_to_pdf(html)
