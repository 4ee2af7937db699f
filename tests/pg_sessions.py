"""Extra PostgreSQL sessions for the lock and fault tests: another client of the test database,
and whether any session waits on a lock."""

from __future__ import annotations

from typing import Any

import psycopg2
from django.db import connection


def separate_session() -> Any:
    """A connection of its own to the test database (outside Django's), to hold or watch locks."""
    db = connection.settings_dict
    return psycopg2.connect(
        dbname=db["NAME"],
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
    )


def someone_waits_on_a_lock(monitor: Any) -> bool:
    with monitor.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return bool(cursor.fetchone()[0])
