"""The pure rules of service differentiation: which factories meet the high-performing criteria.

No Django here: the ORM side loads the facts, calls `evaluate` and `next_stage`, and stores what
they return together with `facts_to_json`, `fingerprint` and the rule version's name. The loader
may read the evidence as `evidence_rows` and fingerprint them before building any facts.
"""

from differentiation.vocabulary import Group, Result

from .evaluation import evaluate
from .facts import (
    ANSWER_ROW,
    ASSESSMENT_ROW,
    ELEMENT_ROW,
    FINDING_ROW,
    PROGRESS_REPORT_2,
    RATING_ROW,
    REPORT_ROW,
    AdditionalAnswerFact,
    AssessmentFact,
    ElementFact,
    EvidenceRow,
    FactoryFacts,
    FindingFact,
    ProgressReportFact,
    Rating,
    RatingFact,
    evidence_rows,
    facts_from_rows,
    facts_to_json,
    fingerprint,
    rows_fingerprint,
)
from .outcome import AdditionalQuestions, CriterionResult, Outcome
from .reasons import Reason, reason_text
from .rules import CURRENT, PAST_VERSIONS, RULE_VERSION, RuleVersion
from .stages import (
    NewEvidence,
    RequestKind,
    Stage,
    StageDecision,
    next_stage,
    stage_after_decision,
)
from .window import Window, find_window

__all__ = [
    "ANSWER_ROW",
    "ASSESSMENT_ROW",
    "CURRENT",
    "ELEMENT_ROW",
    "FINDING_ROW",
    "PAST_VERSIONS",
    "PROGRESS_REPORT_2",
    "RATING_ROW",
    "REPORT_ROW",
    "RULE_VERSION",
    "AdditionalAnswerFact",
    "AdditionalQuestions",
    "AssessmentFact",
    "CriterionResult",
    "ElementFact",
    "EvidenceRow",
    "FactoryFacts",
    "FindingFact",
    "Group",
    "NewEvidence",
    "Outcome",
    "ProgressReportFact",
    "Rating",
    "RatingFact",
    "Reason",
    "RequestKind",
    "Result",
    "RuleVersion",
    "Stage",
    "StageDecision",
    "Window",
    "evaluate",
    "evidence_rows",
    "facts_from_rows",
    "facts_to_json",
    "find_window",
    "fingerprint",
    "next_stage",
    "reason_text",
    "rows_fingerprint",
    "stage_after_decision",
]
