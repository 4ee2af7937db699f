"""The shared cases of the rules' tests: the usual window of evidence and, per criterion, the
facts, the five results the guideline gives them and why."""

from __future__ import annotations

from dataclasses import replace

from differentiation.criteria import (
    CriterionResult,
    Outcome,
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
