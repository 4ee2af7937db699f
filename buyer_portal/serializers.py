"""The JSON shapes of third-party access and the buyer portal (docs/api.md). Field names are stable:
buyers plug them into their own supplier-rating systems."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from buyer_portal.forms import ORDERING_CHOICES
from differentiation.vocabulary import Group, Result
from factories.models import Buyer, Factory, SupplierSummary, ThirdPartyAccess
from factories.vocabulary import BuyerStage

GROUP_CHOICES = [g.value for g in Group]
RESULT_CHOICES = [r.value for r in Result]
UNKNOWN = Result.UNKNOWN.value


class BuyerSerializer(serializers.ModelSerializer[Buyer]):
    class Meta:
        model = Buyer
        fields = ["id", "name"]
        read_only_fields = fields


class ThirdPartyAccessSerializer(serializers.ModelSerializer[ThirdPartyAccess]):
    """One grant with its history: who granted it and when, who revoked it and when."""

    buyer = BuyerSerializer(read_only=True)
    granted_by = serializers.CharField(source="granted_by.username", read_only=True)
    revoked_by = serializers.CharField(
        source="revoked_by.username", read_only=True, allow_null=True, default=None
    )
    active = serializers.BooleanField(source="is_active", read_only=True)

    class Meta:
        model = ThirdPartyAccess
        fields = [
            "id",
            "factory",
            "buyer",
            "active",
            "granted_by",
            "granted_at",
            "revoked_by",
            "revoked_at",
        ]
        read_only_fields = fields


class ThirdPartyAccessCreateSerializer(serializers.Serializer[Any]):
    buyer = serializers.PrimaryKeyRelatedField(
        queryset=Buyer.objects.all(),
        error_messages={
            "does_not_exist": gettext_lazy("Unknown buyer {pk_value}."),
            "incorrect_type": gettext_lazy("Give the buyer's id (a number)."),
        },
    )


class CriterionResultSerializer(serializers.Serializer[Any]):
    group = serializers.ChoiceField(choices=GROUP_CHOICES)
    result = serializers.ChoiceField(choices=RESULT_CHOICES)


class CriterionDetailSerializer(CriterionResultSerializer):
    reasons = serializers.ListField(child=serializers.CharField())


class HighlightCriterionSerializer(serializers.Serializer[Any]):
    group = serializers.ChoiceField(choices=GROUP_CHOICES)
    description = serializers.CharField(help_text=gettext_lazy("What the criterion asks."))
    how_met = serializers.CharField(
        help_text=gettext_lazy("How this factory met it, from the evidence.")
    )


class HighlightSerializer(serializers.Serializer[Any]):
    approved_at = serializers.DateTimeField(allow_null=True)
    criteria = HighlightCriterionSerializer(many=True)


class SupplierSerializer(serializers.ModelSerializer[Factory]):
    """A supplier as its buyer sees it; `country` is the programme's ISO code."""

    country = serializers.CharField(source="programme.code", read_only=True)
    programme = serializers.CharField(source="programme.name", read_only=True)
    stage = serializers.ChoiceField(
        source="buyer_stage",
        choices=BuyerStage.choices,
        read_only=True,
        help_text=gettext_lazy(
            "The programme manager's decision only: high_performing (also while under "
            "review) or not_high_performing."
        ),
    )
    criteria = CriterionResultSerializer(many=True, read_only=True)

    class Meta:
        model = Factory
        fields = [
            "id",
            "name",
            "country",
            "programme",
            "stage",
            "high_performing_since",
            "next_assessment_due",
            "assessment_interval_months",
            "criteria",
        ]
        read_only_fields = fields


_WHEN = serializers.DateTimeField()
_DAY = serializers.DateField()


def supplier_rows(summaries: list[SupplierSummary]) -> list[dict[str, Any]]:
    """The list's rows in `SupplierSerializer`'s shape, from the factories' summaries: the same
    fields and formats, without a serializer's per-field machinery for each of 100 rows."""
    rows = []
    for s in summaries:
        results = s.results or {}
        since, due = s.high_performing_since, s.next_assessment_due
        rows.append(
            {
                "id": s.factory_id,
                "name": s.name,
                "country": s.programme_code,
                "programme": s.programme_name,
                "stage": s.buyer_stage,
                "high_performing_since": _WHEN.to_representation(since) if since else None,
                "next_assessment_due": _DAY.to_representation(due) if due else None,
                "assessment_interval_months": s.assessment_interval_months,
                "criteria": [
                    {"group": g, "result": results.get(g, UNKNOWN)} for g in GROUP_CHOICES
                ],
            }
        )
    return rows


class SupplierDetailSerializer(SupplierSerializer):
    criteria = CriterionDetailSerializer(many=True, read_only=True)
    evaluated_at = serializers.DateTimeField(read_only=True, allow_null=True)
    highlight = HighlightSerializer(read_only=True, allow_null=True)

    class Meta(SupplierSerializer.Meta):
        fields = [*SupplierSerializer.Meta.fields, "evaluated_at", "highlight"]
        read_only_fields = fields


class SupplierQuerySerializer(serializers.Serializer[Any]):
    """The list's filters: the same as the supplier page's."""

    country = serializers.RegexField(
        r"^[A-Za-z]{3}$",
        required=False,
        allow_blank=True,
        help_text=gettext_lazy("Programme code, e.g. BGD."),
        error_messages={
            "invalid": gettext_lazy("Give a programme code of three letters, e.g. BGD.")
        },
    )
    stage = serializers.ChoiceField(choices=BuyerStage.choices, required=False, allow_blank=True)
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=100,
        help_text=gettext_lazy("Part of the name."),
    )
    ordering = serializers.ChoiceField(
        choices=[value for value, _ in ORDERING_CHOICES], required=False, allow_blank=True
    )
