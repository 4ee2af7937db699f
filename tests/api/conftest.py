"""API tests: the cast from tests/conftest.py, with a fast password hasher."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # Autouse fixtures run before `cast`, so its eight users are hashed in microseconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
