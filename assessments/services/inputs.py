"""What an assessment or a report is given: one value per answer, as the API, the pages and the
bulk import pass them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class FindingInput:
    """One answer: non-compliant, compliant (`non_compliant` False) or not applicable."""

    question: str
    non_compliant: bool = True
    remediated: bool = False
    note: str = ""
    not_applicable: bool = False


@dataclass(frozen=True)
class ElementInput:
    element: str
    satisfied: bool


@dataclass(frozen=True)
class AnswerInput:
    item: str
    met: bool


@dataclass(frozen=True)
class RatingInput:
    item: str
    rating: str
