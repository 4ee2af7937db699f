"""Re-load the reference data of the data migrations (programmes, catalogue) when it is missing.

Tests that truncate tables (transactional tests, the live server) lose what migrations loaded;
this puts it back with the very same functions the migrations run.
"""

from __future__ import annotations

import importlib

from django.apps import apps


def ensure_reference_data() -> None:
    from assessments.models import Question
    from factories.models import Programme

    if not Programme.objects.exists():
        importlib.import_module("factories.migrations.0002_programmes").add_programmes(apps, None)
    if not Question.objects.exists():
        importlib.import_module("assessments.migrations.0003_catalogue_bw_2017").load_catalogue(
            apps, None
        )
