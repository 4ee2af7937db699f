"""Writes on assessments and progress reports: create a draft, answer it, finalise it, correct it.

By part: `inputs` and `answers` (what is given and its checks), `entry` (the browser's draft,
one answer at a time), `finalising` (completeness and the record), `reports` (progress
reports), `corrections` (reopening, remediation), `history` (the record of every change).
Callers use the names re-exported here.
"""

from __future__ import annotations

from assessments.services.answers import (
    EntryErrors,
    assessment_create,
    assessment_replace_answers,
)
from assessments.services.corrections import (
    REMEDIATION_TARGET,
    assessment_reopen,
    finding_remediate,
)
from assessments.services.entry import (
    NOTE_MAX_LENGTH,
    FindingDraft,
    additional_answer_record,
    assessment_answers_save,
    assessment_propose,
    assessment_start,
    element_record,
    finding_record,
)
from assessments.services.finalising import (
    FIRST_UNANSWERED,
    Completeness,
    IncompleteAssessment,
    assessment_completeness,
    assessment_finalise,
    assessment_missing,
    assessment_remaining_compliant,
    unanswered_questions,
)
from assessments.services.history import (
    record_history,
)
from assessments.services.history_text import history_in_words
from assessments.services.inputs import (
    AnswerInput,
    ElementInput,
    FindingInput,
    RatingInput,
)
from assessments.services.reports import (
    progress_report_create,
    progress_report_finalise,
    progress_report_missing,
    progress_report_propose,
    progress_report_replace_ratings,
    progress_report_start,
    rating_record,
)

__all__ = [
    "FIRST_UNANSWERED",
    "NOTE_MAX_LENGTH",
    "REMEDIATION_TARGET",
    "AnswerInput",
    "Completeness",
    "ElementInput",
    "EntryErrors",
    "FindingDraft",
    "FindingInput",
    "IncompleteAssessment",
    "RatingInput",
    "additional_answer_record",
    "assessment_answers_save",
    "assessment_completeness",
    "assessment_create",
    "assessment_finalise",
    "assessment_missing",
    "assessment_propose",
    "assessment_remaining_compliant",
    "assessment_reopen",
    "assessment_replace_answers",
    "assessment_start",
    "element_record",
    "finding_record",
    "finding_remediate",
    "history_in_words",
    "progress_report_create",
    "progress_report_finalise",
    "progress_report_missing",
    "progress_report_propose",
    "progress_report_replace_ratings",
    "progress_report_start",
    "rating_record",
    "record_history",
    "unanswered_questions",
]
