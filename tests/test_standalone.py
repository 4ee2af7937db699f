"""The project stands alone: no tracked file refers to anything outside the repository, and
every relative link of its Markdown leads to a file inside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Built from pieces, so that this file does not match itself.
OUTSIDE = re.compile(
    "|".join(
        [
            re.escape(".." + "/shared"),
            re.escape("shared" + "/domain"),
            # The team's notes outside the project, by their names (upper case; docs/rules.md
            # and docs/api.md are the project's own).
            r"(?<![\w/])(?:" + "|".join(["RULES", "API", "RESEARCH", "STYLE"]) + r")\.md\b",
        ]
    )
)
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


SKIP = {".git", ".venv", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache", "backups"}


def tracked_files() -> list[Path]:
    """The files git tracks; outside a git checkout, every file but the ignored kinds."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return [
            path
            for path in ROOT.rglob("*")
            if path.is_file() and not SKIP & set(path.relative_to(ROOT).parts)
        ]
    return [ROOT / name for name in listed.split("\0") if name]


def test_no_tracked_file_refers_outside_the_repository() -> None:
    hits = []
    for path in tracked_files():
        if not path.is_file():
            continue
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert hits == []


def test_the_scan_finds_a_reference_outside() -> None:
    assert OUTSIDE.search("see `" + ".." + "/shared/x`")
    assert OUTSIDE.search("the rules in " + "RULES" + ".md section 4")
    assert OUTSIDE.search("(" + "API" + ".md)")
    assert not OUTSIDE.search("see docs/rules.md and docs/api.md, [api.md](api.md)")


def test_every_relative_link_of_the_docs_leads_inside_the_repository() -> None:
    pages = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md"]
    pages += sorted((ROOT / "docs").glob("*.md"))
    broken = []
    for page in pages:
        for target in LINK.findall(page.read_text()):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            resolved = (page.parent / target.split("#")[0]).resolve()
            if not resolved.is_relative_to(ROOT) or not resolved.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert broken == []
