"""The programme-scale benchmark behind `manage.py benchmark` (and `make bench`).

It builds a synthetic programme on a dedicated PostgreSQL database, then measures, in the same
run: evaluating every factory against a single-query floor; the buyer's supplier list against a
trivial signed-in page, both served by gunicorn; the query counts of the list pages; and the time
from finalising an assessment to the new stage, with a real Celery worker on Redis.

Seeding bypasses the entry services for speed (COPY and bulk_create), but writes the rows the
portal writes: a finding per catalogue question, all 13 management-system results, additional
answers where included, PR1 and PR2 with every item rated; permissions are granted to the access
layer's own groups with its own role actions, and the result is checked through the access layer.
"""

from __future__ import annotations

import datetime
import http.client
import io
import itertools
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from tqdm import tqdm

from assessments import services as assessment_services
from assessments.models import (
    AdditionalAnswer,
    Assessment,
    Finding,
    ManagementSystemElement,
    ManagementSystemResult,
    ProgressItem,
    ProgressRating,
    ProgressReport,
    Question,
    Status,
)
from betterwork import access
from factories import services as factory_services
from factories.models import (
    Buyer,
    Factory,
    FactoryGroupObjectPermission,
    Programme,
    Role,
    Stage,
    ThirdPartyAccess,
)

ROOT = Path(__file__).resolve().parent.parent
NON_COMPLIANT_SHARE = 0.05
HIGH_PERFORMER_SHARE = 0.10  # factories whose data meets every criterion
CYCLES = (1, 2, 3)
COUNTRIES = 8  # "seven to nine countries"
OTHER_BUYER_SUPPLIERS = 20
RATINGS = ("on_track", "moderate_progress", "no_progress")


@dataclass
class Seeded:
    factory_ids: list[int]
    programme_manager: User
    advisors: dict[int, User]  # programme id -> its EA
    buyer_user: User
    plain_user: User
    rows: dict[str, int] = field(default_factory=dict)


# --- the dedicated database -----------------------------------------------------------------


def database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


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


# --- seeding --------------------------------------------------------------------------------


def _copy(model: type[Any], columns: tuple[str, ...], lines: Iterator[str]) -> int:
    buffer = io.StringIO()
    count = 0
    for line in lines:
        buffer.write(line)
        count += 1
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_from(buffer, model._meta.db_table, columns=columns)
    return count


def _b(value: bool) -> str:
    return "t" if value else "f"


def _grant_rows(
    group: Group,
    actions: tuple[access.Action, ...],
    factory_ids: list[int],
    permission_ids: dict[str, int],
) -> list[FactoryGroupObjectPermission]:
    return [
        FactoryGroupObjectPermission(
            group=group, permission_id=permission_ids[action.value], content_object_id=pk
        )
        for pk in factory_ids
        for action in actions
    ]


