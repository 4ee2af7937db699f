"""The benchmark's mixed workload's writers, each a process of its own (`manage.py benchmark`
starts them; see betterwork/tooling/benchmark/mixed.py):

    manage.py benchmark_load finalise --assessments 12,13,14 --rate 5
    manage.py benchmark_load sweep --seconds 30 --every 2

`finalise` finalises the given drafts through the service the API uses, `rate` a second, each
by its factory's advisor; `sweep` runs the evaluation sweep (the beat task's body) again and
again. Each prints one JSON line: what it did, how long it took and the errors it met.
"""

from __future__ import annotations

import json
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from assessments import services as assessment_services
from assessments.models import Assessment
from betterwork.core.logs import quiet_task_logs
from differentiation.tasks import sweep_unevaluated


class Command(BaseCommand):
    help = "A writer of the benchmark's mixed workload (finalise drafts, or run the sweep)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("mode", choices=["finalise", "sweep"])
        parser.add_argument("--assessments", default="", help="Draft ids, comma-separated.")
        parser.add_argument("--rate", type=float, default=5.0, help="Finalisations a second.")
        parser.add_argument("--seconds", type=float, default=30.0, help="How long to sweep.")
        parser.add_argument("--every", type=float, default=2.0, help="Seconds between sweeps.")

    def handle(self, *args: Any, **options: Any) -> None:
        with quiet_task_logs():
            if options["mode"] == "finalise":
                ids = [int(pk) for pk in options["assessments"].split(",") if pk]
                result = finalise(ids, options["rate"])
            else:
                result = sweep(options["seconds"], options["every"])
        self.stdout.write(json.dumps(result))


def finalise(ids: list[int], rate: float) -> dict[str, Any]:
    errors: list[str] = []
    durations: list[float] = []
    started = time.perf_counter()
    for index, pk in enumerate(ids):
        wait = started + index / rate - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        begun = time.perf_counter()
        try:
            assessment = Assessment.objects.select_related("factory__enterprise_advisor").get(pk=pk)
            actor = assessment.factory.enterprise_advisor
            assert actor is not None, "the seeded factories have their advisor"
            assessment_services.assessment_finalise(assessment=assessment, actor=actor)
        except Exception as error:  # counted and reported, never hidden
            errors.append(f"{pk}: {type(error).__name__}: {error}")
        durations.append((time.perf_counter() - begun) * 1000)
    elapsed = time.perf_counter() - started
    return {
        "finalised": len(ids) - len(errors),
        "seconds": round(elapsed, 2),
        "rate": round(len(ids) / elapsed, 2) if elapsed else None,
        "service_ms_max": round(max(durations), 1) if durations else None,
        "errors": errors,
    }


def sweep(seconds: float, every: float) -> dict[str, Any]:
    errors: list[str] = []
    runs: list[float] = []
    evaluated = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        begun = time.perf_counter()
        try:
            evaluated += sweep_unevaluated()
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        runs.append(time.perf_counter() - begun)
        time.sleep(max(0.0, every - (time.perf_counter() - begun)))
    return {
        "sweeps": len(runs),
        "sweep_s_max": round(max(runs), 3) if runs else None,
        "factories_found": evaluated,
        "errors": errors,
    }
