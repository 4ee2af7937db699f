"""Reads of the differentiation pages: the approval queue, a request's evidence, the pipeline.

Every queryset starts from `factories.access`; every function runs a fixed number of queries,
whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext

from assessments.models import (
    AdditionalAnswer,
    Assessment,
    Finding,
    ManagementSystemResult,
    ProgressRating,
    ProgressReport,
)
from differentiation import display
from differentiation import scoped as approval_scope
from differentiation.models import ApprovalRequest, Evaluation, FormalNote
from differentiation.vocabulary import DECIDED, DECIDED_STATUSES, Group, RequestStatus, Result
from factories import access
from factories.models import Factory, Programme
from factories.vocabulary import Role, Stage

if TYPE_CHECKING:
    from factories.access import AnyUser

RATED_GROUPS = (Group.SOCIAL_DIALOGUE, Group.LEARNING)  # judged on PR2 and additional questions


# --- who may use the programme manager's pages -----------------------------------------------


def decides_anything(user: AnyUser) -> bool:
    """A programme manager with at least one programme; for everyone else the pages don't exist."""
    return access.role_of(user) == Role.PROGRAMME_MANAGER and access.programmes_for(user).exists()


# --- the approval queue -------------------------------------------------------------------


def approval_queue(
    user: AnyUser, *, status: str = RequestStatus.PENDING, programme: str = "", kind: str = ""
) -> QuerySet[ApprovalRequest]:
    """Pending requests oldest first (the work waiting longest); decided ones newest first."""
    qs = approval_scope.approval_requests_for(user).select_related(
        "factory__programme", "triggered_by_assessment", "decision__decided_by"
    )
    if status == RequestStatus.PENDING:
        qs = qs.filter(status=RequestStatus.PENDING).order_by("created_at", "id")
    else:
        statuses = DECIDED_STATUSES if status == DECIDED else (status,)
        qs = qs.filter(status__in=statuses).order_by(F("closed_at").desc(nulls_last=True), "-id")
    if programme:
        qs = qs.filter(factory__programme__code=programme)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


# --- one request and its evidence ---------------------------------------------------------


def approval_request_for(user: AnyUser, pk: object) -> ApprovalRequest:
    """The request, or 404 when it is missing or not this user's to decide."""
    qs = approval_scope.approval_requests_for(user).select_related(
        "factory__programme",
        "factory__enterprise_advisor",
        "evaluation",
        "triggered_by_assessment__finalised_by__profile",
        "decision__decided_by__profile",
    )
    request: ApprovalRequest = access.get_or_404(qs, pk=pk)
    return request


@dataclass
class CriterionEvidence:
    """One criterion of an evaluation, with its evidence ids resolved into rows."""

    group: str
    label: str
    result: str
    result_label: str
    reasons: list[str]
    assessments: list[Assessment]
    progress_report: ProgressReport | None
    findings: list[Finding] = field(default_factory=list)
    elements: list[ManagementSystemResult] = field(default_factory=list)
    ratings: list[ProgressRating] = field(default_factory=list)
    additional_answers: list[AdditionalAnswer] = field(default_factory=list)
    failing_ids: dict[str, set[int]] = field(default_factory=dict)


@dataclass
class EvidenceWindow:
    criteria: list[CriterionEvidence]
    assessments: list[Assessment]
    progress_report: ProgressReport | None


def _ids(criteria: list[dict[str, Any]], kind: str) -> set[int]:
    ids: set[int] = set()
    for criterion in criteria:
        ids.update(int(pk) for pk in criterion.get("evidence", {}).get(kind, []) or [])
    return ids


