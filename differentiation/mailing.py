"""E-mails in each recipient's language, with absolute links to the exact page.

Recipients are grouped by the language they read (factories.languages.language_of); each group
gets one message whose subject and body were written under that language, the addresses in
Bcc so that recipients do not see each other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from factories.languages import language_of

# C0 control characters but tab, line feed and carriage return: no font draws them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Attachment = tuple[str, bytes, str]


def one_line(value: object) -> str:
    """`value` fit for a mail header: a line break there would make Django refuse the mail."""
    return " ".join(CONTROL.sub("", str(value)).split())


def absolute_url(viewname: str, *args: Any) -> str:
    """The full address of a page for a link in a mail (PORTAL_URL and the page's path)."""
    return str(settings.PORTAL_URL).rstrip("/") + reverse(viewname, args=args)


def by_language(users: Iterable[Any]) -> dict[str, list[str]]:
    """The e-mail addresses of `users`, grouped by the language each reads (sorted, unique)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for user in users:
        if user.email:
            groups[language_of(user)].add(user.email)
    return {language: sorted(groups[language]) for language in sorted(groups)}


def send_by_language(
    users: Iterable[Any],
    compose: Callable[[], tuple[str, str]],
    *,
    attachments: Iterable[Attachment] = (),
    blind: bool = True,
) -> list[EmailMessage]:
    """One message per language of `users`: `compose()` returns the (subject, body), called
    with that language active. With `blind`, the addresses go in Bcc (recipients of different
    organisations do not see each other); else in To. Returns the messages sent."""
    sent = []
    files = list(attachments)
    for language, addresses in by_language(users).items():
        with translation.override(language):
            subject, body = compose()
        message = EmailMessage(
            subject=one_line(subject),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[settings.DEFAULT_FROM_EMAIL] if blind else addresses,
            bcc=addresses if blind else [],
            headers={"Content-Language": language},
        )
        for name, content, mimetype in files:
            message.attach(name, content, mimetype)
        message.send()
        sent.append(message)
    return sent
