"""Checking the rows of an import against the catalogue and the factory: the parsed assessment
and its problems, row by row (nothing is written)."""

from __future__ import annotations

import datetime
from collections.abc import Container
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext

from assessments.importing.reading import (
    COLUMNS,
    KINDS,
    MAX_ROWS,
    NO,
    NOT_APPLICABLE,
    QUESTION_WORDS,
    REQUIRED_COLUMNS,
    YES,
    Problem,
)
from assessments.models import (
    Assessment,
    ManagementSystemElement,
    ProgressItem,
    Question,
)
from assessments.services import (
    NOTE_MAX_LENGTH,
)
from factories import access
from factories.vocabulary import Stage

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _yes_no(value: str) -> bool | str | None:
    """True/False, None for blank, or the original text when it is neither."""
    lowered = value.strip().lower()
    if not lowered:
        return None
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    return value


def check(rows: list[list[str]], user: User) -> tuple[dict[str, Any], list[Problem]]:
    """Parse and check every row; return the normalised content and every problem found."""
    problems: list[Problem] = []
    parsed: dict[str, Any] = {
        "factory_id": None,
        "cycle": None,
        "visit_date": None,
        "findings": [],
        "elements": [],
        "additional": [],
    }
    if not rows:
        return parsed, [Problem(None, "", gettext("The file is empty."))]
    header = [h.strip().lower() for h in rows[0]]
    missing_columns = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing_columns:
        return parsed, [
            Problem(
                1,
                c,
                gettext("The header has no '{column}' column; start from the template.").format(
                    column=c
                ),
            )
            for c in missing_columns
        ]
    if len(rows) > MAX_ROWS + 1:
        return parsed, [
            Problem(
                None,
                "",
                gettext("The file has more than {limit} rows.").format(limit=MAX_ROWS),
            )
        ]
    index = {name: header.index(name) for name in COLUMNS if name in header}

    questions = {q.code: q for q in Question.objects.all()}
    elements = {e.code: e for e in ManagementSystemElement.objects.all()}
    items = {i.code: i for i in ProgressItem.objects.all()}
    seen: dict[tuple[str, str], int] = {}
    meta_rows: dict[str, int] = {}
    additional_rows: list[int] = []

    def get(row: list[str], column: str) -> str:
        position = index.get(column)
        return row[position].strip() if position is not None and position < len(row) else ""

    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        kind, code, answer = get(row, "kind").lower(), get(row, "code"), get(row, "answer")
        remediated_text, note = get(row, "remediated"), get(row, "note")
        if kind not in KINDS:
            problems.append(
                Problem(
                    line,
                    "kind",
                    gettext("Unknown kind '{kind}'; use one of {kinds}.").format(
                        kind=kind, kinds=", ".join(KINDS)
                    ),
                )
            )
            continue
        if kind in ("factory", "cycle", "visit_date"):
            if kind in meta_rows:
                problems.append(
                    Problem(
                        line,
                        "kind",
                        gettext("A second '{kind}' row (the first is row {row}).").format(
                            kind=kind, row=meta_rows[kind]
                        ),
                    )
                )
                continue
            meta_rows[kind] = line
            _check_meta(kind, answer, line, user, parsed, problems)
            continue
        catalogue: dict[str, Container[str]] = {
            "question": questions,
            "element": elements,
            "additional": items,
        }
        known = catalogue[kind]
        if code not in known:
            problems.append(
                Problem(
                    line,
                    "code",
                    gettext("Unknown {kind} code '{code}'.").format(kind=kind, code=code),
                )
            )
            continue
        if (kind, code) in seen:
            problems.append(
                Problem(
                    line,
                    "code",
                    gettext("{code} is listed twice (first on row {row}).").format(
                        code=code, row=seen[kind, code]
                    ),
                )
            )
            continue
        seen[(kind, code)] = line
        value = _yes_no(answer)
        not_applicable = kind == "question" and answer.strip().lower() in NOT_APPLICABLE
        if kind == "question" and answer.strip().lower() in QUESTION_WORDS:
            value = QUESTION_WORDS[answer.strip().lower()]
        if isinstance(value, str) and not not_applicable:
            problems.append(Problem(line, "answer", _bad_answer(kind, answer)))
            continue
        if kind == "question":
            _check_question(
                questions[code],
                None if not_applicable or isinstance(value, str) else value,
                remediated_text,
                note,
                line,
                parsed,
                problems,
                not_applicable=not_applicable,
            )
        elif value is None:
            what = "satisfied" if kind == "element" else "met"
            problems.append(
                Problem(
                    line,
                    "answer",
                    gettext("{code}: say yes ({what}) or no.").format(code=code, what=what),
                )
            )
        elif kind == "element":
            parsed["elements"].append({"element": code, "satisfied": value})
        else:
            additional_rows.append(line)
            parsed["additional"].append({"item": code, "met": value})

    for kind in ("factory", "cycle", "visit_date"):
        if kind not in meta_rows:
            problems.append(
                Problem(None, "kind", gettext("The file has no '{kind}' row.").format(kind=kind))
            )
    given_elements = {e["element"] for e in parsed["elements"]}
    missing = [c for c in elements if c not in given_elements and ("element", c) not in seen]
    if missing:
        problems.append(
            Problem(
                None,
                "code",
                gettext("Management-system elements missing: {missing}.").format(
                    missing=", ".join(missing)
                ),
            )
        )
    factory = parsed.pop("_factory", None)
    if factory is not None:
        if factory.stage == Stage.CANDIDATE:
            answered = {a["item"] for a in parsed["additional"]}
            missing_items = [
                c for c in items if c not in answered and ("additional", c) not in seen
            ]
            if missing_items:
                problems.append(
                    Problem(
                        None,
                        "code",
                        gettext(
                            "{factory} is a candidate: its assessment includes the additional questions; missing: {missing}."
                        ).format(factory=factory, missing=", ".join(missing_items)),
                    )
                )
        else:
            problems.extend(
                Problem(
                    line,
                    "kind",
                    gettext(
                        "{factory} is not a candidate: this assessment has no additional questions."
                    ).format(factory=factory),
                )
                for line in additional_rows
            )
        if (
            parsed["cycle"]
            and Assessment.objects.filter(factory=factory, cycle=parsed["cycle"]).exists()
        ):
            problems.append(
                Problem(
                    meta_rows.get("cycle"),
                    "answer",
                    gettext("{factory} already has an assessment for cycle {cycle}.").format(
                        factory=factory, cycle=parsed["cycle"]
                    ),
                )
            )
    return parsed, problems


