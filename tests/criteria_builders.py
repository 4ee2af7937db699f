"""Plain facts for the pure-rule tests: passing records unless told otherwise, ids that say
what they are (element HR-3 of assessment 2 is 203; rating SD-2 of report 20 is 2002)."""

from __future__ import annotations

from datetime import date

from differentiation.criteria import (
    CURRENT,
    AdditionalAnswerFact,
    AssessmentFact,
    ElementFact,
    FactoryFacts,
    FindingFact,
    ProgressReportFact,
    RatingFact,
)

HR = CURRENT.hr_elements
OSH = CURRENT.osh_elements
SD = CURRENT.social_dialogue_items
LEARNING = CURRENT.learning_items
ITEMS = SD + LEARNING


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
    return aid * 100 + (HR + OSH).index(code) + 1


def answer_id(aid: int, code: str) -> int:
    return aid * 100 + 50 + ITEMS.index(code) + 1


def rating_id(rid: int, code: str) -> int:
    return rid * 100 + ITEMS.index(code) + 1


def assessment(
    aid: int,
    cycle: int,
    *,
    visit: str = "",
    finalised: bool = True,
    findings: tuple[FindingFact, ...] = (),
    unsatisfied: tuple[str, ...] = (),
    unrecorded: tuple[str, ...] = (),
    asked: bool = False,
    not_confirmed: tuple[str, ...] = (),
    unanswered: tuple[str, ...] = (),
) -> AssessmentFact:
    """A passing assessment of `cycle` (visited in January of 2024 + cycle by default); with
    `asked` it carries the additional questions, all confirmed unless told otherwise."""
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
        AdditionalAnswerFact(id=answer_id(aid, code), item=code, met=code not in not_confirmed)
        for code in ITEMS
        if asked and code not in unanswered
    )
    return AssessmentFact(
        id=aid,
        cycle=cycle,
        visit_date=date.fromisoformat(visit) if visit else date(2024 + cycle, 1, 15),
        finalised=finalised,
        includes_additional_questions=asked,
        findings=findings,
        elements=elements,
        additional_answers=answers,
    )


def report(
    rid: int,
    cycle: int,
    *,
    number: int = 2,
    released: str = "",
    finalised: bool = True,
    ratings: dict[str, str] | None = None,
    unrated: tuple[str, ...] = (),
) -> ProgressReportFact:
    """An all-on-track progress report of `cycle` (PR2 released in the 11th month)."""
    given = ratings or {}
    default = date(2024 + cycle, 11, 30) if number == 2 else date(2024 + cycle, 6, 30)
    return ProgressReportFact(
        id=rid,
        cycle=cycle,
        number=number,
        release_date=date.fromisoformat(released) if released else default,
        finalised=finalised,
        ratings=tuple(
            RatingFact(id=rating_id(rid, code), item=code, rating=given.get(code, "on_track"))
            for code in ITEMS
            if code not in unrated
        ),
    )


def facts(*records: AssessmentFact | ProgressReportFact) -> FactoryFacts:
    return FactoryFacts(
        assessments=tuple(r for r in records if isinstance(r, AssessmentFact)),
        progress_reports=tuple(r for r in records if isinstance(r, ProgressReportFact)),
    )
