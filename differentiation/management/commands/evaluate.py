"""Re-evaluate factories on demand, with the rules and writes the background tasks use.

    manage.py evaluate --factory 12
    manage.py evaluate --all

Evaluation is idempotent: a factory whose finalised data has not changed since its latest
evaluation gets no new evaluation ("unchanged"), and is noted as checked so that the periodic
sweep does not try it again until something is finalised. Factories are read in batches
(differentiation.evaluation.batch), so a run over the whole programme takes seconds, not minutes.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from betterwork.core.logs import quiet_task_logs
from differentiation.evaluation import factories_evaluate
from factories.models import Factory
from factories.vocabulary import Stage

TRIGGER = "command:evaluate"


def stage_summary(stages: Counter[str]) -> str:
    """'2 high_performing, 1 eligible, ...' in the order of the stage machine; '-' if empty."""
    parts = [f"{stages[stage]} {stage}" for stage in Stage.values if stages[stage]]
    return ", ".join(parts) or "-"


class Command(BaseCommand):
    help = "Re-evaluate one factory (--factory ID) or every factory (--all) against the criteria."

    def add_arguments(self, parser: ArgumentParser) -> None:
        # Checked in handle(), not by argparse, so that a mistake is one line on stderr.
        parser.add_argument("--factory", metavar="ID", help="The id of one factory.")
        parser.add_argument("--all", action="store_true", help="Every factory.")

    def handle(self, *args: Any, **options: Any) -> None:
        factory_option, everything = options["factory"], options["all"]
        if (factory_option is None) == (not everything):
            raise CommandError("Give exactly one of --factory ID or --all.")
        if everything:
            factory_ids = list(Factory.objects.order_by("pk").values_list("pk", flat=True))
        else:
            try:
                factory_id = int(str(factory_option))
            except ValueError:
                raise CommandError(
                    f"--factory takes a factory id, not '{factory_option}'."
                ) from None
            if not Factory.objects.filter(pk=factory_id).exists():
                raise CommandError(f"No factory with id {factory_id}.")
            factory_ids = [factory_id]

        bar_stream = getattr(self.stderr, "_out", sys.stderr)
        with (
            tqdm(
                total=len(factory_ids),
                desc="Evaluating",
                unit="factory",
                file=bar_stream,
                leave=False,
            ) as progress,
            quiet_task_logs(),
        ):
            # Batches of factories: a run over the whole programme reads it in a few queries.
            # Factories found unchanged are noted as checked, as the sweep notes them: else the
            # sweep would evaluate them again on every run (and re-drive their side effects).
            result = factories_evaluate(
                factory_ids, trigger=TRIGGER, progress=progress.update, note_unchanged=True
            )
        stages = Counter(run.stage for run in result.runs.values())
        new = result.new
        unchanged = len(result.runs) - new
        for factory_id, error in result.failed.items():
            self.stderr.write(f"Factory {factory_id}: {error}")
        failed = sorted(result.failed)

        evaluated = new + unchanged
        noun = "factory" if evaluated == 1 else "factories"
        summary = (
            f"Evaluated {evaluated} {noun}: {new} new evaluation{'' if new == 1 else 's'}, "
            f"{unchanged} unchanged; stages: {stage_summary(stages)}."
        )
        if failed:
            ids = ", ".join(str(pk) for pk in failed)
            raise CommandError(f"{summary} Failed: {len(failed)} (factory ids {ids}).")
        self.stdout.write(summary)
