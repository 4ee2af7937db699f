"""docs/architecture.md follows the code: its ER diagrams are what `manage.py er_diagram` makes
of the models today, its layers are import-linter's, and every module, file and name it cites
exists."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

from django.core.management import call_command

from betterwork.tooling import er_diagram

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
PACKAGES = (
    "betterwork",
    "factories",
    "assessments",
    "differentiation",
    "workspace",
    "buyer_portal",
)


def test_the_er_diagrams_are_generated_from_the_models_of_today() -> None:
    text = DOC.read_text()
    assert er_diagram.START in text and er_diagram.END in text
    assert er_diagram.replace_in(text) == text, "run: python manage.py er_diagram --write"


def test_the_er_diagrams_name_every_model_of_the_apps() -> None:
    from django.apps import apps

    text = DOC.read_text()
    for label in er_diagram.APPS:
        for model in apps.get_app_config(label).get_models():
            assert f"    {model.__name__} {{" in text


def test_the_command_checks_and_prints_the_diagrams(capsys) -> None:
    call_command("er_diagram", "--check")
    call_command("er_diagram")
    assert capsys.readouterr().out.startswith(er_diagram.START)


def test_the_layers_are_import_linters() -> None:
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (layers,) = [c["layers"] for c in contracts["contracts"] if c["type"] == "layers"]
    text = DOC.read_text()
    assert " > ".join(f"`{layer}`" for layer in layers) in " ".join(text.split())


def _resolves(name: str) -> bool:
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def _files() -> list[Path]:
    return [
        path
        for package in (*PACKAGES, "tests", "templates")
        for path in (ROOT / package).rglob("*")
        if "__pycache__" not in path.parts
    ]


def test_every_file_and_dotted_name_it_cites_exists() -> None:
    cited = re.findall(r"`([^`\s]+)`", DOC.read_text())
    missing = []
    for name in cited:
        name = name.rstrip("()")
        if name.startswith("/"):
            continue  # a URL: docs/api.md's test checks those
        if re.fullmatch(r"[\w./-]+\.(py|toml|md|html)", name) or name.endswith("/"):
            if not (ROOT / name).exists() and not any(
                str(path).endswith("/" + name.rstrip("/")) for path in _files()
            ):
                missing.append(name)
        elif (
            re.fullmatch(r"[a-z_]+(\.\w+)+", name)
            and name.split(".")[0] in PACKAGES
            and not _resolves(name)
        ):
            missing.append(name)
    assert missing == []
