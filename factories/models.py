"""Programmes, factories, buyers, the people who use the portal and third-party access."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from betterwork.core.choices import choices
from factories.vocabulary import BuyerStage, Position, Role, Stage


class Programme(models.Model):
    """A Better Work country programme, known by its ISO 3166-1 alpha-3 code."""

    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100)
    training_days_allowance = models.PositiveSmallIntegerField(
        default=5,
        help_text=gettext_lazy("Free training days per factory and cycle in this country."),
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
        gettext_lazy("Open Supply Hub ID"),
        max_length=20,
        blank=True,
        help_text=gettext_lazy("For example CN2019303BQ3FZP."),
    )
    next_assessment_due = models.DateField(null=True, blank=True)
    assessment_interval_months = models.PositiveSmallIntegerField(default=12)
    stage = models.CharField(max_length=20, choices=choices(Stage), default=Stage.NOT_ON_TRACK)
    high_performing_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = gettext_lazy("factories")
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
    role = models.CharField(max_length=20, choices=choices(Role))
    programmes = models.ManyToManyField(Programme, blank=True, related_name="staff")
    factory = models.ForeignKey(
        Factory, on_delete=models.CASCADE, null=True, blank=True, related_name="users"
    )
    buyer = models.ForeignKey(
        Buyer, on_delete=models.CASCADE, null=True, blank=True, related_name="users"
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the portal for this person; empty: the default of the role."),
    )
    title = models.CharField(
        _("title"),
        max_length=100,
        blank=True,
        help_text=_("The person's job title, shown after their name, e.g. 'Programme manager'."),
    )
    position = models.CharField(
        _("position in the factory"),
        max_length=30,
        choices=choices(Position),
        blank=True,
        help_text=_(
            "Factory users only: top management signs off the road map, a committee member "
            "records the committee's endorsement."
        ),
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
        verbose_name = gettext_lazy("third-party access")
        verbose_name_plural = gettext_lazy("third-party access")
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


class SupplierSummary(models.Model):
    """What the supplier list and the suppliers API show of a factory: one row a factory.

    A read model, written by `factories.summaries.refresh_summary` in the same transaction as
    the write that changes it (a factory saved, a stage changed, an evaluation written), so
    that a buyer's list is one indexed query over the buyer's grants joined to these rows.
    Never edited by hand; `version` grows by one on every write.
    """

    factory = models.OneToOneField(
        Factory, on_delete=models.CASCADE, primary_key=True, related_name="summary"
    )
    name = models.CharField(max_length=200)
    programme_code = models.CharField(max_length=3)
    programme_name = models.CharField(max_length=100)
    buyer_stage = models.CharField(max_length=20, choices=choices(BuyerStage))
    high_performing_since = models.DateTimeField(null=True, blank=True)
    next_assessment_due = models.DateField(null=True, blank=True)
    assessment_interval_months = models.PositiveSmallIntegerField()
    results = models.JSONField(
        null=True, blank=True, help_text=_("The latest evaluation's result by criterion group.")
    )
    evaluated_at = models.DateTimeField(null=True, blank=True)
    version = models.BigIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["name"], name="supplier_summary_name")]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def buyer_stage_label(self) -> str:
        return BuyerStage(self.buyer_stage).label
