"""The rule versions: what each criterion reads, by code, fixed with the version's name.

"The rules take the list of the 6 HR, 7 OSH, 5 social-dialogue and 1 learning items from the
rule version, not from the data: an item missing from the data is not satisfied." The catalogue
in the database must name the same codes (a test checks it); the rules never ask it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleVersion:
    name: str
    hr_elements: tuple[str, ...]
    osh_elements: tuple[str, ...]
    social_dialogue_items: tuple[str, ...]
    learning_items: tuple[str, ...]

    @property
    def rated_items(self) -> tuple[str, ...]:
        """The items PR2 rates and the additional questions confirm, social dialogue first."""
        return self.social_dialogue_items + self.learning_items


_ANNEX_2017 = {
    "hr_elements": ("HR-1", "HR-2", "HR-3", "HR-4", "HR-5", "HR-6"),
    "osh_elements": ("OSH-1", "OSH-2", "OSH-3", "OSH-4", "OSH-5", "OSH-6", "OSH-7"),
    "social_dialogue_items": ("SD-1", "SD-2", "SD-3", "SD-4", "SD-5"),
    "learning_items": ("LE-1",),
}

BW_2017_2 = RuleVersion(name="BW-2017.2", **_ANNEX_2017)
"""The guideline of 2017 as read since December 2026: the window is the latest finalised
assessment and the one of the cycle before it, social dialogue and learning are judged on the
PR2 of that window, and the additional questions are the eligibility check.

`BW-2017`, the first reading, took the two latest finalised assessments whatever their cycles
and counted the additional questions as part of the criteria. Its evaluations are kept as they
were; a factory evaluated under it is evaluated again under this version (a new version, never
a rewrite)."""

CURRENT = BW_2017_2
RULE_VERSION = CURRENT.name
PAST_VERSIONS = ("BW-2017",)
