"""docs/rules.md says what the code does: its tables name every rule version, criterion group,
stage (and the buyer's view of it) and transition of the code, and nothing the code lacks."""

from __future__ import annotations

import re
from pathlib import Path

from differentiation.criteria import CURRENT, PAST_VERSIONS
from differentiation.evaluation.stages import TRANSITIONS
from differentiation.vocabulary import Group
from factories.vocabulary import BuyerStage, Stage

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def section(number: int) -> str:
    """The text of `## <number>. ...` up to the next section."""
    text = DOC.read_text()
    match = re.search(rf"^## {number}\. .*?(?=^## \d+\. |\Z)", text, re.M | re.S)
    assert match, f"docs/rules.md has no section {number}"
    return match.group(0)


def table(text: str, header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header row starts with `| header |`, as cells with
    their backticks removed."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(f"| {header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.strip().startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows.append([cell.replace("`", "") for cell in cells])
    return rows


def codes(cell: str) -> set[str]:
    return {part.strip() for part in cell.split(",")}


def test_the_rule_versions_are_the_codes() -> None:
    rows = table(section(6), "version")
    assert {row[0] for row in rows} == {CURRENT.name, *PAST_VERSIONS}
    (current,) = [row for row in rows if row[1].startswith("current")]
    assert current[0] == CURRENT.name


def test_the_criterion_groups_are_the_codes() -> None:
    rows = table(section(4), "group")
    assert [row[0] for row in rows] == list(Group.values)


def test_the_stages_are_the_codes() -> None:
    rows = table(section(7), "stage")
    assert [row[0] for row in rows] == list(Stage.values)


def test_the_buyers_view_of_the_stages_is_the_codes() -> None:
    rows = table(section(9), "factory's stage")
    shown = {stage: row[1] for row in rows for stage in codes(row[0])}
    assert set(shown) == set(Stage.values)
    assert set(shown.values()) == set(BuyerStage.values)
    for stage, seen in shown.items():
        assert BuyerStage.of(stage) == seen


def test_the_transitions_are_the_stage_machines() -> None:
    documented = {(row[0], row[1], row[2]) for row in table(section(7), "from")}
    in_code = {
        (str(from_stage), event, str(to_stage))
        for (from_stage, event), targets in TRANSITIONS.items()
        for to_stage in targets
    }
    assert sorted(in_code - documented) == [], "transitions of the code missing from rules.md"
    assert sorted(documented - in_code) == [], "transitions in rules.md the code does not allow"


def test_the_table_reader_reads_rows() -> None:
    text = "## 1. x\n\n| a | b |\n| --- | --- |\n| `one` | two |\n| three | `four`, five |\n\nafter"
    assert table(text, "a") == [["one", "two"], ["three", "four, five"]]
