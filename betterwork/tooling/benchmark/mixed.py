"""The mixed workload: buyers browse while advisors finalise and the sweep runs.

Over `seconds`, at once: wrk on the buyers' pages (the supplier list and the suppliers API in
turn); a process finalising drafts through the service the API uses, `rate` a second, each of
another factory, evaluated by a real Celery worker; a process running the evaluation sweep
every two seconds; and, in this process, a sampler of PostgreSQL's sessions waiting on a lock
(every 20 ms). Then: the buyers' throughput and latency, each finalisation's time to its stage
(the evaluation's time less the finalisation's, both stamped in their transactions by this
machine's clock), lock waits, the deadlocks PostgreSQL counted, and every error.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, cast

from django.db import connection, connections

from assessments.models import Assessment
from betterwork.tooling.benchmark import loadgen, report
from betterwork.tooling.benchmark.serving import production_env
from betterwork.tooling.workers import ROOT
from differentiation.models import Evaluation

SAMPLE_S = 0.02


class LockSampler(threading.Thread):
    """Counts samples in which some session of this database waits on a lock."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.samples = 0
        self.waiting_samples = 0
        self.max_waiting = 0
        self.waits: dict[str, int] = {}

    def run(self) -> None:
        conn = connections.create_connection("default")
        try:
            with conn.cursor() as cursor:
                while not self.stop.is_set():
                    cursor.execute(
                        "SELECT wait_event, left(query, 60) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    )
                    rows = cursor.fetchall()
                    self.samples += 1
                    if rows:
                        self.waiting_samples += 1
                        self.max_waiting = max(self.max_waiting, len(rows))
                        for event, query in rows:
                            key = f"{event}: {query}"
                            self.waits[key] = self.waits.get(key, 0) + 1
                    time.sleep(SAMPLE_S)
        finally:
            conn.close()


def deadlocks() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
        return int(cursor.fetchone()[0])


def _manage(workdir: Path, queue: str, *args: str) -> subprocess.Popen[str]:
    env = production_env(workdir, CELERY_TASK_DEFAULT_QUEUE=queue)
    return subprocess.Popen(
        [sys.executable, "manage.py", "benchmark_load", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _last_json(process: subprocess.Popen[str], what: str) -> dict[str, Any]:
    out, err = process.communicate(timeout=600)
    if process.returncode != 0:
        return {"errors": [f"{what} exited {process.returncode}: {err[-1500:]}"]}
    return json.loads(out.strip().splitlines()[-1])


def run(
    *,
    port: int,
    workdir: Path,
    queue: str,
    cookie: str,
    token: str,
    drafts: list[int],
    seconds: int,
    rate: float,
    connections_: int,
) -> dict[str, Any]:
    deadlocks_before = deadlocks()
    sampler = LockSampler()
    sampler.start()
    buyers = subprocess.Popen(
        loadgen.buyers_command(
            port, cookie, token, workdir=workdir, seconds=seconds, connections=connections_
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sweeper = _manage(workdir, queue, "sweep", "--seconds", str(seconds), "--every", "2")
    finaliser = _manage(
        workdir, queue, "finalise", "--assessments", ",".join(map(str, drafts)), "--rate", str(rate)
    )
    finalised = _last_json(finaliser, "the finaliser")
    swept = _last_json(sweeper, "the sweep")
    out, err = buyers.communicate(timeout=seconds + 60)
    buyers_figures = loadgen.parse(out) if buyers.returncode == 0 else {"errors": 1, "stderr": err}
    latencies, missing = finalise_to_stage(drafts)
    sampler.stop.set()
    sampler.join()
    errors = (
        list(finalised.get("errors", []))
        + list(swept.get("errors", []))
        + [f"no evaluation for assessment {pk}" for pk in missing]
    )
    return {
        "seconds": seconds,
        "buyers": buyers_figures,
        "finaliser": finalised,
        "sweep": swept,
        "finalise_to_stage_ms": {
            "p50": round(report.percentile(latencies, 0.5), 1),
            "p95": round(report.percentile(latencies, 0.95), 1),
            "max": round(max(latencies), 1) if latencies else None,
            "n": len(latencies),
        },
        "lock_waits": {
            "samples": sampler.samples,
            "samples_with_a_wait": sampler.waiting_samples,
            "max_sessions_waiting": sampler.max_waiting,
            "most_waited": sorted(sampler.waits.items(), key=lambda kv: -kv[1])[:5],
        },
        "deadlocks": deadlocks() - deadlocks_before,
        "errors": errors,
        "error_count": len(errors) + int(cast(int, buyers_figures.get("errors", 0))),
    }


def finalise_to_stage(drafts: list[int], timeout: float = 60.0) -> tuple[list[float], list[int]]:
    """Per finalised draft, milliseconds from its finalisation to the first evaluation of its
    factory after it (the worker's, or the sweep's when it came first), which moved the stage
    in its transaction; waits for the worker to catch up."""
    deadline = time.monotonic() + timeout
    while True:
        finalised = list(
            Assessment.objects.filter(pk__in=drafts, finalised_at__isnull=False).values_list(
                "pk", "factory_id", "finalised_at"
            )
        )
        times: dict[int, list[Any]] = {}
        if finalised:
            for factory_id, created in Evaluation.objects.filter(
                factory_id__in=[f for _, f, _ in finalised],
                created_at__gte=min(at for _, _, at in finalised if at is not None),
            ).values_list("factory_id", "created_at"):
                times.setdefault(factory_id, []).append(created)
        latencies, missing = [], []
        for pk, factory_id, at in finalised:
            after = [t for t in times.get(factory_id, []) if t >= at]
            if after:
                latencies.append((min(after) - at).total_seconds() * 1000)
            else:
                missing.append(pk)
        if not missing or time.monotonic() > deadline:
            return latencies, missing
        time.sleep(0.5)
