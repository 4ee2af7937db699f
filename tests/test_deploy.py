"""Deployment: the compose file, the image, production settings, lockout, CSP, health, benchmark.

Docker is not available where the tests run, so docker-compose.yml and the Dockerfile are
checked by reading them; the settings are checked by running manage.py with a production env.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from django.test import Client

from tests import makers
from tests.conftest import needs_postgres, needs_redis

ROOT = Path(__file__).resolve().parent.parent
LONG_RUNNING = ("postgres", "redis", "cache", "web", "worker", "beat")


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "AXES_", "API_"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://portal.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        REDIS_URL="redis://redis:6379/0",
        EMAIL_URL="smtp+tls://portal:secret@smtp.example.org:587",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


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


# --- sign-in lockout, CSP, health ---------------------------------------------------------------


def _sign_in(client: Client, username: str, password: str) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_it_locks_an_account_out_after_five_failed_sign_ins(db: Any, settings: Any) -> None:
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    user = makers.make_user("programme_manager", "lena-locked", countries=["BGD"])
    client = Client()
    for _ in range(4):
        assert _sign_in(client, user.username, "wrong").status_code == 200  # form error
    assert _sign_in(client, user.username, "wrong").status_code == 429  # the fifth locks
    refused = _sign_in(client, user.username, makers.PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_it_signs_in_while_under_the_limit(db: Any, settings: Any) -> None:
    settings.AXES_ENABLED = True
    user = makers.make_user("programme_manager", "lena-ok", countries=["BGD"])
    client = Client()
    for _ in range(4):
        _sign_in(client, user.username, "wrong")
    assert _sign_in(client, user.username, makers.PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_it_sends_a_strict_content_security_policy(db: Any) -> None:
    response = Client().get("/accounts/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy


def test_it_reports_healthy_when_database_and_broker_answer(db: Any, settings: Any) -> None:
    settings.REDIS_URL = ""  # in-process tasks: no broker to ask
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "in-process"}


def _dead_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_it_answers_503_when_the_broker_is_down(db: Any, settings: Any) -> None:
    settings.REDIS_URL = f"redis://127.0.0.1:{_dead_port()}/0"
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_it_answers_503_when_the_database_is_down(db: Any, settings: Any) -> None:
    from django.db import OperationalError

    settings.REDIS_URL = ""
    with mock.patch("betterwork.views.connection") as conn:
        conn.cursor.side_effect = OperationalError("connection refused")
        response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_it_answers_health_checks_with_the_broker_when_redis_runs(db: Any, settings: Any) -> None:
    needs_redis()
    settings.REDIS_URL = os.environ["REDIS_URL"]
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"


# --- the benchmark ------------------------------------------------------------------------------


def test_it_refuses_to_benchmark_on_sqlite(tmp_path: Path) -> None:
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}"}
    result = manage(env, "benchmark", "--factories", "10")
    assert result.returncode != 0
    assert "PostgreSQL only" in result.stderr
    assert not (tmp_path / "b.db").exists() or result.stdout == ""


def test_it_benchmarks_a_small_programme_end_to_end(db: Any) -> None:
    """The whole benchmark at a tiny scale, on its own database, which it drops at the end."""
    needs_postgres()
    needs_redis()
    from django.db import connection

    db_settings = connection.settings_dict
    name = f"betterwork_bench_{uuid.uuid4().hex[:8]}"
    user = db_settings.get("USER") or "postgres"
    password = f":{db_settings['PASSWORD']}" if db_settings.get("PASSWORD") else ""
    host = db_settings.get("HOST") or "127.0.0.1"
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"postgres://{user}{password}@{host}:{db_settings.get('PORT') or 5432}/{name}",
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "benchmark",
            "--factories",
            "30",
            "--buyers",
            "5",
            "--supplier-access",
            "10",
            "--requests",
            "20",
            "--threads",
            "2",
            "--finalise",
            "3",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    figures = json.loads(result.stdout)
    for key in (
        "seed_s",
        "evaluate_all_s",
        "first_evaluation_s",
        "evaluate_floor_s",
        "evaluate_queries_per_factory",
        "supplier_list_rps",
        "floor_rps",
        "api_supplier_list_rps",
        "supplier_list_queries",
        "approval_queue_queries",
    ):
        assert figures[key] > 0, key
    assert figures["rows"]["findings"] == 30 * 3 * 243
    assert figures["http"]["supplier_list"]["non_200"] == 0
    assert figures["finalise_to_stage_ms"]["n"] == 3
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        assert cursor.fetchone() is None  # dropped


def test_web_publishes_on_loopback_one_port_per_replica() -> None:
    """`--scale web=3` needs a port per replica, and gunicorn must not be reachable around the
    proxy whose X-Forwarded-For the portal trusts."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    [published] = compose["services"]["web"]["ports"]
    found = re.fullmatch(r"127\.0\.0\.1:\$\{WEB_PORTS:-(\d+)-(\d+)\}:8000", published)
    assert found, published
    assert int(found[2]) - int(found[1]) >= 2
