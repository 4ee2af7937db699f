"""The record history in words: each change as a sentence in the reader's language.

"Question WT-2.2 'Are workers paid the legal minimum wage?' changed from compliant to
non-compliant by Nguyen Van A, Enterprise advisor." Codes are kept (they are how people find a
question), values are read as words, people by full name and title; a row that changed nothing
is left out. Three queries for any number of rows (question, element and item texts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop

from assessments.models import ManagementSystemElement, ProgressItem, Question, RecordChange
from assessments.vocabulary import Rating, Status
from factories.people import person

# The context phrases, marked for makemessages (translated when shown).
_CONTEXT_LABELS = {
    "entry": gettext_noop("on the entry page"),
    "api": gettext_noop("through the API"),
    "import": gettext_noop("by file import"),
    "finalise": gettext_noop("when finalising"),
    "reopen": gettext_noop("to correct it"),
    "remediation": gettext_noop("as a remediation"),
}


@dataclass
class ChangeInWords:
    at: datetime
    sentence: str
    how: str
    reason: str
    actor_name: str


def _text(obj: Any) -> str:
    return str(getattr(obj, "display_text", None) or obj.text)


def _finding_state(value: dict[str, Any] | None) -> str:
    if not value:
        return gettext("not answered")
    if value.get("not_applicable"):
        return gettext("not applicable")
    non_compliant = value.get("non_compliant")
    if non_compliant is None:
        return gettext("not answered")
    if not non_compliant:
        return gettext("compliant")
    if value.get("remediated"):
        return gettext("non-compliant, remediated")
    return gettext("non-compliant")


def _yes_no(value: dict[str, Any] | None, key: str, yes: str, no: str) -> str:
    if not value or value.get(key) is None:
        return gettext("not answered")
    return yes if value[key] else no


def _rating(value: dict[str, Any] | None) -> str:
    rating = (value or {}).get("rating")
    if rating in Rating.values:
        return gettext(Rating(rating).label)
    return gettext("not rated")


def _iso_date(value: dict[str, Any] | None) -> str:
    raw = (value or {}).get("visit_date")
    try:
        return date_format(date.fromisoformat(str(raw)), "DATE_FORMAT")
    except ValueError:
        return str(raw or "—")


def _changed(subject: str, before: str, after: str, who: str) -> str:
    if before == after:
        return gettext("{subject} changed by {who}.").format(subject=subject, who=who)
    return gettext("{subject} changed from {before} to {after} by {who}.").format(
        subject=subject, before=before, after=after, who=who
    )


def _status_sentence(change: RecordChange, who: str) -> str:
    after = (change.after or {}).get("status")
    if change.before is None:
        return gettext("Record started as a draft by {who}.").format(who=who)
    if after == Status.FINALISED:
        return gettext("Finalised by {who}.").format(who=who)
    if (change.after or {}).get("reopened"):
        return gettext("Reopened for correction by {who}.").format(who=who)
    return gettext("Status changed by {who}.").format(who=who)


class _Texts:
    """The catalogue texts the changes refer to, read in three queries."""

    def __init__(self, changes: list[RecordChange]) -> None:
        codes: dict[str, set[str]] = {"q": set(), "e": set(), "i": set()}
        for change in changes:
            kind, _sep, code = change.target.partition(":")
            if kind in ("finding", "remediation"):
                codes["q"].add(code)
            elif kind == "element":
                codes["e"].add(code)
            elif kind in ("additional", "rating"):
                codes["i"].add(code)
        self.questions = {q.code: _text(q) for q in _fetch(Question, codes["q"])}
        self.elements = {e.code: _text(e) for e in _fetch(ManagementSystemElement, codes["e"])}
        self.items = {i.code: _text(i) for i in _fetch(ProgressItem, codes["i"])}


def _fetch(model: Any, codes: set[str]) -> list[Any]:
    return list(model.objects.filter(code__in=codes)) if codes else []


def _named(code: str, texts: dict[str, str]) -> str:
    text = texts.get(code)
    return f"{code} '{text}'" if text else code


def _sentence(change: RecordChange, texts: _Texts, who: str) -> str:
    kind, _sep, code = change.target.partition(":")
    before, after = change.before, change.after
    if kind == "finding":
        subject = gettext("Question {question}").format(question=_named(code, texts.questions))
        old, new = _finding_state(before), _finding_state(after)
        if old == new and (before or {}).get("note") != (after or {}).get("note"):
            return gettext("The note on {subject} changed by {who}.").format(
                subject=subject, who=who
            )
        return _changed(subject, old, new, who)
    if kind == "remediation":
        subject = gettext("question {question}").format(question=_named(code, texts.questions))
        when = _iso_date({"visit_date": (after or {}).get("remediated_on")})
        return gettext("Remediation of {subject} on {date} recorded by {who}.").format(
            subject=subject, date=when, who=who
        )
    if kind == "element":
        subject = gettext("Management-system element {element}").format(
            element=_named(code, texts.elements)
        )
        yes, no = gettext("satisfied"), gettext("not satisfied")
        return _changed(
            subject,
            _yes_no(before, "satisfied", yes, no),
            _yes_no(after, "satisfied", yes, no),
            who,
        )
    if kind == "additional":
        subject = gettext("Additional question {item}").format(item=_named(code, texts.items))
        yes, no = gettext("met"), gettext("not met")
        return _changed(
            subject, _yes_no(before, "met", yes, no), _yes_no(after, "met", yes, no), who
        )
    if kind == "rating":
        subject = gettext("Progress item {item}").format(item=_named(code, texts.items))
        return _changed(subject, _rating(before), _rating(after), who)
    if kind == "status":
        return _status_sentence(change, who)
    if kind == "visit_date":
        return _changed(gettext("The visit date"), _iso_date(before), _iso_date(after), who)
    if kind == "bulk":
        count = int((after or {}).get("compliant") or 0)
        if code == "all":
            return gettext("{count} unanswered questions recorded as compliant by {who}.").format(
                count=count, who=who
            )
        return gettext(
            "{count} unanswered questions of cluster {cluster} recorded as compliant by {who}."
        ).format(count=count, cluster=code, who=who)
    return gettext("{what} changed by {who}.").format(what=change.target, who=who)


def history_in_words(changes: Any) -> list[ChangeInWords]:
    """The changes as sentences, newest first, without the rows that changed nothing."""
    rows = [c for c in changes if c.before != c.after]
    texts = _Texts(rows)
    result = []
    for change in rows:
        who = person(change.actor)
        how = _CONTEXT_LABELS.get(change.context, "")
        result.append(
            ChangeInWords(
                at=change.at,
                sentence=_sentence(change, texts, who),
                how=gettext(how) if how else "",
                reason=change.reason,
                actor_name=who,
            )
        )
    return result
