"""Template helpers of the assessment pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def summary_for(summaries: dict[int, Any] | None, pk: int) -> Any:
    """`{% with s=answer_summaries|summary_for:a.pk %}`: one assessment's AnswerSummary."""
    return (summaries or {}).get(pk)
