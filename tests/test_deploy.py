"""Deployment: the compose file, the image and production settings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.deploy_helpers import ROOT, manage, production_env

LONG_RUNNING = ("postgres", "redis", "cache", "web", "worker", "beat")


# --- docker-compose.yml -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_describes_every_service(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {
        "postgres",
        "redis",
        "cache",
        "migrate",
        "web",
        "worker",
        "beat",
    }
    assert compose["services"]["postgres"]["image"].startswith("postgres:16")
    assert compose["services"]["redis"]["image"].startswith("redis:7")


@pytest.mark.parametrize(
    ("service", "probe"),
    [
        ("postgres", "pg_isready"),
        ("redis", "redis-cli"),
        ("cache", "redis-cli"),
        ("web", "/health/"),
        ("worker", "inspect ping"),
    ],
)
def test_it_checks_the_health_of(compose: dict[str, Any], service: str, probe: str) -> None:
    healthcheck = compose["services"][service]["healthcheck"]
    assert probe in " ".join(healthcheck["test"])
    assert healthcheck["interval"] and healthcheck["retries"] >= 3


@pytest.mark.parametrize("service", LONG_RUNNING)
def test_it_restarts_long_running_services(compose: dict[str, Any], service: str) -> None:
    assert compose["services"][service]["restart"] in ("unless-stopped", "always")


def test_it_runs_migrate_once_before_web_worker_and_beat(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["migrate"]["restart"] == "no"
    assert "migrate" in " ".join(services["migrate"]["command"])
    assert "collectstatic" in " ".join(services["migrate"]["command"])
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
    for name in ("migrate", "web", "worker"):
        assert services[name]["depends_on"]["postgres"] == {"condition": "service_healthy"}


def test_it_keeps_data_in_named_volumes(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert "postgres-data:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "redis-data:/data" in services["redis"]["volumes"]
    command = services["redis"]["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    assert {"postgres-data", "redis-data", "media"} <= set(compose["volumes"])


def test_it_keeps_the_cache_apart_from_the_broker_and_bounded(compose: dict[str, Any]) -> None:
    command = compose["services"]["cache"]["command"]
    assert command[command.index("--maxmemory-policy") + 1] == "allkeys-lru"
    assert "--maxmemory" in command
    assert compose["services"]["web"]["depends_on"]["cache"] == {"condition": "service_healthy"}
    example = (ROOT / ".env.example").read_text()
    assert "CACHE_URL=redis://cache:6379/0" in example


def test_it_reads_the_env_file_in_every_portal_service(compose: dict[str, Any]) -> None:
    for name in ("migrate", "web", "worker", "beat"):
        assert compose["services"][name]["env_file"] == ".env"
    assert "gunicorn.conf.py" in compose["services"]["web"]["command"]
    assert "beat" in compose["services"]["beat"]["command"]


def test_it_documents_every_setting_in_the_example_env() -> None:
    read = set(
        re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', (ROOT / "betterwork/settings.py").read_text())
    )
    read |= set(
        re.findall(r'os\.environ\.get\("([A-Z_]+)"', (ROOT / "gunicorn.conf.py").read_text())
    )
    example = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert read, "no settings found: the pattern is out of date"
    assert read - example == set()


def test_it_builds_a_slim_image_that_runs_as_a_user() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "FROM python:3.11-slim" in dockerfile
    assert "pip install ." in dockerfile
    assert "collectstatic" in dockerfile
    user = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert user and user[-1] not in ("root", "0")


# --- production settings ----------------------------------------------------------------------


def test_it_passes_check_deploy_with_the_production_env(tmp_path: Path) -> None:
    # As in the image: static files are collected (the URLconf asks the manifest for a URL).
    env = production_env(tmp_path, DJANGO_STATIC_ROOT=str(tmp_path / "static"))
    collected = manage(env, "collectstatic", "--noinput", "-v", "0")
    assert collected.returncode == 0, collected.stderr
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bare_checkout_runs_manage_py_as_a_developer_would(tmp_path: Path) -> None:
    """No DJANGO_DEBUG, no secret, no .env (or make run's): manage.py works, in development."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "AXES_", "API_"))
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'bare.sqlite3'}"
    result = manage(env, "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "No changes detected" in result.stdout


def test_it_refuses_to_start_without_a_secret_outside_debug(tmp_path: Path) -> None:
    result = manage(production_env(tmp_path, DJANGO_SECRET_KEY=""), "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_it_uses_secure_cookies_hsts_and_manifest_static_outside_debug(tmp_path: Path) -> None:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT,"
        " s.STORAGES['staticfiles']['BACKEND']]))"
    )
    env = {**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "betterwork.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == [
        True,
        True,
        31536000,
        True,
        True,
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


def _production_setting(tmp_path: Path, name: str, **extra: str) -> Any:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps(s.{name}))"
    )
    env = {**production_env(tmp_path, **extra), "DJANGO_SETTINGS_MODULE": "betterwork.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_it_redirects_to_https_outside_debug_unless_explicitly_disabled(tmp_path: Path) -> None:
    assert "DJANGO_SECURE_SSL_REDIRECT" not in production_env(tmp_path)
    assert _production_setting(tmp_path, "SECURE_SSL_REDIRECT") is True
    assert (
        _production_setting(tmp_path, "SECURE_SSL_REDIRECT", DJANGO_SECURE_SSL_REDIRECT="0")
        is False
    )
    assert _production_setting(tmp_path, "SECURE_SSL_REDIRECT", DJANGO_DEBUG="1") is False


def test_it_throttles_sign_ins_and_expires_tokens_by_default_in_production(tmp_path: Path) -> None:
    rates = _production_setting(tmp_path, "REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']")
    assert rates == {"auth-token": "10/minute"}
    assert _production_setting(tmp_path, "REST_KNOX['TOKEN_TTL'].total_seconds()") == 36000
    assert _production_setting(tmp_path, "AXES_LOCKOUT_PARAMETERS") == [["username", "ip_address"]]


def test_it_collects_compressed_hashed_static_files(tmp_path: Path) -> None:
    static_root = tmp_path / "static"
    result = manage(
        production_env(tmp_path, DJANGO_STATIC_ROOT=str(static_root)),
        "collectstatic",
        "--noinput",
        "-v",
        "0",
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/portal.css"]
    assert hashed != "css/portal.css"
    assert (static_root / f"{hashed}.gz").exists()  # whitenoise compressed it


def test_web_publishes_on_loopback_one_port_per_replica() -> None:
    """`--scale web=3` needs a port per replica, and gunicorn must not be reachable around the
    proxy whose X-Forwarded-For the portal trusts."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    [published] = compose["services"]["web"]["ports"]
    found = re.fullmatch(r"127\.0\.0\.1:\$\{WEB_PORTS:-(\d+)-(\d+)\}:8000", published)
    assert found, published
    assert int(found[2]) - int(found[1]) >= 2
