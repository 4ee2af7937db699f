"""The benchmark's own PostgreSQL database: created when missing, dropped at the end."""

from __future__ import annotations

from django.db import connection

# --- the dedicated database -----------------------------------------------------------------


def ensure_database() -> bool:
    """Create the configured database when it does not exist; True if this run created it."""
    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone():
            return False
        cursor.execute(f'CREATE DATABASE "{name}"')
    return True


def drop_database() -> None:
    name = connection.settings_dict["NAME"]
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
