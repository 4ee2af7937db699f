"""Bulk import of an assessment from a CSV or XLSX file: parse, check (dry run), apply whole.

The file layout (the template at /assessments/import/template.csv and .xlsx is filled in):

    kind,code,answer,remediated,note,text,flags
    factory,,12,,,Dhaka Knitwear Ltd,          <- answer: the factory's id in the portal
    cycle,,3,,,,                               <- answer: the service cycle (1, 2, ...)
    visit_date,,2025-03-18,,,,                 <- answer: the visit date, YYYY-MM-DD
    question,CL-1.1,yes,,"note",<question text>,publicly reported
    question,FL-2.3,yes,no,,<text>,zero tolerance
    element,HR-1,yes,,,<element text>,HR
    additional,SD-1,yes,,,<item text>,social dialogue

- `question` rows: answer `yes` (non-compliant, as in the catalogue: "yes means
  non-compliance"), `no` (compliant), `n/a` (not applicable) or blank (unanswered: it must be
  answered, or recorded compliant explicitly, before the assessment is finalised). `remediated` (yes/no) only for a
  non-compliance on a zero-tolerance question. `note` is free text.
- `element` rows: answer `yes` (satisfied) or `no`; all 13 elements are required.
- `additional` rows: answer `yes` (met) or `no`; required when the factory is a candidate and
  refused otherwise.
- `text` and `flags` are there to read; the import ignores them. Yes/no also accept
  true/false, y/n, 1/0; `compliant` and `non-compliant` are accepted for questions.

Nothing is saved by the dry run; applying creates one draft assessment, whole or not at all.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import itertools
import zipfile
from collections.abc import Container, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import (
    Assessment,
    ImportBatch,
    ManagementSystemElement,
    ProgressItem,
    Question,
)
from assessments.services import (
    NOTE_MAX_LENGTH,
    AnswerInput,
    ElementInput,
    FindingInput,
    assessment_create,
    assessment_propose,
)
from betterwork.core.spreadsheets import append_row, csv_bytes
from factories import access
from factories.models import Factory
from factories.vocabulary import Stage

if TYPE_CHECKING:
    from django.contrib.auth.models import User

COLUMNS = ["kind", "code", "answer", "remediated", "note", "text", "flags"]
REQUIRED_COLUMNS = ["kind", "code", "answer"]
MAX_ROWS = 2000
# Bounds on what a file may make the portal read (see read_table): the template has 7 columns,
# and a note holds at most NOTE_MAX_LENGTH characters.
MAX_COLUMNS = 50
MAX_FIELD_CHARS = 4 * NOTE_MAX_LENGTH
MAX_UNPACKED_BYTES = 16 * 1024 * 1024
MAX_PARTS = 200
KINDS = ("factory", "cycle", "visit_date", "question", "element", "additional")
YES = {"yes", "y", "true", "1", "x"}
NO = {"no", "n", "false", "0"}
NOT_APPLICABLE = {"n/a", "na", "not applicable", "not-applicable", "not_applicable"}
# Words accepted for questions besides yes/no: non_compliant (True), compliant (False), n/a (None)
QUESTION_WORDS = {"non-compliant": True, "non_compliant": True, "compliant": False}


@dataclass(frozen=True)
class Problem:
    row: int | None  # the line of the file (the header is line 1); None for the file as a whole
    column: str
    message: str


class UnreadableFile(Exception):
    pass


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def read_table(content: bytes, filename: str) -> list[list[str]]:
    """The file's rows as lists of strings (header included), read within fixed bounds.

    A hostile file must cost no more than a real one: at most MAX_ROWS + 2 rows (one past the
    limit, so that check() can say the file is too long) of at most MAX_COLUMNS cells of at most
    MAX_FIELD_CHARS characters are ever read, and a workbook is measured (its declared sheet
    size and unpacked size) before it is opened.
    """
    rows = _read_xlsx(content) if filename.lower().endswith(".xlsx") else _read_csv(content)
    for line, row in enumerate(rows, start=1):
        if any(len(value) > MAX_FIELD_CHARS for value in row):
            raise UnreadableFile(
                _("Row %(row)s has a cell longer than %(limit)s characters.")
                % {"row": line, "limit": MAX_FIELD_CHARS}
            )
    return rows


def _bounded(rows: Iterator[Sequence[Any]]) -> list[list[str]]:
    """The first MAX_ROWS + 2 rows, each cut to MAX_COLUMNS cells, as trimmed strings."""
    return [
        [_cell(v) for v in itertools.islice(row, MAX_COLUMNS)]
        for row in itertools.islice(rows, MAX_ROWS + 2)
    ]


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile("The CSV file is not UTF-8 text; save it as CSV UTF-8.") from error
    try:
        # csv refuses a field past its field_size_limit (128 KB) with csv.Error.
        return _bounded(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file could not be read: %(error)s.") % {"error": error}
        ) from error


def _measure_xlsx(content: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than MAX_UNPACKED_BYTES (a zip bomb).

    The sizes are those the archive declares; zipfile never unpacks past a declared size (a
    part that lies fails its checksum), so a lie cannot get round the limit.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableFile("The file could not be read as an XLSX workbook.") from error
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            _("The workbook unpacks to more than %(mb)s MB; upload the template's sheet only.")
            % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    _measure_xlsx(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise UnreadableFile("The file could not be read as an XLSX workbook.") from error
    try:
        sheet = workbook.worksheets[0]
        # The declared size (the sheet's <dimension>): read-only mode pads every row to it.
        declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
        if declared_rows > MAX_ROWS + 1:
            raise UnreadableFile(
                _("The sheet declares more than %(limit)s rows.") % {"limit": MAX_ROWS}
            )
        if declared_columns > MAX_COLUMNS:
            raise UnreadableFile(
                _("The sheet declares more than %(limit)s columns.") % {"limit": MAX_COLUMNS}
            )
        # Explicit bounds as well, for a sheet that declares no size or a false one.
        return _bounded(
            sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS, values_only=True)
        )
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile("The file could not be read as an XLSX workbook.") from error
    finally:
        workbook.close()


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
        return parsed, [Problem(None, "", "The file is empty.")]
    header = [h.strip().lower() for h in rows[0]]
    missing_columns = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing_columns:
        return parsed, [
            Problem(1, c, f"The header has no '{c}' column; start from the template.")
            for c in missing_columns
        ]
    if len(rows) > MAX_ROWS + 1:
        return parsed, [Problem(None, "", f"The file has more than {MAX_ROWS} rows.")]
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
                Problem(line, "kind", f"Unknown kind '{kind}'; use one of {', '.join(KINDS)}.")
            )
            continue
        if kind in ("factory", "cycle", "visit_date"):
            if kind in meta_rows:
                problems.append(
                    Problem(
                        line, "kind", f"A second '{kind}' row (the first is row {meta_rows[kind]})."
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
            problems.append(Problem(line, "code", f"Unknown {kind} code '{code}'."))
            continue
        if (kind, code) in seen:
            problems.append(
                Problem(
                    line, "code", f"{code} is listed twice (first on row {seen[(kind, code)]})."
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
            problems.append(Problem(line, "answer", f"{code}: say yes ({what}) or no."))
        elif kind == "element":
            parsed["elements"].append({"element": code, "satisfied": value})
        else:
            additional_rows.append(line)
            parsed["additional"].append({"item": code, "met": value})

    for kind in ("factory", "cycle", "visit_date"):
        if kind not in meta_rows:
            problems.append(Problem(None, "kind", f"The file has no '{kind}' row."))
    given_elements = {e["element"] for e in parsed["elements"]}
    missing = [c for c in elements if c not in given_elements and ("element", c) not in seen]
    if missing:
        problems.append(
            Problem(None, "code", f"Management-system elements missing: {', '.join(missing)}.")
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
                        f"{factory} is a candidate: its assessment includes the additional "
                        f"questions; missing: {', '.join(missing_items)}.",
                    )
                )
        else:
            problems.extend(
                Problem(
                    line,
                    "kind",
                    f"{factory} is not a candidate: this assessment has no additional questions.",
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
                    f"{factory} already has an assessment for cycle {parsed['cycle']}.",
                )
            )
    return parsed, problems


def _bad_answer(kind: str, answer: str) -> str:
    if kind == "question":
        return (
            f"'{answer}' is not an answer; use yes (non-compliant), no (compliant), "
            "n/a (not applicable) or leave it blank."
        )
    return f"'{answer}' is not yes or no."


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
                    line, "answer", f"Factory '{answer}' is not one of the factories you assess."
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
            problems.append(Problem(line, "answer", f"'{answer}' is not a cycle (1, 2, ...)."))
            return
        parsed["cycle"] = int(answer)
    else:
        try:
            visit = datetime.date.fromisoformat(answer)
        except ValueError:
            problems.append(Problem(line, "answer", f"'{answer}' is not a date (YYYY-MM-DD)."))
            return
        if visit > timezone.localdate():
            problems.append(Problem(line, "answer", f"{answer} is in the future."))
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
        problems.append(Problem(line, "remediated", f"'{remediated_text}' is not yes or no."))
        return
    if remediated and not non_compliant:
        problems.append(Problem(line, "remediated", "Only a non-compliance can be remediated."))
        return
    if remediated and not question.zero_tolerance:
        problems.append(
            Problem(
                line,
                "remediated",
                f"Question {question.code} is not zero tolerance; remediation is recorded for "
                "zero-tolerance findings only.",
            )
        )
        return
    if len(note) > NOTE_MAX_LENGTH:
        problems.append(Problem(line, "note", f"A note has at most {NOTE_MAX_LENGTH} characters."))
        return
    if non_compliant is None and not not_applicable:
        if note:
            problems.append(
                Problem(line, "answer", "A note needs an answer: yes (non-compliant) or no.")
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


# --- services: dry run and apply ------------------------------------------------------------


@transaction.atomic
def import_dry_run(*, user: User, filename: str, content: bytes) -> ImportBatch:
    """Check the file and keep what was read; nothing of the assessment is saved yet.

    A file that cannot be read (or is over the bounds) is refused on the `file` field and
    nothing is kept: there is no row to show.
    """
    try:
        rows = read_table(content, filename)
    except UnreadableFile as error:
        raise ValidationError({"file": [str(error)]}) from error
    parsed, problems = check(rows, user)
    return ImportBatch.objects.create(
        uploaded_by=user,
        factory_id=parsed.get("factory_id"),
        filename=filename[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        parsed=parsed,
        problems=[asdict(p) for p in problems],
    )


@transaction.atomic
def import_apply(*, batch: ImportBatch, actor: User) -> Assessment:
    """Create the draft assessment of a checked file, whole or not at all."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.uploaded_by_id != actor.pk:
        raise ValidationError({"file": ["This import belongs to someone else."]})
    if batch.applied_at is not None:
        raise ValidationError({"file": ["This file has already been imported."]})
    if batch.problems:
        raise ValidationError({"file": ["The file has problems; fix them and upload it again."]})
    parsed = batch.parsed
    factory = (
        access.factories_for(actor, access.Action.ASSESS).filter(pk=parsed["factory_id"]).first()
    )
    if factory is None:
        raise ValidationError({"factory": ["The factory is not one of the factories you assess."]})
    assessment = assessment_create(
        factory=factory,
        cycle=parsed["cycle"],
        visit_date=datetime.date.fromisoformat(parsed["visit_date"]),
        actor=actor,
        findings=[FindingInput(**f) for f in parsed["findings"]],
        elements=[ElementInput(**e) for e in parsed["elements"]],
        additional=[AnswerInput(**a) for a in parsed["additional"]],
        context="import",
    )
    batch.applied_at = timezone.now()
    batch.assessment = assessment
    batch.save(update_fields=["applied_at", "assessment"])
    return assessment


