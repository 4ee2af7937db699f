"""Building the demo programme through the portal's own services."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import ManagementSystemElement, ProgressItem, Question
from assessments.services import AnswerInput, ElementInput, RatingInput
from assessments.vocabulary import Rating
from betterwork.tooling.demo.clock import on
from betterwork.tooling.demo.people import person_details
from betterwork.tooling.demo.stories import (
    BUYERS,
    DEMO_PASSWORD,
    EMAIL_DOMAIN,
    FACTORIES,
    FOUR_EYES,
    ISO2,
    MODERATE,
    NAMES,
    OVERDUE,
    PR1_AFTER,
    PR2_AFTER,
    STAFF,
    STORIES,
    TRIGGER,
    WORKSPACES,
    CyclePlan,
    DemoError,
    DemoFactory,
    Login,
    SeedResult,
    committee_username,
    cycle_visits,
    factory_username,
    nc,
)
from betterwork.tooling.demo.workspace import WorkspaceBuilder
from buyer_portal.quarters import Quarter
from buyer_portal.services import quarterly_overview_produce
from differentiation.decisions import approval_decide
from differentiation.evaluation import factory_evaluate
from differentiation.models import ApprovalRequest
from differentiation.notes import formal_note_issue
from differentiation.vocabulary import RequestKind
from factories import services as factory_services
from factories.models import Buyer, Factory, Programme, ThirdPartyAccess
from factories.vocabulary import Role, Stage

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# --- building -------------------------------------------------------------------------------


@dataclass
class Catalogue:
    """The codes the stories draw on, read once."""

    ordinary_questions: list[str]  # neither publicly reported nor zero tolerance
    elements: list[str]
    items: list[str]

    @classmethod
    def load(cls) -> Catalogue:
        return cls(
            ordinary_questions=list(
                Question.objects.filter(publicly_reported=False, zero_tolerance=False)
                .order_by("code")
                .values_list("code", flat=True)
            ),
            elements=list(
                ManagementSystemElement.objects.order_by("order").values_list("code", flat=True)
            ),
            items=list(ProgressItem.objects.order_by("order").values_list("code", flat=True)),
        )


class DemoPasswordHasher(PBKDF2PasswordHasher):
    """Demo logins share a published password, so a full-strength hash of it protects nothing
    and costs a quarter of a second per login. Django re-hashes it at full strength at the first
    sign-in (the stored iteration count differs from the default's).
    """

    iterations = 1_000


def _ensure_user(
    result: SeedResult, username: str, password: str, role: str, **scope: object
) -> User:
    User = get_user_model()
    existing = User.objects.filter(username__iexact=username).first()
    if existing is not None:
        return existing
    result.users_created += 1
    hashers = [f"{__name__}.DemoPasswordHasher", *settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=hashers):
        user = factory_services.user_create(
            username=username,
            password=password,
            role=role,
            email=f"{username}@{EMAIL_DOMAIN}",
            **person_details(username, role),
            **scope,  # type: ignore[arg-type]
        )
    if username in NAMES:
        user.first_name, user.last_name = NAMES[username]
        user.save(update_fields=["first_name", "last_name"])
    return user


class DemoBuilder:
    def __init__(self, *, password: str) -> None:
        self.password = password
        self.today = timezone.localdate()
        self.result = SeedResult()
        self.catalogue = Catalogue.load()
        self.programmes = {p.code: p for p in Programme.objects.filter(code__in=["BGD", "VNM"])}
        self.staff: dict[str, User] = {}
        self.buyers: dict[str, Buyer] = {}

    # people and buyers ------------------------------------------------------------------------

    @transaction.atomic
    def ensure_people(self) -> None:
        for login in STAFF:
            self.staff[login.username] = _ensure_user(
                self.result,
                login.username,
                self.password,
                login.role,
                programmes=[self.programmes[login.country]],
            )
        for name, username in BUYERS.items():
            buyer, _ = Buyer.objects.get_or_create(name=name)
            self.buyers[name] = buyer
            _ensure_user(self.result, username, self.password, Role.BUYER, buyer=buyer)

    # one factory and its history --------------------------------------------------------------

    @transaction.atomic
    def ensure_factory(self, spec: DemoFactory, index: int) -> Factory:
        programme = self.programmes[spec.country]
        factory = Factory.objects.filter(programme=programme, name=spec.name).first()
        if factory is not None:
            self.result.factories_existing += 1
        else:
            factory = self._build_factory(spec, index)
            self.result.factories_created += 1
        if spec.login or spec.buyers:
            user = _ensure_user(
                self.result, factory_username(spec), self.password, Role.FACTORY, factory=factory
            )
            for buyer_name in spec.buyers:
                buyer = self.buyers[buyer_name]
                if not ThirdPartyAccess.objects.filter(
                    factory=factory, buyer=buyer, revoked_at=None
                ).exists():
                    factory_services.third_party_access_grant(
                        factory=factory, buyer=buyer, actor=user
                    )
        return factory

    def _build_factory(self, spec: DemoFactory, index: int) -> Factory:
        story = STORIES[spec.story]
        rng = random.Random(spec.name)
        visits = cycle_visits(index, self.today, rng, overdue=spec.name == OVERDUE)
        advisor = self.staff[f"ea.{spec.country.lower()}"]
        pm = self.staff[f"pm.{spec.country.lower()}"]
        enrolled_on = visits[0] - datetime.timedelta(days=rng.randint(90, 900))
        with on(enrolled_on):
            factory = factory_services.factory_create(
                name=spec.name,
                programme=self.programmes[spec.country],
                enterprise_advisor=advisor,
                enrolled_on=enrolled_on,
                os_id=_os_id(spec.country, rng),
            )
        # Access first, so the formal note goes to the buyers that have it.
        user = None
        if spec.buyers or spec.login:
            with on(visits[0] - datetime.timedelta(days=30)):
                user = _ensure_user(
                    self.result,
                    factory_username(spec),
                    self.password,
                    Role.FACTORY,
                    factory=factory,
                )
                for buyer_name in spec.buyers:
                    factory_services.third_party_access_grant(
                        factory=factory, buyer=self.buyers[buyer_name], actor=user
                    )
        for cycle, (plan, visit) in enumerate(zip(story.cycles, visits, strict=True), start=1):
            # Four eyes: a PM finalises the last assessment, so the other PM has to approve.
            finaliser = pm if spec.name == FOUR_EYES and cycle == len(visits) else advisor
            self._assessment(factory, plan, cycle, visit, advisor, finaliser, rng)
            if plan.approve:
                with on(visit + datetime.timedelta(days=9)):
                    self._approve(factory, pm)
            self._reports(factory, plan, cycle, visit, advisor, rng)
        factory.refresh_from_db()
        if spec.name in WORKSPACES and user is not None:
            committee = _ensure_user(
                self.result, committee_username(spec), self.password, Role.FACTORY, factory=factory
            )
            WorkspaceBuilder(
                factory=factory,
                today=self.today,
                advisor=advisor,
                top_management=user,
                committee_user=committee,
            ).build(WORKSPACES[spec.name])
        if factory.stage != story.stage:
            raise DemoError(
                f"{spec.name} ended {factory.stage}, but its story '{spec.story}' leads to "
                f"{story.stage}."
            )
        return factory

    def _assessment(
        self,
        factory: Factory,
        plan: CyclePlan,
        cycle: int,
        visit: datetime.date,
        advisor: User,
        finaliser: User,
        rng: random.Random,
    ) -> None:
        factory.refresh_from_db(fields=["stage"])
        named = {f.question for f in plan.findings}
        pool = [code for code in self.catalogue.ordinary_questions if code not in named]
        ordinary = [nc(code) for code in sorted(rng.sample(pool, rng.randint(3, 7)))]
        additional = []
        if factory.stage == Stage.CANDIDATE:
            # "A limited number of additional questions will be included in the subsequent assessment."
            additional = [
                AnswerInput(item=code, met=code not in plan.additional_not_met)
                for code in self.catalogue.items
            ]
        with on(visit, hour=16):
            assessment = assessment_services.assessment_create(
                factory=factory,
                cycle=cycle,
                visit_date=visit,
                actor=advisor,
                findings=[*plan.findings, *ordinary],
                elements=[
                    ElementInput(element=code, satisfied=code not in plan.failing_elements)
                    for code in self.catalogue.elements
                ],
                additional=additional,
            )
        # The story names the non-compliances; the rest are recorded compliant in bulk.
        with on(visit + datetime.timedelta(days=2)):
            assessment_services.assessment_finalise(
                assessment=assessment, actor=finaliser, remaining_compliant=True
            )
            self._evaluate(factory, f"assessment:{assessment.pk}")

    def _reports(
        self,
        factory: Factory,
        plan: CyclePlan,
        cycle: int,
        visit: datetime.date,
        advisor: User,
        rng: random.Random,
    ) -> None:
        pr2 = dict(plan.pr2)
        final = {code: pr2.get(code, Rating.ON_TRACK.value) for code in self.catalogue.items}
        # Half-way through the cycle some items are still getting there.
        early = {
            code: MODERATE if rating == Rating.ON_TRACK and rng.random() < 0.3 else rating
            for code, rating in final.items()
        }
        for number, release, ratings in (
            (1, visit + PR1_AFTER, early),
            (2, visit + PR2_AFTER, final),
        ):
            with on(release):
                report = assessment_services.progress_report_create(
                    factory=factory,
                    cycle=cycle,
                    number=number,
                    release_date=release,
                    actor=advisor,
                    ratings=[
                        RatingInput(item=code, rating=rating) for code, rating in ratings.items()
                    ],
                )
                assessment_services.progress_report_finalise(report=report, actor=advisor)
                self._evaluate(factory, f"progress_report:{report.pk}")

    def _evaluate(self, factory: Factory, trigger: str) -> None:
        # Directly, not through the on-commit task: the next step of the story needs the stage.
        factory_evaluate(factory_id=factory.pk, trigger=f"{TRIGGER}:{trigger}")

    def _approve(self, factory: Factory, pm: User) -> None:
        request = (
            ApprovalRequest.objects.pending()
            .filter(factory=factory, kind=RequestKind.GRANT)
            .first()
        )
        if request is None:
            factory.refresh_from_db(fields=["stage"])
            raise DemoError(
                f"{factory.name} raised no grant request to approve (it is {factory.stage})."
            )
        decision = approval_decide(request=request, actor=pm, approve=True)
        formal_note_issue(decision_id=decision.pk)

    # the buyers' quarterly overviews ------------------------------------------------------------

    @transaction.atomic
    def ensure_overviews(self) -> None:
        """The overviews of the last two quarters, as the quarterly beat task would have
        produced them the day after each quarter ended (an existing one is left alone)."""
        latest = Quarter.just_ended(self.today)
        for quarter in (latest.previous, latest):
            with on(quarter.next.first_day, hour=2):
                for buyer in self.buyers.values():
                    _, produced = quarterly_overview_produce(
                        buyer=buyer, quarter=quarter, actor=None
                    )
                    self.result.overviews_created += int(produced)

    # the logins --------------------------------------------------------------------------------

    def logins(self) -> list[Login]:
        rows = [
            Login(s.username, Role(s.role).label, self.programmes[s.country].name) for s in STAFF
        ]
        stage_labels = dict(Stage.choices)
        featured = [spec for spec in FACTORIES if spec.login]
        by_name = {
            f.name: f
            for f in Factory.objects.filter(name__in=[s.name for s in featured]).select_related(
                "programme"
            )
        }
        for spec in featured:
            factory = by_name.get(spec.name)
            stage = stage_labels[factory.stage].lower() if factory else "missing"
            rows.append(
                Login(spec.login, Role.FACTORY.label, f"{spec.name} ({spec.country}, {stage})")
            )
            if spec.name in WORKSPACES:
                rows.append(
                    Login(committee_username(spec), Role.FACTORY.label, "its committee's chair")
                )
        for name, username in BUYERS.items():
            count = ThirdPartyAccess.objects.filter(buyer__name=name, revoked_at=None).count()
            rows.append(Login(username, Role.BUYER.label, f"{name} (access to {count} factories)"))
        return rows


def _os_id(country: str, rng: random.Random) -> str:
    """An Open Supply Hub-style id, e.g. BD2019303BQ3FZP (made up, deterministic)."""
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    suffix = "".join(rng.choice(letters) for _ in range(6))
    return f"{ISO2[country]}{rng.randint(2018, 2022)}{rng.randint(1, 365):03d}{suffix}"


def seed(
    *,
    password: str = DEMO_PASSWORD,
    progress: Callable[[Iterable[DemoFactory]], Iterable[DemoFactory]] = iter,
) -> SeedResult:
    """Build (or complete) the demo programme; returns what was created and the logins."""
    builder = DemoBuilder(password=password)
    builder.ensure_people()
    index = {spec.name: i for i, spec in enumerate(FACTORIES)}
    for spec in progress(FACTORIES):
        builder.ensure_factory(spec, index[spec.name])
    builder.ensure_overviews()
    builder.result.logins = builder.logins()
    return builder.result
