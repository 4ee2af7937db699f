"""The demo's clock: each step of a factory's history is written on the day it happened.

The portal stamps its records with the time they are written (`auto_now_add`, `timezone.now()`)
and reads them by those stamps: what a buyer's quarterly overview shows as of a quarter's end,
whether an evaluation has seen the latest record. A demo written in one go would date three
years of history today, so each step runs with the clock moved to its day (time-machine), and
the history reads as if it had been entered as it happened.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

import time_machine
from django.utils import timezone


@contextmanager
def on(day: datetime.date, hour: int = 9) -> Iterator[None]:
    """Run the block as if it were `day` at `hour` (UTC); never later than the real now."""
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)
    moment = min(moment, timezone.now())
    with time_machine.travel(moment, tick=True):
        yield
