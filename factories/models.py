"""Programmes, factories, buyers, the people who use the portal and third-party access."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class Role(models.TextChoices):
    PROGRAMME_MANAGER = "programme_manager", "Programme manager"
    ENTERPRISE_ADVISOR = "enterprise_advisor", "Enterprise advisor"
    FACTORY = "factory", "Factory user"
    BUYER = "buyer", "Buyer user"


class Stage(models.TextChoices):
    """RULES.md section 4; the same values as differentiation.criteria.Stage."""

    NOT_ON_TRACK = "not_on_track", "Not on track"
    CANDIDATE = "candidate", "Candidate"
    ELIGIBLE = "eligible", "Eligible, awaiting approval"
    HIGH_PERFORMING = "high_performing", "High-performing"
    UNDER_REVIEW = "under_review", "Under review"


HIGH_PERFORMING_STAGES = (Stage.HIGH_PERFORMING, Stage.UNDER_REVIEW)
"""The stages in which a PM's decision has the factory high-performing: under review it stays
so until a PM withdraws the status."""


class BuyerStage(models.TextChoices):
    """The stage as a buyer sees it: the PM's decision only (RULES.md section 4). Candidate,
    eligible and under review are the programme's internal work."""

    HIGH_PERFORMING = "high_performing", "High-performing"
    NOT_HIGH_PERFORMING = "not_high_performing", "Not high-performing"

    @classmethod
    def of(cls, stage: str) -> BuyerStage:
        return cls.HIGH_PERFORMING if stage in HIGH_PERFORMING_STAGES else cls.NOT_HIGH_PERFORMING


class Programme(models.Model):
    """A Better Work country programme, known by its ISO 3166-1 alpha-3 code."""

    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)
    training_days_allowance = models.PositiveSmallIntegerField(
        default=5, help_text="Free training days per factory and cycle in this country."
    )
    advisory_visits_per_cycle = models.PositiveSmallIntegerField(default=6)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{3}$"), name="programme_code_iso3"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Buyer(models.Model):
    """A brand or retailer registered with Better Work."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FactoryQuerySet(models.QuerySet["Factory"]):
    def in_stage(self, stage: str) -> FactoryQuerySet:
        return self.filter(stage=stage)

    def high_performing(self) -> FactoryQuerySet:
        return self.filter(stage__in=[Stage.HIGH_PERFORMING, Stage.UNDER_REVIEW])


class Factory(models.Model):
    name = models.CharField(max_length=200)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="factories")
    enterprise_advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advised_factories",
    )
    enrolled_on = models.DateField(default=datetime.date.today)
    os_id = models.CharField(
        "Open Supply Hub ID", max_length=20, blank=True, help_text="For example CN2019303BQ3FZP."
    )
    next_assessment_due = models.DateField(null=True, blank=True)
    assessment_interval_months = models.PositiveSmallIntegerField(default=12)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.NOT_ON_TRACK)
    high_performing_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FactoryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "factories"
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="factory_name_per_programme"
            ),
            models.CheckConstraint(
                condition=Q(assessment_interval_months__in=[12, 24]),
                name="factory_interval_12_or_24",
            ),
        ]
        permissions = [
            ("assess_factory", "Enter assessments and progress reports"),
            ("decide_factory", "Decide high-performing status"),
            ("manage_factory_access", "Grant and revoke third-party access"),
            ("work_factory", "Work the road map and improvement plan"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def country(self) -> str:
        return self.programme.code

    @property
    def buyer_stage(self) -> BuyerStage:
        """The stage as buyers with third-party access see it."""
        return BuyerStage.of(self.stage)

    @property
    def assessment_overdue(self) -> bool:
        """The next assessment was due before today (and has not been finalised since)."""
        due = self.next_assessment_due
        return due is not None and due < timezone.localdate()


FACTORY_CODENAMES = frozenset(
    {"view_factory", "change_factory", "assess_factory", "decide_factory"}
    | {"manage_factory_access", "work_factory"}
)
"""Every permission the access layer grants on a factory (factories.access.Action)."""


class GrantNotAllowed(RuntimeError):
    """A permission row outside the allowed set: a programming error, never user input."""


def _refuse_unless_allowed(
    row: UserObjectPermissionBase | GroupObjectPermissionBase, allowed: frozenset[str]
) -> None:
    """The allowed set is explicit and checked on every save (after comic/grand-challenge)."""
    if row.permission.codename not in allowed:
        raise GrantNotAllowed(
            f"{row.permission.codename} may not be granted through {type(row).__name__}; "
            f"allowed: {', '.join(sorted(allowed)) or 'nothing'}."
        )


class FactoryUserObjectPermission(UserObjectPermissionBase):
    """guardian's direct foreign-key table for per-user grants: kept empty.

    Grants go to groups only (one per programme and role, factory, buyer) so that a scope change
    is a change of group membership or of the group's grants, and nothing is left behind on a
    user. Saving a row fails; the access layer never reads this table.
    """

    allowed_permissions: frozenset[str] = frozenset()

    content_object = models.ForeignKey(Factory, on_delete=models.CASCADE)

    def save(self, *args: Any, **kwargs: Any) -> None:
        _refuse_unless_allowed(self, self.allowed_permissions)
        super().save(*args, **kwargs)


class FactoryGroupObjectPermission(GroupObjectPermissionBase):
    """guardian's direct foreign-key table: fast joins, no generic relations."""

    allowed_permissions: frozenset[str] = FACTORY_CODENAMES

    content_object = models.ForeignKey(Factory, on_delete=models.CASCADE)

    def save(self, *args: Any, **kwargs: Any) -> None:
        _refuse_unless_allowed(self, self.allowed_permissions)
        super().save(*args, **kwargs)


