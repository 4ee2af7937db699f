"""Why a criterion or a stage is what it is, as a sentence with its values kept apart.

A reason is stored with its English template and its values, so that a page can show it in the
reader's language (the template is a msgid of the portal's catalogues) while the API and the
audit trail keep the English text. Nothing here knows about Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factories.vocabulary import gettext_noop

NOT_CONFIRMED = gettext_noop(
    "Item {item} found not confirmed in the assessment of cycle {cycle} ({date})."
)
"""An item the latest assessment found not confirmed (its additional question): the criterion
of the item's group is not met. The questions are the eligibility check, not a criterion."""

ON_TRACK = gettext_noop(
    "{items} On track in the progress report 2 of cycle {report_cycle} ({report_date})."
)
"""Social dialogue or learning met: the PR2 of the window rates every item On track."""

REWORDED: dict[str, str] = {
    "Additional question on item {item} not confirmed in the assessment of cycle {cycle}"
    " ({date}).": NOT_CONFIRMED,
    "{items} On track in the progress report 2 of cycle {report_cycle} ({report_date}), and"
    " confirmed by the additional questions of the assessment of cycle {cycle}.": ON_TRACK,
}
"""Templates of earlier wordings, stored in evaluations before they were reworded, and the
template each is shown with now: the same finding with the same values, in today's words (the
stored evaluation itself is never rewritten)."""


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
        template = REWORDED.get(str(stored.get("template", "")))
        if template is not None:
            try:
                return template.format(**stored.get("params", {}))
            except (KeyError, IndexError, ValueError):
                pass  # keep the stored text when its values do not fit
        return str(stored.get("text", ""))
    return str(stored)
