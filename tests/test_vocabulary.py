"""One vocabulary: each state is one enum, defined once, and no template or module spells a
state as a bare string (they compare with the enums, which templates get from a context
processor), and the navigation links by URL name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assessments.vocabulary import Answer, Rating, Status
from differentiation import criteria
from differentiation.vocabulary import Group, RequestKind, RequestStatus, Result
from factories.vocabulary import BuyerStage, Role, Stage

ROOT = Path(__file__).resolve().parent.parent
APPS = ("betterwork", "factories", "assessments", "differentiation", "workspace", "buyer_portal")

# The states a module may not spell: stages, requests, records, ratings; the staff role (the
# other roles' values, "factory" and "buyer", are also field names).
MODULE_WORDS = sorted(
    {*Stage.values, *BuyerStage.values, *RequestStatus.values, *Status.values, *Rating.values}
    | {Role.PROGRAMME_MANAGER.value, Result.NOT_MET.value}
)
# Templates may spell none of them, nor a request kind or a result, nor compare with a role.
TEMPLATE_WORDS = sorted({*MODULE_WORDS, *RequestKind.values, *Result.values, *Answer.values})
ROLE_COMPARISON = re.compile(r"""[=!]=\s*["'](""" + "|".join(Role.values) + r""")["']""")


class _Literal:
    """A quoted state; a dict key (`{"pending": ...}`) names a thing instead, and is passed."""

    def __init__(self, words: list[str]) -> None:
        self.quoted = re.compile(r"""(["'])(""" + "|".join(map(re.escape, words)) + r""")\1""")

    def search(self, line: str) -> bool:
        for match in self.quoted.finditer(line):
            before, after = line[: match.start()].rstrip(), line[match.end() :].lstrip()
            key = after.startswith(":") and (before == "" or before.endswith(("{", ",")))
            if not key:
                return True
        return False


def _literal(words: list[str]) -> _Literal:
    return _Literal(words)


def _modules() -> list[Path]:
    return [
        path
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        and "tooling" not in path.parts
        and path.name != "vocabulary.py"
    ]


def _hits(paths: list[Path], pattern: re.Pattern[str] | _Literal) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in paths
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]


def test_no_module_spells_a_state() -> None:
    assert _hits(_modules(), _literal(MODULE_WORDS)) == []


def test_no_template_spells_a_state() -> None:
    templates = sorted((ROOT / "templates").rglob("*.html"))
    assert _hits(templates, _literal(TEMPLATE_WORDS)) == []
    assert _hits(templates, ROLE_COMPARISON) == []


def test_the_navigation_links_by_url_name() -> None:
    nav = (ROOT / "templates" / "partials" / "nav.html").read_text()
    assert 'href="/' not in nav
    assert "{% url " in nav


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ('if factory.stage == "high_performing":', True),
        ("{% if role == 'programme_manager' %}", True),
        ('filters = {"status": "pending"}', True),
        ('Q(status="draft")', True),
        ('{"pending": filters["status"] == RequestStatus.PENDING}', False),
        ("if factory.stage == Stage.HIGH_PERFORMING:", False),
        ('"high_performing_since"', False),
    ],
)
def test_the_scan_finds_a_spelled_state(line: str, found: bool) -> None:
    assert bool(_literal(MODULE_WORDS).search(line)) is found


@pytest.mark.parametrize("name", ["Stage", "BuyerStage", "Role", "RequestKind", "RequestStatus"])
def test_each_state_is_one_enum_defined_once(name: str) -> None:
    definitions = _hits(_modules(), re.compile(rf"^\s*class {name}\b"))
    vocabularies = [
        path
        for app in APPS
        for path in (ROOT / app).rglob("vocabulary.py")
        if re.search(rf"^class {name}\b", path.read_text(), re.M)
    ]
    assert definitions == []
    assert len(vocabularies) == 1


def test_the_rules_use_the_same_enums() -> None:
    assert criteria.Stage is Stage
    assert criteria.RequestKind is RequestKind
    assert criteria.Group is Group
    assert criteria.Result is Result
    assert criteria.Rating is Rating
