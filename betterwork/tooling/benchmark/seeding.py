"""Seeding the benchmark's synthetic programme.

Seeding bypasses the entry services for speed (COPY and bulk_create), but writes the rows the
portal writes: a finding per catalogue question, all 13 management-system results, additional
answers where included, PR1 and PR2 with every item rated; permissions are granted to the access
layer's own groups with its own role actions, and the result is checked through the access layer.
"""

from __future__ import annotations

import datetime
import io
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import override_settings
from tqdm import tqdm

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
)
from assessments.vocabulary import Status
from factories import access
from factories import services as factory_services
from factories.models import (
    Buyer,
    Factory,
    FactoryGroupObjectPermission,
    Programme,
    ThirdPartyAccess,
)
from factories.summaries import refresh_summary
from factories.vocabulary import Role

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
    small_buyer_user: User  # a buyer with a few suppliers: the same queries as the large one
    rows: dict[str, int] = field(default_factory=dict)


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
        small_buyer_user = factory_services.user_create(
            username="bench-small-buyer", password=password, role=Role.BUYER, buyer=buyer_rows[1]
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
    # The factories were written in bulk (no save, no signal): their summaries in bulk too.
    refresh_summary(factory_ids)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum leaves a live database
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
        small_buyer_user=small_buyer_user,
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
