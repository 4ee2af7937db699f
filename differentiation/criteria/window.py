"""The window of evidence: the latest finalised assessment, the one of the cycle before it, and the
progress report 2 that goes with them."""

from __future__ import annotations

from dataclasses import dataclass

from factories.vocabulary import gettext_noop

from .facts import (
    AssessmentFact,
    FactoryFacts,
    ProgressReportFact,
    finalised_assessments,
    finalised_progress_reports_2,
)
from .reasons import Reason, reason

# --- the window ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The latest finalised assessment (L, of cycle n), the finalised assessment of cycle n-1
    (P) when there is one, and the PR2 of the window: the latest finalised PR2 of cycle n-1 or
    later."""

    later: AssessmentFact | None
    earlier: AssessmentFact | None
    progress_report: ProgressReportFact | None

    @property
    def assessments(self) -> tuple[AssessmentFact, ...]:
        """Earlier first."""
        return tuple(a for a in (self.earlier, self.later) if a is not None)

    @property
    def complete(self) -> bool:
        return self.earlier is not None and self.later is not None

    def gap(self) -> Reason | None:
        """Why the window is incomplete, or None when it is complete."""
        if self.later is None:
            return reason(
                gettext_noop("No finalised assessment yet; two consecutive assessments are needed.")
            )
        if self.earlier is not None:
            return None
        previous = self.later.cycle - 1
        if previous < 1:
            return reason(
                gettext_noop(
                    "The assessment of cycle {cycle} is the factory's first; two consecutive"
                    " assessments are needed."
                ),
                cycle=self.later.cycle,
            )
        # Drafts are not evidence (nor fingerprinted), so missing, draft and reopened read alike.
        return reason(
            gettext_noop(
                "No finalised assessment of cycle {previous} (none, a draft, or reopened for"
                " correction); two consecutive finalised assessments are needed."
            ),
            previous=previous,
        )


def latest_progress_report_2(facts: FactoryFacts, from_cycle: int) -> ProgressReportFact | None:
    """The latest finalised PR2 of cycle `from_cycle` or later; an older cycle's never counts."""
    reports = [r for r in finalised_progress_reports_2(facts) if r.cycle >= from_cycle]
    return reports[-1] if reports else None


def find_window(facts: FactoryFacts) -> Window:
    finalised = finalised_assessments(facts)
    if not finalised:
        return Window(later=None, earlier=None, progress_report=None)
    later = finalised[-1]
    previous = later.cycle - 1
    earlier = next((a for a in finalised if a.cycle == previous), None)
    return Window(
        later=later, earlier=earlier, progress_report=latest_progress_report_2(facts, previous)
    )
