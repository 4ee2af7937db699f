"""The portal's version: one source (betterwork.core.version), read by pyproject.toml, shown in
every page's footer and sent with every response, the API's included; CHANGELOG.md has it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from django.urls import reverse

from betterwork.core.version import HEADER, __version__
from tests.conftest import api_as, client_as

ROOT = Path(__file__).resolve().parent.parent


def test_pyproject_reads_the_version_from_its_one_source() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "betterwork.core.version.__version__"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_changelog_has_a_section_for_the_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert re.search(
        rf"^## \[{re.escape(__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M
    )


def test_every_page_shows_the_version_in_its_footer(cast) -> None:
    for user, url in ((None, reverse("login")), (cast.pm, reverse("home"))):
        response = client_as(user).get(url)
        footer = response.content.decode().split("<footer", 1)[1]
        assert f"Version {__version__}" in footer
        assert response[HEADER] == __version__


def test_the_api_sends_the_version(cast) -> None:
    response = api_as(cast.buyer_user).get("/api/v1/suppliers/")
    assert response.status_code == 200
    assert response[HEADER] == __version__
    schema = api_as(cast.buyer_user).get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert schema.json()["info"]["x-portal-version"] == __version__
