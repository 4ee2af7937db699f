"""The programme-scale benchmark: `manage.py benchmark` (`make bench`).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/betterwork_bench \\
    REDIS_URL=redis://127.0.0.1:6379/5 manage.py benchmark [--factories 2000] [--keep]

The benchmark owns its database: it creates the database named in DATABASE_URL when missing,
refuses one that already holds factories, and drops it at the end unless --keep. It prints one
JSON object on stdout (the progress bar goes to stderr). See betterwork/tooling/benchmark/.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from betterwork.tooling.benchmark import database
from betterwork.tooling.benchmark import report as bench_report
from betterwork.tooling.benchmark.run import BenchmarkError, run
from factories.models import Factory


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
        parser.add_argument("--seconds", type=int, default=10, help="wrk's run per page.")
        parser.add_argument(
            "--connections", type=int, default=8, help="wrk's connections (one thread)."
        )
        parser.add_argument(
            "--mixed-seconds", type=int, default=20, help="How long the mixed workload runs."
        )
        parser.add_argument(
            "--finalise-rate",
            type=float,
            default=5.0,
            help="Assessments finalised a second during the mixed workload.",
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
        if options["buyers"] < 2:
            raise CommandError("Give --buyers >= 2 (a large buyer and a small one are measured).")
        database.ensure_database()
        call_command("migrate", interactive=False, verbosity=0)
        if Factory.objects.exists():
            raise CommandError(
                f"The database {connection.settings_dict['NAME']} already holds factories; the "
                "benchmark needs a dedicated database that it may drop. Drop it (dropdb) or "
                "point DATABASE_URL at another one."
            )
        self.workdir = bench_report.workdir()
        try:
            stream = getattr(self.stderr, "_out", sys.stderr)
            result = run(options, Path(self.workdir.name), stream)
        except BenchmarkError as error:
            raise CommandError(str(error)) from error
        finally:
            self.workdir.cleanup()
            if options["keep"]:
                self.stderr.write(f"Kept the database {connection.settings_dict['NAME']}.")
            else:
                database.drop_database()
        self.stdout.write(bench_report.dumps(result))
