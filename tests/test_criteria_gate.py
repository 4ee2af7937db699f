"""The rules' candidate gate and eligibility check (the additional questions), table by table."""

from __future__ import annotations

from dataclasses import replace

import pytest

from differentiation.criteria import (
    CURRENT,
    RULE_VERSION,
    FactoryFacts,
    evaluate,
)
from tests.criteria_builders import HR, assessment, facts, report
from tests.criteria_cases import A1, A2, P1, P2, PUBLIC_NC, ZT_OPEN, ZT_REMEDIATED, texts

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
        "LE-1 found not confirmed",
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
