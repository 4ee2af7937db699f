"""Deployment at run time: the sign-in lockout, the Content Security Policy, health, the benchmark."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any
from unittest import mock

from django.test import Client

from tests import makers
from tests.conftest import needs_postgres, needs_redis
from tests.deploy_helpers import ROOT, manage

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
            "--seconds",
            "1",
            "--mixed-seconds",
            "2",
            "--finalise-rate",
            "2",
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
        "first_evaluation_floor_s",
        "evaluate_floor_s",
        "supplier_list_rps",
        "floor_rps",
        "api_supplier_list_rps",
        "mixed_buyers_rps",
        "run_s",
    ):
        assert figures[key] > 0, key
    assert figures["rows"]["findings"] == 30 * 3 * 243
    for page in ("floor", "supplier_list", "api_supplier_list"):
        assert figures["http"][page]["errors"] == 0, page
        assert figures["http"][page]["p99_ms"] >= figures["http"][page]["p50_ms"] > 0
    mixed = figures["http"]["mixed"]
    assert mixed["errors"] == [] and mixed["deadlocks"] == 0
    assert figures["finalise_to_stage_ms"]["n"] == 4  # 2 a second for 2 seconds
    queries = figures["queries"]
    assert queries["supplier_list"]["large_buyer"] == queries["supplier_list"]["small_buyer"]
    assert figures["targets"]["query_counts_independent_of_n"]["met"]
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        assert cursor.fetchone() is None  # dropped


def test_it_answers_503_when_the_database_does_not_answer_at_all(tmp_path: Path) -> None:
    """A real dead database, in a fresh process: with ATOMIC_REQUESTS the request would open a
    transaction (and fail with a 500) before the check; /health/ opens none."""
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "from django.db import connection;"
        "r = Client(raise_request_exception=False).get('/health/');"
        "print(json.dumps([r.status_code, r.json(), connection.settings_dict['OPTIONS']]))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "CACHE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="betterwork.settings",
        DJANGO_DEBUG="1",
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"postgres://portal:secret@127.0.0.1:{_dead_port()}/betterwork",
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    status, body, options = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert body == {"status": "unavailable", "database": "unavailable", "broker": "in-process"}
    assert options["connect_timeout"] == 5  # a host that drops packets fails in seconds too
