"""Print the data model as Mermaid ER diagrams, or refresh them in docs/architecture.md.

manage.py er_diagram [--write | --check]
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from betterwork.tooling import er_diagram

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "architecture.md"


class Command(BaseCommand):
    help = "The models as Mermaid ER diagrams (the section of docs/architecture.md)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", action="store_true", help=f"Refresh {DOCUMENT.name}.")
        group.add_argument(
            "--check", action="store_true", help=f"Fail when {DOCUMENT.name} is out of date."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["write"]:
            DOCUMENT.write_text(er_diagram.replace_in(DOCUMENT.read_text()))
            self.stdout.write(f"Refreshed the ER diagrams in {DOCUMENT}")
        elif options["check"]:
            if not er_diagram.current_in(DOCUMENT):
                raise CommandError(f"{DOCUMENT} is out of date: run manage.py er_diagram --write")
        else:
            self.stdout.write(er_diagram.markdown())
