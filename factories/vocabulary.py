"""The portal's words for states: one enum per state, defined once, here and in the
`vocabulary` module of the lowest app that owns each state (assessments, differentiation).

Pure Python, no Django: the rules in differentiation.criteria use the same enums. Each member
carries its English label, marked with `gettext_noop` (the label is the msgid of the translation
catalogues); `betterwork.core.choices.choices` turns an enum into lazily translated choices for
model fields and forms, and templates compare with the enums a context processor exposes.
"""

from __future__ import annotations

from enum import EnumType, StrEnum
from typing import Any


def gettext_noop(message: str) -> str:
    """Marks a label for `makemessages` (which looks for this name); translated on display."""
    return message


class _TermType(EnumType):
    """Class-level `values` and `choices` (English labels), as Django's TextChoices has them."""

    # Templates must not call an enum class (it would be called with no arguments).
    do_not_call_in_templates = True

    @property
    def values(cls) -> list[str]:
        return [value for value, _ in cls.choices]

    @property
    def choices(cls) -> list[tuple[str, str]]:
        members: list[Any] = list(cls.__members__.values())
        return [(member.value, member.label) for member in members]


class Term(StrEnum, metaclass=_TermType):
    """A state's value (what the database and the API hold) and its English label."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Term:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label or value
        return member


class Role(Term):
    PROGRAMME_MANAGER = "programme_manager", gettext_noop("Programme manager")
    ENTERPRISE_ADVISOR = "enterprise_advisor", gettext_noop("Enterprise advisor")
    FACTORY = "factory", gettext_noop("Factory user")
    BUYER = "buyer", gettext_noop("Buyer user")


STAFF_ROLES = (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR)
"""The programme's staff: they work on every factory of their programmes."""


class Stage(Term):
    """docs/rules.md section 7."""

    NOT_ON_TRACK = "not_on_track", gettext_noop("Not on track")
    CANDIDATE = "candidate", gettext_noop("Candidate")
    ELIGIBLE = "eligible", gettext_noop("Eligible, awaiting approval")
    HIGH_PERFORMING = "high_performing", gettext_noop("High-performing")
    UNDER_REVIEW = "under_review", gettext_noop("Under review")


HIGH_PERFORMING_STAGES = (Stage.HIGH_PERFORMING, Stage.UNDER_REVIEW)
"""The stages in which a PM's decision has the factory high-performing: under review it stays
so until a PM withdraws the status."""


class BuyerStage(Term):
    """The stage as a buyer sees it: the PM's decision only (docs/rules.md section 9). Candidate,
    eligible and under review are the programme's internal work."""

    HIGH_PERFORMING = "high_performing", gettext_noop("High-performing")
    NOT_HIGH_PERFORMING = "not_high_performing", gettext_noop("Not high-performing")

    @classmethod
    def of(cls, stage: str) -> BuyerStage:
        return cls.HIGH_PERFORMING if stage in HIGH_PERFORMING_STAGES else cls.NOT_HIGH_PERFORMING


class Position(Term):
    """A factory user's position in the factory: who may endorse and who may sign off a road
    map (the committee owns it, top management signs it off: docs/rules.md)."""

    TOP_MANAGEMENT = "top_management", gettext_noop("Top management")
    COMMITTEE_WORKER = "committee_worker", gettext_noop("Committee member, worker side")
    COMMITTEE_MANAGEMENT = "committee_management", gettext_noop("Committee member, management side")


COMMITTEE_POSITIONS = (Position.COMMITTEE_WORKER, Position.COMMITTEE_MANAGEMENT)
"""The positions of the bipartite committee's members: they record its endorsement."""
