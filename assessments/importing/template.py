"""The import template, as CSV and XLSX, for a factory (prefilled) or blank."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from assessments.importing.reading import COLUMNS
from assessments.models import (
    ManagementSystemElement,
    ProgressItem,
    Question,
)
from assessments.services import (
    assessment_propose,
)
from betterwork.core.spreadsheets import append_row, csv_bytes
from factories.models import Factory
from factories.vocabulary import Stage

if TYPE_CHECKING:
    pass


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
        rows.append(["question", q.code, "", "", "", q.display_text, ", ".join(flags)])
    for e in ManagementSystemElement.objects.all():
        rows.append(["element", e.code, "", "", "", e.display_text, e.system])
    if factory is None or factory.stage == Stage.CANDIDATE:
        for i in ProgressItem.objects.all():
            rows.append(["additional", i.code, "", "", "", i.display_text, i.get_group_display()])
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
