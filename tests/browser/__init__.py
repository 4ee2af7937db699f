"""Browser tests (Playwright).

This package shadows the module `tests/browser.py`, where the shared helpers live; load that file
by path and re-export its helpers so that `from tests.browser import browser_page, sign_in` works
from any test.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_NAME = "tests._browser_helpers"
if _NAME not in sys.modules:
    _spec = importlib.util.spec_from_file_location(
        _NAME, Path(__file__).parent.parent / "browser.py"
    )
    assert _spec is not None and _spec.loader is not None
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[_NAME] = _module
    _spec.loader.exec_module(_module)

from tests._browser_helpers import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    browser_page,
    sign_in,
)

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "browser_page", "sign_in"]
