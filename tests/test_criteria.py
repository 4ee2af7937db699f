"""Table-driven tests of the pure differentiation rules (RULES.md sections 2-4): no database."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from differentiation.criteria import (
    RULE_VERSION,
    AdditionalAnswerFact,
    AssessmentFact,
    CriterionResult,
    ElementFact,
    FactoryFacts,
    FindingFact,
    Group,
    Outcome,
    ProgressReportFact,
    RatingFact,
    Reference,
    RequestKind,
    Result,
    Stage,
    evaluate,
    evidence_rows,
    facts_from_rows,
    facts_to_json,
    fingerprint,
    next_stage,
    rows_fingerprint,
    stage_after_decision,
)

HR = tuple(f"HR-{n}" for n in range(1, 7))
OSH = tuple(f"OSH-{n}" for n in range(1, 8))
SD = tuple(f"SD-{n}" for n in range(1, 6))
LEARNING = ("LRN-1",)
REFERENCE = Reference(
    hr_elements=HR, osh_elements=OSH, social_dialogue_items=SD, learning_items=LEARNING
)

MET, NOT, UNK = Result.MET, Result.NOT_MET, Result.UNKNOWN
ALL_MET = (MET, MET, MET, MET, MET)


# --- builders ------------------------------------------------------------------------------


def finding(
    fid: int,
    question: str,
    *,
    public: bool = False,
    zt: bool = False,
    non_compliant: bool = True,
    remediated: bool = False,
) -> FindingFact:
    return FindingFact(
        id=fid,
        question=question,
        publicly_reported=public,
        zero_tolerance=zt,
        non_compliant=non_compliant,
        remediated=remediated,
    )


def element_id(aid: int, code: str) -> int:
    """Element facts of assessment 2 are 2xx: HR-3 is 203, OSH-3 is 209."""
    return aid * 100 + (HR + OSH).index(code) + 1


def answer_id(aid: int, code: str) -> int:
    """Additional answers of assessment 2 are 25x: SD-2 is 252, LRN-1 is 256."""
    return aid * 100 + 50 + (SD + LEARNING).index(code) + 1


def rating_id(rid: int, code: str) -> int:
    """Ratings of report 10 are 10xx: SD-2 is 1002, LRN-1 is 1006."""
    return rid * 100 + (SD + LEARNING).index(code) + 1


def assessment(
    aid: int,
    visit: str,
    *,
    cycle: int = 1,
    finalised: bool = True,
    findings: tuple[FindingFact, ...] = (),
    unsatisfied: tuple[str, ...] = (),
    unrecorded: tuple[str, ...] = (),
    asked: bool = True,
    failed_answers: tuple[str, ...] = (),
    unanswered: tuple[str, ...] = (),
) -> AssessmentFact:
    """A passing assessment unless told otherwise; its additional questions are all met."""
    elements = tuple(
        ElementFact(
            id=element_id(aid, code),
            element=code,
            system=code.split("-")[0],
            satisfied=code not in unsatisfied,
        )
        for code in HR + OSH
        if code not in unrecorded
    )
    answers = tuple(
        AdditionalAnswerFact(id=answer_id(aid, code), item=code, met=code not in failed_answers)
        for code in SD + LEARNING
        if asked and code not in unanswered
    )
    return AssessmentFact(
        id=aid,
        cycle=cycle,
        visit_date=date.fromisoformat(visit),
        finalised=finalised,
        includes_additional_questions=asked,
        findings=findings,
        elements=elements,
        additional_answers=answers,
    )


def report(
    rid: int,
    released: str,
    *,
    number: int = 2,
    cycle: int = 1,
    finalised: bool = True,
    ratings: dict[str, str] | None = None,
    unrated: tuple[str, ...] = (),
) -> ProgressReportFact:
    """An all-on-track progress report unless told otherwise."""
    given = ratings or {}
    return ProgressReportFact(
        id=rid,
        cycle=cycle,
        number=number,
        release_date=date.fromisoformat(released),
        finalised=finalised,
        ratings=tuple(
            RatingFact(id=rating_id(rid, code), item=code, rating=given.get(code, "on_track"))
            for code in SD + LEARNING
            if code not in unrated
        ),
    )


def facts(*records: AssessmentFact | ProgressReportFact) -> FactoryFacts:
    return FactoryFacts(
        assessments=tuple(r for r in records if isinstance(r, AssessmentFact)),
        progress_reports=tuple(r for r in records if isinstance(r, ProgressReportFact)),
    )


# The usual window: an assessment, PR2 in its cycle, then the next assessment with the
# additional questions.
A1 = assessment(1, "2025-01-14", cycle=1)
P2 = report(10, "2025-11-30", cycle=1)
A2 = assessment(2, "2026-01-20", cycle=2)
PUBLIC_NC = finding(901, "CL-1.2", public=True)
ZT_OPEN = finding(902, "FL-2.1", zt=True)
ZT_REMEDIATED = finding(903, "FL-2.1", zt=True, remediated=True)


def results(outcome: Outcome) -> tuple[Result, ...]:
    return tuple(c.result for c in outcome.criteria)


def criterion(outcome: Outcome, group: Group) -> CriterionResult:
    return next(c for c in outcome.criteria if c.group is group)


# --- the five criteria ---------------------------------------------------------------------

CRITERIA_CASES = [
    ("no-data", facts(), (UNK, UNK, UNK, UNK, UNK)),
    ("single-passing-assessment", facts(A1, P2), (UNK, UNK, UNK, UNK, UNK)),
    (
        "single-assessment-public-non-compliance",
        facts(replace(A1, findings=(PUBLIC_NC,)), P2),
        (NOT, UNK, UNK, UNK, UNK),
    ),
    (
        "single-assessment-hr-unsatisfied",
        facts(assessment(1, "2025-01-14", unsatisfied=("HR-2",)), P2),
        (UNK, NOT, UNK, UNK, UNK),
    ),
    (
        "single-assessment-pr2-moderate",
        facts(A1, report(10, "2025-11-30", ratings={"SD-1": "moderate_progress"})),
        (UNK, UNK, UNK, NOT, UNK),
    ),
    ("two-passing-assessments", facts(A1, P2, A2), ALL_MET),
    ("pr2-missing", facts(A1, A2), (MET, MET, MET, UNK, UNK)),
    ("pr2-same-day-as-earlier", facts(A1, report(10, "2025-01-14"), A2), (MET, MET, MET, UNK, UNK)),
    ("pr2-older-than-earlier", facts(A1, report(10, "2024-11-30"), A2), (MET, MET, MET, UNK, UNK)),
    ("pr1-ignored", facts(A1, report(10, "2025-06-30", number=1), A2), (MET, MET, MET, UNK, UNK)),
    ("draft-pr2-ignored", facts(A1, replace(P2, finalised=False), A2), (MET, MET, MET, UNK, UNK)),
    (
        "draft-failing-pr2-ignored",
        facts(
            A1, P2, report(11, "2025-12-15", finalised=False, ratings={"SD-1": "no_progress"}), A2
        ),
        ALL_MET,
    ),
    (
        "pr2-item-moderate-progress",
        facts(A1, report(10, "2025-11-30", ratings={"SD-2": "moderate_progress"}), A2),
        (MET, MET, MET, NOT, MET),
    ),
    (
        "pr2-item-no-progress",
        facts(A1, report(10, "2025-11-30", ratings={"SD-5": "no_progress"}), A2),
        (MET, MET, MET, NOT, MET),
    ),
    (
        "pr2-learning-moderate-progress",
        facts(A1, report(10, "2025-11-30", ratings={"LRN-1": "moderate_progress"}), A2),
        (MET, MET, MET, MET, NOT),
    ),
    (
        "pr2-item-not-rated",
        facts(A1, report(10, "2025-11-30", unrated=("SD-4",)), A2),
        (MET, MET, MET, UNK, MET),
    ),
    (
        "latest-pr2-counts-not-an-older-failing-one",
        facts(A1, report(9, "2025-06-30", ratings={"SD-1": "no_progress"}), P2, A2),
        ALL_MET,
    ),
    (
        "latest-pr2-counts-not-an-older-passing-one",
        facts(A1, report(9, "2025-06-30"), report(10, "2025-11-30", ratings={"SD-1": "x"}), A2),
        (MET, MET, MET, NOT, MET),
    ),
    (
        "pr2-after-the-later-assessment-counts",
        facts(A1, A2, report(10, "2026-03-01", cycle=2)),
        ALL_MET,
    ),
    ("zt-remediated-passes", facts(A1, P2, replace(A2, findings=(ZT_REMEDIATED,))), ALL_MET),
    (
        "zt-unremediated-fails",
        facts(replace(A1, findings=(ZT_OPEN,)), P2, A2),
        (NOT, MET, MET, MET, MET),
    ),
    (
        "public-and-zt-remediated-still-fails",
        facts(
            A1,
            P2,
            replace(A2, findings=(finding(904, "CL-3.1", public=True, zt=True, remediated=True),)),
        ),
        (NOT, MET, MET, MET, MET),
    ),
    (
        "public-remediated-still-fails",
        facts(
            A1, P2, replace(A2, findings=(finding(905, "CL-1.2", public=True, remediated=True),))
        ),
        (NOT, MET, MET, MET, MET),
    ),
    (
        "non-public-non-zt-non-compliance-passes",
        facts(A1, P2, replace(A2, findings=(finding(906, "WH-4.2"),))),
        ALL_MET,
    ),
    (
        "public-question-found-compliant-passes",
        facts(
            A1,
            P2,
            replace(A2, findings=(finding(907, "CL-1.2", public=True, non_compliant=False),)),
        ),
        ALL_MET,
    ),
    (
        "hr-element-unsatisfied-only-in-earlier",
        facts(assessment(1, "2025-01-14", unsatisfied=("HR-3",)), P2, A2),
        (MET, NOT, MET, MET, MET),
    ),
    (
        "osh-element-unsatisfied-only-in-later",
        facts(A1, P2, assessment(2, "2026-01-20", unsatisfied=("OSH-3",))),
        (MET, MET, NOT, MET, MET),
    ),
    (
        "hr-element-missing",
        facts(A1, P2, assessment(2, "2026-01-20", unrecorded=("HR-6",))),
        (MET, UNK, MET, MET, MET),
    ),
    (
        "osh-element-missing-and-another-unsatisfied",
        facts(
            assessment(1, "2025-01-14", unrecorded=("OSH-1",)),
            P2,
            assessment(2, "2026-01-20", unsatisfied=("OSH-7",)),
        ),
        (MET, MET, NOT, MET, MET),
    ),
    (
        "element-recorded-under-another-system-is-missing",
        facts(
            A1,
            P2,
            replace(
                A2,
                elements=tuple(
                    replace(e, system="OSH") if e.element == "HR-1" else e for e in A2.elements
                ),
            ),
        ),
        (MET, UNK, MET, MET, MET),
    ),
    (
        "additional-questions-not-asked",
        facts(
            assessment(1, "2025-01-14", asked=False), P2, assessment(2, "2026-01-20", asked=False)
        ),
        (MET, MET, MET, UNK, UNK),
    ),
    (
        "additional-questions-asked-only-in-earlier",
        facts(A1, P2, assessment(2, "2026-01-20", asked=False)),
        (MET, MET, MET, UNK, UNK),
    ),
    (
        "additional-answer-sd-not-met",
        facts(A1, P2, assessment(2, "2026-01-20", failed_answers=("SD-2",))),
        (MET, MET, MET, NOT, MET),
    ),
    (
        "additional-answer-learning-not-met",
        facts(A1, P2, assessment(2, "2026-01-20", failed_answers=("LRN-1",))),
        (MET, MET, MET, MET, NOT),
    ),
    (
        "additional-answer-missing",
        facts(A1, P2, assessment(2, "2026-01-20", unanswered=("SD-3",))),
        (MET, MET, MET, UNK, MET),
    ),
    (
        "failed-answer-in-earlier-assessment-ignored",
        facts(assessment(1, "2025-01-14", failed_answers=("SD-1", "LRN-1")), P2, A2),
        ALL_MET,
    ),
    (
        "draft-failing-assessment-ignored",
        facts(
            A1,
            P2,
            A2,
            assessment(3, "2026-02-01", finalised=False, findings=(PUBLIC_NC,), unsatisfied=HR),
        ),
        ALL_MET,
    ),
    (
        "draft-in-the-window-ignored",
        facts(A1, P2, replace(A2, finalised=False)),
        (UNK, UNK, UNK, UNK, UNK),
    ),
    (
        "failure-in-oldest-of-three-ignored",
        facts(
            assessment(0, "2024-01-10", findings=(PUBLIC_NC,), unsatisfied=("HR-1", "OSH-1")),
            A1,
            P2,
            A2,
        ),
        ALL_MET,
    ),
    (
        "failure-in-middle-of-three-counts",
        facts(assessment(0, "2024-01-10"), replace(A1, findings=(ZT_OPEN,)), P2, A2),
        (NOT, MET, MET, MET, MET),
    ),
    (
        "everything-failing",
        facts(
            replace(A1, findings=(PUBLIC_NC,)),
            report(10, "2025-11-30", ratings={"SD-1": "no_progress", "LRN-1": "no_progress"}),
            assessment(2, "2026-01-20", unsatisfied=("HR-1", "OSH-1")),
        ),
        (NOT, NOT, NOT, NOT, NOT),
    ),
]


@pytest.mark.parametrize(
    ("facts_", "expected"),
    [pytest.param(f, e, id=i) for i, f, e in CRITERIA_CASES],
)
def test_it_evaluates_each_criterion(facts_: FactoryFacts, expected: tuple[Result, ...]) -> None:
    outcome = evaluate(facts_, REFERENCE)
    assert [c.group for c in outcome.criteria] == list(Group)
    assert results(outcome) == expected
    assert outcome.all_met is (expected == ALL_MET)


WINDOW_CASES = [
    ("usual", facts(A1, P2, A2), (1, 2), 10),
    ("single", facts(A1, P2), (1,), 10),
    ("single-pr2-before-it", facts(report(10, "2024-11-30"), A1), (1,), None),
    ("unordered-input", facts(A2, P2, A1), (1, 2), 10),
    (
        "draft-newer-does-not-shift",
        facts(A1, P2, A2, assessment(3, "2026-06-01", finalised=False)),
        (1, 2),
        10,
    ),
    ("three-latest-two", facts(assessment(0, "2024-01-10"), A1, P2, A2), (1, 2), 10),
    ("pr2-before-earlier-not-looked-at", facts(A1, report(10, "2024-12-01"), A2), (1, 2), None),
    ("pr1-not-looked-at", facts(A1, report(10, "2025-06-01", number=1), A2), (1, 2), None),
    ("latest-of-two-pr2", facts(A1, report(9, "2025-06-01"), P2, A2), (1, 2), 10),
    (
        "same-visit-date-ordered-by-cycle",
        facts(assessment(7, "2026-01-20", cycle=2), assessment(8, "2026-01-20", cycle=1), A1),
        (8, 7),
        None,
    ),
    (
        "same-visit-date-and-cycle-ordered-by-id",
        facts(assessment(8, "2026-01-20"), assessment(7, "2026-01-20"), A1),
        (7, 8),
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
    outcome = evaluate(facts_, REFERENCE)
    assert outcome.assessment_ids == assessment_ids
    assert outcome.progress_report_id == report_id
    for c in outcome.criteria:
        assert c.evidence["assessments"] == list(assessment_ids)


REASON_CASES = [
    (
        "public-question",
        facts(A1, P2, replace(A2, findings=(PUBLIC_NC,))),
        Group.COMPLIANCE,
        "Question CL-1.2 non-compliant in the assessment of 2026-01-20.",
    ),
    (
        "zero-tolerance",
        facts(A1, P2, replace(A2, findings=(ZT_OPEN,))),
        Group.COMPLIANCE,
        "Zero-tolerance question FL-2.1 non-compliant and not remediated"
        " in the assessment of 2026-01-20.",
    ),
    (
        "osh-element",
        facts(assessment(1, "2025-01-14", unsatisfied=("OSH-3",)), P2, A2),
        Group.OSH,
        "Element OSH-3 not satisfied in the assessment of 2025-01-14.",
    ),
    (
        "element-missing",
        facts(A1, P2, assessment(2, "2026-01-20", unrecorded=("HR-6",))),
        Group.HR,
        "Element HR-6 not recorded in the assessment of 2026-01-20.",
    ),
    (
        "pr2-moderate",
        facts(A1, report(10, "2025-11-30", ratings={"SD-2": "moderate_progress"}), A2),
        Group.SOCIAL_DIALOGUE,
        "Item SD-2 rated Moderate progress in the progress report 2 of 2025-11-30.",
    ),
    (
        "pr2-no-progress-learning",
        facts(A1, report(10, "2025-11-30", ratings={"LRN-1": "no_progress"}), A2),
        Group.LEARNING,
        "Item LRN-1 rated No progress in the progress report 2 of 2025-11-30.",
    ),
    (
        "pr2-unrated",
        facts(A1, report(10, "2025-11-30", unrated=("SD-4",)), A2),
        Group.SOCIAL_DIALOGUE,
        "Item SD-4 not rated in the progress report 2 of 2025-11-30.",
    ),
    (
        "single-assessment",
        facts(A1, P2),
        Group.HR,
        "Only one finalised assessment; two consecutive assessments are needed.",
    ),
    (
        "no-assessment",
        facts(),
        Group.COMPLIANCE,
        "No finalised assessment yet; two consecutive assessments are needed.",
    ),
    (
        "pr2-missing",
        facts(A1, A2),
        Group.LEARNING,
        "No finalised progress report 2 released after the assessment of 2025-01-14.",
    ),
    (
        "not-asked",
        facts(A1, P2, assessment(2, "2026-01-20", asked=False)),
        Group.SOCIAL_DIALOGUE,
        "Additional questions not asked in the assessment of 2026-01-20.",
    ),
    (
        "answer-not-met",
        facts(A1, P2, assessment(2, "2026-01-20", failed_answers=("SD-5",))),
        Group.SOCIAL_DIALOGUE,
        "Additional question on item SD-5 not met in the assessment of 2026-01-20.",
    ),
    (
        "answer-missing",
        facts(A1, P2, assessment(2, "2026-01-20", unanswered=("LRN-1",))),
        Group.LEARNING,
        "Additional question on item LRN-1 not answered in the assessment of 2026-01-20.",
    ),
    (
        "compliance-met",
        facts(A1, P2, A2),
        Group.COMPLIANCE,
        "No non-compliance on publicly reported questions and no unremediated zero-tolerance"
        " issue in the assessments of 2025-01-14 and 2026-01-20.",
    ),
    (
        "hr-met",
        facts(A1, P2, A2),
        Group.HR,
        "All 6 HR elements satisfied in the assessments of 2025-01-14 and 2026-01-20.",
    ),
    (
        "learning-met",
        facts(A1, P2, A2),
        Group.LEARNING,
        "Learning item LRN-1 on track in the progress report 2 of 2025-11-30 and confirmed"
        " by the additional questions in the assessment of 2026-01-20.",
    ),
]


@pytest.mark.parametrize(
    ("facts_", "group", "reason"),
    [pytest.param(f, g, r, id=i) for i, f, g, r in REASON_CASES],
)
def test_it_explains_each_result(facts_: FactoryFacts, group: Group, reason: str) -> None:
    assert reason in criterion(evaluate(facts_, REFERENCE), group).reasons


def test_it_gives_one_reason_per_failing_thing_and_missing_piece() -> None:
    facts_ = facts(
        replace(A1, findings=(PUBLIC_NC,)),
        P2,
        replace(A2, findings=(ZT_OPEN, ZT_REMEDIATED, finding(906, "WH-4.2"))),
    )
    assert criterion(evaluate(facts_, REFERENCE), Group.COMPLIANCE).reasons == (
        "Question CL-1.2 non-compliant in the assessment of 2025-01-14.",
        "Zero-tolerance question FL-2.1 non-compliant and not remediated"
        " in the assessment of 2026-01-20.",
    )
    single = criterion(
        evaluate(facts(replace(A1, findings=(PUBLIC_NC,))), REFERENCE), Group.COMPLIANCE
    )
    assert single.result is NOT
    assert single.reasons == (
        "Question CL-1.2 non-compliant in the assessment of 2025-01-14.",
        "Only one finalised assessment; two consecutive assessments are needed.",
    )


EVIDENCE_CASES = [
    (
        "findings",
        facts(
            replace(A1, findings=(PUBLIC_NC, finding(906, "WH-4.2"))),
            P2,
            replace(A2, findings=(ZT_OPEN, ZT_REMEDIATED)),
        ),
        Group.COMPLIANCE,
        {"findings": [901, 902], "progress_report": None},
    ),
    (
        "elements",
        facts(
            assessment(1, "2025-01-14", unsatisfied=("HR-3",)),
            P2,
            assessment(2, "2026-01-20", unsatisfied=("HR-1", "OSH-3")),
        ),
        Group.HR,
        {"elements": [103, 201], "findings": []},
    ),
    (
        "osh-elements",
        facts(A1, P2, assessment(2, "2026-01-20", unsatisfied=("HR-1", "OSH-3"))),
        Group.OSH,
        {"elements": [209]},
    ),
    (
        "rating-items",
        facts(
            A1,
            report(10, "2025-11-30", ratings={"SD-2": "moderate_progress", "LRN-1": "no_progress"}),
            A2,
        ),
        Group.SOCIAL_DIALOGUE,
        {"items": [1002], "progress_report": 10, "additional_answers": []},
    ),
    (
        "learning-items",
        facts(
            A1,
            report(10, "2025-11-30", ratings={"SD-2": "moderate_progress", "LRN-1": "no_progress"}),
            A2,
        ),
        Group.LEARNING,
        {"items": [1006], "progress_report": 10},
    ),
    (
        "additional-answers",
        facts(A1, P2, assessment(2, "2026-01-20", failed_answers=("SD-1", "LRN-1"))),
        Group.SOCIAL_DIALOGUE,
        {"additional_answers": [251], "items": [], "assessments": [1, 2]},
    ),
    (
        "no-pr2",
        facts(A1, A2),
        Group.LEARNING,
        {"progress_report": None, "items": []},
    ),
]


@pytest.mark.parametrize(
    ("facts_", "group", "expected"),
    [pytest.param(f, g, e, id=i) for i, f, g, e in EVIDENCE_CASES],
)
def test_it_records_the_evidence(
    facts_: FactoryFacts, group: Group, expected: dict[str, object]
) -> None:
    evidence = criterion(evaluate(facts_, REFERENCE), group).evidence
    assert {key: evidence[key] for key in expected} == expected


@pytest.mark.parametrize("facts_", [pytest.param(f, id=i) for i, f, _ in CRITERIA_CASES[:8]])
def test_it_uses_the_same_evidence_keys_for_every_criterion(facts_: FactoryFacts) -> None:
    keys = {"assessments", "progress_report", "findings", "elements", "items", "additional_answers"}
    for c in evaluate(facts_, REFERENCE).criteria:
        assert set(c.evidence) == keys


# --- the candidate gate --------------------------------------------------------------------

A2_PR2 = report(20, "2026-11-30", cycle=2)

PREQUALIFICATION_CASES = [
    (
        "latest-passes-with-pr2-after-it",
        facts(
            A1, P2, replace(A2, includes_additional_questions=False, additional_answers=()), A2_PR2
        ),
        True,
        "On track",
    ),
    ("single-assessment-enough", facts(A1, P2), True, "the progress report 2 of 2025-11-30"),
    (
        "older-failure-ignored",
        facts(replace(A1, findings=(PUBLIC_NC,)), P2, A2, A2_PR2),
        True,
        "The assessment of 2026-01-20",
    ),
    ("no-assessment", facts(P2), False, "No finalised assessment yet."),
    (
        "no-pr2-after-latest",
        facts(A1, P2, A2),
        False,
        "No finalised progress report 2 released after the assessment of 2026-01-20.",
    ),
    (
        "pr2-same-day-as-latest",
        facts(A1, report(10, "2025-01-14")),
        False,
        "No finalised progress report 2 released after",
    ),
    (
        "only-pr1-after-latest",
        facts(A1, report(10, "2025-06-30", number=1)),
        False,
        "No finalised progress report 2",
    ),
    (
        "draft-pr2-after-latest",
        facts(A1, replace(P2, finalised=False)),
        False,
        "No finalised progress report 2",
    ),
    (
        "latest-public-non-compliance",
        facts(replace(A1, findings=(PUBLIC_NC,)), P2),
        False,
        "Question CL-1.2 non-compliant in the assessment of 2025-01-14.",
    ),
    (
        "latest-zt-unremediated",
        facts(replace(A1, findings=(ZT_OPEN,)), P2),
        False,
        "Zero-tolerance question FL-2.1",
    ),
    ("latest-zt-remediated", facts(replace(A1, findings=(ZT_REMEDIATED,)), P2), True, "On track"),
    (
        "latest-hr-unsatisfied",
        facts(assessment(1, "2025-01-14", unsatisfied=("HR-4",)), P2),
        False,
        "Element HR-4 not satisfied",
    ),
    (
        "latest-osh-missing",
        facts(assessment(1, "2025-01-14", unrecorded=("OSH-6",)), P2),
        False,
        "Element OSH-6 not recorded",
    ),
    (
        "pr2-sd-moderate",
        facts(A1, report(10, "2025-11-30", ratings={"SD-3": "moderate_progress"})),
        False,
        "Item SD-3 rated Moderate progress",
    ),
    (
        "pr2-learning-no-progress",
        facts(A1, report(10, "2025-11-30", ratings={"LRN-1": "no_progress"})),
        False,
        "Item LRN-1 rated No progress",
    ),
    (
        "pr2-item-unrated",
        facts(A1, report(10, "2025-11-30", unrated=("SD-1",))),
        False,
        "Item SD-1 not rated",
    ),
    (
        "draft-latest-ignored",
        facts(A1, P2, assessment(2, "2026-01-20", finalised=False, unsatisfied=HR)),
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
    outcome = evaluate(facts_, REFERENCE)
    assert outcome.prequalified is prequalified
    assert any(reason in r for r in outcome.prequalification_reasons), (
        outcome.prequalification_reasons
    )


# --- stages --------------------------------------------------------------------------------


def outcome(kind: str) -> Outcome:
    """An outcome of a given kind, built directly: the stage rules only read its results."""
    shapes = {
        "all_met": (ALL_MET, False),
        "unknown_prequalified": ((MET, MET, MET, UNK, UNK), True),
        "unknown_not_prequalified": ((UNK, UNK, UNK, UNK, UNK), False),
        "not_met_prequalified": ((NOT, MET, MET, MET, MET), True),
        "not_met_not_prequalified": ((MET, MET, MET, NOT, UNK), False),
    }
    found, prequalified = shapes[kind]
    return Outcome(
        criteria=tuple(
            CriterionResult(group=g, result=r, reasons=(f"{g.label} is {r}.",), evidence={})
            for g, r in zip(Group, found, strict=True)
        ),
        assessment_ids=(1, 2),
        progress_report_id=10,
        prequalified=prequalified,
        prequalification_reasons=("Gate reason.",),
    )


NOT_ON_TRACK, CANDIDATE, ELIGIBLE = Stage.NOT_ON_TRACK, Stage.CANDIDATE, Stage.ELIGIBLE
HIGH, REVIEWING = Stage.HIGH_PERFORMING, Stage.UNDER_REVIEW
GRANT, REVIEW = RequestKind.GRANT, RequestKind.REVIEW

NEXT_STAGE_ROWS = [
    (NOT_ON_TRACK, "all_met", ELIGIBLE, GRANT),
    (NOT_ON_TRACK, "unknown_prequalified", CANDIDATE, None),
    (NOT_ON_TRACK, "unknown_not_prequalified", NOT_ON_TRACK, None),
    (NOT_ON_TRACK, "not_met_prequalified", CANDIDATE, None),
    (NOT_ON_TRACK, "not_met_not_prequalified", NOT_ON_TRACK, None),
    (CANDIDATE, "all_met", ELIGIBLE, GRANT),
    (CANDIDATE, "unknown_prequalified", CANDIDATE, None),
    (CANDIDATE, "unknown_not_prequalified", NOT_ON_TRACK, None),
    (CANDIDATE, "not_met_prequalified", CANDIDATE, None),
    (CANDIDATE, "not_met_not_prequalified", NOT_ON_TRACK, None),
    (ELIGIBLE, "all_met", ELIGIBLE, None),
    (ELIGIBLE, "unknown_prequalified", CANDIDATE, None),
    (ELIGIBLE, "unknown_not_prequalified", NOT_ON_TRACK, None),
    (ELIGIBLE, "not_met_prequalified", CANDIDATE, None),
    (ELIGIBLE, "not_met_not_prequalified", NOT_ON_TRACK, None),
    (HIGH, "all_met", HIGH, None),
    (HIGH, "unknown_prequalified", HIGH, None),
    (HIGH, "unknown_not_prequalified", HIGH, None),
    (HIGH, "not_met_prequalified", REVIEWING, REVIEW),
    (HIGH, "not_met_not_prequalified", REVIEWING, REVIEW),
    (REVIEWING, "all_met", REVIEWING, None),
    (REVIEWING, "unknown_prequalified", REVIEWING, None),
    (REVIEWING, "unknown_not_prequalified", REVIEWING, None),
    (REVIEWING, "not_met_prequalified", REVIEWING, None),
    (REVIEWING, "not_met_not_prequalified", REVIEWING, None),
]


@pytest.mark.parametrize(
    ("current", "kind", "stage", "request_kind"),
    [pytest.param(c, k, s, r, id=f"{c}-{k}") for c, k, s, r in NEXT_STAGE_ROWS],
)
def test_it_moves_to_the_next_stage(
    current: Stage, kind: str, stage: Stage, request_kind: RequestKind | None
) -> None:
    decision = next_stage(current, outcome(kind))
    assert (decision.stage, decision.request) == (stage, request_kind)
    assert decision.reasons
    assert next_stage(current, outcome(kind)) == decision  # idempotent


def test_it_covers_every_stage_in_the_next_stage_table() -> None:
    assert {row[0] for row in NEXT_STAGE_ROWS} == set(Stage)


def test_it_names_the_failed_criterion_when_asking_for_a_review() -> None:
    decision = next_stage(HIGH, outcome("not_met_not_prequalified"))
    assert "Social dialogue criterion not met." in decision.reasons
    assert "Social dialogue is not_met." in decision.reasons
    assert not any("Learning" in r for r in decision.reasons)


def test_it_follows_real_data_from_candidate_to_eligible() -> None:
    candidate = evaluate(facts(A1, P2), REFERENCE)
    assert next_stage(NOT_ON_TRACK, candidate).stage is CANDIDATE
    decision = next_stage(CANDIDATE, evaluate(facts(A1, P2, A2), REFERENCE))
    assert (decision.stage, decision.request) == (ELIGIBLE, GRANT)


@pytest.mark.parametrize(
    ("kind", "approved", "prequalified", "stage"),
    [
        pytest.param(GRANT, True, True, HIGH, id="grant-approved"),
        pytest.param(GRANT, True, False, HIGH, id="grant-approved-not-prequalified"),
        pytest.param(GRANT, False, True, CANDIDATE, id="grant-rejected-prequalified"),
        pytest.param(GRANT, False, False, NOT_ON_TRACK, id="grant-rejected-not-prequalified"),
        pytest.param(REVIEW, True, True, HIGH, id="review-kept"),
        pytest.param(REVIEW, True, False, HIGH, id="review-kept-not-prequalified"),
        pytest.param(REVIEW, False, True, CANDIDATE, id="review-withdrawn-prequalified"),
        pytest.param(REVIEW, False, False, NOT_ON_TRACK, id="review-withdrawn-not-prequalified"),
    ],
)
def test_it_applies_a_programme_manager_decision(
    kind: RequestKind, approved: bool, prequalified: bool, stage: Stage
) -> None:
    decided = replace(outcome("not_met_prequalified"), prequalified=prequalified)
    assert stage_after_decision(kind, approved, decided) is stage


# --- stored form ---------------------------------------------------------------------------

BASE = facts(A1, P2, A2)

FINGERPRINT_CASES = [
    ("same-data-other-order", facts(A2, P2, A1), True),
    (
        "findings-added-to-earlier",
        facts(replace(A1, findings=(ZT_REMEDIATED, PUBLIC_NC)), P2, A2),
        False,
    ),
    ("draft-added", facts(A1, P2, A2, assessment(3, "2026-06-01", finalised=False)), True),
    ("draft-pr2-added", facts(A1, P2, A2, report(20, "2026-11-30", finalised=False)), True),
    ("pr1-added", facts(A1, P2, A2, report(19, "2026-05-30", number=1)), True),
    ("finding-added", facts(A1, P2, replace(A2, findings=(finding(906, "WH-4.2"),))), False),
    ("element-changed", facts(A1, P2, assessment(2, "2026-01-20", unsatisfied=("HR-1",))), False),
    (
        "rating-changed",
        facts(A1, report(10, "2025-11-30", ratings={"SD-1": "no_progress"}), A2),
        False,
    ),
    ("visit-date-changed", facts(A1, P2, replace(A2, visit_date=date(2026, 1, 21))), False),
    ("draft-finalised", facts(A1, P2, A2, assessment(3, "2026-06-01")), False),
    ("pr2-added", facts(A1, P2, A2, A2_PR2), False),
]


@pytest.mark.parametrize(
    ("other", "equal"), [pytest.param(f, e, id=i) for i, f, e in FINGERPRINT_CASES]
)
def test_it_fingerprints_the_finalised_data(other: FactoryFacts, equal: bool) -> None:
    assert (fingerprint(other) == fingerprint(BASE)) is equal


def test_it_fingerprints_reordered_findings_alike() -> None:
    one = facts(replace(A1, findings=(ZT_REMEDIATED, PUBLIC_NC)), P2, A2)
    other = facts(replace(A1, findings=(PUBLIC_NC, ZT_REMEDIATED)), P2, A2)
    assert fingerprint(one) == fingerprint(other)


def test_it_fingerprints_editing_a_draft_alike() -> None:
    draft = assessment(3, "2026-06-01", finalised=False)
    edited = replace(draft, findings=(PUBLIC_NC,), visit_date=date(2026, 6, 2))
    assert fingerprint(facts(A1, P2, A2, draft)) == fingerprint(facts(A1, P2, A2, edited))


def test_it_fingerprints_with_the_rule_version() -> None:
    digest = fingerprint(BASE)
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert fingerprint(BASE, RULE_VERSION) == digest
    assert fingerprint(BASE, "BW-2030") != digest
    assert RULE_VERSION == "BW-2017"


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
    assert evaluate(rebuilt, REFERENCE).to_json() == evaluate(facts_, REFERENCE).to_json()
    assert facts_to_json(rebuilt) == facts_to_json(facts_)


def test_its_rows_leave_out_drafts_and_pr1s_and_sort() -> None:
    draft = assessment(3, "2026-06-01", finalised=False)
    pr1 = report(19, "2025-06-01", number=1)
    rows = evidence_rows(facts(A2, draft, pr1, P2, A1))
    assert rows == sorted(rows)
    assert {(row[0], row[1]) for row in rows if row[1] == row[2]} == {
        ("a", 1),
        ("a", 2),
        ("p", 10),
    }
    assert rows == evidence_rows(facts(A1, P2, A2))


def test_it_fingerprints_rows_with_the_rule_version() -> None:
    rows = evidence_rows(BASE)
    assert rows_fingerprint(rows) == rows_fingerprint(rows, RULE_VERSION)
    assert rows_fingerprint(rows, "BW-2030") != rows_fingerprint(rows)
    assert rows_fingerprint(rows[:-1]) != rows_fingerprint(rows)


def test_it_stores_the_facts_as_sorted_json() -> None:
    stored = facts_to_json(
        facts(
            A2,
            assessment(3, "2026-06-01", finalised=False),
            report(19, "2025-06-01", number=1),
            P2,
            A1,
        )
    )
    assert json.loads(json.dumps(stored)) == stored
    assert [a["id"] for a in stored["assessments"]] == [1, 2]
    assert [r["id"] for r in stored["progress_reports"]] == [10]
    assert stored["assessments"][0]["visit_date"] == "2025-01-14"
    assert stored["progress_reports"][0]["release_date"] == "2025-11-30"
    ids = [e["id"] for e in stored["assessments"][1]["elements"]]
    assert ids == sorted(ids) and len(ids) == 13


@pytest.mark.parametrize("facts_", [pytest.param(f, id=i) for i, f, _ in CRITERIA_CASES])
def test_it_serialises_the_outcome(facts_: FactoryFacts) -> None:
    outcome_ = evaluate(facts_, REFERENCE)
    stored = outcome_.to_json()
    assert json.loads(json.dumps(stored)) == stored
    assert stored["rule_version"] == RULE_VERSION
    assert [c["group"] for c in stored["criteria"]] == [g.value for g in Group]
    assert [c["result"] for c in stored["criteria"]] == [r.value for r in results(outcome_)]
    assert stored["assessment_ids"] == list(outcome_.assessment_ids)
    assert stored["progress_report_id"] == outcome_.progress_report_id
    assert stored["all_met"] is outcome_.all_met
    assert stored["prequalified"] is outcome_.prequalified
    assert evaluate(facts_, REFERENCE).to_json() == stored  # deterministic
