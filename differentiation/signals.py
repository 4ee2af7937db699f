"""What the evaluation announces, so that it needs no import of the tasks that act on it."""

from __future__ import annotations

from django.dispatch import Signal

became_candidate = Signal()
"""An evaluation moved a factory into the candidate stage. Sent with `factory_id`, inside the
evaluation's transaction; the notice goes out on commit (differentiation.receivers)."""
