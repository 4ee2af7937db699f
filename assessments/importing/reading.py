"""Reading an uploaded CSV or XLSX file within bounds: a table of at most 2,002 rows of 50 short
cells, measured before a workbook is opened; anything else is a 400 naming the file field."""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext
from django.utils.translation import gettext as _

from assessments.services import (
    NOTE_MAX_LENGTH,
)

if TYPE_CHECKING:
    pass


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
        raise UnreadableFile(
            gettext("The CSV file is not UTF-8 text; save it as CSV UTF-8.")
        ) from error
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
        raise UnreadableFile(gettext("The file could not be read as an XLSX workbook.")) from error
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
        raise UnreadableFile(gettext("The file could not be read as an XLSX workbook.")) from error
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
        raise UnreadableFile(gettext("The file could not be read as an XLSX workbook.")) from error
    finally:
        workbook.close()
