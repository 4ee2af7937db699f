"""A hostile upload costs no more than a real one: answered with 400 within seconds, memory flat.

Each workbook here is tiny on the wire; today's importer read them padded to their declared size
(one took 19 s and 1 GB) or unpacked hundreds of megabytes of XML.
"""

from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from assessments.models import ImportBatch
from tests.conftest import client_as

SHEET = "xl/worksheets/sheet1.xml"
SECONDS = 5
PEAK_BYTES = 40 * 1024 * 1024


def _workbook(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewrite_sheet(content: bytes, change: Any) -> bytes:
    """The workbook with its first sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == SHEET:
                data = change(data)
            target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def declaring(ref: str) -> bytes:
    """A one-row workbook whose sheet declares the range `ref`."""
    return _rewrite_sheet(
        _workbook([["kind", "code", "answer"]]),
        lambda xml: re.sub(
            rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), xml
        ),
    )


def with_far_cell() -> bytes:
    """No declared size at all, and one cell at the very last row and column (XFD1048576)."""
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return _rewrite_sheet(
        _workbook([["kind", "code", "answer"]]),
        lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", xml).replace(
            b"</sheetData>", far + b"</sheetData>"
        ),
    )


def unpacking_to(megabytes: int) -> bytes:
    """A workbook whose sheet is `megabytes` of XML (blank space) that packs to a few KB."""
    padding = b" " * (megabytes * 1024 * 1024)
    return _rewrite_sheet(
        _workbook([["kind", "code", "answer"]]),
        lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + padding),
    )


def _upload(cast: Any, name: str, content: bytes) -> tuple[Any, float, int]:
    client = client_as(cast.ea)
    tracemalloc.start()
    started = time.monotonic()
    try:
        response = client.post("/assessments/import/", {"file": SimpleUploadedFile(name, content)})
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response, elapsed, peak


def _refused_on_the_file_field(response: Any, words: str) -> None:
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "file" in errors, errors
    assert words in " ".join(errors["file"])
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (declaring("A1:CV1048576"), "declares more than 2000 rows"),
        (declaring("A1:XFD1048576"), "declares more than 2000 rows"),
        (declaring("A1:XFD10"), "declares more than 50 columns"),
        (unpacking_to(64), "unpacks to more than 16 MB"),
    ],
    ids=["A1:CV1048576", "A1:XFD1048576", "A1:XFD10", "64 MB of XML"],
)
def test_it_refuses_a_tiny_workbook_that_would_be_huge_quickly_and_flat(
    cast: Any, content: bytes, words: str
) -> None:
    assert len(content) < 200_000
    response, elapsed, peak = _upload(cast, "assessment.xlsx", content)
    _refused_on_the_file_field(response, words)
    assert elapsed < SECONDS, elapsed
    assert peak < PEAK_BYTES, peak


def test_it_reads_no_further_than_the_row_limit_of_a_sheet_that_declares_nothing(
    cast: Any,
) -> None:
    response, elapsed, peak = _upload(cast, "assessment.xlsx", with_far_cell())
    assert response.status_code == 400
    assert ImportBatch.objects.get().problems[0]["message"] == "The file has more than 2000 rows."
    assert elapsed < SECONDS, elapsed
    assert peak < PEAK_BYTES, peak


def test_it_refuses_a_csv_field_of_200_kb_with_a_form_error(cast: Any) -> None:
    content = b"kind,code,answer,remediated,note\nquestion,CL-1.1,yes,," + b"x" * 200_000 + b"\n"
    response, elapsed, _ = _upload(cast, "assessment.csv", content)
    _refused_on_the_file_field(response, "could not be read")
    assert elapsed < SECONDS


def test_it_refuses_a_cell_longer_than_the_field_limit(cast: Any) -> None:
    content = b"kind,code,answer,remediated,note\nquestion,CL-1.1,yes,," + b"x" * 9000 + b"\n"
    response, _, _ = _upload(cast, "assessment.csv", content)
    _refused_on_the_file_field(response, "Row 2 has a cell longer than 8000 characters.")


def test_it_reads_no_more_than_the_column_limit_of_a_wide_csv(cast: Any) -> None:
    content = b"kind,code,answer" + b"," * 500_000 + b"\n"
    response, elapsed, peak = _upload(cast, "assessment.csv", content)
    assert response.status_code == 400  # no factory, cycle ... rows: problems, not a crash
    assert elapsed < SECONDS
    assert peak < PEAK_BYTES, peak
