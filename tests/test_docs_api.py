"""docs/api.md documents the API the OpenAPI schema describes (the schema is the source of
truth): every path it names exists in the schema, its table of endpoints lists every path and
method of the schema and nothing else, and it tells of the version header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from drf_spectacular.generators import SchemaGenerator

from betterwork.core.version import HEADER

DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"
# Served next to the API, not part of its schema.
BESIDES = {"/api/v1/", "/api/v1/schema/", "/api/v1/docs/"}
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema_paths() -> dict[str, set[str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {
        path: {method.upper() for method in operations if method in METHODS}
        for path, operations in schema["paths"].items()
    }


def _pattern(path: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)))


def _documented_paths() -> set[str]:
    found = re.findall(r"/api/v1/[^\s`\"')?,#]*", DOC.read_text())
    return {path if path.endswith("/") else path.rsplit("/", 1)[0] + "/" for path in found}


def _glance_table() -> set[tuple[str, str]]:
    text = DOC.read_text()
    rows = re.findall(r"^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \|", text, re.M)
    return {(method, path) for method, path in rows}


def test_every_path_it_names_exists_in_the_schema(schema_paths) -> None:
    patterns = [_pattern(path) for path in schema_paths]
    missing = sorted(
        path
        for path in _documented_paths() - BESIDES
        if not any(p.fullmatch(path) for p in patterns)
    )
    assert missing == []


def test_its_table_lists_every_path_and_method_of_the_schema(schema_paths) -> None:
    in_schema = {(method, path) for path, methods in schema_paths.items() for method in methods}
    documented = _glance_table()
    assert sorted(documented - in_schema) == [], "documented, but not in the schema"
    assert sorted(in_schema - documented) == [], "in the schema, but not documented"


def test_it_tells_of_the_version_header() -> None:
    assert HEADER in DOC.read_text()
