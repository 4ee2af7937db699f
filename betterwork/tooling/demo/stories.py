"""The demo programme's stories: what each factory's three cycles hold, and who signs in."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.text import slugify

from assessments.services import FindingInput
from assessments.vocabulary import Rating
from betterwork.tooling.demo.workspace import DRAFT, ENDORSED, SIGNED_OFF, WorkspacePlan
from factories.vocabulary import Role, Stage

if TYPE_CHECKING:
    pass

DEMO_PASSWORD = "betterwork-demo"
EMAIL_DOMAIN = "example.org"
TRIGGER = "seed_demo"

# Dates are relative to the day the demo is built: each factory's three cycles end with a
# cycle-3 visit about a year ago, so that its next assessment falls due in the coming weeks
# (DUE_IN_DAYS), except OVERDUE's, which was due OVERDUE_BY_DAYS ago. Each earlier cycle is
# about a year before the next, and every progress report is already released.
PR1_AFTER = datetime.timedelta(days=150)
PR2_AFTER = datetime.timedelta(days=315)  # "PR2 released in the 11th month of the cycle"
YEAR = datetime.timedelta(days=365)
DUE_IN_DAYS = (3, 45)  # PR2 of cycle 3 (visit + 315 days) stays at least 5 days in the past
OVERDUE_BY_DAYS = 16


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
    DemoFactory(
        "Fatullah Apparel Industries Ltd", "BGD", "not_on_track", (TAILSPIN,), "factory.plan"
    ),
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

# Its next assessment is overdue (the others fall due in the coming weeks).
OVERDUE = "Mawna Lingerie Ltd"
# Four eyes: pm.bgd finalised its latest assessment, so pm2.bgd approves its pending request.
FOUR_EYES = "Ashulia Apparels Ltd"
# The featured factories' workspaces: committee, road map, objectives and visits, plan.
WORKSPACES: dict[str, WorkspacePlan] = {
    "Gazipur Knit Composite Ltd": WorkspacePlan(road_map=SIGNED_OFF),
    "Chattogram Garments Ltd": WorkspacePlan(road_map=ENDORSED, work_plan=True),
    "Fatullah Apparel Industries Ltd": WorkspacePlan(road_map=DRAFT, work_plan=True),
}


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


def cycle_visits(
    index: int, today: datetime.date, rng: random.Random, *, overdue: bool = False
) -> tuple[datetime.date, datetime.date, datetime.date]:
    """The three visit dates of the `index`-th demo factory, the last one about a year ago."""
    low, high = DUE_IN_DAYS
    due_in = -OVERDUE_BY_DAYS if overdue else low + (high - low) * index // (len(FACTORIES) - 1)
    third = today + datetime.timedelta(days=due_in) - YEAR
    second = third - datetime.timedelta(days=364 + rng.randint(-9, 9))
    first = second - datetime.timedelta(days=364 + rng.randint(-9, 9))
    return first, second, third


# The people behind the featured logins (first name, last name), as pages and notes name them.
NAMES: dict[str, tuple[str, str]] = {
    "pm.bgd": ("Nusrat", "Jahan"),
    "pm2.bgd": ("Tanvir", "Ahmed"),
    "ea.bgd": ("Sadia", "Islam"),
    "pm.vnm": ("Lan", "Nguyen Thi"),
    "ea.vnm": ("Minh", "Tran Van"),
    "factory.hp": ("Rashed", "Chowdhury"),
    "factory.hp.committee": ("Farhana", "Akter"),
    "factory.candidate": ("Mahmuda", "Rahman"),
    "factory.candidate.committee": ("Farhana", "Akter"),
    "factory.plan": ("Imran", "Hossain"),
    "factory.plan.committee": ("Farhana", "Akter"),
    "buyer.northwind": ("Emma", "Lindqvist"),
    "buyer.fabrikam": ("Lucas", "Moreau"),
    "buyer.tailspin": ("Olivia", "Brown"),
}


def factory_username(spec: DemoFactory) -> str:
    return spec.login or f"factory.{slugify(spec.name)}"[:150]


def committee_username(spec: DemoFactory) -> str:
    """A second user of a featured factory, who records the committee's work (its chair)."""
    return f"{factory_username(spec)}.committee"


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
    overviews_created: int = 0
    logins: list[Login] = field(default_factory=list)
