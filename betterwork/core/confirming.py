"""A confirmation step's content: what an irreversible action will do, before it is done.

Pages render it with templates/partials/confirm.html: a title, the effects (who is notified,
what the factory gets or loses), and a button that posts the action again with `confirmed=yes`.
Plain HTML forms: it works without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CONFIRMED = "yes"
"""The value of the `confirmed` field that makes the action (any other value asks first)."""


@dataclass
class Consequences:
    title: str
    button: str
    danger: bool
    effects: list[str] = field(default_factory=list)
