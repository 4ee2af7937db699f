from django.contrib import admin

from assessments.models import (
    Cluster,
    CompliancePoint,
    ManagementSystemElement,
    ProgressItem,
    Question,
)


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group", "version", "order"]


@admin.register(CompliancePoint)
class CompliancePointAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "cluster"]
    list_filter = ["cluster"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "publicly_reported", "zero_tolerance"]
    list_filter = ["publicly_reported", "zero_tolerance", "compliance_point__cluster"]
    search_fields = ["code", "text"]


@admin.register(ManagementSystemElement)
class ElementAdmin(admin.ModelAdmin):
    list_display = ["code", "system", "text"]


@admin.register(ProgressItem)
class ProgressItemAdmin(admin.ModelAdmin):
    list_display = ["code", "group", "text"]