def evidence_for(evaluation: Evaluation) -> EvidenceWindow:
    """Resolve the ids an evaluation recorded into findings, elements, ratings and answers.

    Six queries, whatever the size of the evidence. Rows deleted since (they never are) are
    simply left out.
    """
    criteria: list[dict[str, Any]] = list(evaluation.outcome.get("criteria", []))
    assessment_ids = set(int(pk) for pk in evaluation.outcome.get("assessment_ids", []) or [])
    assessment_ids |= _ids(criteria, "assessments")
    report_ids = {
        int(c["evidence"]["progress_report"])
        for c in criteria
        if c.get("evidence", {}).get("progress_report")
    }
    if evaluation.outcome.get("progress_report_id"):
        report_ids.add(int(evaluation.outcome["progress_report_id"]))

    assessments = {
        a.pk: a
        for a in Assessment.objects.filter(pk__in=assessment_ids)
        .select_related("finalised_by__profile")
        .prefetch_related(
            Prefetch(
                "additional_answers",
                queryset=AdditionalAnswer.objects.select_related("item"),
            )
        )
    }
    reports = {
        r.pk: r
        for r in ProgressReport.objects.filter(pk__in=report_ids).prefetch_related(
            Prefetch("ratings", queryset=ProgressRating.objects.select_related("item"))
        )
    }
    findings = {
        f.pk: f
        for f in Finding.objects.filter(pk__in=_ids(criteria, "findings")).select_related(
            "question", "assessment"
        )
    }
    elements = {
        e.pk: e
        for e in ManagementSystemResult.objects.filter(
            pk__in=_ids(criteria, "elements")
        ).select_related("element", "assessment")
    }

    resolved: list[CriterionEvidence] = []
    for criterion in criteria:
        group = str(criterion.get("group", ""))
        evidence: dict[str, Any] = criterion.get("evidence", {}) or {}
        window = [assessments[pk] for pk in evidence.get("assessments", []) if pk in assessments]
        report = reports.get(evidence.get("progress_report") or 0)
        failing = {
            kind: {int(pk) for pk in evidence.get(kind, []) or []}
            for kind in ("findings", "elements", "items", "additional_answers")
        }
        entry = CriterionEvidence(
            group=group,
            label=display.group_label(group),
            result=str(criterion.get("result", Result.UNKNOWN)),
            result_label=display.result_label(str(criterion.get("result", Result.UNKNOWN))),
            reasons=display.translated_reasons(criterion.get("reasons", [])),
            assessments=window,
            progress_report=report,
            findings=[findings[pk] for pk in sorted(failing["findings"]) if pk in findings],
            elements=[elements[pk] for pk in sorted(failing["elements"]) if pk in elements],
            failing_ids=failing,
        )
        if group in RATED_GROUPS:
            # Show the whole verification, not only what failed: the PR2 rating of each item of
            # the group and, in the later assessment, the additional question confirming it.
            if report is not None:
                entry.ratings = [r for r in report.ratings.all() if r.item.group == group]
            if len(window) == 2:
                entry.additional_answers = [
                    a for a in window[-1].additional_answers.all() if a.item.group == group
                ]
        resolved.append(entry)
    window_assessments = sorted(assessments.values(), key=lambda a: (a.visit_date, a.pk))
    report = next(iter(reports.values()), None)
    return EvidenceWindow(criteria=resolved, assessments=window_assessments, progress_report=report)


# --- the programme pipeline ---------------------------------------------------------------


PIPELINE_STAGES = [
    Stage.NOT_ON_TRACK,
    Stage.CANDIDATE,
    Stage.ELIGIBLE,
    Stage.HIGH_PERFORMING,
    Stage.UNDER_REVIEW,
]


def pipeline_counts(user: AnyUser, *, programme: str = "") -> list[dict[str, Any]]:
    """Per programme of the user, the number of factories at each stage (two queries)."""
    programmes: QuerySet[Programme] = access.programmes_for(user).order_by("name")
    if programme:
        programmes = programmes.filter(code=programme)
    rows = (
        access.factories_for(user, access.Action.DECIDE)
        .order_by()
        .values_list("programme_id", "stage")
        .annotate(n=Count("id"))
    )
    counts: dict[tuple[int, str], int] = {(p, s): n for p, s, n in rows}
    result: list[dict[str, Any]] = []
    for p in programmes:
        stages = [
            {"stage": s.value, "label": gettext(s.label), "count": counts.get((p.pk, s.value), 0)}
            for s in PIPELINE_STAGES
        ]
        total = sum(counts.get((p.pk, s.value), 0) for s in PIPELINE_STAGES)
        result.append({"programme": p, "stages": stages, "total": total})
    return result


def pipeline_factories(user: AnyUser, *, stage: str, programme: str = "") -> QuerySet[Factory]:
    """The factories behind one number of the pipeline, with their latest evaluation date."""
    qs = (
        access.factories_for(user, access.Action.DECIDE)
        .filter(stage=stage)
        .select_related("programme", "enterprise_advisor")
        .annotate(latest_evaluation_at=Max("evaluations__created_at"))
        .order_by("name", "pk")
    )
    if programme:
        qs = qs.filter(programme__code=programme)
    return qs


def expected_candidates(user: AnyUser, *, programme: str = "") -> QuerySet[Factory]:
    """Candidates, soonest assessment first: the factories that may become eligible next.

    "A limited number of additional questions will be included in the subsequent assessment":
    each row says whether the draft of that assessment exists and carries them.
    """
    drafts = Assessment.objects.drafts().filter(factory=OuterRef("pk"))
    qs = (
        access.factories_for(user, access.Action.DECIDE)
        .filter(stage=Stage.CANDIDATE)
        .select_related("programme", "enterprise_advisor")
        .annotate(
            has_draft=Exists(drafts),
            draft_has_additional_questions=Exists(
                drafts.filter(includes_additional_questions=True)
            ),
        )
        .order_by(F("next_assessment_due").asc(nulls_last=True), "name", "pk")
    )
    if programme:
        qs = qs.filter(programme__code=programme)
    return qs


# --- formal notes -------------------------------------------------------------------------


def notes_for(user: AnyUser) -> QuerySet[FormalNote]:
    """The formal notes `user` may read.

    Programme staff and the factory's own users see the factory's notes; a buyer's users see a
    note only when their buyer was an addressee AND still has third-party access (revoking takes
    effect at once, downloads included). Everyone else: none.
    """
    profile = access.profile_of(user)
    if profile is None:
        return FormalNote.objects.none()
    notes = FormalNote.objects.filter(factory__in=access.factories_for(user))
    if profile.role in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR, Role.FACTORY):
        return notes
    if profile.role == Role.BUYER and profile.buyer_id is not None:
        return notes.filter(buyers=profile.buyer_id)
    return FormalNote.objects.none()
