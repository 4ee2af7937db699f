"""Every spreadsheet the portal writes (CSV and XLSX) goes through here, cell by cell.

Names and notes come from users (a factory name is typed by a PM, an EA or a factory), and a
spreadsheet program runs a cell that starts with `=`, `+`, `-` or `@` as a formula. As OWASP's
CSV-injection guidance says, such a text gets a leading `'`, which the program shows as text; in
XLSX every text is also written as a string cell, never a formula. Characters XLSX cannot hold
(the C0 controls but tab, line feed and carriage return) are dropped, so a stray control
character in a name never makes a download fail.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

# What makes a spreadsheet program read a cell as a formula (or start one after a tab/CR).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value to write: texts cleaned of control characters and escaped; the rest unchanged."""
    if not isinstance(value, str):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def csv_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV file (UTF-8 with a BOM, so that Excel reads the accents) of escaped cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(safe_row(row))
    return buffer.getvalue().encode("utf-8-sig")


def append_row(sheet: Worksheet, row: Iterable[Any]) -> None:
    """Append escaped cells; every text is a string cell (openpyxl would guess `=...` a formula)."""
    cells = []
    for value in safe_row(row):
        cell = Cell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    sheet.append(cells)
