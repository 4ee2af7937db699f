"""The compliance catalogue, assessments with their findings, and progress reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from assessments.catalogue_i18n import DisplayName, DisplayText
from assessments.vocabulary import Answer, ItemGroup, Rating, Status, System
from betterwork.core.choices import choices
from factories.models import Factory


class Cluster(DisplayName, models.Model):
    class Group(models.TextChoices):
        CORE = "core_labour_standards", gettext_lazy("Core labour standards")
        WORKING_CONDITIONS = "working_conditions", gettext_lazy("Working conditions")

    version = models.CharField(max_length=20, default="BW-2017")
    code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=100)
    group = models.CharField(max_length=30, choices=Group.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class CompliancePoint(DisplayName, models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="compliance_points")
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=150)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["cluster__order", "order"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class QuestionQuerySet(models.QuerySet["Question"]):
    def publicly_reported(self) -> QuestionQuerySet:
        return self.filter(publicly_reported=True)

    def with_catalogue(self) -> QuestionQuerySet:
        return self.select_related("compliance_point__cluster")


class Question(DisplayText, models.Model):
    compliance_point = models.ForeignKey(
        CompliancePoint, on_delete=models.PROTECT, related_name="questions"
    )
    code = models.CharField(max_length=12, unique=True)
    text = models.TextField()
    publicly_reported = models.BooleanField(default=False)
    zero_tolerance = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["compliance_point__cluster__order", "compliance_point__order", "order"]

    def __str__(self) -> str:
        return self.code


class ManagementSystemElement(DisplayText, models.Model):
    code = models.CharField(max_length=8, unique=True)
    system = models.CharField(max_length=3, choices=choices(System))
    text = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class ProgressItem(DisplayText, models.Model):
    """A progress-report item; the same items are verified by the additional questions."""

    code = models.CharField(max_length=8, unique=True)
    group = models.CharField(max_length=20, choices=choices(ItemGroup))
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def finalised(self) -> AssessmentQuerySet:
        return self.filter(status=Status.FINALISED)

    def drafts(self) -> AssessmentQuerySet:
        return self.filter(status=Status.DRAFT)


class Assessment(models.Model):
    factory = models.ForeignKey(Factory, on_delete=models.PROTECT, related_name="assessments")
    cycle = models.PositiveSmallIntegerField()
    visit_date = models.DateField()
    status = models.CharField(max_length=10, choices=choices(Status), default=Status.DRAFT)
    includes_additional_questions = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)
    reopened_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=gettext_lazy("Set when a PM reopened the finalised assessment."),
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-visit_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["factory", "cycle"], name="one_assessment_per_cycle"),
            models.CheckConstraint(condition=Q(cycle__gte=1), name="assessment_cycle_positive"),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | Q(finalised_at__isnull=False),
                name="assessment_finalised_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factory} cycle {self.cycle} ({self.visit_date})"

    @property
    def is_finalised(self) -> bool:
        return self.status == Status.FINALISED


class BulkAnswer(models.Model):
    """One explicit act: "every question not yet answered is compliant", for one cluster or the
    whole assessment. Append-only: the act, its author and how many answers it set are kept, so
    that nothing is ever compliant merely because it was left blank."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="bulk_answers"
    )
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=gettext_lazy(
            "The cluster whose unanswered questions were set; empty: the whole assessment."
        ),
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    count = models.PositiveIntegerField(help_text=gettext_lazy("How many answers the act set."))
    context = models.CharField(
        max_length=20,
        blank=True,
        help_text=gettext_lazy("Where it came from: entry, finalise, api, migration."),
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        scope = self.cluster.code if self.cluster_id else "all"  # type: ignore[union-attr]
        return f"{self.assessment_id}: {self.count} compliant ({scope})"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValueError("A bulk answer is a record of an act; it is never changed.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Finding(models.Model):
    """An answer to one catalogue question: compliant, non-compliant or not applicable.

    A question without a finding is unanswered. `bulk` marks an answer set by a BulkAnswer act
    (an answer later changed one by one loses the mark). `remediated_on` and
    `remediation_note` record a zero-tolerance remediation, usually after finalising.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    non_compliant = models.BooleanField(default=True)
    # db_default: rows written by COPY (the benchmark) or raw SQL get the same value.
    not_applicable = models.BooleanField(default=False, db_default=False)
    remediated = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    remediated_on = models.DateField(null=True, blank=True)
    remediation_note = models.TextField(blank=True, default="", db_default="")
    # RESTRICT: an act is never deleted on its own, only with its assessment.
    bulk = models.ForeignKey(
        BulkAnswer, on_delete=models.RESTRICT, null=True, blank=True, related_name="findings"
    )

    class Meta:
        ordering = ["question__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_finding_per_question"
            ),
            models.CheckConstraint(
                condition=Q(non_compliant=False) | Q(not_applicable=False),
                name="finding_not_both_non_compliant_and_not_applicable",
            ),
            models.CheckConstraint(
                condition=Q(remediated_on__isnull=True) | Q(remediated=True),
                name="finding_remediated_on_only_when_remediated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.answer}"

    @property
    def answer(self) -> str:
        if self.not_applicable:
            return Answer.NOT_APPLICABLE
        return Answer.NON_COMPLIANT if self.non_compliant else Answer.COMPLIANT


class ManagementSystemResult(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="management_systems"
    )
    element = models.ForeignKey(ManagementSystemElement, on_delete=models.PROTECT, related_name="+")
    satisfied = models.BooleanField()

    class Meta:
        ordering = ["element__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "element"], name="one_result_per_element")
        ]


class AdditionalAnswer(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="additional_answers"
    )
    item = models.ForeignKey(ProgressItem, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField()

    class Meta:
        ordering = ["item__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_answer_per_item")
        ]


class ProgressReportQuerySet(models.QuerySet["ProgressReport"]):
    def finalised(self) -> ProgressReportQuerySet:
        return self.filter(status=Status.FINALISED)


class ProgressReport(models.Model):
    factory = models.ForeignKey(Factory, on_delete=models.PROTECT, related_name="progress_reports")
    cycle = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(choices=[(1, "PR1"), (2, "PR2")])
    release_date = models.DateField()
    status = models.CharField(max_length=10, choices=choices(Status), default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalised_at = models.DateTimeField(null=True, blank=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        ordering = ["-release_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["factory", "cycle", "number"], name="one_report_per_cycle_and_number"
            ),
            models.CheckConstraint(condition=Q(number__in=[1, 2]), name="report_number_1_or_2"),
            models.CheckConstraint(condition=Q(cycle__gte=1), name="report_cycle_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.factory} PR{self.number} cycle {self.cycle}"

    @property
    def is_finalised(self) -> bool:
        return self.status == Status.FINALISED


class ProgressRating(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(ProgressItem, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=20, choices=choices(Rating))

    class Meta:
        ordering = ["item__order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "item"], name="one_rating_per_item"),
        ]


# --- corrections and imports ----------------------------------------------------------------


class RecordChange(models.Model):
    """One change to an answer of an assessment or a progress report: who, when, before, after.

    Kept for every write (entry pages, API, import, corrections), so that a finalised record
    that was reopened and corrected shows exactly what changed and why.
    """

    class RecordType(models.TextChoices):
        ASSESSMENT = "assessment", gettext_lazy("Assessment")
        PROGRESS_REPORT = "progress_report", gettext_lazy("Progress report")

    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    record_id = models.PositiveBigIntegerField()
    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="+")
    target = models.CharField(
        max_length=40,
        help_text=gettext_lazy("What changed: finding:CL-1.1, element:HR-1, status, ..."),
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    context = models.CharField(
        max_length=20,
        blank=True,
        help_text=gettext_lazy("Where the change came from: entry, api, import, ..."),
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="recordchange_record")]

    def __str__(self) -> str:
        return f"{self.record_type}:{self.record_id} {self.target}"


class ImportBatch(models.Model):
    """An uploaded assessment file, parsed and checked (dry run), waiting to be applied."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    factory = models.ForeignKey(
        Factory, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    parsed = models.JSONField(default=dict)
    problems = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.sha256[:8]})"
