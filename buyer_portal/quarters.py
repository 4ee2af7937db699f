"""Calendar quarters: "2026-Q3" names, their last day and the instant they end."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, name: str) -> Quarter:
        match = _QUARTER.match(name.strip().upper())
        if match is None:
            raise ValueError(f"'{name}' is not a quarter; write it like 2026-Q3.")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: datetime.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def just_ended(cls, today: datetime.date | None = None) -> Quarter:
        """The last quarter that has fully ended (the beat runs on the first day of the next)."""
        return cls.of(today or timezone.localdate()).previous

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    @property
    def last_day(self) -> datetime.date:
        return self.next.first_day - datetime.timedelta(days=1)

    @property
    def cutoff(self) -> datetime.datetime:
        """The first instant after the quarter, in the portal's time zone: facts are `< cutoff`."""
        first = self.next.first_day
        return timezone.make_aware(datetime.datetime(first.year, first.month, first.day))