def _bad_answer(kind: str, answer: str) -> str:
    if kind == "question":
        return gettext(
            "'{answer}' is not an answer; use yes (non-compliant), no (compliant), n/a (not applicable) or leave it blank."
        ).format(answer=answer)
    return gettext("'{answer}' is not yes or no.").format(answer=answer)


def _check_meta(
    kind: str,
    answer: str,
    line: int,
    user: User,
    parsed: dict[str, Any],
    problems: list[Problem],
) -> None:
    if kind == "factory":
        factory = None
        if answer.isdigit():
            factory = access.factories_for(user, access.Action.ASSESS).filter(pk=answer).first()
        if factory is None:
            # The same words for "no such factory" and "not yours": nothing leaks.
            problems.append(
                Problem(
                    line,
                    "answer",
                    gettext("Factory '{answer}' is not one of the factories you assess.").format(
                        answer=answer
                    ),
                )
            )
            return
        parsed["factory_id"], parsed["factory_name"], parsed["_factory"] = (
            factory.pk,
            factory.name,
            factory,
        )
    elif kind == "cycle":
        if not answer.isdigit() or int(answer) < 1:
            problems.append(
                Problem(
                    line,
                    "answer",
                    gettext("'{answer}' is not a cycle (1, 2, ...).").format(answer=answer),
                )
            )
            return
        parsed["cycle"] = int(answer)
    else:
        try:
            visit = datetime.date.fromisoformat(answer)
        except ValueError:
            problems.append(
                Problem(
                    line,
                    "answer",
                    gettext("'{answer}' is not a date (YYYY-MM-DD).").format(answer=answer),
                )
            )
            return
        if visit > timezone.localdate():
            problems.append(
                Problem(line, "answer", gettext("{answer} is in the future.").format(answer=answer))
            )
            return
        parsed["visit_date"] = visit.isoformat()


def _check_question(
    question: Question,
    non_compliant: bool | None,
    remediated_text: str,
    note: str,
    line: int,
    parsed: dict[str, Any],
    problems: list[Problem],
    *,
    not_applicable: bool = False,
) -> None:
    remediated = _yes_no(remediated_text)
    if isinstance(remediated, str):
        problems.append(
            Problem(
                line,
                "remediated",
                gettext("'{remediated_text}' is not yes or no.").format(
                    remediated_text=remediated_text
                ),
            )
        )
        return
    if remediated and not non_compliant:
        problems.append(
            Problem(line, "remediated", gettext("Only a non-compliance can be remediated."))
        )
        return
    if remediated and not question.zero_tolerance:
        problems.append(
            Problem(
                line,
                "remediated",
                gettext(
                    "Question {code} is not zero tolerance; remediation is recorded for zero-tolerance findings only."
                ).format(code=question.code),
            )
        )
        return
    if len(note) > NOTE_MAX_LENGTH:
        problems.append(
            Problem(
                line,
                "note",
                gettext("A note has at most {limit} characters.").format(limit=NOTE_MAX_LENGTH),
            )
        )
        return
    if non_compliant is None and not not_applicable:
        if note:
            problems.append(
                Problem(
                    line, "answer", gettext("A note needs an answer: yes (non-compliant) or no.")
                )
            )
        return
    finding: dict[str, Any] = {
        "question": question.code,
        "non_compliant": bool(non_compliant),
        "remediated": bool(remediated),
        "note": note,
    }
    if not_applicable:
        finding["not_applicable"] = True
    parsed["findings"].append(finding)
