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

from assessments import services as assessment_services
from assessments.models import ManagementSystemElement, ProgressItem, Question
from assessments.services import AnswerInput, ElementInput, RatingInput
from assessments.vocabulary import Rating
from betterwork.tooling.demo.people import person_details
from betterwork.tooling.demo.stories import (
    BUYERS,
    DEMO_PASSWORD,
    EMAIL_DOMAIN,
    FACTORIES,
    FIRST_VISIT,
    ISO2,
    MODERATE,
    PR1_AFTER,
    PR2_AFTER,
    STAFF,
    STORIES,
    TRIGGER,
    CyclePlan,
    DemoError,
    DemoFactory,
    Login,
    SeedResult,
    factory_username,
    nc,
)
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
        return factory_services.user_create(
            username=username,
            password=password,
            role=role,
            email=f"{username}@{EMAIL_DOMAIN}",
            **person_details(username, role),
            **scope,  # type: ignore[arg-type]
        )


class DemoBuilder:
    def __init__(self, *, password: str) -> None:
        self.password = password
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
        first_visit = FIRST_VISIT + datetime.timedelta(days=3 * index)
        advisor = self.staff[f"ea.{spec.country.lower()}"]
        pm = self.staff[f"pm.{spec.country.lower()}"]
        factory = factory_services.factory_create(
            name=spec.name,
            programme=self.programmes[spec.country],
            enterprise_advisor=advisor,
            enrolled_on=first_visit - datetime.timedelta(days=rng.randint(90, 900)),
            os_id=_os_id(spec.country, rng),
        )
        # Access first, so the formal note goes to the buyers that have it.
        if spec.buyers or spec.login:
            user = _ensure_user(
                self.result, factory_username(spec), self.password, Role.FACTORY, factory=factory
            )
            for buyer_name in spec.buyers:
                factory_services.third_party_access_grant(
                    factory=factory, buyer=self.buyers[buyer_name], actor=user
                )
        for cycle, plan in enumerate(story.cycles, start=1):
            visit = first_visit + datetime.timedelta(days=364 * (cycle - 1) + rng.randint(-9, 9))
            self._assessment(factory, plan, cycle, visit, advisor, rng)
            if plan.approve:
                self._approve(factory, pm)
            self._reports(factory, plan, cycle, visit, advisor, rng)
        factory.refresh_from_db()
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
        # The story names the non-compliances; the advisor records the rest compliant in bulk.
        assessment_services.assessment_finalise(
            assessment=assessment, actor=advisor, remaining_compliant=True
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
            report = assessment_services.progress_report_create(
                factory=factory,
                cycle=cycle,
                number=number,
                release_date=release,
                actor=advisor,
                ratings=[RatingInput(item=code, rating=rating) for code, rating in ratings.items()],
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
    builder.result.logins = builder.logins()
    return builder.result
