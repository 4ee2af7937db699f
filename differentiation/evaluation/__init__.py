"""The evaluation: loading evidence (`loading`), evaluating one factory (`one`) or many in
batches (`batch`), the stage machine and its side effects (`stages`), and the sweep's view of what
is left unevaluated (`sweep`). Callers (tasks, commands, decisions) use these names only.
"""

from __future__ import annotations

from differentiation.evaluation.batch import BATCH_SIZE, BatchResult, factories_evaluate
from differentiation.evaluation.loading import (
    last_decisions,
    load_evidence,
    load_facts,
    load_new_evidence,
)
from differentiation.evaluation.one import (
    EvaluationRun,
    evaluate_loaded,
    factory_evaluate,
    is_unchanged,
    note_unchanged,
)
from differentiation.evaluation.stages import (
    EVALUATED,
    GRANT_APPROVED,
    GRANT_REJECTED,
    PM_EVENTS,
    REVIEW_KEPT,
    REVIEW_WITHDRAWN,
    TRANSITIONS,
    stage_transition,
    transition_allowed,
)
from differentiation.evaluation.sweep import factories_needing_evaluation, has_unevaluated_data

__all__ = [
    "BATCH_SIZE",
    "EVALUATED",
    "GRANT_APPROVED",
    "GRANT_REJECTED",
    "PM_EVENTS",
    "REVIEW_KEPT",
    "REVIEW_WITHDRAWN",
    "TRANSITIONS",
    "BatchResult",
    "EvaluationRun",
    "evaluate_loaded",
    "factories_evaluate",
    "factories_needing_evaluation",
    "factory_evaluate",
    "has_unevaluated_data",
    "is_unchanged",
    "last_decisions",
    "load_evidence",
    "load_facts",
    "load_new_evidence",
    "note_unchanged",
    "stage_transition",
    "transition_allowed",
]
