"""The formal note confirming high-performing status, and the candidate notice to the EA.

The note is HTML (templates/differentiation/formal_note.html) rendered to PDF by WeasyPrint
(betterwork.core.pdf), so that Bengali, Khmer and Arabic are shaped; it is bilingual: each
section in the factory's language (its programme's country), then in English (one language
for a factory that reads English), the template switching language per part with
`{% language %}`. Names, reasons and labels are data, autoescaped as everywhere (a name is
text, never markup); fonts are chosen by family name (Debian's fonts-noto-core) and nothing is
fetched. Mails go to each recipient in their own language (differentiation.mailing).
"""

from __future__ import annotations

import datetime
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from betterwork.core.pdf import html_to_pdf
from differentiation import display
from differentiation.mailing import CONTROL, absolute_url, send_by_language
from differentiation.models import Decision, FormalNote
from differentiation.vocabulary import Outcome, RequestKind
from factories import people
from factories.languages import country_language
from factories.models import Buyer, Factory
from factories.vocabulary import HIGH_PERFORMING_STAGES, Role

ENGLISH = "en"


def plain(value: object) -> str:
    """`value` as it goes into the note: control characters (no font draws them) dropped.
    Escaping is the template's: autoescape makes any markup in a name text."""
    return CONTROL.sub("", str(value))


def note_languages(factory: Factory) -> list[str]:
    """The factory's language then English; English alone for a factory that reads English."""
    language = country_language(factory.programme.code)
    return [language] if language == ENGLISH else [language, ENGLISH]


def _part(language: str, criteria: list[dict[str, Any]]) -> dict[str, Any]:
    """What one language's part of the note says that is not in the template: the criteria's
    headings and reasons, written while that language is active."""
    with translation.override(language):
        return {
            "code": language,
            "dir": "rtl" if get_language_bidi() else "ltr",
            "criteria": [
                {
                    "label": plain(display.group_label(str(c.get("group")))),
                    "reasons": plain(" ".join(display.reasons_text(c.get("reasons", [])))),
                }
                for c in criteria
            ],
        }


def formal_note_html(*, factory: Factory, decision: Decision, buyers: list[Buyer]) -> str:
    criteria: list[dict[str, Any]] = decision.request.evaluation.outcome.get("criteria", [])
    decider = decision.decided_by
    buyer_names = [plain(b.name) for b in buyers]
    context = {
        "parts": [_part(language, criteria) for language in note_languages(factory)],
        "programme_name": plain(factory.programme.name),
        "factory_name": plain(factory.name),
        "buyer_names": ", ".join(buyer_names),
        "buyer_count": len(buyer_names),
        "decided_at": decision.decided_at,
        "decider_name": plain(people.full_name(decider)),
        # The title as the person gave it (the admin or create_user); without one, the role.
        "decider_title": plain(getattr(people.profile_of(decider), "title", "") or ""),
    }
    return render_to_string("differentiation/formal_note.html", context)


def render_formal_note(*, factory: Factory, decision: Decision, buyers: list[Buyer]) -> bytes:
    return html_to_pdf(formal_note_html(factory=factory, decision=decision, buyers=buyers))


def note_recipients(factory: Factory, buyers: list[Buyer]) -> list[Any]:
    """The active users the note is addressed to, with an address: the factory's users and the
    users of its buyers with access."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(profile__role__in=[Role.FACTORY, Role.BUYER])
        .filter(Q(profile__factory=factory) | Q(profile__buyer__in=buyers))
        .select_related("profile__factory__programme")
        .order_by("pk")
    )


def _note_mail(factory: Factory, note: FormalNote, role: str) -> tuple[str, str]:
    """The note's mail to the factory's users (`role` factory: their records page, where the
    note is listed) or to its buyers' users (their supplier page for the factory)."""
    name = plain(factory.name)
    subject = _("%(factory)s: high-performing status confirmed") % {"factory": name}
    if role == Role.FACTORY:
        page = [
            _("It is kept with the factory's assessments and progress reports on this page:"),
            absolute_url("factories:records", factory.pk) + "#formal-notes",
        ]
    else:
        page = [
            _("The factory's page in the Buyer Portal, where the note is listed:"),
            absolute_url("buyer_portal:supplier", factory.pk),
        ]
    body = "\n\n".join(
        [
            _("Better Work confirms the high-performing status of %(factory)s.")
            % {"factory": name},
            _("The formal note is attached. You can also download it from the portal:"),
            absolute_url("differentiation:note-pdf", note.pk),
            *page,
        ]
    )
    return subject, body + "\n"


