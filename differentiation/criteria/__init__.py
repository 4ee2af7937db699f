"""The pure rules of service differentiation: which factories meet the high-performing criteria.

No Django here: the ORM side loads the facts, calls `evaluate` and `next_stage`, and stores what
they return together with `facts_to_json`, `fingerprint` and `RULE_VERSION`.
"""

from .evaluation import (
    CriterionResult,
    Group,
    Outcome,
    Result,
    Window,
    evaluate,
    find_window,
)
from .facts import (
    RULE_VERSION,
    AdditionalAnswerFact,
    AssessmentFact,
    ElementFact,
    FactoryFacts,
    FindingFact,
    ProgressReportFact,
    Rating,
    RatingFact,
    Reference,
    facts_to_json,
    fingerprint,
)
from .stages import RequestKind, Stage, StageDecision, next_stage, stage_after_decision

__all__ = [
    "RULE_VERSION",
    "AdditionalAnswerFact",
    "AssessmentFact",
    "CriterionResult",
    "ElementFact",
    "FactoryFacts",
    "FindingFact",
    "Group",
    "Outcome",
    "ProgressReportFact",
    "Rating",
    "RatingFact",
    "Reference",
    "RequestKind",
    "Result",
    "Stage",
    "StageDecision",
    "Window",
    "evaluate",
    "facts_to_json",
    "find_window",
    "fingerprint",
    "next_stage",
    "stage_after_decision",
]
