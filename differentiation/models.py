"""Evaluations, stage changes, approval requests, decisions and formal notes: all append-only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from betterwork.core.choices import choices
from differentiation.vocabulary import Outcome, RequestKind, RequestStatus
from factories.models import Factory
from factories.vocabulary import Stage


class Evaluation(models.Model):
    """One run of the criteria over a factory's finalised data, kept for ever."""

    factory = models.ForeignKey(Factory, on_delete=models.PROTECT, related_name="evaluations")
    rule_version = models.CharField(max_length=20)
    fingerprint = models.CharField(
        max_length=64, help_text=gettext_lazy("sha256 of the inputs and version.")
    )
    inputs = models.JSONField()
    outcome = models.JSONField()
    all_met = models.BooleanField()
    prequalified = models.BooleanField()
    stage_before = models.CharField(max_length=20, choices=choices(Stage))
    stage_after = models.CharField(max_length=20, choices=choices(Stage))
    trigger = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        indexes = [models.Index(fields=["factory", "-created_at"], name="evaluation_latest")]

    def __str__(self) -> str:
        return f"{self.factory} {self.rule_version} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def criteria(self) -> list[dict[str, object]]:
        """The five results as the API shows them: reasons as sentences."""
        from differentiation import display  # display reads models' values, not models

        return display.api_criteria(self.outcome)


class EvaluationCheck(models.Model):
    """When a factory's finalised evidence was last found unchanged since its latest evaluation.

    Finalising a reopened assessment again without a change gives no new evaluation (the
    fingerprint is the same), yet its `finalised_at` is newer than the latest evaluation; without
    this note the sweep would try that factory again on every run. Not history: one row a
    factory, overwritten.
    """

    factory = models.OneToOneField(
        Factory, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    checked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.factory_id} checked {self.checked_at:%Y-%m-%d %H:%M}"


class StageChange(models.Model):
    """The audit row of every stage transition."""

    factory = models.ForeignKey(Factory, on_delete=models.PROTECT, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=choices(Stage))
    to_stage = models.CharField(max_length=20, choices=choices(Stage))
    event = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, null=True, blank=True, related_name="stage_changes"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.factory}: {self.from_stage} → {self.to_stage} ({self.event})"


class ApprovalRequestQuerySet(models.QuerySet["ApprovalRequest"]):
    def pending(self) -> ApprovalRequestQuerySet:
        return self.filter(status=RequestStatus.PENDING)


class ApprovalRequest(models.Model):
    """A work item for the PMs of the factory's programme."""

    factory = models.ForeignKey(Factory, on_delete=models.PROTECT, related_name="approval_requests")
    kind = models.CharField(max_length=10, choices=choices(RequestKind))
    status = models.CharField(
        max_length=12, choices=choices(RequestStatus), default=RequestStatus.PENDING
    )
    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="requests")
    triggered_by_assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ApprovalRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["factory"],
                condition=Q(status=RequestStatus.PENDING),
                name="one_pending_request_per_factory",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.factory}"


class Decision(models.Model):
    """A PM's decision on a request. One per request (the database refuses a second)."""

    request = models.OneToOneField(
        ApprovalRequest, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(max_length=10, choices=choices(Outcome))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)
    sole_programme_manager = models.BooleanField(
        default=False,
        help_text=gettext_lazy(
            "The decider also finalised the triggering assessment, as the only PM."
        ),
    )
    # The delivery of the formal note an approval issues (not the decision, which never changes):
    # why the last attempt failed, until an attempt succeeds (differentiation.tasks).
    note_error = models.TextField(blank=True)
    note_failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome=Outcome.APPROVED) | ~Q(reason=""), name="rejection_has_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request}: {self.outcome}"


class FormalNote(models.Model):
    """The letter confirming high-performing status, issued on approval."""

    factory = models.ForeignKey(Factory, on_delete=models.PROTECT, related_name="formal_notes")
    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="formal_note")
    pdf = models.BinaryField()
    buyers = models.ManyToManyField(
        "factories.Buyer",
        blank=True,
        related_name="formal_notes",
        help_text=gettext_lazy("Buyers with third-party access when the note was issued."),
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Formal note for {self.factory} ({self.issued_at:%Y-%m-%d})"
