from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from guardian.admin import GuardedModelAdmin

from betterwork import access
from factories.models import Buyer, Factory, Profile, Programme, ThirdPartyAccess


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "training_days_allowance", "advisory_visits_per_cycle"]
    search_fields = ["code", "name"]


@admin.register(Buyer)
class BuyerAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Factory)
class FactoryAdmin(GuardedModelAdmin):
    list_display = ["name", "programme", "stage", "next_assessment_due", "enterprise_advisor"]
    list_filter = ["programme", "stage"]
    search_fields = ["name", "os_id"]
    readonly_fields = ["stage", "high_performing_since"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        access.grant_factory_permissions(obj)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "factory", "buyer"]
    list_filter = ["role"]
    filter_horizontal = ["programmes"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        access.join_scope(form.instance)


@admin.register(ThirdPartyAccess)
class ThirdPartyAccessAdmin(admin.ModelAdmin):
    list_display = ["factory", "buyer", "granted_by", "granted_at", "revoked_at"]
    list_filter = ["buyer"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # grants and revocations go through the portal's services (kept as history)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
