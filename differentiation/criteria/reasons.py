"""Why a criterion or a stage is what it is, as a sentence with its values kept apart.

A reason is stored with its English template and its values, so that a page can show it in the
reader's language (the template is a msgid of the portal's catalogues) while the API and the
audit trail keep the English text. Nothing here knows about Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reason:
    template: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    @property
    def text(self) -> str:
        return self.template.format(**self.params)

    def __str__(self) -> str:
        return self.text

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "template": self.template, "params": dict(self.params)}


def reason(template: str, **params: Any) -> Reason:
    return Reason(template, params)


def reason_text(stored: object) -> str:
    """The English text of a stored reason: a dict of `Reason.to_json`, or a plain string
    (evaluations of the first rule version stored their reasons as text)."""
    if isinstance(stored, dict):
        return str(stored.get("text", ""))
    return str(stored)
