"""The factory's workspace (docs/rules.md sections 10 and 11): its committee, road map, objectives and
visits, improvement plan, benefits and the learning survey.

The tables keep the names they had when these models lived in `factories` (db_table); the move
was a change of Django's state only (workspace 0001, factories 0006).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from betterwork.core.choices import choices
from factories.models import Buyer, Factory
from workspace.vocabulary import BenefitKind, PlanItemStatus, TargetArea, TargetStatus


class CommitteeMember(models.Model):
    """A member of the bipartite committee (PICC). Members who leave keep their row."""

    class Category(models.TextChoices):
        MANAGEMENT = "management", gettext_lazy("Management")
        WORKERS = "workers", gettext_lazy("Workers")

    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="committee_members")
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=12, choices=Category.choices)
    position = models.CharField(max_length=200, blank=True)
    union_representative = models.BooleanField(default=False)
    elected = models.BooleanField(default=False)
    joined = models.DateField()
    left = models.DateField(
        null=True, blank=True, help_text=gettext_lazy("Empty while the member serves.")
    )
    is_chair = models.BooleanField(gettext_lazy("current chair"), default=False)

    class Meta:
        db_table = "factories_committeemember"
        ordering = ["left", "category", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["factory"],
                condition=Q(is_chair=True, left__isnull=True),
                name="one_current_chair_per_factory",
            ),
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=models.F("joined")),
                name="committee_member_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_category_display()})"

    @property
    def is_current(self) -> bool:
        return self.left is None


class CommitteeMeeting(models.Model):
    factory = models.ForeignKey(
        Factory, on_delete=models.CASCADE, related_name="committee_meetings"
    )
    date = models.DateField()
    minutes = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "factories_committeemeeting"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.factory} committee meeting {self.date}"


class RoadMap(models.Model):
    """A cycle's road map: "owned by the worker-management committee and signed off by factory
    top management". Changing it after sign-off snapshots the signed version and clears sign-off.
    """

    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="road_maps")
    cycle = models.PositiveSmallIntegerField()
    version = models.PositiveSmallIntegerField(default=1)
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "factories_roadmap"
        ordering = ["-cycle"]
        constraints = [
            models.UniqueConstraint(fields=["factory", "cycle"], name="one_road_map_per_cycle"),
            models.CheckConstraint(condition=Q(cycle__gte=1), name="road_map_cycle_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.factory} road map, cycle {self.cycle}"

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_at is not None

    @property
    def state(self) -> str:
        if self.signed_off_at is not None:
            return gettext("Signed off")
        if self.version > 1:
            return gettext("Revised, awaiting sign-off")
        return gettext("Draft, awaiting sign-off")


class RoadMapTarget(models.Model):
    Status = TargetStatus

    road_map = models.ForeignKey(RoadMap, on_delete=models.CASCADE, related_name="targets")
    area = models.CharField(max_length=20, choices=choices(TargetArea))
    description = models.TextField()
    owner = models.CharField(max_length=200)
    due = models.DateField()
    status = models.CharField(max_length=12, choices=choices(Status), default=Status.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(
        default=0, help_text=gettext_lazy("Per cent, 0 to 100.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "factories_roadmaptarget"
        ordering = ["area", "due", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="target_progress_percent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.description[:60]}"


class RoadMapVersion(models.Model):
    """The signed-off state of a road map, kept when the map changes after sign-off."""

    road_map = models.ForeignKey(RoadMap, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    targets = models.JSONField()
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "factories_roadmapversion"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["road_map", "number"], name="one_road_map_version")
        ]

    def __str__(self) -> str:
        return f"{self.road_map} v{self.number}"


class Objective(models.Model):
    """An objective the EA sets for a visit, a training or a learning event, tied to a target."""

    class Kind(models.TextChoices):
        ADVISORY_VISIT = "advisory_visit", gettext_lazy("Advisory visit")
        TRAINING = "training", gettext_lazy("Training")
        LEARNING_EVENT = "learning_event", gettext_lazy("Learning event")

    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="objectives")
    cycle = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField()
    target = models.ForeignKey(RoadMapTarget, on_delete=models.PROTECT, related_name="objectives")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "factories_objective"
        ordering = ["kind", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


class TrainingRecommendation(models.Model):
    """'The designated EA will proactively recommend trainings ... in relation to targets.'"""

    target = models.ForeignKey(
        RoadMapTarget, on_delete=models.CASCADE, related_name="recommendations"
    )
    training = models.CharField(max_length=200)
    note = models.TextField(blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "factories_trainingrecommendation"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.training


class AdvisoryVisit(models.Model):
    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="advisory_visits")
    cycle = models.PositiveSmallIntegerField()
    date = models.DateField()
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    objectives = models.ManyToManyField(Objective, blank=True, related_name="visits")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "factories_advisoryvisit"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.factory} advisory visit {self.date}"


class TrainingSession(models.Model):
    """Training days used by the factory in a cycle, counted against the allowance."""

    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="training_sessions")
    cycle = models.PositiveSmallIntegerField()
    date = models.DateField()
    topic = models.CharField(max_length=200)
    days = models.PositiveSmallIntegerField(default=1)
    target = models.ForeignKey(
        RoadMapTarget, on_delete=models.SET_NULL, null=True, blank=True, related_name="trainings"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "factories_trainingsession"
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(days__gte=1), name="training_days_min_1")]

    def __str__(self) -> str:
        return f"{self.topic} ({self.days} d)"


class ImprovementPlanItem(models.Model):
    """One non-compliance on a publicly reported question, worked until the EA confirms it."""

    Status = PlanItemStatus

    factory = models.ForeignKey(
        Factory, on_delete=models.CASCADE, related_name="improvement_plan_items"
    )
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.PROTECT, related_name="+"
    )
    # The finding row may be replaced when a finalised assessment is reopened and corrected;
    # the item is keyed on (assessment, question) so that it survives that.
    finding = models.ForeignKey(
        "assessments.Finding", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    question = models.ForeignKey("assessments.Question", on_delete=models.PROTECT, related_name="+")
    action = models.TextField(blank=True)
    responsible = models.CharField(gettext_lazy("person responsible"), max_length=200, blank=True)
    deadline = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=choices(Status), default=Status.PENDING)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "factories_improvementplanitem"
        ordering = ["question__code", "-assessment__visit_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_improvement_item_per_finding"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(status=PlanItemStatus.COMPLETED),
                name="improvement_item_confirmed_when_completed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factory}: {self.question_id}"

    @property
    def awaiting_confirmation(self) -> bool:
        return self.status == self.Status.COMPLETED and self.confirmed_at is None

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.COMPLETED and self.confirmed_at is not None


class BenefitChoice(models.Model):
    """A high-performing factory's choice on one benefit. Append-only: the latest per kind holds."""

    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="benefit_choices")
    kind = models.CharField(max_length=20, choices=choices(BenefitKind))
    value = models.JSONField()
    note = models.TextField(blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "factories_benefitchoice"
        ordering = ["-chosen_at", "-id"]
        indexes = [models.Index(fields=["factory", "kind", "-id"], name="benefit_choice_latest")]

    def __str__(self) -> str:
        return f"{self.factory}: {self.get_kind_display()}"


class LearningSurveyResponse(models.Model):
    """Preferred areas for advanced learning services. Editing adds a row; the latest counts."""

    factory = models.ForeignKey(
        Factory, on_delete=models.CASCADE, null=True, blank=True, related_name="survey_responses"
    )
    buyer = models.ForeignKey(
        Buyer, on_delete=models.CASCADE, null=True, blank=True, related_name="survey_responses"
    )
    year = models.PositiveSmallIntegerField()
    themes = models.JSONField(default=list)
    other = models.TextField(gettext_lazy("other areas"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "factories_learningsurveyresponse"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(factory__isnull=False, buyer__isnull=True)
                | Q(factory__isnull=True, buyer__isnull=False),
                name="survey_response_factory_or_buyer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.factory or self.buyer} survey {self.year}"
