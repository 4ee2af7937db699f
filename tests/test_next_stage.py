"""The pure stage machine (docs/rules.md section 7), table by table, and the invariants of the rules
checked on generated data (hypothesis). No database."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from differentiation.criteria import (
    AdditionalQuestions,
    AssessmentFact,
    CriterionResult,
    FactoryFacts,
    NewEvidence,
    Outcome,
    ProgressReportFact,
    RequestKind,
    Stage,
    evaluate,
    evidence_rows,
    facts_from_rows,
    fingerprint,
    next_stage,
    stage_after_decision,
)
from differentiation.criteria.reasons import reason
from differentiation.vocabulary import Group, Result
from tests.criteria_builders import ITEMS, assessment, facts, finding, report

MET, NOT, UNK = Result.MET, Result.NOT_MET, Result.UNKNOWN
NOT_ON_TRACK, CANDIDATE, ELIGIBLE = Stage.NOT_ON_TRACK, Stage.CANDIDATE, Stage.ELIGIBLE
HIGH, REVIEWING = Stage.HIGH_PERFORMING, Stage.UNDER_REVIEW
GRANT, REVIEW = RequestKind.GRANT, RequestKind.REVIEW


def outcome(kind: str) -> Outcome:
    """An outcome of a given kind, built directly: the stage rules read only its results, the
    gate, the additional questions (carried by assessment 2) and where failures came from."""
    shapes: dict[str, tuple[tuple[Result, ...], bool, bool, str]] = {
        # results, prequalified, additional questions confirmed, failing record
        "all_met_confirmed": ((MET,) * 5, True, True, ""),
        "all_met_not_carried": ((MET,) * 5, True, False, ""),
        "unknown_prequalified": ((MET, MET, MET, UNK, UNK), True, False, ""),
        "unknown_not_prequalified": ((UNK,) * 5, False, False, ""),
        "not_met_in_assessment_1_prequalified": ((NOT, MET, MET, MET, MET), True, True, "a1"),
        "not_met_in_assessment_2": ((NOT, MET, MET, MET, MET), False, False, "a2"),
        "not_met_in_report_10": ((MET, MET, MET, NOT, UNK), False, False, "p10"),
    }
    found, prequalified, confirmed, failing = shapes[kind]
    evidence = {
        "failed_assessments": [int(failing[1:])] if failing.startswith("a") else [],
        "failed_progress_reports": [int(failing[1:])] if failing.startswith("p") else [],
    }
    return Outcome(
        criteria=tuple(
            CriterionResult(
                group=g,
                result=r,
                reasons=(reason("{group} is {result}.", group=g.noun, result=r.value),),
                evidence=evidence if r is NOT else {},
            )
            for g, r in zip(Group, found, strict=True)
        ),
        assessment_ids=(1, 2),
        progress_report_id=10,
        prequalified=prequalified,
        prequalification_reasons=(reason("Gate reason."),),
        additional_questions=AdditionalQuestions(
            assessment_id=2 if kind != "all_met_not_carried" else None,
            confirmed=confirmed,
            reasons=(reason("Questions reason."),),
        ),
    )


def new(assessments: tuple[int, ...] = (), reports: tuple[int, ...] = ()) -> NewEvidence:
    return NewEvidence(frozenset(assessments), frozenset(reports))


NEVER_DECIDED = None
EVERYTHING_DECIDED = new()

# (stage now, outcome, records new since the last decision) -> (stage next, request queued)
NEXT_STAGE_ROWS = [
    # Not on track: the gate makes a candidate; eligibility always waits for candidacy.
    (NOT_ON_TRACK, "all_met_confirmed", NEVER_DECIDED, CANDIDATE, None),
    (NOT_ON_TRACK, "unknown_prequalified", NEVER_DECIDED, CANDIDATE, None),
    (NOT_ON_TRACK, "unknown_not_prequalified", NEVER_DECIDED, NOT_ON_TRACK, None),
    (NOT_ON_TRACK, "not_met_in_assessment_1_prequalified", NEVER_DECIDED, CANDIDATE, None),
    (NOT_ON_TRACK, "not_met_in_report_10", NEVER_DECIDED, NOT_ON_TRACK, None),
    # Candidate: eligible once the next assessment carries confirmed questions and all is met.
    (CANDIDATE, "all_met_confirmed", NEVER_DECIDED, ELIGIBLE, GRANT),
    (CANDIDATE, "all_met_confirmed", new(assessments=(2,)), ELIGIBLE, GRANT),
    (CANDIDATE, "all_met_confirmed", EVERYTHING_DECIDED, CANDIDATE, None),
    (CANDIDATE, "all_met_not_carried", NEVER_DECIDED, CANDIDATE, None),
    (CANDIDATE, "unknown_prequalified", NEVER_DECIDED, CANDIDATE, None),
    (CANDIDATE, "unknown_not_prequalified", NEVER_DECIDED, CANDIDATE, None),
    (CANDIDATE, "not_met_in_assessment_1_prequalified", NEVER_DECIDED, CANDIDATE, None),
    (CANDIDATE, "not_met_in_assessment_2", NEVER_DECIDED, NOT_ON_TRACK, None),
    (CANDIDATE, "not_met_in_report_10", NEVER_DECIDED, NOT_ON_TRACK, None),
    # Eligible: only a criterion not met cancels the eligibility; unknown keeps it.
    (ELIGIBLE, "all_met_confirmed", NEVER_DECIDED, ELIGIBLE, None),
    (ELIGIBLE, "all_met_not_carried", NEVER_DECIDED, ELIGIBLE, None),
    (ELIGIBLE, "unknown_prequalified", NEVER_DECIDED, ELIGIBLE, None),
    (ELIGIBLE, "unknown_not_prequalified", NEVER_DECIDED, ELIGIBLE, None),
    (ELIGIBLE, "not_met_in_assessment_1_prequalified", NEVER_DECIDED, CANDIDATE, None),
    (ELIGIBLE, "not_met_in_assessment_2", NEVER_DECIDED, NOT_ON_TRACK, None),
    # High-performing: a review only from a failing record finalised after the last decision.
    (HIGH, "all_met_confirmed", EVERYTHING_DECIDED, HIGH, None),
    (HIGH, "unknown_not_prequalified", new(assessments=(1, 2), reports=(10,)), HIGH, None),
    (HIGH, "not_met_in_assessment_2", new(assessments=(2,)), REVIEWING, REVIEW),
    (HIGH, "not_met_in_assessment_2", NEVER_DECIDED, REVIEWING, REVIEW),
    (HIGH, "not_met_in_assessment_2", EVERYTHING_DECIDED, HIGH, None),
    (HIGH, "not_met_in_assessment_1_prequalified", new(assessments=(2,)), HIGH, None),
    (HIGH, "not_met_in_report_10", new(assessments=(2,)), HIGH, None),
    (HIGH, "not_met_in_report_10", new(reports=(10,)), REVIEWING, REVIEW),
    # Under review: only a decision ends it.
    (REVIEWING, "all_met_confirmed", EVERYTHING_DECIDED, REVIEWING, None),
    (REVIEWING, "unknown_not_prequalified", EVERYTHING_DECIDED, REVIEWING, None),
    (REVIEWING, "not_met_in_assessment_2", new(assessments=(2,)), REVIEWING, None),
]


@pytest.mark.parametrize(
    ("current", "kind", "new_evidence", "stage", "request_kind"),
    [
        pytest.param(
            c,
            k,
            n,
            s,
            r,
            id=f"{c}-{k}-{'never' if n is None else sorted(n.assessments) + sorted(n.progress_reports)}",
        )
        for c, k, n, s, r in NEXT_STAGE_ROWS
    ],
)
def test_it_moves_to_the_next_stage(
    current: Stage,
    kind: str,
    new_evidence: NewEvidence | None,
    stage: Stage,
    request_kind: RequestKind | None,
) -> None:
    decision = next_stage(current, outcome(kind), new_evidence)
    assert (decision.stage, decision.request) == (stage, request_kind)
    assert decision.reasons
    assert next_stage(current, outcome(kind), new_evidence) == decision


def test_it_covers_every_stage_in_the_next_stage_table() -> None:
    assert {row[0] for row in NEXT_STAGE_ROWS} == set(Stage)


def test_it_names_the_failed_criterion_when_asking_for_a_review() -> None:
    decision = next_stage(HIGH, outcome("not_met_in_report_10"), new(reports=(10,)))
    texts = [r.text for r in decision.reasons]
    assert "Social dialogue criterion not met." in texts
    assert "Social dialogue is not_met." in texts
    assert not any("Learning" in t for t in texts)


def test_it_tells_a_candidate_what_comes_next() -> None:
    decision = next_stage(CANDIDATE, outcome("unknown_prequalified"))
    assert "the next assessment includes the additional questions" in decision.reasons[0].text


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
    decided = replace(outcome("not_met_in_assessment_2"), prequalified=prequalified)
    assert stage_after_decision(kind, approved, decided) is stage


# --- stories on real data ------------------------------------------------------------------

A1, P1 = assessment(1, 1), report(10, 1)
A2 = assessment(2, 2, asked=True)
P2 = report(20, 2)


def test_it_follows_a_factory_from_candidate_to_eligible() -> None:
    first = evaluate(facts(A1, P1))
    assert next_stage(NOT_ON_TRACK, first).stage is CANDIDATE
    decision = next_stage(CANDIDATE, evaluate(facts(A1, P1, A2)))
    assert (decision.stage, decision.request) == (ELIGIBLE, GRANT)


def test_a_failed_additional_question_keeps_a_candidate_from_eligibility() -> None:
    failed = evaluate(facts(A1, P1, assessment(2, 2, asked=True, not_confirmed=("SD-4",))))
    assert failed.criterion(Group.SOCIAL_DIALOGUE).result is NOT
    assert next_stage(CANDIDATE, failed).stage is NOT_ON_TRACK


def test_a_near_miss_is_not_eligible() -> None:
    """One additional question left unanswered: every criterion met, still not eligible."""
    near = evaluate(facts(A1, P1, assessment(2, 2, asked=True, unanswered=("LE-1",))))
    assert near.all_met and not near.additional_questions.confirmed
    assert next_stage(CANDIDATE, near).stage is CANDIDATE


def test_a_kept_review_then_a_later_on_track_pr2_opens_nothing() -> None:
    """Kept after a failing assessment 2: PR2 of cycle 2 on track is new, assessment 2 is not."""
    failing = facts(A1, P1, replace(A2, findings=(finding(901, "CL-1.2", public=True),)), P2)
    decision = next_stage(HIGH, evaluate(failing), new(reports=(20,)))
    assert (decision.stage, decision.request) == (HIGH, None)


def test_a_kept_review_then_a_later_failing_record_opens_one() -> None:
    failing = facts(A1, P1, A2, report(20, 2, ratings={"SD-2": "no_progress"}))
    decision = next_stage(HIGH, evaluate(failing), new(reports=(20,)))
    assert (decision.stage, decision.request) == (REVIEWING, REVIEW)


def test_a_high_performing_factory_shows_all_five_criteria_met() -> None:
    """Its later assessments carry no additional questions: it is judged on its PR2."""
    later = evaluate(facts(A1, P1, A2, P2, assessment(3, 3), report(30, 3)))
    assert later.all_met
    assert next_stage(HIGH, later, new(assessments=(3,), reports=(30,))).stage is HIGH


# --- invariants on generated data ----------------------------------------------------------

QUESTIONS = (
    ("CL-1.2", True, False),
    ("CL-3.1", True, True),
    ("FL-2.1", False, True),
    ("WH-4.2", False, False),
)
RATINGS = ("on_track", "moderate_progress", "no_progress")


@st.composite
def an_assessment(draw: st.DrawFn, aid: int, cycle: int) -> AssessmentFact:
    findings = tuple(
        finding(
            aid * 1000 + i,
            code,
            public=public,
            zt=zt,
            remediated=zt and draw(st.booleans()),
        )
        for i, (code, public, zt) in enumerate(QUESTIONS)
        if draw(st.integers(0, 5)) == 0
    )
    return assessment(
        aid,
        cycle,
        finalised=draw(st.integers(0, 4)) > 0,
        findings=findings,
        unsatisfied=tuple(draw(st.sets(st.sampled_from(("HR-1", "OSH-2")), max_size=1))),
        unrecorded=tuple(draw(st.sets(st.sampled_from(("HR-6",)), max_size=1))),
        asked=draw(st.booleans()),
        not_confirmed=tuple(draw(st.sets(st.sampled_from(ITEMS), max_size=1))),
        unanswered=tuple(draw(st.sets(st.sampled_from(ITEMS), max_size=1))),
    )


@st.composite
def a_report(draw: st.DrawFn, rid: int, cycle: int) -> ProgressReportFact:
    return report(
        rid,
        cycle,
        number=draw(st.sampled_from((1, 2, 2, 2))),
        finalised=draw(st.integers(0, 4)) > 0,
        ratings=draw(st.dictionaries(st.sampled_from(ITEMS), st.sampled_from(RATINGS), max_size=2)),
        unrated=tuple(draw(st.sets(st.sampled_from(ITEMS), max_size=1))),
    )


@st.composite
def factory_facts(draw: st.DrawFn) -> FactoryFacts:
    cycles = sorted(draw(st.sets(st.integers(1, 5), max_size=4)))
    assessments = [draw(an_assessment(i + 1, c)) for i, c in enumerate(cycles)]
    report_cycles = draw(st.lists(st.integers(1, 5), max_size=4, unique=True))
    reports = [draw(a_report(100 + i, c)) for i, c in enumerate(report_cycles)]
    return facts(*assessments, *reports)


RANK = {NOT_ON_TRACK: 0, CANDIDATE: 1, ELIGIBLE: 2, HIGH: 3, REVIEWING: 3}
news = st.one_of(
    st.none(),
    st.builds(
        new,
        st.tuples(*[st.sampled_from(range(1, 6))] * 2),
        st.tuples(st.sampled_from(range(100, 104))),
    ),
)


@settings(max_examples=400, deadline=None)
@given(factory_facts())
def test_met_needs_the_data_it_reads(facts_: FactoryFacts) -> None:
    outcome_ = evaluate(facts_)
    finalised = {a.id: a for a in facts_.assessments if a.finalised}
    for c in outcome_.criteria:
        if c.result is not MET:
            continue
        if c.group in (Group.COMPLIANCE, Group.HR, Group.OSH):
            earlier, later = (finalised[pk] for pk in outcome_.assessment_ids)
            assert earlier.cycle == later.cycle - 1
        else:
            pr2 = next(r for r in facts_.progress_reports if r.id == outcome_.progress_report_id)
            later = finalised[outcome_.assessment_ids[-1]]
            assert pr2.finalised and pr2.number == 2 and pr2.cycle >= later.cycle - 1


@settings(max_examples=400, deadline=None)
@given(factory_facts(), st.sampled_from(list(Stage)), news)
def test_unknown_never_lowers_a_stage_and_nothing_becomes_high_performing_alone(
    facts_: FactoryFacts, current: Stage, new_evidence: NewEvidence | None
) -> None:
    outcome_ = evaluate(facts_)
    decision = next_stage(current, outcome_, new_evidence)
    if not outcome_.any_not_met:
        assert RANK[decision.stage] >= RANK[current]
    if current is not HIGH:
        assert decision.stage is not HIGH
    else:
        assert decision.stage in (HIGH, REVIEWING)
    if decision.stage is ELIGIBLE and current is not ELIGIBLE:
        assert outcome_.all_met and outcome_.additional_questions.confirmed


@settings(max_examples=300, deadline=None)
@given(factory_facts(), st.randoms(use_true_random=False))
def test_the_same_data_gives_the_same_result(facts_: FactoryFacts, random: object) -> None:
    shuffled_assessments = list(facts_.assessments)
    shuffled_reports = list(facts_.progress_reports)
    random.shuffle(shuffled_assessments)  # type: ignore[attr-defined]
    random.shuffle(shuffled_reports)  # type: ignore[attr-defined]
    shuffled = FactoryFacts(tuple(shuffled_assessments), tuple(shuffled_reports))
    assert evaluate(facts_).to_json() == evaluate(facts_).to_json() == evaluate(shuffled).to_json()
    assert fingerprint(facts_) == fingerprint(shuffled)
    rebuilt = facts_from_rows(evidence_rows(facts_))
    assert evaluate(rebuilt).to_json() == evaluate(facts_).to_json()
