"""Build the demo programme (see betterwork.tooling.demo) and print its logins.

    manage.py seed_demo [--password PASSWORD]

Safe to run again: what exists is left alone and the logins are printed either way. Every demo
login has the password `betterwork-demo` unless --password says otherwise (existing logins keep
the password they were created with). The seed sends no e-mail: formal notes and candidate
notices are issued as usual, but through Django's dummy mail backend.
"""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from collections.abc import Iterable
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from tqdm import tqdm

from betterwork.core.logs import quiet_task_logs
from betterwork.tooling import demo
from factories.models import Factory
from factories.vocabulary import Stage


class Command(BaseCommand):
    help = (
        "Create a realistic demo programme (BGD and VNM, 30 factories, 3 cycles), dated relative "
        "to today. Idempotent."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--password",
            default=demo.DEMO_PASSWORD,
            help=f"Password of the new demo logins (default: {demo.DEMO_PASSWORD}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = str(options["password"])
        if not password:
            raise CommandError("--password must not be empty.")
        bar_stream = getattr(self.stderr, "_out", sys.stderr)

        def progress(specs: Iterable[demo.DemoFactory]) -> Iterable[demo.DemoFactory]:
            return tqdm(
                list(specs), desc="Demo factories", unit="factory", file=bar_stream, leave=False
            )

        started = time.monotonic()
        try:
            with (
                quiet_task_logs(),
                override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            ):
                result = demo.seed(password=password, progress=progress)
        except demo.DemoError as error:
            raise CommandError(str(error)) from None
        elapsed = time.monotonic() - started

        if result.factories_created:
            self.stdout.write(
                f"Demo built in {elapsed:.1f} s: {result.factories_created} factories created, "
                f"{result.factories_existing} already there, {result.users_created} logins created."
            )
        else:
            self.stdout.write(
                f"The demo already exists ({result.factories_existing} factories); "
                f"{result.users_created} missing logins created."
            )
        if result.overviews_created:
            self.stdout.write(f"{result.overviews_created} quarterly overviews produced.")
        counts = dict.fromkeys(Stage.values, 0)
        names = [spec.name for spec in demo.FACTORIES]
        for stage in Factory.objects.filter(name__in=names).values_list("stage", flat=True):
            counts[stage] += 1
        self.stdout.write(
            "Stages: " + ", ".join(f"{count} {stage}" for stage, count in counts.items()) + "."
        )
        self.stdout.write("")
        self._print_logins(result.logins, password)

    def _print_logins(self, logins: list[demo.Login], password: str) -> None:
        headers = ("Username", "Role", "Scope")
        rows = [(login.username, login.role, login.scope) for login in logins]
        widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

        self.stdout.write(line(headers).rstrip())
        self.stdout.write("  ".join("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row).rstrip())
        self.stdout.write("")
        self.stdout.write(
            f"Password of every demo login: {password} (logins that already existed keep theirs)."
        )
