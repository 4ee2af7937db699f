"""Programmes, factories, buyers, the people who use the portal and third-party access."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
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


class FactoryUserObjectPermission(UserObjectPermissionBase):
    """guardian's direct foreign-key table: fast joins, no generic relations."""

    content_object = models.ForeignKey(Factory, on_delete=models.CASCADE)


class FactoryGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Factory, on_delete=models.CASCADE)


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