class Profile(models.Model):
    """Who a user is in the programme: one role, and the scope that role works in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    programmes = models.ManyToManyField(Programme, blank=True, related_name="staff")
    factory = models.ForeignKey(
        Factory, on_delete=models.CASCADE, null=True, blank=True, related_name="users"
    )
    buyer = models.ForeignKey(
        Buyer, on_delete=models.CASCADE, null=True, blank=True, related_name="users"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=Role.FACTORY, factory__isnull=False, buyer__isnull=True)
                    | Q(role=Role.BUYER, buyer__isnull=False, factory__isnull=True)
                    | Q(
                        role__in=[Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR],
                        factory__isnull=True,
                        buyer__isnull=True,
                    )
                ),
                name="profile_scope_matches_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ScopeChange(models.Model):
    """The audit row of every change of who may see what: append-only, never edited.

    Written by the scope services (factories/services.py) whether the admin, the `create_user`
    command or the API asked, and by the migration that removed grants left behind by earlier
    moves. `before` and `after` hold the scope as names (codes, usernames, group names), so a
    row still reads after the objects it names are gone.
    """

    class Kind(models.TextChoices):
        FACTORY_PROGRAMME = "factory_programme", _("Factory moved to another programme")
        USER_CREATED = "user_created", _("User given a role and scope")
        USER_ROLE = "user_role", _("User's role changed")
        USER_PROGRAMMES = "user_programmes", _("Programme staff's programmes changed")
        USER_FACTORY = "user_factory", _("Factory user moved to another factory")
        USER_BUYER = "user_buyer", _("Buyer user moved to another buyer")
        CLEANUP = "cleanup", _("Left-over grants removed")

    class Via(models.TextChoices):
        ADMIN = "admin", _("Django admin")
        COMMAND = "command", _("Management command")
        API = "api", _("API")
        SERVICE = "service", _("Service call")
        MIGRATION = "migration", _("Data migration")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    via = models.CharField(max_length=10, choices=Via.choices)
    # SET_NULL: the row outlives a deleted user or factory (it names them in `before`/`after`);
    # PROTECT would make every user undeletable once given a role.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scope_changes",
        help_text=_("Whose scope changed."),
    )
    factory = models.ForeignKey(
        Factory,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scope_changes",
        help_text=_("Which factory moved."),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who made the change; empty for a command or a migration."),
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user or self.factory or _('(deleted)')}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("Scope changes are append-only; write a new row.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Scope changes are append-only; they are never deleted.")


class ThirdPartyAccess(models.Model):
    """A factory's grant of third-party access to a buyer. Revoking closes the row; never deleted."""

    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="access_grants")
    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="access_grants")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = "third-party access"
        verbose_name_plural = "third-party access"
        constraints = [
            models.UniqueConstraint(
                fields=["factory", "buyer"],
                condition=Q(revoked_at__isnull=True),
                name="one_open_access_per_factory_buyer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.buyer} → {self.factory}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


# --- the factory's workspace (RULES.md sections 5 and 6) ----------------------------------


class LearningTheme(models.TextChoices):
    """The guideline's examples of brokered learning services ("Additional learning services")."""

    COLLECTIVE_BARGAINING = "collective_bargaining", "Collective bargaining"
    WORKER_HEALTH = "worker_health", "Worker health and health management"
    BUSINESS_SYSTEMS = "business_systems", "Business systems and processes"
    ENVIRONMENT_ADVISORY = (
        "environment_advisory",
        "Environment standards, waste management, recycling, clean energy (advisory)",
    )
    ENVIRONMENT_ASSESSMENT = "environment_assessment", "Environment standards (assessment)"


class CommitteeMember(models.Model):
    """A member of the bipartite committee (PICC). Members who leave keep their row."""

    class Category(models.TextChoices):
        MANAGEMENT = "management", "Management"
        WORKERS = "workers", "Workers"

    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="committee_members")
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=12, choices=Category.choices)
    position = models.CharField(max_length=200, blank=True)
    union_representative = models.BooleanField(default=False)
    elected = models.BooleanField(default=False)
    joined = models.DateField()
    left = models.DateField(null=True, blank=True, help_text="Empty while the member serves.")
    is_chair = models.BooleanField("current chair", default=False)

    class Meta:
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
            return "Signed off"
        if self.version > 1:
            return "Revised, awaiting sign-off"
        return "Draft, awaiting sign-off"


