"""Downloads of the buyer portal: the supplier list (CSV, XLSX) and a quarterly overview (XLSX)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Font

from betterwork.core.charts import Chart
from betterwork.core.pdf import html_to_pdf
from betterwork.core.spreadsheets import append_row, csv_bytes, safe_row
from buyer_portal.selectors import OverviewView, criteria_columns
from factories.models import Factory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def supplier_header() -> list[str]:
    return [
        gettext("Factory"),
        gettext("Country"),
        gettext("Programme"),
        gettext("Stage"),
        "High-performing since",
        *(label for _, label in criteria_columns()),
        gettext("Next assessment due"),
        "Assessment interval (months)",
    ]


def supplier_row(factory: Factory) -> list[Any]:
    results = {c["group"]: c["result_label"] for c in factory.criteria}  # type: ignore[attr-defined]
    return [
        factory.name,
        factory.programme.code,
        factory.programme.name,
        gettext(factory.buyer_stage.label),
        factory.high_performing_since.date().isoformat() if factory.high_performing_since else "",
        *(results.get(group, "") for group, _ in criteria_columns()),
        factory.next_assessment_due.isoformat() if factory.next_assessment_due else "",
        factory.assessment_interval_months,
    ]


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def suppliers_csv(factories: Iterable[Factory], filename: str) -> HttpResponse:
    rows = [supplier_header(), *(supplier_row(f) for f in factories)]
    return _download(csv_bytes(rows), "text/csv; charset=utf-8", filename)


def _sheet(
    workbook: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    sheet = workbook.create_sheet(title)
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A2"


def _workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def suppliers_xlsx(factories: Iterable[Factory], filename: str) -> HttpResponse:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, gettext("Suppliers"), supplier_header(), (supplier_row(f) for f in factories))
    return _download(_workbook_bytes(workbook), XLSX, filename)


def overview_pdf(html: str, filename: str) -> HttpResponse:
    return _download(html_to_pdf(html), "application/pdf", filename)


def _put(sheet: Any, row: int, values: Sequence[Any], *, bold: bool = False) -> None:
    """Escaped cells at `row` (as append_row writes them)."""
    for column, value in enumerate(safe_row(values), 1):
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        if bold:
            cell.font = Font(bold=True)


def _chart_sheet(workbook: Workbook, charts: Sequence[Chart]) -> None:
    """Each chart's numbers as a table, and a bar chart of the spreadsheet drawn from them
    (values labelled on the bars), one under the other."""
    sheet = workbook.create_sheet(gettext("Charts"))
    row = 1
    for chart in charts:
        _put(sheet, row, [chart.title], bold=True)
        _put(sheet, row + 1, chart.header, bold=True)
        for offset, values in enumerate(chart.rows, 2):
            _put(sheet, row + offset, values)
        first, last = row + 1, row + 1 + len(chart.rows)
        if not chart.rows:  # nothing to draw: the header says so
            row = last + 2
            continue
        series = len(chart.header) - (2 if chart.kind == "stacked" else 1)
        picture = BarChart()
        picture.type = "bar"
        picture.title = chart.title
        if chart.kind == "stacked":
            picture.grouping, picture.overlap = "stacked", 100
        picture.add_data(
            Reference(sheet, min_col=2, max_col=1 + series, min_row=first, max_row=last),
            titles_from_data=True,
        )
        picture.set_categories(Reference(sheet, min_col=1, min_row=first + 1, max_row=last))
        picture.dataLabels = DataLabelList(showVal=True)
        picture.height, picture.width = 7.5, 16
        sheet.add_chart(picture, f"H{row}")
        row = max(last + 2, row + 17)


def overview_xlsx(view: OverviewView, filename: str, charts: Sequence[Chart] = ()) -> HttpResponse:
    overview = view.overview
    workbook = Workbook()
    summary = workbook.active
    summary.title = gettext("Summary")
    append_row(summary, [gettext("Buyer"), overview.buyer.name])
    append_row(summary, [gettext("Quarter"), overview.quarter])
    append_row(summary, [gettext("Period end"), overview.period_end.isoformat()])
    append_row(
        summary, [gettext("Produced at"), overview.produced_at.isoformat(timespec="minutes")]
    )
    append_row(summary, [])
    append_row(summary, [gettext("Stage"), gettext("Suppliers")])
    for row in view.stage_counts:
        append_row(summary, [row["label"], row["count"]])
    append_row(summary, [])
    append_row(summary, [gettext("New suppliers"), len(view.new)])
    append_row(summary, [gettext("Suppliers that ended access"), len(view.lost) + view.lost_hidden])
    _sheet(
        workbook,
        gettext("Suppliers"),
        [
            gettext("Factory"),
            gettext("Country"),
            gettext("Stage at quarter end"),
            gettext("Stage a quarter before"),
            *(label for _, label in criteria_columns()),
        ],
        (
            [
                s["name"],
                s["country"],
                s["stage_label"],
                "new supplier" if s.get("new") else s["stage_previous_label"],
                *(c["result_label"] for c in s["criteria"]),
            ]
            for s in view.suppliers
        ),
    )
    _sheet(
        workbook,
        gettext("Movements"),
        [gettext("Factory"), gettext("From"), gettext("To")],
        ([m["name"], m["from_label"], m["to_label"]] for m in view.movements),
    )
    if charts:
        _chart_sheet(workbook, charts)
    return _download(_workbook_bytes(workbook), XLSX, filename)
