"""The JSON shapes of factories (docs/api.md, "For data-entry tools")."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from rest_framework import serializers

from factories.models import Factory, Programme
from factories.vocabulary import BuyerStage, Stage


class FactorySerializer(serializers.ModelSerializer[Factory]):
    """A factory as the caller may see it; `country` is the programme's ISO code."""

    country = serializers.CharField(source="programme.code", read_only=True)
    programme = serializers.CharField(source="programme.name", read_only=True)
    enterprise_advisor: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    stage = serializers.ChoiceField(
        choices=[*Stage.choices, *BuyerStage.choices[1:]],
        read_only=True,
        help_text=gettext_lazy(
            "For buyers the programme manager's decision only: high_performing (also "
            "while under review) or not_high_performing."
        ),
    )

    class Meta:
        model = Factory
        fields = [
            "id",
            "name",
            "country",
            "programme",
            "stage",
            "next_assessment_due",
            "enrolled_on",
            "os_id",
            "assessment_interval_months",
            "high_performing_since",
            "enterprise_advisor",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Factory) -> dict[str, Any]:
        """Buyers (`for_buyer` in the context) see the buyer stage: candidate, eligible and
        under review are the programme's internal work (docs/rules.md section 9)."""
        data: dict[str, Any] = super().to_representation(instance)
        if self.context.get("for_buyer"):
            data["stage"] = instance.buyer_stage.value
        return data


class FactoryCreateSerializer(serializers.Serializer[Any]):
    """`{"name": str, "country": str}`; the country is a programme code (for example BGD)."""

    name = serializers.CharField(max_length=200)
    country = serializers.CharField(max_length=3)
    os_id = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    enrolled_on = serializers.DateField(required=False)

    def validate_country(self, value: str) -> Programme:
        programme = Programme.objects.filter(code=value.strip().upper()).first()
        if programme is None:
            raise serializers.ValidationError(
                gettext(
                    "Unknown country '{value}'; give the code of a Better Work programme, for example BGD."
                ).format(value=value)
            )
        return programme

    def validate_enrolled_on(self, value: datetime.date) -> datetime.date:
        if value > timezone.localdate():
            raise serializers.ValidationError(
                gettext("{value} is in the future.").format(value=value.isoformat())
            )
        return value