def seed(*, factories: int, buyers: int, supplier_access: int, progress: tqdm) -> Seeded:
    rng = random.Random(2017)
    programmes = list(Programme.objects.order_by("code")[:COUNTRIES])
    password = uuid.uuid4().hex
    # Bench people never sign in with a password (the load test uses a session): hash cheaply.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        managers = {
            p.pk: factory_services.user_create(
                username=f"bench-pm-{p.code.lower()}",
                password=password,
                role=Role.PROGRAMME_MANAGER,
                programmes=[p],
            )
            for p in programmes
        }
        advisors = {
            p.pk: factory_services.user_create(
                username=f"bench-ea-{p.code.lower()}",
                password=password,
                role=Role.ENTERPRISE_ADVISOR,
                programmes=[p],
            )
            for p in programmes
        }
        plain_user = User.objects.create_user("bench-no-role", password=password)

    # Factories, and their permissions granted to the access layer's groups.
    rows = [
        Factory(
            name=f"Bench factory {i:05d}",
            programme=programmes[i % len(programmes)],
            enterprise_advisor=advisors[programmes[i % len(programmes)].pk],
            enrolled_on=datetime.date(2021, 1, 4),
        )
        for i in range(factories)
    ]
    created = Factory.objects.bulk_create(rows, batch_size=1000)
    factory_ids = [f.pk for f in created]
    progress.update(factories * 0.05)
    permission_ids = {
        f"factories.{codename}": pk
        for codename, pk in Permission.objects.filter(
            content_type__app_label="factories", content_type__model="factory"
        ).values_list("codename", "pk")
    }
    grants: list[FactoryGroupObjectPermission] = []
    for programme in programmes:
        ids = [f.pk for f in created if f.programme_id == programme.pk]
        for role in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR):
            group = access.programme_group(programme, role)
            grants += _grant_rows(group, access.ROLE_ACTIONS[role], ids, permission_ids)
    for factory in created:
        grants += _grant_rows(
            access.factory_group(factory),
            access.ROLE_ACTIONS[Role.FACTORY],
            [factory.pk],
            permission_ids,
        )

    # Buyers: one with access to `supplier_access` factories, the others to a few each.
    buyer_rows = Buyer.objects.bulk_create(
        [Buyer(name=f"Bench buyer {i:03d}") for i in range(buyers)]
    )
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        buyer_user = factory_services.user_create(
            username="bench-buyer", password=password, role=Role.BUYER, buyer=buyer_rows[0]
        )
    programme_of = {f.pk: f.programme_id for f in created}
    access_rows: list[ThirdPartyAccess] = []
    for index, buyer in enumerate(buyer_rows):
        size = supplier_access if index == 0 else OTHER_BUYER_SUPPLIERS
        chosen = rng.sample(factory_ids, min(size, len(factory_ids)))
        access_rows += [
            ThirdPartyAccess(factory_id=pk, buyer=buyer, granted_by=managers[programme_of[pk]])
            for pk in chosen
        ]
        grants += _grant_rows(
            access.buyer_group(buyer), access.ROLE_ACTIONS[Role.BUYER], chosen, permission_ids
        )
    ThirdPartyAccess.objects.bulk_create(access_rows, batch_size=5000)
    FactoryGroupObjectPermission.objects.bulk_create(grants, batch_size=5000)
    progress.update(factories * 0.05)

    # Three cycles of finalised assessments, PR1 and PR2 per cycle.
    questions = list(Question.objects.values_list("pk", "publicly_reported", "zero_tolerance"))
    elements = list(ManagementSystemElement.objects.values_list("pk", flat=True))
    items = list(ProgressItem.objects.values_list("pk", flat=True))
    high_performers = set(rng.sample(factory_ids, int(factories * HIGH_PERFORMER_SHARE)))
    counts = {
        "findings": 0,
        "management_system_results": 0,
        "additional_answers": 0,
        "progress_ratings": 0,
    }
    chunk = 250
    for start in range(0, len(created), chunk):
        batch = created[start : start + chunk]
        assessments: list[Assessment] = []
        reports: list[ProgressReport] = []
        for offset, factory in enumerate(batch):
            ea = advisors[factory.programme_id]
            good = factory.pk in high_performers
            for cycle in CYCLES:
                visit = datetime.date(2021 + cycle, 2, 1) + datetime.timedelta(days=offset % 150)
                assessments.append(
                    Assessment(
                        factory=factory,
                        cycle=cycle,
                        visit_date=visit,
                        status=Status.FINALISED,
                        includes_additional_questions=good and cycle > 1,
                        created_by=ea,
                        finalised_by=ea,
                        finalised_at=_moment(visit, 20),
                    )
                )
                for number, months in ((1, 5), (2, 10)):
                    release = visit + datetime.timedelta(days=30 * months)
                    reports.append(
                        ProgressReport(
                            factory=factory,
                            cycle=cycle,
                            number=number,
                            release_date=release,
                            status=Status.FINALISED,
                            created_by=ea,
                            finalised_by=ea,
                            finalised_at=_moment(release, 2),
                        )
                    )
        Assessment.objects.bulk_create(assessments)
        ProgressReport.objects.bulk_create(reports)
        counts["findings"] += _copy(
            Finding,
            ("assessment_id", "question_id", "non_compliant", "remediated", "note"),
            _finding_lines(assessments, questions, high_performers, rng),
        )
        counts["management_system_results"] += _copy(
            ManagementSystemResult,
            ("assessment_id", "element_id", "satisfied"),
            (
                f"{a.pk}\t{e}\t{_b(a.factory_id in high_performers or rng.random() < 0.93)}\n"
                for a in assessments
                for e in elements
            ),
        )
        counts["additional_answers"] += _copy(
            AdditionalAnswer,
            ("assessment_id", "item_id", "met"),
            (
                f"{a.pk}\t{i}\tt\n"
                for a in assessments
                if a.includes_additional_questions
                for i in items
            ),
        )
        counts["progress_ratings"] += _copy(
            ProgressRating,
            ("report_id", "item_id", "rating"),
            (
                f"{r.pk}\t{i}\t{_rating(r.factory_id in high_performers, rng)}\n"
                for r in reports
                for i in items
            ),
        )
        progress.update(len(batch) * 0.9)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    counts.update(
        factories=factories,
        assessments=factories * len(CYCLES),
        progress_reports=factories * len(CYCLES) * 2,
        buyers=buyers,
        third_party_access=len(access_rows),
    )
    first_programme = created[0].programme_id
    return Seeded(
        factory_ids=factory_ids,
        programme_manager=managers[first_programme],
        advisors=advisors,
        buyer_user=buyer_user,
        plain_user=plain_user,
        rows=counts,
    )


