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

from assessments.importing.applying import (
    import_apply,
    import_dry_run,
)
from assessments.importing.checking import (
    check,
)
from assessments.importing.reading import (
    COLUMNS,
    KINDS,
    MAX_COLUMNS,
    MAX_FIELD_CHARS,
    MAX_PARTS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    NO,
    NOT_APPLICABLE,
    QUESTION_WORDS,
    REQUIRED_COLUMNS,
    YES,
    Problem,
    UnreadableFile,
    read_table,
)
from assessments.importing.template import (
    template_csv,
    template_rows,
    template_xlsx,
)

__all__ = [
    "COLUMNS",
    "KINDS",
    "MAX_COLUMNS",
    "MAX_FIELD_CHARS",
    "MAX_PARTS",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "NO",
    "NOT_APPLICABLE",
    "QUESTION_WORDS",
    "REQUIRED_COLUMNS",
    "YES",
    "Problem",
    "UnreadableFile",
    "check",
    "import_apply",
    "import_dry_run",
    "read_table",
    "template_csv",
    "template_rows",
    "template_xlsx",
]
