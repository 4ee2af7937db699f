"""What assessments tell the apps above them, without importing them (the layers point down).

Receivers are connected in the receiving apps' `ready()` and run synchronously, inside the
sender's transaction: the improvement plan opens (and its items close) in the same transaction as
the finalisation (or remediation), and the evaluation is enqueued on commit, exactly once.
"""

from __future__ import annotations

from django.dispatch import Signal

record_finalised = Signal()
"""An assessment or a progress report became the record. Sent with `record` (the Assessment or
ProgressReport), `factory_id` and `trigger` (what the evaluation it calls for is keyed by)."""

remediation_recorded = Signal()
"""A zero-tolerance non-compliance of a finalised assessment was remediated. Sent with `finding`,
`assessment`, `actor`, `note`, `at` (when it was recorded), `factory_id` and `trigger`."""
