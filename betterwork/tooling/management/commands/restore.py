"""Restore a backup of `manage.py backup` into an empty database (make restore).

    manage.py restore [PATH] [--from DIR] [--database ALIAS] [--no-media]

PATH is a backup directory; without it, the latest under backups/. The database named by
DATABASE_URL must be empty (create it, or delete db.sqlite3, first); every table's rows are
counted against the backup's manifest once restored. Then run `manage.py migrate` to bring a
backup of an older release up to date. See docs/operations.md, section 5.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from betterwork.tooling.backups import backup_latest, backup_restore


class Command(BaseCommand):
    help = "Restore a backup (the latest under backups/ by default) into an empty database."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", nargs="?", help="The backup directory.")
        parser.add_argument(
            "--from",
            dest="directory",
            default=str(Path(settings.BASE_DIR) / "backups"),
            help="Where to find the latest backup when no PATH is given.",
        )
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument("--no-media", action="store_true", help="Restore the database only.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"]) if options["path"] else backup_latest(options["directory"])
        done = backup_restore(path, alias=options["database"], media=not options["no_media"])
        rows = sum(done.manifest["rows"].values())
        self.stdout.write(
            f"Restored {rows} rows of {done.manifest['created']} (portal "
            f"{done.manifest['portal_version']}) from {path}"
        )
