"""Table-driven tests of the pure differentiation rules (docs/rules.md sections 2-5): no database.

Each case is written from the guideline: "the factory must meet all criteria in two subsequent
assessments"; "Social Dialogue (on each question the factory must be marked as 'On Track' in
Progress Report 2)"; "Full compliance on publicly reported/differentiation issues AND No
unremediated zero tolerance issues". The cases are in tests/criteria_cases.py.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from differentiation.criteria import (
    FactoryFacts,
    evaluate,
    find_window,
)
from differentiation.vocabulary import Group, Result
from tests.criteria_builders import assessment, facts, finding, report
from tests.criteria_cases import (
    A1,
    A2,
    A3,
    ALL_MET,
    CRITERIA_CASES,
    NOT,
    P1,
    P2,
    PUBLIC_NC,
    ZT_OPEN,
    ZT_REMEDIATED,
    criterion,
    results,
    texts,
)


@pytest.mark.parametrize(
    ("facts_", "expected"),
    [pytest.param(f, e, id=i) for i, f, e in CRITERIA_CASES],
)
def test_it_evaluates_each_criterion(facts_: FactoryFacts, expected: tuple[Result, ...]) -> None:
    outcome = evaluate(facts_)
    assert [c.group for c in outcome.criteria] == list(Group)
    assert results(outcome) == expected
    assert outcome.all_met is (expected == ALL_MET)


WINDOW_CASES = [
    ("usual", facts(A1, P1, A2), (1, 2), 10),
    ("single", facts(A1, P1), (1,), 10),
    ("unordered-input", facts(A2, P1, A1), (1, 2), 10),
    ("three-cycles-latest-two", facts(A1, P1, A2, P2, A3), (2, 3), 20),
    ("pr2-of-cycle-n-1-when-none-newer", facts(A1, A2, P2, A3), (2, 3), 20),
    ("pr2-of-cycle-n-2-never", facts(A1, P1, A2, A3), (2, 3), None),
    ("pr1-never", facts(A1, report(10, 1, number=1), A2), (1, 2), None),
    ("cycle-gap", facts(A1, A3), (3,), None),
    ("draft-between", facts(A1, assessment(2, 2, finalised=False), A3), (3,), None),
    ("reopened-latest", facts(A1, A2, assessment(3, 3, finalised=False)), (1, 2), None),
    (
        "order-is-by-cycle-not-date",
        facts(assessment(7, 2, visit="2025-01-20"), assessment(8, 1, visit="2025-03-01")),
        (8, 7),
        None,
    ),
]


@pytest.mark.parametrize(
    ("facts_", "assessment_ids", "report_id"),
    [pytest.param(f, a, r, id=i) for i, f, a, r in WINDOW_CASES],
)
def test_it_picks_the_window(
    facts_: FactoryFacts, assessment_ids: tuple[int, ...], report_id: int | None
) -> None:
    outcome = evaluate(facts_)
    assert outcome.assessment_ids == assessment_ids
    assert outcome.progress_report_id == report_id
    assert outcome.window_complete is (len(assessment_ids) == 2)
    for c in outcome.criteria:
        assert c.evidence["assessments"] == list(assessment_ids)


def test_it_says_why_the_window_is_incomplete() -> None:
    def gap(facts_: FactoryFacts) -> str:
        found = find_window(facts_).gap()
        return "" if found is None else found.text

    assert gap(facts()) == "No finalised assessment yet; two consecutive assessments are needed."
    assert gap(facts(A1)) == (
        "The assessment of cycle 1 is the factory's first; two consecutive assessments are needed."
    )
    gap_of_cycle_2 = (
        "No finalised assessment of cycle 2 (none, a draft, or reopened for correction); two"
        " consecutive finalised assessments are needed."
    )
    assert gap(facts(A1, A3)) == gap_of_cycle_2
    assert gap(facts(A1, assessment(2, 2, finalised=False), A3)) == gap_of_cycle_2
    assert gap(facts(A1, A2)) == ""


REASON_CASES = [
    (
        "public-question",
        facts(A1, P1, replace(A2, findings=(PUBLIC_NC,))),
        Group.COMPLIANCE,
        "Question CL-1.2 non-compliant in the assessment of cycle 2 (2026-01-15).",
    ),
    (
        "zero-tolerance",
        facts(A1, P1, replace(A2, findings=(ZT_OPEN,))),
        Group.COMPLIANCE,
        "Zero-tolerance question FL-2.1 non-compliant and not remediated in the assessment of"
        " cycle 2 (2026-01-15).",
    ),
    (
        "osh-element",
        facts(assessment(1, 1, unsatisfied=("OSH-3",)), P1, A2),
        Group.OSH,
        "Element OSH-3 not satisfied in the assessment of cycle 1 (2025-01-15).",
    ),
    (
        "element-missing",
        facts(A1, P1, assessment(2, 2, unrecorded=("HR-6",))),
        Group.HR,
        "Element HR-6 not recorded in the assessment of cycle 2 (2026-01-15); an element not"
        " recorded is not satisfied.",
    ),
    (
        "pr2-moderate",
        facts(A1, report(10, 1, ratings={"SD-2": "moderate_progress"}), A2),
        Group.SOCIAL_DIALOGUE,
        "Item SD-2 rated Moderate progress in the progress report 2 of cycle 1 (2025-11-30).",
    ),
    (
        "pr2-unrated",
        facts(A1, report(10, 1, unrated=("SD-4",)), A2),
        Group.SOCIAL_DIALOGUE,
        "Item SD-4 not rated in the progress report 2 of cycle 1 (2025-11-30); an item not"
        " rated is not on track.",
    ),
    (
        "pr2-missing",
        facts(A1, A2),
        Group.LEARNING,
        "No finalised progress report 2 of cycle 1 or later yet.",
    ),
    (
        "answer-not-confirmed",
        facts(A1, P1, assessment(2, 2, asked=True, not_confirmed=("SD-5",))),
        Group.SOCIAL_DIALOGUE,
        "Item SD-5 found not confirmed in the assessment of cycle 2 (2026-01-15).",
    ),
    (
        "compliance-met",
        facts(A1, P1, A2),
        Group.COMPLIANCE,
        "No non-compliance on publicly reported questions and no unremediated zero-tolerance"
        " issue in the assessments of cycles 1 (2025-01-15) and 2 (2026-01-15).",
    ),
    (
        "hr-met",
        facts(A1, P1, A2),
        Group.HR,
        "All 6 HR elements satisfied in the assessments of cycles 1 (2025-01-15) and 2"
        " (2026-01-15).",
    ),
    (
        "learning-met-names-the-pr2-only",
        facts(A1, P1, A2),
        Group.LEARNING,
        "LE-1 On track in the progress report 2 of cycle 1 (2025-11-30).",
    ),
    (
        "social-dialogue-met-on-the-pr2",
        facts(A1, A2, P2, A3),
        Group.SOCIAL_DIALOGUE,
        "SD-1, SD-2, SD-3, SD-4, SD-5 On track in the progress report 2 of cycle 2 (2026-11-30).",
    ),
]


@pytest.mark.parametrize(
    ("facts_", "group", "reason"),
    [pytest.param(f, g, r, id=i) for i, f, g, r in REASON_CASES],
)
def test_it_explains_each_result(facts_: FactoryFacts, group: Group, reason: str) -> None:
    assert reason in texts(criterion(evaluate(facts_), group).reasons)


def test_it_gives_one_reason_per_failing_thing_and_missing_piece() -> None:
    facts_ = facts(
        replace(A1, findings=(PUBLIC_NC,)),
        P1,
        replace(A2, findings=(ZT_OPEN, ZT_REMEDIATED, finding(906, "WH-4.2"))),
    )
    assert texts(criterion(evaluate(facts_), Group.COMPLIANCE).reasons) == [
        "Question CL-1.2 non-compliant in the assessment of cycle 1 (2025-01-15).",
        "Zero-tolerance question FL-2.1 non-compliant and not remediated in the assessment of"
        " cycle 2 (2026-01-15).",
    ]
    single = criterion(evaluate(facts(replace(A1, findings=(PUBLIC_NC,)))), Group.COMPLIANCE)
    assert single.result is NOT
    assert texts(single.reasons) == [
        "Question CL-1.2 non-compliant in the assessment of cycle 1 (2025-01-15).",
        "The assessment of cycle 1 is the factory's first; two consecutive assessments are needed.",
    ]


def test_it_keeps_each_reason_as_a_template_with_its_values() -> None:
    found = criterion(evaluate(facts(A1, P1, replace(A2, findings=(PUBLIC_NC,)))), Group.COMPLIANCE)
    stored = found.to_json()["reasons"][0]
    assert stored == {
        "text": "Question CL-1.2 non-compliant in the assessment of cycle 2 (2026-01-15).",
        "template": "Question {question} non-compliant in the assessment of cycle {cycle} ({date}).",
        "params": {"question": "CL-1.2", "cycle": 2, "date": "2026-01-15"},
    }


EVIDENCE_CASES = [
    (
        "findings",
        facts(
            replace(A1, findings=(PUBLIC_NC, finding(906, "WH-4.2"))),
            P1,
            replace(A2, findings=(ZT_OPEN, ZT_REMEDIATED)),
        ),
        Group.COMPLIANCE,
        {"findings": [901, 902], "progress_report": None, "failed_assessments": [1, 2]},
    ),
    (
        "elements",
        facts(
            assessment(1, 1, unsatisfied=("HR-3",)),
            P1,
            assessment(2, 2, unsatisfied=("HR-1", "OSH-3")),
        ),
        Group.HR,
        {"elements": [103, 201], "findings": [], "failed_assessments": [1, 2]},
    ),
    (
        "missing-element",
        facts(A1, P1, assessment(2, 2, unrecorded=("OSH-7",))),
        Group.OSH,
        {
            "elements": [],
            "missing": [{"assessment": 2, "code": "OSH-7"}],
            "failed_assessments": [2],
        },
    ),
    (
        "rating-items",
        facts(A1, report(10, 1, ratings={"SD-2": "moderate_progress", "LE-1": "no_progress"}), A2),
        Group.SOCIAL_DIALOGUE,
        {
            "items": [1002],
            "progress_report": 10,
            "failed_progress_reports": [10],
            "failed_assessments": [],
        },
    ),
    (
        "missing-rating",
        facts(A1, report(10, 1, unrated=("LE-1",)), A2),
        Group.LEARNING,
        {"items": [], "missing": [{"progress_report": 10, "code": "LE-1"}]},
    ),
    (
        "additional-answers",
        facts(A1, P1, assessment(2, 2, asked=True, not_confirmed=("SD-1", "LE-1"))),
        Group.SOCIAL_DIALOGUE,
        {
            "additional_answers": [251],
            "items": [],
            "assessments": [1, 2],
            "failed_assessments": [2],
        },
    ),
    ("no-pr2", facts(A1, A2), Group.LEARNING, {"progress_report": None, "items": []}),
]


@pytest.mark.parametrize(
    ("facts_", "group", "expected"),
    [pytest.param(f, g, e, id=i) for i, f, g, e in EVIDENCE_CASES],
)
def test_it_records_the_evidence(
    facts_: FactoryFacts, group: Group, expected: dict[str, object]
) -> None:
    evidence = criterion(evaluate(facts_), group).evidence
    assert {key: evidence[key] for key in expected} == expected


@pytest.mark.parametrize("facts_", [pytest.param(f, id=i) for i, f, _ in CRITERIA_CASES])
def test_it_uses_the_same_evidence_keys_for_every_criterion(facts_: FactoryFacts) -> None:
    keys = {
        "assessments",
        "progress_report",
        "findings",
        "elements",
        "items",
        "additional_answers",
        "missing",
        "failed_assessments",
        "failed_progress_reports",
    }
    for c in evaluate(facts_).criteria:
        assert set(c.evidence) == keys
