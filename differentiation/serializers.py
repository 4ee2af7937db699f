"""The JSON shapes of differentiation: criteria results, evaluations, approval requests."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments.models import ManagementSystemElement, ProgressItem, Question
from assessments.serializers import (
    CatalogueElementSerializer,
    CatalogueItemSerializer,
    CatalogueQuestionSerializer,
)
from differentiation import criteria
from differentiation.criteria import RULE_VERSION
from differentiation.models import ApprovalRequest, Decision, Evaluation
from factories.models import Factory
from factories.vocabulary import BuyerStage, Stage

NOT_EVALUATED = gettext_lazy("Not evaluated yet.")


class CriterionSerializer(serializers.Serializer[Any]):
    group = serializers.ChoiceField(choices=[g.value for g in criteria.Group])
    result = serializers.ChoiceField(choices=[r.value for r in criteria.Result])
    reasons = serializers.ListField(child=serializers.CharField())
    evidence = serializers.DictField(
        help_text=gettext_lazy(
            "The assessments, progress report, findings, elements, items and additional "
            "answers (ids) the result rests on."
        )
    )


class DifferentiationSerializer(serializers.Serializer[Any]):
    stage = serializers.ChoiceField(
        choices=[*Stage.choices, *BuyerStage.choices[1:]],
        help_text=gettext_lazy(
            "For buyers the programme manager's decision only: high_performing (also "
            "while under review) or not_high_performing."
        ),
    )
    rule_version = serializers.CharField()
    evaluated_at = serializers.DateTimeField(allow_null=True)
    criteria = CriterionSerializer(many=True)


INTERNAL_EVIDENCE = ("additional_answers",)
"""Evidence buyers do not get: the answers to the additional questions are the programme's
eligibility check (its internal work), not something a buyer's system reads."""


def for_buyers(criteria: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The criteria with the internal evidence left out (the rest of the evidence stays)."""
    return [
        {
            **criterion,
            "evidence": {
                kind: ids
                for kind, ids in (criterion.get("evidence") or {}).items()
                if kind not in INTERNAL_EVIDENCE
            },
        }
        for criterion in criteria
    ]


def differentiation_data(
    factory: Factory, evaluation: Evaluation | None, *, for_buyer: bool = False
) -> dict[str, Any]:
    """Where the factory stands: its stage (as buyers may see it, for them) and the criteria
    of its latest evaluation."""
    if evaluation is None:
        results: list[dict[str, Any]] = [
            {"group": g.value, "result": "unknown", "reasons": [NOT_EVALUATED], "evidence": {}}
            for g in criteria.Group
        ]
        version, at = criteria.RULE_VERSION, None
    else:
        results, version, at = evaluation.criteria, evaluation.rule_version, evaluation.created_at
        if for_buyer:
            results = for_buyers(results)
    return DifferentiationSerializer(
        {
            "stage": factory.buyer_stage if for_buyer else factory.stage,
            "rule_version": version,
            "evaluated_at": at,
            "criteria": results,
        }
    ).data


class EvaluationSerializer(serializers.ModelSerializer[Evaluation]):
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "created_at",
            "rule_version",
            "trigger",
            "stage_before",
            "stage_after",
            "all_met",
            "prequalified",
            "criteria",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Evaluation) -> dict[str, Any]:
        """For buyers the stage is the PM's decision only, and the candidate gate and the
        additional answers are the programme's internal work (docs/rules.md section 9)."""
        data: dict[str, Any] = super().to_representation(instance)
        if self.context.get("for_buyer"):
            data["stage_before"] = BuyerStage.of(instance.stage_before).value
            data["stage_after"] = BuyerStage.of(instance.stage_after).value
            data.pop("prequalified")
            data["criteria"] = for_buyers(data["criteria"])
        return data


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    decided_by = serializers.CharField(source="decided_by.username")

    class Meta:
        model = Decision
        fields = ["outcome", "decided_by", "decided_at", "reason", "sole_programme_manager"]
        read_only_fields = fields


class ApprovalRequestSerializer(serializers.ModelSerializer[ApprovalRequest]):
    factory = serializers.IntegerField(source="factory_id")
    factory_name = serializers.CharField(source="factory.name")
    country = serializers.CharField(source="factory.programme.code")
    evaluation = serializers.IntegerField(source="evaluation_id")
    triggered_by_assessment = serializers.IntegerField(
        source="triggered_by_assessment_id", allow_null=True
    )
    decision = serializers.SerializerMethodField()

    class Meta:
        model = ApprovalRequest
        fields = [
            "id",
            "factory",
            "factory_name",
            "country",
            "kind",
            "status",
            "created_at",
            "closed_at",
            "evaluation",
            "triggered_by_assessment",
            "decision",
        ]
        read_only_fields = fields

    @extend_schema_field(DecisionSerializer(allow_null=True))
    def get_decision(self, request: ApprovalRequest) -> dict[str, Any] | None:
        try:
            decision = request.decision
        except Decision.DoesNotExist:
            return None
        return DecisionSerializer(decision).data


class ApproveSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class RejectSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        max_length=2000,
        error_messages={
            "required": gettext_lazy("Give a reason for rejecting."),
            "blank": gettext_lazy("Give a reason for rejecting."),
        },
    )


# --- the catalogue in force, with the rule version that reads it ----------------------------


class CatalogueSerializer(serializers.Serializer[Any]):
    rule_version = serializers.CharField()
    questions = CatalogueQuestionSerializer(many=True)
    management_system_elements = CatalogueElementSerializer(many=True)
    progress_items = CatalogueItemSerializer(many=True)


def catalogue_data() -> dict[str, Any]:
    """The whole catalogue in three queries."""
    return CatalogueSerializer(
        {
            "rule_version": RULE_VERSION,
            "questions": Question.objects.with_catalogue(),
            "management_system_elements": ManagementSystemElement.objects.all(),
            "progress_items": ProgressItem.objects.all(),
        }
    ).data
