"""Every e-mail goes to each recipient in their own language, one message per language, with
absolute links to the exact page."""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.core import mail
from django.urls import reverse
from django.utils import translation

from differentiation.mailing import send_by_language
from differentiation.models import FormalNote
from differentiation.notes import candidate_notify, formal_note_issue
from factories.languages import country_language, language_of
from factories.vocabulary import Role
from tests import makers
from tests.conftest import Cast
from tests.i18n.note_helpers import approved_decision, catalogue_text

PORTAL = "https://portal.example.org"
NOTE_SUBJECT = "%(factory)s: high-performing status confirmed"
CANDIDATE_SUBJECT = "%(factory)s is a candidate for high-performing status"


def test_each_user_reads_the_language_of_their_place(cast: Cast) -> None:
    assert country_language("BGD") == "bn"
    assert country_language("JOR") == "ar"
    assert country_language("LKA") == "en"
    assert language_of(cast.factory_user) == "bn"  # a factory in Bangladesh
    assert language_of(cast.ea) == "en"
    assert language_of(cast.buyer_user) == "en"
    assert (
        language_of(makers.make_user(Role.FACTORY, factory=makers.make_factory(country="VNM")))
        == "vi"
    )
    cast.buyer_user.profile.language = "fr"  # a user's own choice wins
    assert language_of(cast.buyer_user) == "fr"


def test_the_formal_note_mail_goes_to_each_in_their_language(cast: Cast, settings: Any) -> None:
    settings.PORTAL_URL = PORTAL + "/"
    second_buyer_user = makers.make_user(Role.BUYER, "bruno-buyer", buyer=cast.buyer)
    second_factory_user = makers.make_user(Role.FACTORY, "farid-factory", factory=cast.factory)
    decision = approved_decision(cast.factory, cast.pm)
    mail.outbox.clear()
    note = formal_note_issue(decision_id=decision.pk)

    by_language = {m.extra_headers["Content-Language"]: m for m in mail.outbox}
    assert sorted(by_language) == ["bn", "en"]
    assert by_language["bn"].bcc == sorted([cast.factory_user.email, second_factory_user.email])
    assert by_language["en"].bcc == sorted([cast.buyer_user.email, second_buyer_user.email])
    link = PORTAL + reverse("differentiation:note-pdf", args=[note.pk])
    for language, message in by_language.items():
        expected = catalogue_text(language, NOTE_SUBJECT) % {"factory": "Dhaka Knitwear Ltd"}
        assert message.subject == expected
        assert link in message.body.split()
        assert message.to == [message.from_email]  # recipients never see each other
        [(filename, content, mimetype)] = message.attachments
        assert (filename, mimetype) == (f"formal-note-{cast.factory.pk}.pdf", "application/pdf")
        assert content == bytes(FormalNote.objects.get(pk=note.pk).pdf)

    # Issued and mailed once: a second run sends nothing.
    mail.outbox.clear()
    formal_note_issue(decision_id=decision.pk)
    assert mail.outbox == []


def test_the_candidate_notice_goes_to_the_ea_in_their_language(cast: Cast, settings: Any) -> None:
    settings.PORTAL_URL = PORTAL
    mail.outbox.clear()
    candidate_notify(factory_id=cast.factory.pk)
    [message] = mail.outbox
    assert message.to == [cast.ea.email]
    assert message.extra_headers["Content-Language"] == "en"
    assert message.subject == CANDIDATE_SUBJECT % {"factory": "Dhaka Knitwear Ltd"}
    assert PORTAL + reverse("factories:progress", args=[cast.factory.pk]) in message.body.split()


def test_each_language_group_is_written_in_its_language(cast: Cast) -> None:
    users = [cast.factory_user, cast.buyer_user, cast.other_factory_user, cast.ea]
    languages = {cast.factory_user: "bn", cast.buyer_user: "ar"}

    def compose() -> tuple[str, str]:
        language = translation.get_language()
        return f"Subject {language}", f"Body {language}"

    with mock.patch(
        "differentiation.mailing.language_of", side_effect=lambda u: languages.get(u, "en")
    ):
        sent = send_by_language(users, compose)
    assert [(m.subject, m.body, m.bcc) for m in sent] == [
        ("Subject ar", "Body ar", [cast.buyer_user.email]),
        ("Subject bn", "Body bn", [cast.factory_user.email]),
        ("Subject en", "Body en", sorted([cast.ea.email, cast.other_factory_user.email])),
    ]
    assert translation.get_language() in ("en", "en-gb")  # the request's language is back