class TargetArea(models.TextChoices):
    """The guideline's five areas in which targets can be set."""

    PUBLIC_REPORTING = "public_reporting", "Compliance with public-reporting issues"
    COMMITTEE_DIALOGUE = (
        "committee_dialogue",
        "Information sharing and dialogue through the bipartite committee",
    )
    PROBLEM_SOLVING = "problem_solving", "Social dialogue in problem solving"
    GRIEVANCE = (
        "grievance",
        "Grievance mechanisms with worker representatives, unions included where present",
    )
    MANAGEMENT_SYSTEMS = "management_systems", "Management systems through Plan-Do-Check-Act"


class RoadMapTarget(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    road_map = models.ForeignKey(RoadMap, on_delete=models.CASCADE, related_name="targets")
    area = models.CharField(max_length=20, choices=TargetArea.choices)
    description = models.TextField()
    owner = models.CharField(max_length=200)
    due = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent, 0 to 100.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
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
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["road_map", "number"], name="one_road_map_version")
        ]

    def __str__(self) -> str:
        return f"{self.road_map} v{self.number}"


class Objective(models.Model):
    """An objective the EA sets for a visit, a training or a learning event, tied to a target."""

    class Kind(models.TextChoices):
        ADVISORY_VISIT = "advisory_visit", "Advisory visit"
        TRAINING = "training", "Training"
        LEARNING_EVENT = "learning_event", "Learning event"

    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="objectives")
    cycle = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField()
    target = models.ForeignKey(RoadMapTarget, on_delete=models.PROTECT, related_name="objectives")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
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
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(days__gte=1), name="training_days_min_1")]

    def __str__(self) -> str:
        return f"{self.topic} ({self.days} d)"


class ImprovementPlanItem(models.Model):
    """One non-compliance on a publicly reported question, worked until the EA confirms it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

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
    responsible = models.CharField("person responsible", max_length=200, blank=True)
    deadline = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
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
        ordering = ["question__code", "-assessment__visit_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_improvement_item_per_finding"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(status="completed"),
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


class BenefitKind(models.TextChoices):
    ASSESSMENT_INTERVAL = "assessment_interval", "Assessment every 24 months"
    FEWER_VISITS = "fewer_visits", "Fewer advisory visits for training days"
    LEARNING_SERVICES = "learning_services", "Brokered learning services"
    PUBLIC_RECOGNITION = "public_recognition", "Public recognition"
    PUBLIC_CAMPAIGNS = "public_campaigns", "Public campaigns"
    BUYER_EVENTS = "buyer_events", "Buyer events"


class BenefitChoice(models.Model):
    """A high-performing factory's choice on one benefit. Append-only: the latest per kind holds."""

    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="benefit_choices")
    kind = models.CharField(max_length=20, choices=BenefitKind.choices)
    value = models.JSONField()
    note = models.TextField(blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    chosen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
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
    other = models.TextField("other areas", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
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