# --- the template -----------------------------------------------------------------------------


def template_rows(factory: Factory | None) -> list[list[str]]:
    rows = [COLUMNS]
    if factory is not None:
        cycle, visit_date = assessment_propose(factory)
        rows += [
            ["factory", "", str(factory.pk), "", "", factory.name, ""],
            ["cycle", "", str(cycle), "", "", "", ""],
            ["visit_date", "", visit_date.isoformat(), "", "", "", ""],
        ]
    else:
        rows += [
            ["factory", "", "", "", "", "the factory's id in the portal", ""],
            ["cycle", "", "", "", "", "1, 2, ...", ""],
            ["visit_date", "", "", "", "", "YYYY-MM-DD", ""],
        ]
    for q in Question.objects.order_by(
        "compliance_point__cluster__order", "compliance_point__order", "order", "code"
    ):
        flags = [
            name
            for name, on in (
                ("publicly reported", q.publicly_reported),
                ("zero tolerance", q.zero_tolerance),
            )
            if on
        ]
        rows.append(["question", q.code, "", "", "", q.text, ", ".join(flags)])
    for e in ManagementSystemElement.objects.all():
        rows.append(["element", e.code, "", "", "", e.text, e.system])
    if factory is None or factory.stage == Stage.CANDIDATE:
        for i in ProgressItem.objects.all():
            rows.append(["additional", i.code, "", "", "", i.text, i.get_group_display()])
    return rows


def template_csv(factory: Factory | None) -> bytes:
    return csv_bytes(template_rows(factory))


def template_xlsx(factory: Factory | None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "assessment"
    for row in template_rows(factory):
        append_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFG", (12, 10, 12, 11, 30, 80, 24), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("how to fill in")
    for line in (__doc__ or "").strip().splitlines():
        # Bullets as "•": a line starting with "-" would be escaped with a visible quote.
        append_row(notes, [line.replace("- ", "• ", 1) if line.startswith("- ") else line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