def _moment(day: datetime.date, days_later: int) -> datetime.datetime:
    return datetime.datetime.combine(
        day + datetime.timedelta(days=days_later), datetime.time(9), tzinfo=datetime.UTC
    )


def _rating(good: bool, rng: random.Random) -> str:
    return "on_track" if good else rng.choices(RATINGS, weights=(70, 20, 10))[0]


def _finding_lines(
    assessments: list[Assessment],
    questions: list[tuple[int, bool, bool]],
    high_performers: set[int],
    rng: random.Random,
) -> Iterator[str]:
    """A finding per question; about 5% non-compliant (never publicly reported ones for the
    high performers, whose zero-tolerance findings are remediated)."""
    draw = rng.random
    for a in assessments:
        good = a.factory_id in high_performers
        for pk, public, zero in questions:
            non_compliant = draw() < NON_COMPLIANT_SHARE and not (good and public)
            remediated = non_compliant and zero and (good or draw() < 0.5)
            yield f"{a.pk}\t{pk}\t{_b(non_compliant)}\t{_b(remediated)}\t\n"


# --- evaluation and its floor ---------------------------------------------------------------


@contextmanager
def counting_queries() -> Iterator[list[int]]:
    """Count the queries run inside the block (cheaper than keeping their SQL)."""
    counter = [0]

    def wrapper(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counter


def floor_sql() -> str:
    """One query reading the rows `load_facts` reads: finalised assessments and their
    non-compliant findings, results and answers; finalised reports and their ratings."""
    t = {
        m.__name__: m._meta.db_table
        for m in (
            Assessment,
            Finding,
            Question,
            ManagementSystemResult,
            ManagementSystemElement,
            AdditionalAnswer,
            ProgressItem,
            ProgressReport,
            ProgressRating,
        )
    }
    finalised = "status = 'finalised' AND factory_id = ANY(%(ids)s)"
    return f"""
    WITH a AS (SELECT id, factory_id, cycle, visit_date, includes_additional_questions
               FROM {t["Assessment"]} WHERE {finalised}),
         p AS (SELECT id, factory_id, cycle, number, release_date
               FROM {t["ProgressReport"]} WHERE {finalised})
    SELECT a.factory_id, a.id, 'assessment', a.cycle::text, a.visit_date,
           a.includes_additional_questions, false FROM a
    UNION ALL
    SELECT a.factory_id, f.id, q.code, f.assessment_id::text, NULL, q.publicly_reported,
           q.zero_tolerance AND NOT f.remediated
      FROM {t["Finding"]} f JOIN a ON a.id = f.assessment_id
      JOIN {t["Question"]} q ON q.id = f.question_id WHERE f.non_compliant
    UNION ALL
    SELECT a.factory_id, r.id, e.code, e.system, NULL, r.satisfied, false
      FROM {t["ManagementSystemResult"]} r JOIN a ON a.id = r.assessment_id
      JOIN {t["ManagementSystemElement"]} e ON e.id = r.element_id
    UNION ALL
    SELECT a.factory_id, x.id, i.code, x.assessment_id::text, NULL, x.met, false
      FROM {t["AdditionalAnswer"]} x JOIN a ON a.id = x.assessment_id
      JOIN {t["ProgressItem"]} i ON i.id = x.item_id
    UNION ALL
    SELECT p.factory_id, p.id, 'report', p.number::text, p.release_date, false, false FROM p
    UNION ALL
    SELECT p.factory_id, g.id, i.code, g.rating, NULL, false, false
      FROM {t["ProgressRating"]} g JOIN p ON p.id = g.report_id
      JOIN {t["ProgressItem"]} i ON i.id = g.item_id
    """


def evaluate_floor(factory_ids: list[int]) -> tuple[float, int]:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(floor_sql(), {"ids": factory_ids})
        rows = cursor.fetchall()
    return time.perf_counter() - started, len(rows)


# --- serving and loading --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def collect_static(workdir: Path) -> None:
    """Production settings serve hashed static files from a manifest: collect them once."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=production_env(workdir),
        check=True,
    )


def production_env(workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of the processes the benchmark starts: production settings."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the sessions made here must verify there
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        **extra,
    }


def session_cookie(user: User) -> str:
    """A signed-in session, made once; the load reuses its cookie."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


@contextmanager
def gunicorn(workdir: Path) -> Iterator[int]:
    env = production_env(workdir)
    port = free_port()
    log = (workdir / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "betterwork.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = fetch(port, "/health/", {})
                if status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {workdir / 'gunicorn.log'}")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def fetch(
    port: int, path: str, headers: dict[str, str], conn: http.client.HTTPConnection | None = None
) -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.will_close:
            conn.close()
        return response.status, body
    finally:
        if own:
            conn.close()


def load(
    port: int, path: str, headers: dict[str, str], *, requests: int, threads: int
) -> dict[str, Any]:
    """`requests` GETs from `threads` client threads; requests per second and the statuses."""
    for _ in range(5):  # warm the workers' caches and connections
        fetch(port, path, headers)
    tickets = itertools.count()
    statuses: list[int] = []
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while next(tickets) < requests:
            status, _ = fetch(port, path, headers, conn)
            with lock:
                statuses.append(status)
        conn.close()

    workers = [threading.Thread(target=client) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    return {
        "rps": round(len(statuses) / elapsed, 1),
        "requests": len(statuses),
        "non_200": sum(1 for s in statuses if s != 200),
    }


def page_queries(user: User, path: str) -> tuple[int, int]:
    """(rendered, cached): the queries of one in-process GET with the fragment cache cleared,
    then of the next one (which may be served from it), after a warm-up request."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    client.get(path)
    counts = []
    cache.clear()
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} answered {response.status_code}")
        counts.append(len(queries))
    return counts[0], counts[1]


# --- finalise to stage, with a real worker --------------------------------------------------


@contextmanager
def celery_worker(workdir: Path) -> Iterator[str]:
    from betterwork.celery import app

    queue = f"bench-{uuid.uuid4().hex[:10]}"
    log = (workdir / "worker.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "betterwork",
            "worker",
            "--pool=prefork",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=production_env(workdir, CELERY_TASK_DEFAULT_QUEUE=queue),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    previous = (app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    app.conf.broker_url = settings.REDIS_URL
    try:
        yield queue
    except Exception as error:
        log.flush()
        tail = (workdir / "worker.log").read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{error}\nThe worker's log ends:\n{tail}") from error
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url = previous
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        try:
            import redis

            redis.Redis.from_url(settings.REDIS_URL).delete(queue)
        except Exception:  # the queue is private and empty: leaving it is harmless
            pass


def draft_assessments(seeded: Seeded, count: int) -> list[Assessment]:
    """Cycle-4 drafts, through the entry service, for factories spread over the stages."""
    from differentiation.models import Evaluation  # noqa: F401  (the app must be loaded)

    questions = list(Question.objects.values_list("code", "publicly_reported"))
    element_codes = list(ManagementSystemElement.objects.values_list("code", flat=True))
    item_codes = list(ProgressItem.objects.values_list("code", flat=True))
    factories = list(
        Factory.objects.filter(pk__in=seeded.factory_ids).order_by("-stage", "pk")[: count * 3]
    )[::3][:count]
    today = timezone.localdate()
    drafts = []
    for factory in factories:
        drafts.append(
            assessment_services.assessment_create(
                factory=factory,
                cycle=4,
                visit_date=today - datetime.timedelta(days=3),
                actor=seeded.advisors[factory.programme_id],
                findings=[
                    assessment_services.FindingInput(question=code, non_compliant=False)
                    for code, _ in questions
                ],
                elements=[
                    assessment_services.ElementInput(element=c, satisfied=True)
                    for c in element_codes
                ],
                additional=[assessment_services.AnswerInput(item=c, met=True) for c in item_codes]
                if factory.stage == Stage.CANDIDATE
                else [],
                context="benchmark",
            )
        )
    return drafts


def finalise_to_stage(
    seeded: Seeded, drafts: list[Assessment], *, timeout: float = 30.0
) -> list[float]:
    """Milliseconds from calling the finalise service to the evaluation (and stage) committed."""
    from differentiation.models import Evaluation

    timings = []
    for assessment in drafts:
        actor = seeded.advisors[assessment.factory.programme_id]
        trigger = f"assessment:{assessment.pk}"
        started = time.perf_counter()
        assessment_services.assessment_finalise(assessment=assessment, actor=actor)
        seen = Evaluation.objects.filter(factory_id=assessment.factory_id, trigger=trigger)
        while not seen.exists():
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"No evaluation for {trigger} within {timeout:.0f} s.")
            time.sleep(0.002)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


# --- the machine ----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "nproc": os.cpu_count(),
        "memory_gb": memory_gb,
        "cpu": cpu,
        "python": platform.python_version(),
        "postgresql": postgres,
    }


def workdir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="betterwork-bench-")


def dumps(result: dict[str, Any]) -> str:
    return json.dumps(result, indent=2, default=str)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
