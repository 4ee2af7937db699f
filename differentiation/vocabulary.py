"""The words of the differentiation: criterion groups and results, approval requests and
decisions; one enum per state (see factories.vocabulary). Pure Python, used by the rules."""

from __future__ import annotations

from factories.vocabulary import Term, gettext_noop


class Group(Term):
    """The five criteria, in the annex's order, with the annex's headings as labels."""

    COMPLIANCE = "compliance", gettext_noop("Compliance with publicly reported issues")
    HR = "hr_management_systems", gettext_noop("Contracts and HR management systems")
    OSH = "osh_management_systems", gettext_noop("OSH management systems")
    SOCIAL_DIALOGUE = "social_dialogue", gettext_noop("Effective social dialogue")
    LEARNING = "learning", gettext_noop("Learning for sustainable improvement")

    @property
    def noun(self) -> str:
        """The criterion's name inside a reason ("{criterion} criterion not met."), as stored
        in evaluations since the first: a reason's words never change once written."""
        return _NOUNS[self]


_NOUNS = {
    Group.COMPLIANCE: gettext_noop("Compliance"),
    Group.HR: gettext_noop("HR management systems"),
    Group.OSH: gettext_noop("OSH management systems"),
    Group.SOCIAL_DIALOGUE: gettext_noop("Social dialogue"),
    Group.LEARNING: gettext_noop("Learning"),
}


class Result(Term):
    MET = "met", gettext_noop("Met")
    NOT_MET = "not_met", gettext_noop("Not met")
    UNKNOWN = "unknown", gettext_noop("Unknown")


class RequestKind(Term):
    GRANT = "grant", gettext_noop("Grant high-performing status")
    REVIEW = "review", gettext_noop("Review high-performing status")


class RequestStatus(Term):
    PENDING = "pending", gettext_noop("Pending")
    APPROVED = "approved", gettext_noop("Approved")
    REJECTED = "rejected", gettext_noop("Rejected")
    SUPERSEDED = "superseded", gettext_noop("Superseded by newer data")


DECIDED_STATUSES = (RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.SUPERSEDED)
DECIDED = "decided"
"""The approval queue's filter for every decided request (any of DECIDED_STATUSES)."""


class Outcome(Term):
    """A programme manager's decision on a request."""

    APPROVED = "approved", gettext_noop("Approved")
    REJECTED = "rejected", gettext_noop("Rejected")
