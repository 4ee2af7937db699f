"""Every spreadsheet download escapes its cells (OWASP CSV injection) and never fails on a name.

Hostile factory names are put in place with .update(), as data written before today's checks
would be; each download is then opened as a spreadsheet program would open it.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest

from betterwork.core.spreadsheets import FORMULA_PREFIXES, safe_cell
from buyer_portal import services as buyer_services
from buyer_portal.quarters import Quarter
from factories.models import Factory, ThirdPartyAccess
from tests.buyer_portal.buyer_helpers import at, make_supplier
from tests.conftest import client_as

HOSTILE = [
    '=HYPERLINK("http://evil.example/","Open")',
    "+1+2",
    "-1",
    "@SUM(A1:A9)",
    "\tTabbed",
    "\rCarriage",
    "Bell\x07and\x1bescape",
    "\x01=cmd|' /C calc'!A0",
]
CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def _hostile_suppliers(cast: Any) -> list[Factory]:
    factories = []
    for n, name in enumerate(HOSTILE):
        factory = make_supplier(cast.buyer, actor=cast.pm, name=f"Supplier {n}")
        Factory.objects.filter(pk=factory.pk).update(name=name)
        factories.append(factory)
    return factories


def _assert_safe_text(value: str) -> None:
    assert not value.startswith(FORMULA_PREFIXES), repr(value)
    assert not CONTROL & set(value), repr(value)


def _assert_safe_workbook(content: bytes) -> list[list[Any]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    values = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    _assert_safe_text(cell.value)
            values.append([c.value for c in row])
    return values


def _assert_safe_csv(content: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    for row in rows:
        for value in row:
            _assert_safe_text(value)
    return rows


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\x01=1", "'=1"),  # the control character goes first, then the escape applies
        ("Dhaka\x00 Knit\x1fwear", "Dhaka Knitwear"),
        ("Dhaka Knitwear Ltd", "Dhaka Knitwear Ltd"),
        ("a=b", "a=b"),
        (-1, -1),  # numbers are numbers
        (None, None),
    ],
)
def test_the_helper_escapes_formulas_and_drops_control_characters(value: Any, written: Any) -> None:
    assert safe_cell(value) == written


def test_the_buyers_csv_export_escapes_hostile_names(cast: Any) -> None:
    _hostile_suppliers(cast)
    response = client_as(cast.buyer_user).get("/buyers/suppliers/export.csv")
    assert response.status_code == 200
    names = {row[0] for row in _assert_safe_csv(response.content)[1:]}
    assert '\'=HYPERLINK("http://evil.example/","Open")' in names
    assert {"'+1+2", "'-1", "'@SUM(A1:A9)", "'\tTabbed", "'\rCarriage"} <= names
    assert "Belland" + "escape" in names


def test_the_buyers_xlsx_export_has_no_formula_and_survives_control_characters(cast: Any) -> None:
    _hostile_suppliers(cast)
    response = client_as(cast.buyer_user).get("/buyers/suppliers/export.xlsx")
    assert response.status_code == 200
    names = {row[0] for row in _assert_safe_workbook(response.content)[1:]}
    assert '\'=HYPERLINK("http://evil.example/","Open")' in names
    assert "'=cmd|' /C calc'!A0" in names


def test_the_quarterly_overview_xlsx_escapes_hostile_names(cast: Any) -> None:
    _hostile_suppliers(cast)
    ThirdPartyAccess.objects.filter(buyer=cast.buyer).update(granted_at=at("2025-03-01"))
    overview, _ = buyer_services.quarterly_overview_produce(
        buyer=cast.buyer, quarter=Quarter(2025, 3), actor=None
    )
    response = client_as(cast.buyer_user).get(f"/buyers/overviews/{overview.pk}.xlsx")
    assert response.status_code == 200
    cells = {v for row in _assert_safe_workbook(response.content) for v in row}
    assert {"'-1", "'+1+2", "'@SUM(A1:A9)", '\'=HYPERLINK("http://evil.example/","Open")'} <= cells


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_import_template_escapes_the_factory_name(cast: Any, name: str, fmt: str) -> None:
    Factory.objects.filter(pk=cast.factory.pk).update(name=name)
    response = client_as(cast.ea).get(
        f"/assessments/import/template.{fmt}?factory={cast.factory.pk}"
    )
    assert response.status_code == 200
    expected = safe_cell(name)
    if fmt == "csv":
        rows = _assert_safe_csv(response.content)
    else:
        rows = _assert_safe_workbook(response.content)
        expected = expected.replace("\r", "\n")  # XML reads a carriage return as a line feed
    factory_row = next(r for r in rows if r and r[0] == "factory")
    assert factory_row[5] == expected and factory_row[5].startswith(("'", "B"))
