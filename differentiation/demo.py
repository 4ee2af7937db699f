"""The demo programme: two country programmes, thirty factories, three cycles of history.

Every row is written by the portal's own services (assessments created and finalised, progress
reports released, factories evaluated, requests decided, access granted), so each factory's stage
comes out of the real rules. Each factory follows a *story*, a plan for its three cycles; after
building it, the factory must stand in the stage its story promises, or the build fails loudly.

Building is idempotent: people, buyers and factories that already exist are left alone (a factory
that exists is taken to carry its history already), so running the seed twice adds nothing.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import transaction
from django.test.utils import override_settings
from django.utils.text import slugify

from assessments import services as assessment_services
from assessments.models import ManagementSystemElement, ProgressItem, Question, Rating
from assessments.services import AnswerInput, ElementInput, FindingInput, RatingInput
from differentiation import services
from differentiation.models import ApprovalRequest, RequestKind
from differentiation.notes import formal_note_issue
from factories import services as factory_services
from factories.models import Buyer, Factory, Programme, Role, Stage, ThirdPartyAccess

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEMO_PASSWORD = "betterwork-demo"
EMAIL_DOMAIN = "example.org"
TRIGGER = "seed_demo"

# Cycle 1 visits fall between September and December 2023; each later cycle about a year on.
FIRST_VISIT = datetime.date(2023, 9, 4)
PR1_AFTER = datetime.timedelta(days=150)
PR2_AFTER = datetime.timedelta(days=315)  # "PR2 released in the 11th month of the cycle"


class DemoError(RuntimeError):
    """The demo came out differently from its stories: the rules or the stories changed."""


# --- the stories ----------------------------------------------------------------------------


def nc(code: str, note: str = "", *, remediated: bool = False) -> FindingInput:
    return FindingInput(question=code, non_compliant=True, remediated=remediated, note=note)


@dataclass(frozen=True)
class CyclePlan:
    """What one service cycle records, beyond a handful of ordinary non-compliances."""

    findings: tuple[FindingInput, ...] = ()  # the findings the criteria look at
    failing_elements: tuple[str, ...] = ()
    pr2: tuple[tuple[str, str], ...] = ()  # (item, rating) where PR2 is not On track
    additional_not_met: tuple[str, ...] = ()  # only asked when the factory is a candidate
    approve: bool = False  # a PM approves the grant request the assessment raises


@dataclass(frozen=True)
class Story:
    stage: str  # where the rules must leave the factory
    summary: str
    cycles: tuple[CyclePlan, CyclePlan, CyclePlan]


PASS = CyclePlan()
MODERATE = Rating.MODERATE_PROGRESS.value
NO_PROGRESS = Rating.NO_PROGRESS.value

STORIES: dict[str, Story] = {
    "high_performing": Story(
        Stage.HIGH_PERFORMING,
        "Candidate after cycle 1, approved after cycle 2, still meets the criteria.",
        (PASS, CyclePlan(approve=True), PASS),
    ),
    "high_performing_late": Story(
        Stage.HIGH_PERFORMING,
        "Fixed its drinking-water finding, candidate after cycle 2, approved after cycle 3.",
        (
            CyclePlan(findings=(nc("OS-5.1", "Water points on floors 3 and 4 not working."),)),
            PASS,
            CyclePlan(approve=True),
        ),
    ),
    "high_performing_remediated": Story(
        Stage.HIGH_PERFORMING,
        "A zero-tolerance finding remediated in cycle 1; approved after cycle 2.",
        (
            CyclePlan(
                findings=(
                    nc(
                        "CT-3.2",
                        "Supervisor threatened workers; dismissed, policy retrained.",
                        remediated=True,
                    ),
                )
            ),
            CyclePlan(approve=True),
            PASS,
        ),
    ),
    "eligible": Story(
        Stage.ELIGIBLE,
        "HR systems fixed after cycle 1, candidate after cycle 2, all criteria met in cycle 3.",
        (CyclePlan(failing_elements=("HR-3",)), PASS, PASS),
    ),
    "candidate": Story(
        Stage.CANDIDATE,
        "Social dialogue lagged in cycle 2; on track after cycle 3: additional questions next.",
        (
            CyclePlan(findings=(nc("OS-3.3", "No evacuation drill in the last 12 months."),)),
            CyclePlan(pr2=(("SD-2", MODERATE),)),
            PASS,
        ),
    ),
    "candidate_unconfirmed": Story(
        Stage.CANDIDATE,
        "Candidate after cycle 2; the additional questions did not confirm SD-3; candidate again.",
        (CyclePlan(failing_elements=("OSH-5",)), PASS, CyclePlan(additional_not_met=("SD-3",))),
    ),
    "near_miss_osh": Story(
        Stage.NOT_ON_TRACK,
        "Candidate after cycle 2; one OSH element unsatisfied in cycle 3.",
        (CyclePlan(failing_elements=("OSH-2",)), PASS, CyclePlan(failing_elements=("OSH-4",))),
    ),
    "near_miss_pr2": Story(
        Stage.NOT_ON_TRACK,
        "Clean assessments, but a progress-report item at moderate progress each year.",
        (
            CyclePlan(findings=(nc("CO-6.1", "Social security not paid for 12 new workers."),)),
            CyclePlan(pr2=(("SD-4", MODERATE),)),
            CyclePlan(pr2=(("LE-1", MODERATE),)),
        ),
    ),
    "near_miss_public": Story(
        Stage.NOT_ON_TRACK,
        "Candidate after cycle 2; a publicly reported overtime-premium finding in cycle 3.",
        (
            CyclePlan(failing_elements=("HR-5",)),
            PASS,
            CyclePlan(findings=(nc("CO-2.1", "Sunday overtime paid at the ordinary rate."),)),
        ),
    ),
    "zero_tolerance": Story(
        Stage.NOT_ON_TRACK,
        "An unremediated zero-tolerance finding (retaliation) in cycle 3.",
        (
            PASS,
            CyclePlan(pr2=(("SD-1", MODERATE),)),
            CyclePlan(
                findings=(
                    nc(
                        "CT-3.3",
                        "Two workers dismissed after speaking with the advisor; not reinstated.",
                    ),
                )
            ),
        ),
    ),
    "under_review": Story(
        Stage.UNDER_REVIEW,
        "High-performing since cycle 2; blocked emergency exits in cycle 3: review pending.",
        (
            PASS,
            CyclePlan(approve=True),
            CyclePlan(
                findings=(nc("OS-3.1", "Exit on the finishing floor locked during overtime."),),
                failing_elements=("OSH-3",),
            ),
        ),
    ),
    "not_on_track": Story(
        Stage.NOT_ON_TRACK,
        "Several publicly reported issues every cycle; little progress in the reports.",
        (
            CyclePlan(
                findings=(nc("CO-2.1"), nc("FL-3.1", "Overtime refused leads to fines.")),
                failing_elements=("HR-2", "OSH-1", "OSH-6"),
                pr2=(("SD-1", NO_PROGRESS), ("SD-3", MODERATE), ("LE-1", NO_PROGRESS)),
            ),
            CyclePlan(
                findings=(nc("OS-7.1", "Unguarded belts on 14 sewing machines."), nc("CO-6.1")),
                failing_elements=("HR-2", "OSH-6"),
                pr2=(("SD-3", MODERATE), ("SD-5", MODERATE)),
            ),
            CyclePlan(
                findings=(nc("OS-3.3"), nc("CT-1.1", "Rolling three-month contracts.")),
                failing_elements=("OSH-6",),
                pr2=(("SD-5", MODERATE),),
            ),
        ),
    ),
}


@dataclass(frozen=True)
class DemoFactory:
    name: str
    country: str
    story: str
    buyers: tuple[str, ...] = ()
    login: str = ""  # a featured factory user, printed with the logins


NORTHWIND, FABRIKAM, TAILSPIN = "Northwind Apparel", "Fabrikam Fashion", "Tailspin Outfitters"
BUYERS: dict[str, str] = {
    NORTHWIND: "buyer.northwind",
    FABRIKAM: "buyer.fabrikam",
    TAILSPIN: "buyer.tailspin",
}

FACTORIES: tuple[DemoFactory, ...] = (
    # Bangladesh
    DemoFactory(
        "Gazipur Knit Composite Ltd", "BGD", "high_performing", (NORTHWIND, TAILSPIN), "factory.hp"
    ),
    DemoFactory("Savar Denim Mills Ltd", "BGD", "high_performing_late", (NORTHWIND,)),
    DemoFactory("Ashulia Apparels Ltd", "BGD", "eligible", (NORTHWIND,)),
    DemoFactory("Narayanganj Knitwear Ltd", "BGD", "eligible"),
    DemoFactory("Chattogram Garments Ltd", "BGD", "candidate", (TAILSPIN,), "factory.candidate"),
    DemoFactory("Tongi Sweaters Ltd", "BGD", "candidate_unconfirmed"),
    DemoFactory("Mirpur Fashion Wear Ltd", "BGD", "near_miss_osh"),
    DemoFactory("Rupganj Textiles Ltd", "BGD", "near_miss_pr2", (NORTHWIND,)),
    DemoFactory("Konabari Outerwear Ltd", "BGD", "near_miss_public"),
    DemoFactory("Kaliakair Shirts Ltd", "BGD", "zero_tolerance"),
    DemoFactory("Dhamrai Sportswear Ltd", "BGD", "under_review", (NORTHWIND, FABRIKAM)),
    DemoFactory("Uttara Woven Garments Ltd", "BGD", "not_on_track"),
    DemoFactory("Fatullah Apparel Industries Ltd", "BGD", "not_on_track", (TAILSPIN,)),
    DemoFactory("Bhaluka Jeans Ltd", "BGD", "not_on_track"),
    DemoFactory("Mawna Lingerie Ltd", "BGD", "not_on_track"),
    # Viet Nam
    DemoFactory("Binh Duong Garment JSC", "VNM", "high_performing", (FABRIKAM, TAILSPIN)),
    DemoFactory("Dong Nai Apparel Co., Ltd.", "VNM", "high_performing_remediated", (FABRIKAM,)),
    DemoFactory("Long An Sportswear Co., Ltd.", "VNM", "eligible", (FABRIKAM,)),
    DemoFactory("Saigon Fashion Manufacturing Co., Ltd.", "VNM", "candidate", (TAILSPIN,)),
    DemoFactory("Hai Phong Knitting Co., Ltd.", "VNM", "candidate"),
    DemoFactory("Nam Dinh Textile Garment JSC", "VNM", "near_miss_osh"),
    DemoFactory("Thai Binh Outerwear Co., Ltd.", "VNM", "near_miss_pr2", (FABRIKAM,)),
    DemoFactory("Tan Uyen Garment Co., Ltd.", "VNM", "near_miss_public"),
    DemoFactory("Bac Ninh Apparel Co., Ltd.", "VNM", "zero_tolerance"),
    DemoFactory("Hung Yen Denim Co., Ltd.", "VNM", "under_review", (TAILSPIN,)),
    DemoFactory("Da Nang Garment Export JSC", "VNM", "not_on_track"),
    DemoFactory("Vinh Long Knitwear Co., Ltd.", "VNM", "not_on_track"),
    DemoFactory("Cu Chi Sewing Co., Ltd.", "VNM", "not_on_track", (FABRIKAM,)),
    DemoFactory("Tay Ninh Uniforms Co., Ltd.", "VNM", "not_on_track"),
    DemoFactory("Quang Ngai Fashion Co., Ltd.", "VNM", "not_on_track"),
)

ISO2 = {"BGD": "BD", "VNM": "VN"}


@dataclass(frozen=True)
class StaffLogin:
    username: str
    role: str
    country: str


STAFF: tuple[StaffLogin, ...] = (
    StaffLogin("pm.bgd", Role.PROGRAMME_MANAGER, "BGD"),
    StaffLogin("pm2.bgd", Role.PROGRAMME_MANAGER, "BGD"),  # a second PM: four eyes
    StaffLogin("ea.bgd", Role.ENTERPRISE_ADVISOR, "BGD"),
    StaffLogin("pm.vnm", Role.PROGRAMME_MANAGER, "VNM"),
    StaffLogin("ea.vnm", Role.ENTERPRISE_ADVISOR, "VNM"),
)


def factory_username(spec: DemoFactory) -> str:
    return spec.login or f"factory.{slugify(spec.name)}"[:150]


# --- the result -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    scope: str


@dataclass
class SeedResult:
    factories_created: int = 0
    factories_existing: int = 0
    users_created: int = 0
    logins: list[Login] = field(default_factory=list)


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
        services.factory_evaluate(factory_id=factory.pk, trigger=f"{TRIGGER}:{trigger}")

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
        decision = services.approval_decide(request=request, actor=pm, approve=True)
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
