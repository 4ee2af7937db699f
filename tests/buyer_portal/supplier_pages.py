"""Reading the buyer's pages and downloads in tests: the visible text, the names in a CSV."""

from __future__ import annotations

import csv
import io

import openpyxl


def page_text(response) -> str:
    if response["Content-Type"].startswith("text/csv"):
        return response.content.decode("utf-8-sig")
    if "spreadsheetml" in response["Content-Type"]:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return "\n".join(
            ",".join(str(v or "") for v in row) for row in sheet.iter_rows(values_only=True)
        )
    return response.content.decode()


def csv_names(response) -> list[str]:
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return [row[0] for row in rows[1:]]