def formal_note_issue(*, decision_id: int) -> FormalNote:
    """Issue the note once (idempotent), then e-mail it once."""
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update()
            .select_related("request__factory__programme", "request__evaluation", "decided_by")
            .get(pk=decision_id)
        )
        factory = decision.request.factory
        note = FormalNote.objects.filter(decision=decision).first()
        if note is None:
            buyers = list(
                Buyer.objects.filter(
                    access_grants__factory=factory, access_grants__revoked_at=None
                ).distinct()
            )
            note = FormalNote.objects.create(
                factory=factory,
                decision=decision,
                pdf=render_formal_note(factory=factory, decision=decision, buyers=buyers),
            )
            note.buyers.set(buyers)
    with transaction.atomic():
        note = FormalNote.objects.select_for_update().get(pk=note.pk)
        if note.emailed_at is None:
            recipients = note_recipients(factory, list(note.buyers.all()))
            attachment = (f"formal-note-{factory.pk}.pdf", bytes(note.pdf), "application/pdf")
            for role in (Role.FACTORY, Role.BUYER):
                send_by_language(
                    [user for user in recipients if user.profile.role == role],
                    partial(_note_mail, factory, note, role),
                    attachments=[attachment],
                )
            note.emailed_at = timezone.now()
            note.save(update_fields=["emailed_at"])
        # Delivered: a failure an earlier attempt recorded is over.
        Decision.objects.filter(pk=decision_id).exclude(note_failed_at=None).update(
            note_error="", note_failed_at=None
        )
    return note


NOTE_GRACE = datetime.timedelta(minutes=10)
"""How long an approval's note may take before the sweep queues it again: the task queued on
approval normally delivers it in seconds (and retries a failure itself, 1, 2, 4 ... minutes)."""


def undelivered_note_decisions(*, grace: datetime.timedelta = NOTE_GRACE) -> list[int]:
    """Approved grants older than `grace` whose formal note is not delivered: never issued, or
    issued and not e-mailed (the task was lost with the broker, or every retry failed).

    Only while the factory still holds the status (high-performing or under review): a letter
    confirming a status the programme has withdrawn since must not go out late.
    """
    return list(
        Decision.objects.filter(
            outcome=Outcome.APPROVED,
            request__kind=RequestKind.GRANT,
            decided_at__lte=timezone.now() - grace,
            request__factory__stage__in=HIGH_PERFORMING_STAGES,
        )
        .exclude(formal_note__emailed_at__isnull=False)
        .order_by("decided_at", "pk")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def formal_note_failure_record(*, decision_id: int, error: str) -> None:
    """Keep on the decision why its formal note is not issued (or not e-mailed) yet.

    The PM sees it on the request page until an attempt succeeds; the attempt's own writes
    were rolled back, so this is written on its own.
    """
    Decision.objects.filter(pk=decision_id).update(
        note_error=error[:2000], note_failed_at=timezone.now()
    )


def candidate_notify(*, factory_id: int) -> None:
    """Tell the factory's EA, in their language, that its next assessment has more questions."""
    factory = Factory.objects.select_related("enterprise_advisor__profile").get(pk=factory_id)
    advisor = factory.enterprise_advisor
    if advisor is None or not advisor.email:
        return
    name = plain(factory.name)

    def compose() -> tuple[str, str]:
        subject = _("%(factory)s is a candidate for high-performing status") % {"factory": name}
        body = "\n\n".join(
            [
                _(
                    "%(factory)s met the candidate gate. Its next assessment includes the "
                    "additional questions on social dialogue and learning."
                )
                % {"factory": name},
                _("The factory's progress page:"),
                absolute_url("factories:progress", factory.pk),
            ]
        )
        return subject, body + "\n"

    send_by_language([advisor], compose, blind=False)
