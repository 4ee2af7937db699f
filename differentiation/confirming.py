"""What a programme manager's decision will do, said before it is made (the confirmation step).

A decision is never edited: approve, reject, keep and withdraw each show this first, and only a
second, confirmed post decides.
"""

from __future__ import annotations

from django.utils.translation import gettext, ngettext

from betterwork.core.confirming import Consequences
from differentiation.models import ApprovalRequest
from differentiation.notes import note_recipients
from differentiation.vocabulary import RequestKind
from factories.models import Buyer


def _buyers(approval_request: ApprovalRequest) -> list[Buyer]:
    return list(
        Buyer.objects.filter(
            access_grants__factory=approval_request.factory, access_grants__revoked_at=None
        )
        .distinct()
        .order_by("name")
    )


def decision_consequences(approval_request: ApprovalRequest, *, approve: bool) -> Consequences:
    factory = approval_request.factory
    name = factory.name
    buyers = _buyers(approval_request)
    buyer_names = ", ".join(b.name for b in buyers)
    if approval_request.kind == RequestKind.GRANT and approve:
        recipients = len(note_recipients(factory, buyers))
        effects = [
            gettext("{factory} becomes a high-performing factory.").format(factory=name),
            ngettext(
                "A formal note is issued and e-mailed to {count} person: the factory's users"
                " and the users of its buyers with third-party access.",
                "A formal note is issued and e-mailed to {count} people: the factory's users"
                " and the users of its buyers with third-party access.",
                recipients,
            ).format(count=recipients),
            gettext(
                "The factory may then choose its benefits: an assessment every 24 months, fewer"
                " advisory visits for training days, learning services, public recognition."
            ),
        ]
        if buyers:
            effects.append(
                gettext(
                    "Its buyers with third-party access see it as high-performing: {buyers}."
                ).format(buyers=buyer_names)
            )
        return Consequences(
            gettext("Approve high-performing status for {factory}?").format(factory=name),
            gettext("Yes, approve"),
            False,
            effects,
        )
    if approval_request.kind == RequestKind.GRANT:
        return Consequences(
            gettext("Reject high-performing status for {factory}?").format(factory=name),
            gettext("Yes, reject"),
            True,
            [
                gettext(
                    "{factory} does not become high-performing; its stage goes back to what"
                    " its data says (candidate or not on track)."
                ).format(factory=name),
                gettext("No e-mail is sent; the reason is kept in the factory's history."),
            ],
        )
    if approve:
        return Consequences(
            gettext("Keep the high-performing status of {factory}?").format(factory=name),
            gettext("Yes, keep the status"),
            False,
            [
                gettext("{factory} stays high-performing and keeps its benefits.").format(
                    factory=name
                ),
                gettext("No e-mail is sent; the reason is kept in the factory's history."),
            ],
        )
    effects = [
        gettext("{factory} loses its high-performing status.").format(factory=name),
        gettext(
            "Its benefits end: the assessment every 24 months, the fewer advisory visits, the"
            " learning services and any public recognition."
        ),
        gettext("No e-mail is sent; the reason is kept in the factory's history."),
    ]
    if buyers:
        effects.insert(
            2,
            gettext(
                "Its buyers with third-party access see it as not high-performing: {buyers}."
            ).format(buyers=buyer_names),
        )
    return Consequences(
        gettext("Withdraw the high-performing status of {factory}?").format(factory=name),
        gettext("Yes, withdraw the status"),
        True,
        effects,
    )
