"""Domain errors that services raise and both the pages and the API answer."""

from __future__ import annotations


class Conflict(Exception):
    """A state conflict (decided twice, changed after finalising): answered with 409."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
