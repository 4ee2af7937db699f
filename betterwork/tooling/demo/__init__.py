"""The demo programme: two country programmes, thirty factories, three cycles of history.

Dated relative to the day it is built (see `clock`): the next assessments fall due in the coming
weeks, one is overdue; the featured factories have a committee, a road map, objectives, visits
and an improvement plan worked (`workspace`); buyers have the last two quarterly overviews; and
one pending request was finalised by a PM, so that the other PM approves it (four eyes).

Every row is written by the portal's own services (assessments created and finalised, progress
reports released, factories evaluated, requests decided, access granted), so each factory's stage
comes out of the real rules. Each factory follows a *story*, a plan for its three cycles; after
building it, the factory must stand in the stage its story promises, or the build fails loudly.

Building is idempotent: people, buyers and factories that already exist are left alone (a factory
that exists is taken to carry its history already), so running the seed twice adds nothing.
"""

from betterwork.tooling.demo.builder import DemoBuilder, seed
from betterwork.tooling.demo.stories import (
    BUYERS,
    DEMO_PASSWORD,
    FABRIKAM,
    FACTORIES,
    FOUR_EYES,
    NORTHWIND,
    OVERDUE,
    STORIES,
    TAILSPIN,
    WORKSPACES,
    DemoError,
    DemoFactory,
    Login,
    SeedResult,
)

__all__ = [
    "BUYERS",
    "DEMO_PASSWORD",
    "FABRIKAM",
    "FACTORIES",
    "FOUR_EYES",
    "NORTHWIND",
    "OVERDUE",
    "STORIES",
    "TAILSPIN",
    "WORKSPACES",
    "DemoBuilder",
    "DemoError",
    "DemoFactory",
    "Login",
    "SeedResult",
    "seed",
]
