"""Table-driven tests of the pure differentiation rules (RULES.md sections 2-3): no database.

Each case is written from the guideline: "the factory must meet all criteria in two subsequent
assessments"; "Social Dialogue (on each question the factory must be marked as 'On Track' in
Progress Report 2)"; "Full compliance on publicly reported/differentiation issues AND No
unremediated zero tolerance issues".
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from differentiation.criteria import (
    CURRENT,
    RULE_VERSION,
    CriterionResult,
    FactoryFacts,
    Outcome,
    evaluate,
    evidence_rows,
    facts_from_rows,
    facts_to_json,
    find_window,
    fingerprint,
    rows_fingerprint,
)
from differentiation.vocabulary import Group, Result
from tests.criteria_builders import HR, assessment, facts, finding, report

MET, NOT, UNK = Result.MET, Result.NOT_MET, Result.UNKNOWN
ALL_MET = (MET, MET, MET, MET, MET)

# The usual window: the assessment of cycle 1, its PR2, then the assessment of cycle 2.
A1 = assessment(1, 1)
P1 = report(10, 1)
A2 = assessment(2, 2, asked=True)
P2 = report(20, 2)
A3 = assessment(3, 3)
PUBLIC_NC = finding(901, "CL-1.2", public=True)
ZT_OPEN = finding(902, "FL-2.1", zt=True)
ZT_REMEDIATED = finding(903, "FL-2.1", zt=True, remediated=True)


def results(outcome: Outcome) -> tuple[Result, ...]:
    return tuple(c.result for c in outcome.criteria)


def criterion(outcome: Outcome, group: Group) -> CriterionResult:
    return next(c for c in outcome.criteria if c.group is group)


def texts(reasons: tuple[object, ...]) -> list[str]:
    return [str(r) for r in reasons]


# --- the five criteria ---------------------------------------------------------------------

CRITERIA_CASES = [
    ("no-data", facts(), (UNK, UNK, UNK, UNK, UNK)),
    ("pr2-without-assessment", facts(P1), (UNK, UNK, UNK, UNK, UNK)),
    # One assessment: compliance and systems wait for the second; social dialogue and learning
    # read the PR2 (and the latest assessment's additional questions) only.
    ("single-assessment-and-its-pr2", facts(A1, P1), (UNK, UNK, UNK, MET, MET)),
    ("single-assessment-no-pr2", facts(A1), (UNK, UNK, UNK, UNK, UNK)),
    (
        "single-assessment-public-non-compliance-fails-at-once",
        facts(replace(A1, findings=(PUBLIC_NC,)), P1),
        (NOT, UNK, UNK, MET, MET),
    ),
    (
        "single-assessment-hr-unsatisfied",
        facts(assessment(1, 1, unsatisfied=("HR-2",)), P1),
        (UNK, NOT, UNK, MET, MET),
    ),
    (
        "single-assessment-pr2-moderate",
        facts(A1, report(10, 1, ratings={"SD-1": "moderate_progress"})),
        (UNK, UNK, UNK, NOT, MET),
    ),
    ("two-consecutive-and-pr2-between", facts(A1, P1, A2), ALL_MET),
    ("two-consecutive-no-pr2", facts(A1, A2), (MET, MET, MET, UNK, UNK)),
    ("pr2-of-the-later-cycle-counts", facts(A1, A2, P2), ALL_MET),
    (
        "pr2-of-an-older-cycle-never-counts",
        facts(assessment(1, 1), P1, assessment(2, 2), assessment(3, 3)),
        (MET, MET, MET, UNK, UNK),
    ),
    (
        "latest-pr2-counts-not-an-older-failing-one",
        facts(A1, report(10, 1, ratings={"SD-1": "no_progress"}), A2, P2),
        ALL_MET,
    ),
    (
        "latest-pr2-counts-not-an-older-passing-one",
        facts(A1, P1, A2, report(20, 2, ratings={"SD-1": "no_progress"})),
        (MET, MET, MET, NOT, MET),
    ),
    ("pr1-is-not-rated", facts(A1, report(10, 1, number=1), A2), (MET, MET, MET, UNK, UNK)),
    ("draft-pr2-ignored", facts(A1, replace(P1, finalised=False), A2), (MET, MET, MET, UNK, UNK)),
    (
        "draft-failing-pr2-ignored",
        facts(A1, P1, A2, report(20, 2, finalised=False, ratings={"SD-1": "no_progress"})),
        ALL_MET,
    ),
    (
        "pr2-item-moderate-progress",
        facts(A1, report(10, 1, ratings={"SD-2": "moderate_progress"}), A2),
        (MET, MET, MET, NOT, MET),
    ),
    (
        "pr2-item-no-progress",
        facts(A1, report(10, 1, ratings={"SD-5": "no_progress"}), A2),
        (MET, MET, MET, NOT, MET),
    ),
    (
        "pr2-learning-moderate-progress",
        facts(A1, report(10, 1, ratings={"LE-1": "moderate_progress"}), A2),
        (MET, MET, MET, MET, NOT),
    ),
    (
        "pr2-item-missing-from-the-data-is-not-on-track",
        facts(A1, report(10, 1, unrated=("SD-4",)), A2),
        (MET, MET, MET, NOT, MET),
    ),
    # The window: cycle n and cycle n-1, never skipping.
    (
        "cycle-gap-is-incomplete",
        facts(A1, P1, assessment(3, 3), report(30, 3)),
        (UNK, UNK, UNK, MET, MET),
    ),
    (
        "draft-of-the-cycle-before-is-incomplete-not-skipped",
        facts(A1, P1, assessment(2, 2, finalised=False), assessment(3, 3), P2),
        (UNK, UNK, UNK, MET, MET),
    ),
    (
        "reopened-latest-leaves-the-window-before-it",
        facts(A1, P1, A2, P2, assessment(3, 3, finalised=False, findings=(PUBLIC_NC,))),
        ALL_MET,
    ),
    (
        "failing-draft-of-a-later-cycle-ignored",
        facts(A1, P1, A2, assessment(3, 3, finalised=False, findings=(PUBLIC_NC,), unsatisfied=HR)),
        ALL_MET,
    ),
    (
        "failure-older-than-the-window-ignored",
        facts(
            assessment(1, 1, findings=(PUBLIC_NC,), unsatisfied=("HR-1", "OSH-1")),
            assessment(2, 2),
            P2,
            A3,
        ),
        ALL_MET,
    ),
    (
        "failure-in-the-earlier-assessment-counts",
        facts(replace(A1, findings=(ZT_OPEN,)), P1, A2),
        (NOT, MET, MET, MET, MET),
    ),
    # Compliance.
    ("zt-remediated-passes", facts(A1, P1, replace(A2, findings=(ZT_REMEDIATED,))), ALL_MET),
    (
        "zt-unremediated-fails",
        facts(A1, P1, replace(A2, findings=(ZT_OPEN,))),
        (NOT, MET, MET, MET, MET),
    ),
    (
        "public-and-zt-remediated-still-fails",
        facts(
            A1,
            P1,
            replace(A2, findings=(finding(904, "CL-3.1", public=True, zt=True, remediated=True),)),
        ),
        (NOT, MET, MET, MET, MET),
    ),
    (
        "public-remediated-still-fails",
        facts(
            A1, P1, replace(A2, findings=(finding(905, "CL-1.2", public=True, remediated=True),))
        ),
        (NOT, MET, MET, MET, MET),
    ),
    (
        "non-public-non-zt-non-compliance-passes",
        facts(A1, P1, replace(A2, findings=(finding(906, "WH-4.2"),))),
        ALL_MET,
    ),
    (
        "public-question-found-compliant-passes",
        facts(
            A1,
            P1,
            replace(A2, findings=(finding(907, "CL-1.2", public=True, non_compliant=False),)),
        ),
        ALL_MET,
    ),
    # Management systems: the 13 elements come from the rule version.
    (
        "hr-element-unsatisfied-only-in-earlier",
        facts(assessment(1, 1, unsatisfied=("HR-3",)), P1, A2),
        (MET, NOT, MET, MET, MET),
    ),
    (
        "osh-element-unsatisfied-only-in-later",
        facts(A1, P1, assessment(2, 2, asked=True, unsatisfied=("OSH-3",))),
        (MET, MET, NOT, MET, MET),
    ),
    (
        "element-missing-from-the-data-is-not-satisfied",
        facts(A1, P1, assessment(2, 2, asked=True, unrecorded=("HR-6",))),
        (MET, NOT, MET, MET, MET),
    ),
    (
        "element-recorded-under-another-system-is-missing",
        facts(
            A1,
            P1,
            replace(
                A2,
                elements=tuple(
                    replace(e, system="OSH") if e.element == "HR-1" else e for e in A2.elements
                ),
            ),
        ),
        (MET, NOT, MET, MET, MET),
    ),
    # Additional questions: a "not confirmed" answer fails its criterion; none asked is no harm.
    (
        "additional-question-sd-not-confirmed",
        facts(A1, P1, assessment(2, 2, asked=True, not_confirmed=("SD-2",))),
        (MET, MET, MET, NOT, MET),
    ),
    (
        "additional-question-learning-not-confirmed",
        facts(A1, P1, assessment(2, 2, asked=True, not_confirmed=("LE-1",))),
        (MET, MET, MET, MET, NOT),
    ),
    (
        "additional-question-unanswered-does-not-fail",
        facts(A1, P1, assessment(2, 2, asked=True, unanswered=("SD-3",))),
        ALL_MET,
    ),
    ("no-additional-questions-judged-on-the-pr2", facts(A1, P1, assessment(2, 2)), ALL_MET),
    (
        "answers-on-an-assessment-that-did-not-ask-them-ignored",
        facts(
            A1,
            P1,
            replace(
                assessment(2, 2, asked=True, not_confirmed=("SD-1",)),
                includes_additional_questions=False,
            ),
        ),
        ALL_MET,
    ),
    (
        "not-confirmed-in-the-earlier-assessment-ignored",
        facts(assessment(1, 1, asked=True, not_confirmed=("SD-1", "LE-1")), P1, A2),
        ALL_MET,
    ),
    (
        "everything-failing",
        facts(
            replace(A1, findings=(PUBLIC_NC,)),
            report(10, 1, ratings={"SD-1": "no_progress", "LE-1": "no_progress"}),
            assessment(2, 2, unsatisfied=("HR-1", "OSH-1")),
        ),
        (NOT, NOT, NOT, NOT, NOT),
    ),
]


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
        "Additional question on item SD-5 not confirmed in the assessment of cycle 2 (2026-01-15).",
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
        "learning-met-and-confirmed",
        facts(A1, P1, A2),
        Group.LEARNING,
        "LE-1 On track in the progress report 2 of cycle 1 (2025-11-30), and confirmed by the"
        " additional questions of the assessment of cycle 2.",
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


# --- the candidate gate and the eligibility check ------------------------------------------

PREQUALIFICATION_CASES = [
    ("latest-and-its-pr2-on-track", facts(A1, P1), True, "On track"),
    ("after-two-assessments", facts(A1, P1, A2, P2), True, "The assessment of cycle 2"),
    (
        "older-failure-ignored",
        facts(replace(A1, findings=(PUBLIC_NC,)), P1, A2, P2),
        True,
        "On track",
    ),
    ("no-assessment", facts(P1), False, "No finalised assessment yet."),
    (
        "pr2-of-the-cycle-before-does-not-count",
        facts(A1, P1, A2),
        False,
        "No finalised progress report 2 of cycle 2 yet.",
    ),
    ("only-pr1", facts(A1, report(10, 1, number=1)), False, "No finalised progress report 2"),
    ("draft-pr2", facts(A1, replace(P1, finalised=False)), False, "No finalised progress report 2"),
    (
        "latest-public-non-compliance",
        facts(replace(A1, findings=(PUBLIC_NC,)), P1),
        False,
        "Question CL-1.2 non-compliant in the assessment of cycle 1 (2025-01-15).",
    ),
    (
        "latest-zt-unremediated",
        facts(replace(A1, findings=(ZT_OPEN,)), P1),
        False,
        "Zero-tolerance question FL-2.1",
    ),
    ("latest-zt-remediated", facts(replace(A1, findings=(ZT_REMEDIATED,)), P1), True, "On track"),
    (
        "latest-hr-unsatisfied",
        facts(assessment(1, 1, unsatisfied=("HR-4",)), P1),
        False,
        "Element HR-4 not satisfied",
    ),
    (
        "latest-osh-missing",
        facts(assessment(1, 1, unrecorded=("OSH-6",)), P1),
        False,
        "Element OSH-6 not recorded",
    ),
    (
        "pr2-sd-moderate",
        facts(A1, report(10, 1, ratings={"SD-3": "moderate_progress"})),
        False,
        "Item SD-3 rated Moderate progress",
    ),
    (
        "pr2-learning-no-progress",
        facts(A1, report(10, 1, ratings={"LE-1": "no_progress"})),
        False,
        "Item LE-1 rated No progress",
    ),
    ("pr2-item-unrated", facts(A1, report(10, 1, unrated=("SD-1",))), False, "Item SD-1 not rated"),
    (
        "draft-latest-ignored",
        facts(A1, P1, assessment(2, 2, finalised=False, unsatisfied=HR)),
        True,
        "On track",
    ),
]


@pytest.mark.parametrize(
    ("facts_", "prequalified", "reason"),
    [pytest.param(f, p, r, id=i) for i, f, p, r in PREQUALIFICATION_CASES],
)
def test_it_decides_the_candidate_gate(
    facts_: FactoryFacts, prequalified: bool, reason: str
) -> None:
    outcome = evaluate(facts_)
    assert outcome.prequalified is prequalified
    assert any(reason in r for r in texts(outcome.prequalification_reasons)), (
        outcome.prequalification_reasons
    )


ADDITIONAL_CASES = [
    ("all-confirmed", facts(A1, P1, A2), True, 2, "Every additional question confirmed"),
    ("not-carried", facts(A1, P1, assessment(2, 2)), False, None, "did not carry"),
    (
        "one-unanswered",
        facts(A1, P1, assessment(2, 2, asked=True, unanswered=("SD-3",))),
        False,
        2,
        "SD-3 not answered",
    ),
    (
        "one-not-confirmed",
        facts(A1, P1, assessment(2, 2, asked=True, not_confirmed=("LE-1",))),
        False,
        2,
        "LE-1 not confirmed",
    ),
    (
        "carried-by-an-older-assessment-only",
        facts(assessment(1, 1, asked=True), P1, assessment(2, 2)),
        False,
        None,
        "did not carry",
    ),
    ("no-assessment", facts(), False, None, "did not carry"),
]


@pytest.mark.parametrize(
    ("facts_", "confirmed", "assessment_id", "reason"),
    [pytest.param(f, c, a, r, id=i) for i, f, c, a, r in ADDITIONAL_CASES],
)
def test_it_checks_the_additional_questions(
    facts_: FactoryFacts, confirmed: bool, assessment_id: int | None, reason: str
) -> None:
    questions = evaluate(facts_).additional_questions
    assert questions.confirmed is confirmed
    assert questions.assessment_id == assessment_id
    assert any(reason in r for r in texts(questions.reasons)), questions.reasons


def test_it_takes_the_items_from_the_rule_version() -> None:
    assert RULE_VERSION == CURRENT.name == "BW-2017.2"
    assert (len(CURRENT.hr_elements), len(CURRENT.osh_elements)) == (6, 7)
    assert (len(CURRENT.social_dialogue_items), len(CURRENT.learning_items)) == (5, 1)


# --- stored form ---------------------------------------------------------------------------

BASE = facts(A1, P1, A2)

FINGERPRINT_CASES = [
    ("same-data-other-order", facts(A2, P1, A1), True),
    (
        "findings-added-to-earlier",
        facts(replace(A1, findings=(ZT_REMEDIATED, PUBLIC_NC)), P1, A2),
        False,
    ),
    ("draft-added", facts(A1, P1, A2, assessment(3, 3, finalised=False)), True),
    ("draft-pr2-added", facts(A1, P1, A2, report(20, 2, finalised=False)), True),
    ("pr1-added", facts(A1, P1, A2, report(19, 2, number=1)), True),
    ("finding-added", facts(A1, P1, replace(A2, findings=(finding(906, "WH-4.2"),))), False),
    ("element-changed", facts(A1, P1, assessment(2, 2, asked=True, unsatisfied=("HR-1",))), False),
    ("rating-changed", facts(A1, report(10, 1, ratings={"SD-1": "no_progress"}), A2), False),
    ("visit-date-changed", facts(A1, P1, replace(A2, visit_date=date(2026, 1, 21))), False),
    ("draft-finalised", facts(A1, P1, A2, assessment(3, 3)), False),
    ("pr2-added", facts(A1, P1, A2, P2), False),
    ("remediation-recorded", facts(replace(A1, findings=(ZT_OPEN,)), P1, A2), False),
]


@pytest.mark.parametrize(
    ("other", "equal"), [pytest.param(f, e, id=i) for i, f, e in FINGERPRINT_CASES]
)
def test_it_fingerprints_the_finalised_data(other: FactoryFacts, equal: bool) -> None:
    assert (fingerprint(other) == fingerprint(BASE)) is equal


def test_it_fingerprints_a_remediation() -> None:
    open_ = facts(replace(A1, findings=(ZT_OPEN,)), P1, A2)
    remediated = facts(replace(A1, findings=(replace(ZT_OPEN, remediated=True),)), P1, A2)
    assert fingerprint(open_) != fingerprint(remediated)


def test_it_fingerprints_editing_a_draft_alike() -> None:
    draft = assessment(3, 3, finalised=False)
    edited = replace(draft, findings=(PUBLIC_NC,), visit_date=date(2027, 6, 2))
    assert fingerprint(facts(A1, P1, A2, draft)) == fingerprint(facts(A1, P1, A2, edited))


def test_it_fingerprints_with_the_rule_version() -> None:
    digest = fingerprint(BASE)
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert fingerprint(BASE, RULE_VERSION) == digest
    assert fingerprint(BASE, "BW-2017") != digest


ROW_CASES = [pytest.param(f, id=i) for i, f, _ in CRITERIA_CASES] + [
    pytest.param(f, id=f"fingerprint-{i}") for i, f, _ in FINGERPRINT_CASES
]


@pytest.mark.parametrize("facts_", ROW_CASES)
def test_it_rebuilds_from_its_rows_what_the_rules_read(facts_: FactoryFacts) -> None:
    """The loader hands a batch rows, not facts: the rows must say all the rules read."""
    rows = evidence_rows(facts_)
    rebuilt = facts_from_rows(list(reversed(rows)))  # any order will do
    assert evidence_rows(rebuilt) == rows
    assert rows_fingerprint(rows) == fingerprint(facts_) == fingerprint(rebuilt)
    assert evaluate(rebuilt).to_json() == evaluate(facts_).to_json()
    assert facts_to_json(rebuilt) == facts_to_json(facts_)


def test_its_rows_leave_out_drafts_and_pr1s_and_sort() -> None:
    draft = assessment(3, 3, finalised=False)
    pr1 = report(19, 1, number=1)
    rows = evidence_rows(facts(A2, draft, pr1, P1, A1))
    assert rows == sorted(rows)
    assert {(row[0], row[1]) for row in rows if row[1] == row[2]} == {("a", 1), ("a", 2), ("p", 10)}
    assert rows == evidence_rows(facts(A1, P1, A2))


def test_it_stores_the_facts_as_sorted_json() -> None:
    stored = facts_to_json(
        facts(A2, assessment(3, 3, finalised=False), report(19, 1, number=1), P1, A1)
    )
    assert json.loads(json.dumps(stored)) == stored
    assert [a["id"] for a in stored["assessments"]] == [1, 2]
    assert [r["id"] for r in stored["progress_reports"]] == [10]
    assert stored["assessments"][0]["visit_date"] == "2025-01-15"
    ids = [e["id"] for e in stored["assessments"][1]["elements"]]
    assert ids == sorted(ids) and len(ids) == 13


@pytest.mark.parametrize("facts_", [pytest.param(f, id=i) for i, f, _ in CRITERIA_CASES])
def test_it_serialises_the_outcome(facts_: FactoryFacts) -> None:
    outcome_ = evaluate(facts_)
    stored = outcome_.to_json()
    assert json.loads(json.dumps(stored)) == stored
    assert stored["rule_version"] == RULE_VERSION
    assert [c["group"] for c in stored["criteria"]] == [g.value for g in Group]
    assert [c["result"] for c in stored["criteria"]] == [r.value for r in results(outcome_)]
    assert stored["assessment_ids"] == list(outcome_.assessment_ids)
    assert stored["progress_report_id"] == outcome_.progress_report_id
    assert stored["all_met"] is outcome_.all_met
    assert stored["prequalified"] is outcome_.prequalified
    assert stored["additional_questions"]["confirmed"] is outcome_.additional_questions.confirmed
    assert evaluate(facts_).to_json() == stored  # deterministic
