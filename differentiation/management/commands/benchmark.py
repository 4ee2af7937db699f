"""The programme-scale benchmark: `manage.py benchmark` (`make bench`).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/betterwork_bench \\
    REDIS_URL=redis://127.0.0.1:6379/5 manage.py benchmark [--factories 2000] [--keep]

The benchmark owns its database: it creates the database named in DATABASE_URL when missing,
refuses one that already holds factories, and drops it at the end unless --keep. It prints one
JSON object on stdout (the progress bar goes to stderr). See betterwork/benchmark.py.
"""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from knox.models import AuthToken
from tqdm import tqdm

from betterwork import access
from betterwork import benchmark as bench
from differentiation.batch import factories_evaluate
from differentiation.management import quiet_task_logs
from factories.models import Factory, Stage

EVALUATION_FLOOR_FACTOR = 3.0
THROUGHPUT_SHARE = 0.5
FINALISE_P95_MS = 2000.0


class Command(BaseCommand):
    help = "Build a synthetic programme on PostgreSQL and measure the portal at that scale."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--factories", type=int, default=2000)
        parser.add_argument("--buyers", type=int, default=100)
        parser.add_argument(
            "--supplier-access",
            type=int,
            default=500,
            help="Factories the measured buyer has third-party access to.",
        )
        parser.add_argument(
            "--requests", type=int, default=600, help="Requests per page in the load test."
        )
        parser.add_argument("--threads", type=int, default=4, help="Client threads.")
        parser.add_argument(
            "--finalise",
            type=int,
            default=20,
            help="Assessments finalised one at a time with the worker.",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Keep the benchmark database instead of dropping it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError(
                "The benchmark runs on PostgreSQL only: set DATABASE_URL to a dedicated database, "
                "e.g. postgres://postgres@127.0.0.1:5432/betterwork_bench (make bench does)."
            )
        if not settings.REDIS_URL:
            raise CommandError(
                "The benchmark needs Redis for its Celery worker: set REDIS_URL, e.g. "
                "redis://127.0.0.1:6379/5."
            )
        if options["factories"] < 10 or options["supplier_access"] > options["factories"]:
            raise CommandError("Give --factories >= 10 and --supplier-access <= --factories.")
        bench.ensure_database()
        call_command("migrate", interactive=False, verbosity=0)
        if Factory.objects.exists():
            raise CommandError(
                f"The database {connection.settings_dict['NAME']} already holds factories; the "
                "benchmark needs a dedicated database that it may drop. Drop it (dropdb) or "
                "point DATABASE_URL at another one."
            )
        self.workdir = bench.workdir()
        try:
            result = self.run(options)
        finally:
            self.workdir.cleanup()
            if options["keep"]:
                self.stderr.write(f"Kept the database {connection.settings_dict['NAME']}.")
            else:
                bench.drop_database()
        self.stdout.write(bench.dumps(result))

    def run(self, options: dict[str, Any]) -> dict[str, Any]:
        n = options["factories"]
        stream = getattr(self.stderr, "_out", sys.stderr)
        started = time.perf_counter()
        with tqdm(total=n, desc="Seeding", unit="factory", file=stream) as progress:
            seeded = bench.seed(
                factories=n,
                buyers=options["buyers"],
                supplier_access=options["supplier_access"],
                progress=progress,
            )
        seed_s = time.perf_counter() - started
        visible = access.factories_for(seeded.buyer_user).count()
        if visible != options["supplier_access"]:
            raise CommandError(f"The buyer sees {visible} factories through the access layer.")

        ids = seeded.factory_ids
        with override_settings(DEBUG=False), quiet_task_logs():
            bench.evaluate_floor(ids)  # warm the same pages of the database
            floors = [bench.evaluate_floor(ids) for _ in range(3)]
            floor_s = sorted(f[0] for f in floors)[1]
            # The first evaluation of the seeded programme writes every factory's evaluation.
            started = time.perf_counter()
            with bench.counting_queries() as first_queries:
                first = factories_evaluate(ids, trigger="benchmark")
            first_evaluation_s = time.perf_counter() - started
            # Re-evaluating every factory (`manage.py evaluate --all`, the same code): each
            # factory's evidence is read and fingerprinted against its latest evaluation.
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                with bench.counting_queries() as again_queries:
                    again = factories_evaluate(ids, trigger="benchmark")
                runs.append(time.perf_counter() - started)
            evaluate_all_s = sorted(runs)[1]
        if first.failed or again.failed:
            raise CommandError(f"Evaluation failed: {first.failed or again.failed}")
        stages = dict.fromkeys(Stage.values, 0)
        for stage in Factory.objects.values_list("stage", flat=True):
            stages[stage] += 1

        supplier_list_queries, supplier_list_cached_queries = bench.page_queries(
            seeded.buyer_user, "/buyers/suppliers/"
        )
        approval_queue_queries, _ = bench.page_queries(
            seeded.programme_manager, "/differentiation/approvals/"
        )
        token = AuthToken.objects.create(user=seeded.buyer_user)[1]

        http: dict[str, Any] = {}
        tmp = Path(self.workdir.name)
        bench.collect_static(tmp)
        with bench.gunicorn(tmp) as port:
            load = {"requests": options["requests"], "threads": options["threads"]}
            buyer = {"Cookie": bench.session_cookie(seeded.buyer_user)}
            plain = {"Cookie": bench.session_cookie(seeded.plain_user)}
            http["floor"] = bench.load(port, "/", plain, **load)
            http["supplier_list"] = bench.load(port, "/buyers/suppliers/", buyer, **load)
            http["api_supplier_list"] = bench.load(
                port, "/api/v1/suppliers/", {"Authorization": f"Token {token}"}, **load
            )

        with override_settings(DEBUG=False), quiet_task_logs():
            drafts = bench.draft_assessments(seeded, options["finalise"] + 1)
            with bench.celery_worker(tmp):
                bench.finalise_to_stage(seeded, drafts[:1], timeout=120)  # worker warm-up
                timings = bench.finalise_to_stage(seeded, drafts[1:])

        floor_rps = http["floor"]["rps"]
        p95 = bench.percentile(timings, 0.95)
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
                "p50": round(bench.percentile(timings, 0.5), 1),
                "p95": round(p95, 1),
                "max": round(max(timings), 1) if timings else None,
                "n": len(timings),
            },
            "machine": bench.machine(),
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
