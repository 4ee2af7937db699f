"""Bulk import: the template, the dry run (every problem by row and column), apply whole or not."""

from __future__ import annotations

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from assessments.models import Assessment, Finding, ImportBatch, Question
from tests import makers
from tests.conftest import client_as


def _template(cast, fmt="csv"):
    response = client_as(cast.ea).get(
        f"/assessments/import/template.{fmt}?factory={cast.factory.pk}"
    )
    assert response.status_code == 200
    return response.content


def _rows(cast):
    return list(csv.reader(io.StringIO(_template(cast).decode("utf-8-sig"))))


def _fill(rows, answers):
    for row in rows:
        if row[0] == "element":
            row[2] = "yes"
        if (row[0], row[1]) in answers:
            row[2:5] = answers[(row[0], row[1])]
    return rows


def _csv(rows, name="assessment.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


def _upload(client, upload):
    return client.post("/assessments/import/", {"file": upload})


def test_it_offers_a_template_with_the_whole_catalogue_and_the_factory(cast):
    rows = _rows(cast)
    assert rows[0] == ["kind", "code", "answer", "remediated", "note", "text", "flags"]
    assert rows[1][:3] == ["factory", "", str(cast.factory.pk)]
    assert rows[2][:3] == ["cycle", "", "1"]
    assert sum(1 for r in rows if r[0] == "question") == Question.objects.count()
    assert sum(1 for r in rows if r[0] == "element") == 13
    workbook = load_workbook(io.BytesIO(_template(cast, "xlsx")))
    assert workbook.worksheets[0].max_row == len(rows)


def test_it_dry_runs_then_applies_a_good_file(cast):
    rows = _fill(
        _rows(cast),
        {
            ("question", "CL-1.1"): ["yes", "yes", "two minors"],
            ("question", "CL-1.2"): ["no", "", "checked"],
        },
    )
    client = client_as(cast.ea)
    response = _upload(client, _csv(rows))
    assert response.status_code == 200
    assert not Assessment.objects.exists()  # the dry run saves nothing of the assessment
    batch = ImportBatch.objects.get()
    assert batch.problems == []
    assert b"Apply the import" in response.content
    applied = client.post(f"/assessments/import/{batch.pk}/apply/")
    assessment = Assessment.objects.get()
    assert applied.status_code == 302
    assert applied["Location"] == f"/assessments/{assessment.pk}/"
    assert assessment.status == "draft" and assessment.cycle == 1
    finding = assessment.findings.get(question__code="CL-1.1")
    assert (finding.non_compliant, finding.remediated, finding.note) == (True, True, "two minors")
    assert assessment.management_systems.count() == 13
    # Applying twice is refused: the batch is spent.
    assert client.post(f"/assessments/import/{batch.pk}/apply/").status_code == 404


def test_it_reads_an_xlsx_file(cast):
    workbook = Workbook()
    sheet = workbook.active
    for row in _fill(_rows(cast), {("question", "CL-1.1"): ["yes", "no", ""]}):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("assessment.xlsx", buffer.getvalue())
    response = _upload(client_as(cast.ea), upload)
    assert response.status_code == 200, ImportBatch.objects.get().problems
    assert ImportBatch.objects.get().parsed["findings"][0]["question"] == "CL-1.1"


def test_it_shows_every_problem_by_row_and_column_and_saves_nothing(cast):
    rows = _fill(
        _rows(cast),
        {
            ("question", "CL-1.1"): ["maybe", "", ""],
            ("question", "CL-1.2"): ["no", "yes", ""],
        },
    )
    rows = [r for r in rows if not (r[0] == "element" and r[1] == "OSH-7")]
    rows.append(["question", "XX-99", "yes", "", "", "", ""])
    rows.append(["question", "CL-1.3", "yes", "", "", "", ""])
    rows.append(["question", "CL-1.3", "no", "", "", "", ""])
    rows.append(["additional", "SD-1", "yes", "", "", "", ""])
    client = client_as(cast.ea)
    response = _upload(client, _csv(rows))
    assert response.status_code == 400
    problems = {(p["row"], p["column"]): p["message"] for p in ImportBatch.objects.get().problems}
    line = {(r[0], r[1]): i for i, r in enumerate(rows, start=1)}
    assert "'maybe' is not an answer" in problems[(line[("question", "CL-1.1")], "answer")]
    assert "Only a non-compliance" in problems[(line[("question", "CL-1.2")], "remediated")]
    assert "Unknown question code 'XX-99'" in problems[(line[("question", "XX-99")], "code")]
    assert "listed twice" in problems[(len(rows) - 1, "code")]
    assert "not a candidate" in problems[(line[("additional", "SD-1")], "kind")]
    assert "OSH-7" in problems[(None, "code")]
    body = response.content.decode()
    assert "Unknown question code" in body and "Apply the import" not in body
    # Applying a file with problems saves nothing.
    batch = ImportBatch.objects.get()
    client.post(f"/assessments/import/{batch.pk}/apply/")
    assert not Assessment.objects.exists()
    assert not Finding.objects.exists()


def test_it_refuses_a_factory_out_of_scope_without_saying_whether_it_exists(cast):
    vietnam = makers.make_factory("Hanoi Garments", country="VNM")
    for factory_id in (vietnam.pk, 999999):
        rows = _rows(cast)
        rows[1][2] = str(factory_id)
        _upload(client_as(cast.ea), _csv(rows))
    messages = [b.problems[0]["message"] for b in ImportBatch.objects.order_by("id")]
    assert messages[0] == messages[1].replace("999999", str(vietnam.pk))
    assert "is not one of the factories you assess" in messages[0]


def test_it_applies_whole_or_not_at_all_when_the_data_changed_since_the_dry_run(cast):
    rows = _fill(_rows(cast), {("question", "CL-1.1"): ["yes", "", ""]})
    client = client_as(cast.ea)
    _upload(client, _csv(rows))
    batch = ImportBatch.objects.get()
    makers.make_assessment(cast.factory, by=cast.pm, cycle=1)  # cycle 1 taken meanwhile
    response = client.post(f"/assessments/import/{batch.pk}/apply/", follow=True)
    assert "Nothing was imported" in response.content.decode()
    assert Assessment.objects.count() == 1
    assert not Finding.objects.filter(non_compliant=True).exists()  # CL-1.1 of the file


def test_it_refuses_a_file_that_is_not_csv_or_xlsx(cast):
    upload = SimpleUploadedFile("notes.txt", b"hello")
    response = _upload(client_as(cast.ea), upload)
    assert response.status_code == 400
    assert "Upload a .csv or .xlsx file." in response.content.decode()
    broken = SimpleUploadedFile("broken.xlsx", b"not a zip")
    response = _upload(client_as(cast.ea), broken)
    assert response.status_code == 400
    assert "could not be read as an XLSX" in response.content.decode()
