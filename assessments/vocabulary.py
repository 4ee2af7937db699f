"""The words of assessments and progress reports: one enum per state (see factories.vocabulary).

Pure Python: the rules in differentiation.criteria read the same ratings, systems and groups.
"""

from __future__ import annotations

from factories.vocabulary import Term, gettext_noop


class Status(Term):
    """An assessment's or a progress report's: a draft until it is finalised as the record."""

    DRAFT = "draft", gettext_noop("Draft")
    FINALISED = "finalised", gettext_noop("Finalised")


class Answer(Term):
    """How a question of the catalogue is answered on the entry page."""

    COMPLIANT = "compliant", gettext_noop("Compliant")
    NON_COMPLIANT = "non_compliant", gettext_noop("Non-compliant")
    NOT_APPLICABLE = "not_applicable", gettext_noop("Not applicable")


class Rating(Term):
    """A PR2 rating of a social-dialogue or learning item; only On track counts as on track."""

    ON_TRACK = "on_track", gettext_noop("On track")
    MODERATE_PROGRESS = "moderate_progress", gettext_noop("Moderate progress")
    NO_PROGRESS = "no_progress", gettext_noop("No progress")


class System(Term):
    """The management system a management-system element belongs to."""

    HR = "HR", gettext_noop("Contracts and HR management systems")
    OSH = "OSH", gettext_noop("OSH management systems")


class ItemGroup(Term):
    """The group of a progress item (rated in PR2, confirmed by the additional questions)."""

    SOCIAL_DIALOGUE = "social_dialogue", gettext_noop("Social dialogue")
    LEARNING = "learning", gettext_noop("Learning")
