"""The admin for platform staff. Scope (who may see what) changes only through the services.

A factory's programme and a user's role, programmes, factory or buyer are written by
`factories.services` (which revoke as well as grant and write a `ScopeChange` row), never by the
admin's own save. Grants go to groups only: there are no per-user object-permission pages
(guardian's `GuardedModelAdmin`), users' groups are read-only, and the groups themselves (named
and filled by the access layer) can only be looked at.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group, User
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from factories import access, services
from factories.models import (
    Buyer,
    Factory,
    Profile,
    Programme,
    ScopeChange,
    ThirdPartyAccess,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """History and access-layer rows: to look at, never to add, change or delete here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "training_days_allowance", "advisory_visits_per_cycle"]
    search_fields = ["code", "name"]


@admin.register(Buyer)
class BuyerAdmin(admin.ModelAdmin):
    search_fields = ["name"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Deleting a buyer would drop its users' profiles and access history but leave their
        # groups' grants behind; buyers stay, their users are moved or deactivated instead.
        return False


@admin.register(Factory)
class FactoryAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "stage", "next_assessment_due", "enterprise_advisor"]
    list_filter = ["programme", "stage"]
    search_fields = ["name", "os_id"]
    readonly_fields = ["stage", "high_performing_since"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            access.factory_grants_sync(obj)
            return
        programme = obj.programme
        # Everything but the programme is saved here; the move is the service's.
        obj.programme_id = Factory.objects.values_list("programme_id", flat=True).get(pk=obj.pk)
        super().save_model(request, obj, form, change)
        services.factory_programme_change(
            factory=obj,
            programme=programme,
            actor=access.actor_of(request),
            via=ScopeChange.Via.ADMIN,
        )
        obj.refresh_from_db()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["user", "role", "programmes", "factory", "buyer", "title", "position", "language"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            services.scope_check(
                role=data.get("role", ""),
                programmes=list(data.get("programmes") or []),
                factory=data.get("factory"),
                buyer=data.get("buyer"),
            )
            services.position_check(role=data.get("role", ""), position=data.get("position", ""))
        return data


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    form = ProfileForm
    list_display = ["user", "title", "role", "position", "factory", "buyer", "language"]
    list_filter = ["role", "position", "language"]
    filter_horizontal = ["programmes"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["user"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A profile deleted here would leave its user in its groups; deactivate the user instead.
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # The profile, its programmes and the user's groups are the service's to write.
        data = form.cleaned_data
        services.user_scope_change(
            user=obj.user,
            role=data["role"],
            programmes=list(data.get("programmes") or []),
            factory=data.get("factory"),
            buyer=data.get("buyer"),
            actor=access.actor_of(request),
            via=ScopeChange.Via.ADMIN,
        )
        obj.pk = Profile.objects.values_list("pk", flat=True).get(user=obj.user)
        # Not scope: the person's title, position and language are the profile's own fields.
        Profile.objects.filter(pk=obj.pk).update(language=data.get("language", ""))
        services.user_details_set(
            user=obj.user, title=data.get("title", ""), position=data.get("position", "")
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        for formset in formsets:  # none today; the programmes were set by the service
            self.save_formset(request, form, formset, change=change)


@admin.register(ThirdPartyAccess)
class ThirdPartyAccessAdmin(ReadOnlyAdmin):
    """Grants and revocations go through the portal's services (kept as history)."""

    list_display = ["factory", "buyer", "granted_by", "granted_at", "revoked_at"]
    list_filter = ["buyer"]


@admin.register(ScopeChange)
class ScopeChangeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "user", "factory", "actor", "via"]
    list_filter = ["kind", "via"]
    search_fields = ["user__username", "factory__name"]


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin with the groups read-only: they are the user's scope."""

    readonly_fields = ["groups"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "groups"]})
            for name, options in fieldsets
        ] + [(_("Scope (change it on the user's profile)"), {"fields": ["groups"]})]


@admin.register(Group)
class GroupAdmin(ReadOnlyAdmin, DjangoGroupAdmin):
    """The access layer's groups, named and filled by it: to look at only."""
