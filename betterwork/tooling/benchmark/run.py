"""One run of the benchmark: seed, evaluate, serve and load, finalise with a worker; the figures."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, TextIO

from django.test.utils import override_settings
from knox.models import AuthToken
from tqdm import tqdm

from betterwork.core.logs import quiet_task_logs
from betterwork.tooling.benchmark import finalising, floor, report, seeding, serving
from differentiation.evaluation import factories_evaluate
from factories import access
from factories.models import Factory
from factories.vocabulary import Stage

EVALUATION_FLOOR_FACTOR = 3.0
THROUGHPUT_SHARE = 0.5
FINALISE_P95_MS = 2000.0


class BenchmarkError(RuntimeError):
    """The run cannot go on (the access layer disagrees, an evaluation failed)."""


def run(options: dict[str, Any], workdir: Path, stream: TextIO) -> dict[str, Any]:
    """Seed, measure and return the one JSON object the command prints (see docs/performance.md)."""
    n = options["factories"]
    started = time.perf_counter()
    with tqdm(total=n, desc="Seeding", unit="factory", file=stream) as progress:
        seeded = seeding.seed(
            factories=n,
            buyers=options["buyers"],
            supplier_access=options["supplier_access"],
            progress=progress,
        )
    seed_s = time.perf_counter() - started
    visible = access.factories_for(seeded.buyer_user).count()
    if visible != options["supplier_access"]:
        raise BenchmarkError(f"The buyer sees {visible} factories through the access layer.")

    ids = seeded.factory_ids
    with override_settings(DEBUG=False), quiet_task_logs():
        floor.evaluate_floor(ids)  # warm the same pages of the database
        floors = [floor.evaluate_floor(ids) for _ in range(3)]
        floor_s = sorted(f[0] for f in floors)[1]
        # The first evaluation of the seeded programme writes every factory's evaluation.
        started = time.perf_counter()
        with floor.counting_queries() as first_queries:
            first = factories_evaluate(ids, trigger="benchmark")
        first_evaluation_s = time.perf_counter() - started
        # Re-evaluating every factory (`manage.py evaluate --all`, the same code): each
        # factory's evidence is read and fingerprinted against its latest evaluation.
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            with floor.counting_queries() as again_queries:
                again = factories_evaluate(ids, trigger="benchmark")
            runs.append(time.perf_counter() - started)
        evaluate_all_s = sorted(runs)[1]
    if first.failed or again.failed:
        raise BenchmarkError(f"Evaluation failed: {first.failed or again.failed}")
    stages = dict.fromkeys(Stage.values, 0)
    for stage in Factory.objects.values_list("stage", flat=True):
        stages[stage] += 1

    supplier_list_queries, supplier_list_cached_queries = serving.page_queries(
        seeded.buyer_user, "/buyers/suppliers/"
    )
    approval_queue_queries, _ = serving.page_queries(
        seeded.programme_manager, "/differentiation/approvals/"
    )
    token = AuthToken.objects.create(user=seeded.buyer_user)[1]

    http: dict[str, Any] = {}
    tmp = workdir
    serving.collect_static(tmp)
    with serving.gunicorn(tmp) as port:
        load = {"requests": options["requests"], "threads": options["threads"]}
        buyer = {"Cookie": serving.session_cookie(seeded.buyer_user)}
        plain = {"Cookie": serving.session_cookie(seeded.plain_user)}
        http["floor"] = serving.load(port, "/", plain, **load)
        http["supplier_list"] = serving.load(port, "/buyers/suppliers/", buyer, **load)
        http["api_supplier_list"] = serving.load(
            port, "/api/v1/suppliers/", {"Authorization": f"Token {token}"}, **load
        )

    with override_settings(DEBUG=False), quiet_task_logs():
        drafts = finalising.draft_assessments(seeded, options["finalise"] + 1)
        with finalising.worker(tmp):
            finalising.finalise_to_stage(seeded, drafts[:1], timeout=120)  # worker warm-up
            timings = finalising.finalise_to_stage(seeded, drafts[1:])

    floor_rps = http["floor"]["rps"]
    p95 = report.percentile(timings, 0.95)
    result: dict[str, Any] = {
        "factories": n,
        "rows": seeded.rows,
        "stages_after_evaluation": stages,
        "seed_s": round(seed_s, 1),
        "evaluate_all_s": round(evaluate_all_s, 3),
        "evaluate_floor_s": round(floor_s, 3),
        "evaluate_floor_rows": floors[0][1],
        "evaluate_queries_per_factory": round(again_queries[0] / n, 3),
        "evaluate_new_evaluations": again.new,
        "first_evaluation_s": round(first_evaluation_s, 3),
        "first_evaluation_queries_per_factory": round(first_queries[0] / n, 2),
        "first_evaluation_new_evaluations": first.new,
        "floor_rps": floor_rps,
        "supplier_list_rps": http["supplier_list"]["rps"],
        "api_supplier_list_rps": http["api_supplier_list"]["rps"],
        "http": http,
        "supplier_list_queries": supplier_list_queries,
        "supplier_list_cached_queries": supplier_list_cached_queries,
        "approval_queue_queries": approval_queue_queries,
        "finalise_to_stage_ms": {
            "p50": round(report.percentile(timings, 0.5), 1),
            "p95": round(p95, 1),
            "max": round(max(timings), 1) if timings else None,
            "n": len(timings),
        },
        "machine": report.machine(),
    }
    result["targets"] = {
        "evaluation_within_3x_floor": {
            "ratio": round(evaluate_all_s / floor_s, 2) if floor_s else None,
            "met": evaluate_all_s <= EVALUATION_FLOOR_FACTOR * floor_s,
        },
        "supplier_list_half_floor_throughput": {
            "ratio": round(http["supplier_list"]["rps"] / floor_rps, 2) if floor_rps else None,
            "met": http["supplier_list"]["rps"] >= THROUGHPUT_SHARE * floor_rps
            and http["supplier_list"]["non_200"] == 0,
        },
        "finalise_to_stage_p95_under_2s": {"met": p95 < FINALISE_P95_MS},
        "query_counts_independent_of_n": {
            "compare": "run again with another --factories: the *_queries must not change"
        },
    }
    return result
