"""The one place that turns a stored evaluation into what people read: the five criteria in the
annex's order, each with its heading, its result in words and its reasons as sentences.

The factory's progress page, the buyer's pages and exports, the PM's evidence page, the formal
note and the API all read evaluations through here. Reasons are stored as `{"text", "template",
"params"}` dicts (or, in old rows, plain strings: see criteria.reasons).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext

from differentiation.criteria import reason_text
from differentiation.vocabulary import Group, Result


def group_label(group: str) -> str:
    """The criterion's heading (the annex's wording); an unknown group reads as itself."""
    try:
        return gettext(Group(group).label)
    except ValueError:
        return group.replace("_", " ").capitalize()


def result_label(result: str) -> str:
    try:
        return gettext(Result(result).label)
    except ValueError:
        return result


def reasons_text(reasons: Iterable[Any]) -> list[str]:
    """The reasons in English, as stored (the API and the audit trail)."""
    return [reason_text(r) for r in reasons]


def translated_reasons(reasons: Iterable[Any]) -> list[str]:
    """The reasons in the reader's language (pages)."""
    return [translated_reason(r) for r in reasons]


def translated_reason(stored: object) -> str:
    """A stored reason in the active language: its template (a msgid) translated, then filled;
    a plain-text reason of an old rule version, or one whose translation does not fit its
    values, reads as stored."""
    if isinstance(stored, dict) and stored.get("template"):
        try:
            return gettext(str(stored["template"])).format(**stored.get("params", {}))
        except (KeyError, IndexError, ValueError):
            return reason_text(stored)
    return reason_text(stored)


def stored_criteria(outcome: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The stored criteria of an evaluation's outcome, by group."""
    if not outcome:
        return {}
    return {str(c.get("group")): c for c in outcome.get("criteria", [])}


def criterion_rows(
    outcome: dict[str, Any] | None, *, not_evaluated: str = ""
) -> list[dict[str, Any]]:
    """The five criteria in the annex's order: `group`, `label`, `result`, `result_label` and
    `reasons` (sentences). Without an outcome every result is unknown, with `not_evaluated` as
    the reason when one is given."""
    stored = stored_criteria(outcome)
    rows = []
    for group in Group:
        criterion = stored.get(group.value, {})
        result = str(criterion.get("result", Result.UNKNOWN))
        reasons = translated_reasons(criterion.get("reasons", []))
        if not outcome and not_evaluated:
            reasons = [not_evaluated]
        rows.append(
            {
                "group": group.value,
                "label": gettext(group.label),
                "result": result,
                "result_label": result_label(result),
                "reasons": reasons,
            }
        )
    return rows


def api_criteria(outcome: dict[str, Any]) -> list[dict[str, object]]:
    """The stored criteria as the API shows them: as stored, with reasons as sentences."""
    return [
        {**c, "reasons": reasons_text(c.get("reasons", []))} for c in outcome.get("criteria", [])
    ]
