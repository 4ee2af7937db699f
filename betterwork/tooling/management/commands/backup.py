"""Back the database and the media files up into backups/<UTC timestamp>/ (make backup).

    manage.py backup [--output DIR] [--database ALIAS]

PostgreSQL is dumped with `pg_dump -Fc` (the client must be installed), SQLite copied with its
online backup API; MEDIA_ROOT goes into a tar.gz. See betterwork.tooling.backups and
docs/operations.md, section 5.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from betterwork.tooling.backups import backup_create


class Command(BaseCommand):
    help = "Back the database and MEDIA_ROOT up into a new timestamped directory."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "backups"),
            help="Directory to create the backup in (default: backups/ in the checkout).",
        )
        parser.add_argument("--database", default="default", help="Database alias.")

    def handle(self, *args: Any, **options: Any) -> None:
        made = backup_create(Path(options["output"]), alias=options["database"])
        rows = sum(made.manifest["rows"].values())
        self.stdout.write(f"Backed up {rows} rows and the media files into {made.path}")
