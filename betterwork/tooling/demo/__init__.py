"""The demo programme: two country programmes, thirty factories, three cycles of history.

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
    NORTHWIND,
    STORIES,
    TAILSPIN,
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
    "NORTHWIND",
    "STORIES",
    "TAILSPIN",
    "DemoBuilder",
    "DemoError",
    "DemoFactory",
    "Login",
    "SeedResult",
    "seed",
]
