"""The words of the factory's workspace: the states of its road-map targets and improvement-plan
items (see factories.vocabulary)."""

from __future__ import annotations

from factories.vocabulary import Term, gettext_noop


class TargetStatus(Term):
    NOT_STARTED = "not_started", gettext_noop("Not started")
    IN_PROGRESS = "in_progress", gettext_noop("In progress")
    DONE = "done", gettext_noop("Done")


class PlanItemStatus(Term):
    """An improvement-plan item: worked by the factory, closed when the EA confirms it."""

    PENDING = "pending", gettext_noop("Pending")
    IN_PROGRESS = "in_progress", gettext_noop("In progress")
    COMPLETED = "completed", gettext_noop("Completed")
