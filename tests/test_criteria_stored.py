"""The rules' stored form: fingerprints, evidence rows and the JSON of facts and outcomes."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pytest

from differentiation.criteria import (
    RULE_VERSION,
    FactoryFacts,
    evaluate,
    evidence_rows,
    facts_from_rows,
    facts_to_json,
    fingerprint,
    rows_fingerprint,
)
from differentiation.vocabulary import Group
from tests.criteria_builders import assessment, facts, finding, report
from tests.criteria_cases import (
    A1,
    A2,
    CRITERIA_CASES,
    P1,
    P2,
    PUBLIC_NC,
    ZT_OPEN,
    ZT_REMEDIATED,
    results,
)

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
    assert re.fullmatch(r"[0-9a-f]{64}", digest)  # a sha256, in hex
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
