"""The formal note confirming high-performing status, and the candidate notice to the EA."""

from __future__ import annotations

import datetime
import io
import re
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from differentiation import display
from differentiation.models import Decision, FormalNote
from differentiation.vocabulary import Outcome, RequestKind
from factories.models import Buyer, Factory
from factories.vocabulary import HIGH_PERFORMING_STAGES, Role

# C0 control characters but tab, line feed and carriage return: no font draws them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def markup_text(value: object) -> str:
    """`value` as literal text inside ReportLab's paragraph markup (a name is never markup)."""
    return escape(_CONTROL.sub("", str(value)))


def one_line(value: object) -> str:
    """`value` fit for a mail header: a line break there would make Django refuse the mail."""
    return " ".join(_CONTROL.sub("", str(value)).split())


def render_formal_note(*, factory: Factory, decision: Decision, buyers: list[Buyer]) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.2 * cm,
        rightMargin=2.2 * cm,
        title=f"Formal note: {factory.name}",
        author=factory.programme.name,
    )
    styles = getSampleStyleSheet()
    criteria: list[dict[str, Any]] = decision.request.evaluation.outcome.get("criteria", [])
    # Every text that is not ours (names, reasons) goes through markup_text.
    programme = markup_text(factory.programme.name)
    story: list[Any] = [
        Paragraph(programme, styles["Title"]),
        Paragraph("Formal note: high-performing factory status", styles["Heading2"]),
        Paragraph(f"Date: {decision.decided_at:%d %B %Y}", styles["Normal"]),
        Spacer(1, 12),
        Paragraph(
            f"To the management of <b>{markup_text(factory.name)}</b>"
            + (
                ", and to its buyers with third-party access: "
                + ", ".join(markup_text(b.name) for b in buyers)
                if buyers
                else ""
            )
            + ".",
            styles["Normal"],
        ),
        Spacer(1, 10),
        Paragraph(
            "Better Work confirms that the factory has demonstrated high levels of compliance, "
            "sustainable systems and advanced worker-management dialogue, and meets all of the "
            "differentiation criteria over two consecutive assessments. The Programme Manager "
            "has therefore confirmed its status as a high-performing factory.",
            styles["Normal"],
        ),
        Spacer(1, 10),
        Paragraph("How the factory met the criteria", styles["Heading3"]),
    ]
    for criterion in criteria:
        label = display.group_label(str(criterion.get("group")))
        reasons = " ".join(display.reasons_text(criterion.get("reasons", [])))
        story.append(
            Paragraph(f"<b>{markup_text(label)}</b>: {markup_text(reasons)}", styles["Normal"])
        )
        story.append(Spacer(1, 4))
    story += [
        Spacer(1, 10),
        Paragraph(
            "Benefits now open to the factory: an assessment every 24 months instead of 12 if "
            "the factory agrees; continued advisory visits (up to 6 per cycle, exchangeable for "
            "training days); brokered learning services; invitations to public recognition, "
            "campaigns and buyer events, only with the factory's consent. Better Work does not "
            "communicate publicly on which factories are high-performing.",
            styles["Normal"],
        ),
        Spacer(1, 18),
        Paragraph(
            markup_text(decision.decided_by.get_full_name() or decision.decided_by.username)
            + f", Programme Manager, {programme}",
            styles["Normal"],
        ),
    ]
    doc.build(story)
    return buffer.getvalue()


def note_recipients(factory: Factory, buyers: list[Buyer]) -> list[str]:
    User = get_user_model()
    users = (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(profile__role__in=[Role.FACTORY, Role.BUYER])
        .filter(Q(profile__factory=factory) | Q(profile__buyer__in=buyers))
    )
    return sorted(set(users.values_list("email", flat=True)))


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
            if recipients:
                message = EmailMessage(
                    subject=one_line(f"{factory.name}: high-performing status confirmed"),
                    body=(
                        f"Better Work confirms the high-performing status of {factory.name}. "
                        "The formal note is attached and can be downloaded from the portal."
                    ),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[settings.DEFAULT_FROM_EMAIL],
                    bcc=recipients,
                )
                message.attach(f"formal-note-{factory.pk}.pdf", bytes(note.pdf), "application/pdf")
                message.send()
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
    factory = Factory.objects.select_related("enterprise_advisor").get(pk=factory_id)
    advisor = factory.enterprise_advisor
    if advisor is None or not advisor.email:
        return
    send_mail(
        subject=one_line(f"{factory.name} is a candidate for high-performing status"),
        message=(
            f"{factory.name} met the candidate gate. Its next assessment includes the "
            "additional questions on social dialogue and learning."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[advisor.email],
    )
