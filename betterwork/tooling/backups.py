"""Backups of the portal's database and media files, and their restore into an empty database.

A backup is a directory `backups/<UTC timestamp>/` holding:

- `database.dump`: PostgreSQL's custom format (`pg_dump -Fc`), or `database.sqlite3`: a copy
  made with SQLite's online backup API (consistent while the portal serves);
- `media.tar.gz`: the files under MEDIA_ROOT (an empty archive when there are none);
- `manifest.json`: when, which portal version, which database vendor, and the number of rows of
  every table, which `restore` checks once the data is back.

`restore` refuses a database that holds any table: it restores into an empty database only,
so that nothing is ever mixed or overwritten by mistake. The `backup` and `restore` management
commands (and `make backup` / `make restore`) call these functions; docs/operations.md tells how.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections, transaction

from betterwork.core.version import __version__

MANIFEST = "manifest.json"
MEDIA = "media.tar.gz"
DUMP = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: dict[str, Any]


def _models() -> list[Any]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _tables() -> list[str]:
    return sorted({model._meta.db_table for model in _models()})


def row_counts(alias: str = "default") -> dict[str, int]:
    """The rows of every table of the portal's models, by table name."""
    return {model._meta.db_table: model._base_manager.using(alias).count() for model in _models()}


def backup_create(directory: Path, *, alias: str = "default") -> Backup:
    """Back the database `alias` and MEDIA_ROOT up into a new timestamped directory."""
    connection = connections[alias]
    vendor = connection.vendor
    if vendor not in DUMP:
        raise CommandError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = Path(directory) / stamp
    target.mkdir(parents=True)
    dump = target / DUMP[vendor]
    if vendor == "postgresql":
        # The rows are counted in the very snapshot pg_dump copies, whatever is written meanwhile.
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts(alias)
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    f"--file={dump}",
                ],
                alias,
            )
    else:
        connection.ensure_connection()
        copy = sqlite3.connect(dump)
        try:
            connection.connection.backup(copy)
            # The rows are counted in the copy itself.
            counts = {
                table: copy.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for table in _tables()
            }
        finally:
            copy.close()
    _media_pack(target / MEDIA)
    manifest = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "portal_version": __version__,
        "vendor": vendor,
        "database": DUMP[vendor],
        "media": MEDIA,
        "rows": counts,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return Backup(target, manifest)


def backup_latest(directory: Path) -> Path:
    found = sorted(p for p in Path(directory).glob("*") if (p / MANIFEST).is_file())
    if not found:
        raise CommandError(f"No backup in {directory}.")
    return found[-1]


def backup_restore(path: Path, *, alias: str = "default", media: bool = True) -> Backup:
    """Restore the backup at `path` into the empty database `alias` (and MEDIA_ROOT)."""
    path = Path(path)
    if not (path / MANIFEST).is_file():
        raise CommandError(f"{path} is not a backup: it has no {MANIFEST}.")
    manifest = json.loads((path / MANIFEST).read_text())
    connection = connections[alias]
    if manifest["vendor"] != connection.vendor:
        raise CommandError(
            f"The backup is of {manifest['vendor']}; the database {alias} is {connection.vendor}."
        )
    tables = connection.introspection.table_names()
    if tables:
        raise CommandError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} "
            "tables): restore into an empty database."
        )
    dump = path / manifest["database"]
    if connection.vendor == "postgresql":
        connection.close()
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", str(dump)], alias)
    else:
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    if media:
        _media_unpack(path / manifest["media"])
    restored = row_counts(alias)
    missing = {t: n for t, n in manifest["rows"].items() if restored.get(t) != n}
    if missing:
        raise CommandError(
            "The restored database differs from the backup: "
            + ", ".join(f"{t} {restored.get(t)} of {n}" for t, n in sorted(missing.items()))
        )
    return Backup(path, manifest)


def _media_pack(archive: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    with tarfile.open(archive, "w:gz") as tar:
        if root.is_dir():
            for child in sorted(root.iterdir()):
                tar.add(child, arcname=child.name)


def _media_unpack(archive: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(root, filter="data")


def _run(command: list[str], alias: str) -> None:
    """Run pg_dump or pg_restore against the database `alias`, with its credentials."""
    db = connections[alias].settings_dict
    if shutil.which(command[0]) is None:
        raise CommandError(
            f"{command[0]} is not installed: install the PostgreSQL client of the server's "
            "major version (or newer), or run it in the database's container "
            "(docs/operations.md)."
        )
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    options = [f"--dbname={db['NAME']}"]
    if db.get("HOST"):
        options.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        options.append(f"--port={db['PORT']}")
    if db.get("USER"):
        options.append(f"--username={db['USER']}")
    result = subprocess.run(
        [command[0], *options, *command[1:]], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")
