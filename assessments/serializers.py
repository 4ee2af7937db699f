"""The JSON shapes of the catalogue, assessments and progress reports (docs/api.md).

Write serializers check types and presence only; the catalogue checks (unknown codes, dupes,
completeness, dates) live in assessments.services so the pages, the API and imports agree.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from assessments.models import (
    AdditionalAnswer,
    Assessment,
    Finding,
    ManagementSystemElement,
    ManagementSystemResult,
    ProgressItem,
    ProgressRating,
    ProgressReport,
    Question,
)
from assessments.services import AnswerInput, ElementInput, FindingInput, RatingInput
from assessments.vocabulary import Rating

MAX_ID = 2**63 - 1
MAX_CYCLE = 32767

# --- catalogue ----------------------------------------------------------------------------


class CatalogueQuestionSerializer(serializers.ModelSerializer[Question]):
    cluster = serializers.CharField(source="compliance_point.cluster.name")
    compliance_point = serializers.CharField(source="compliance_point.name")

    class Meta:
        model = Question
        fields = [
            "code",
            "text",
            "cluster",
            "compliance_point",
            "publicly_reported",
            "zero_tolerance",
        ]


class CatalogueElementSerializer(serializers.ModelSerializer[ManagementSystemElement]):
    class Meta:
        model = ManagementSystemElement
        fields = ["code", "system", "text"]


class CatalogueItemSerializer(serializers.ModelSerializer[ProgressItem]):
    class Meta:
        model = ProgressItem
        fields = ["code", "group", "text"]


# --- assessments: input -------------------------------------------------------------------


class FindingInputSerializer(serializers.Serializer[Any]):
    """One answer: `non_compliant` true or false, or `not_applicable` true."""

    question = serializers.CharField(max_length=12)
    non_compliant = serializers.BooleanField(
        required=False,
        help_text=gettext_lazy("Required unless not_applicable is true; false: compliant."),
    )
    remediated = serializers.BooleanField(default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    not_applicable = serializers.BooleanField(
        default=False, help_text=gettext_lazy("True: the question does not apply to this factory.")
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "non_compliant" not in attrs:
            if not attrs["not_applicable"]:
                raise serializers.ValidationError(
                    {"non_compliant": [_("Say whether it is non-compliant, or not applicable.")]}
                )
            attrs["non_compliant"] = False
        return attrs


class ElementInputSerializer(serializers.Serializer[Any]):
    element = serializers.CharField(max_length=8)
    satisfied = serializers.BooleanField()


class AnswerInputSerializer(serializers.Serializer[Any]):
    item = serializers.CharField(max_length=8)
    met = serializers.BooleanField()


class AssessmentAnswersSerializer(serializers.Serializer[Any]):
    """The answers of an assessment: what PUT replaces and POST starts with."""

    visit_date = serializers.DateField()
    findings = FindingInputSerializer(many=True, required=False)
    management_systems = ElementInputSerializer(many=True)
    additional_questions = AnswerInputSerializer(many=True, required=False)

    def service_arguments(self) -> dict[str, Any]:
        data = self.validated_data
        return {
            "visit_date": data["visit_date"],
            "findings": [FindingInput(**f) for f in data.get("findings", [])],
            "elements": [ElementInput(**e) for e in data["management_systems"]],
            "additional": [AnswerInput(**a) for a in data.get("additional_questions", [])],
        }


class AssessmentCreateSerializer(AssessmentAnswersSerializer):
    factory = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    cycle = serializers.IntegerField(min_value=1, max_value=MAX_CYCLE)


# --- assessments: output ------------------------------------------------------------------


class FindingSerializer(serializers.ModelSerializer[Finding]):
    question = serializers.CharField(source="question.code")
    in_bulk = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Set by the explicit act 'every question not yet answered is compliant'."
        )
    )

    class Meta:
        model = Finding
        fields = [
            "question",
            "non_compliant",
            "not_applicable",
            "remediated",
            "remediated_on",
            "remediation_note",
            "note",
            "in_bulk",
        ]

    def get_in_bulk(self, finding: Finding) -> bool:
        return finding.bulk_id is not None


class ElementResultSerializer(serializers.ModelSerializer[ManagementSystemResult]):
    element = serializers.CharField(source="element.code")

    class Meta:
        model = ManagementSystemResult
        fields = ["element", "satisfied"]


class AnswerSerializer(serializers.ModelSerializer[AdditionalAnswer]):
    item = serializers.CharField(source="item.code")

    class Meta:
        model = AdditionalAnswer
        fields = ["item", "met"]


class AssessmentSerializer(serializers.ModelSerializer[Assessment]):
    factory = serializers.IntegerField(source="factory_id")
    findings = FindingSerializer(many=True)
    management_systems = ElementResultSerializer(many=True)
    additional_questions = AnswerSerializer(many=True, source="additional_answers")
    answered = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "Questions with an answer (compliant, non-compliant or not applicable)."
        )
    )
    unanswered = serializers.SerializerMethodField(
        help_text=gettext_lazy("Questions not answered yet.")
    )
    created_by = serializers.CharField(source="created_by.username")
    finalised_by = serializers.CharField(source="finalised_by.username", allow_null=True)

    def _question_total(self) -> int:
        # Once per response: the context is shared by every item of a list.
        shared: dict[str, Any] = self.context  # type: ignore[assignment]
        if "question_total" not in shared:
            shared["question_total"] = Question.objects.count()
        return int(shared["question_total"])

    def get_answered(self, assessment: Assessment) -> int:
        return len(assessment.findings.all())  # prefetched

    def get_unanswered(self, assessment: Assessment) -> int:
        return max(0, self._question_total() - self.get_answered(assessment))

    class Meta:
        model = Assessment
        fields = [
            "id",
            "factory",
            "cycle",
            "visit_date",
            "status",
            "includes_additional_questions",
            "findings",
            "management_systems",
            "additional_questions",
            "answered",
            "unanswered",
            "created_by",
            "created_at",
            "finalised_by",
            "finalised_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Assessment) -> dict[str, Any]:
        """Buyers never learn of the additional questions: only candidates are asked them, and
        candidacy is the programme's internal work (docs/rules.md section 9)."""
        data: dict[str, Any] = super().to_representation(instance)
        if self.context.get("for_buyer"):
            data.pop("includes_additional_questions")
            data.pop("additional_questions")
        return data


class FinaliseSerializer(serializers.Serializer[Any]):
    remaining_compliant = serializers.BooleanField(
        default=False,
        help_text=gettext_lazy(
            "Record, with its author and count, that every question not yet answered was "
            "assessed compliant. Without it, unanswered questions refuse the finalising."
        ),
    )


class IncompleteAssessmentSerializer(serializers.Serializer[Any]):
    """The 400 of a finalise refused for missing answers (documentation only)."""

    detail = serializers.ListField(child=serializers.CharField())
    unanswered = serializers.IntegerField()
    first_unanswered = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text=gettext_lazy('The first few: [{"question": code, "text": short text}].'),
    )
    missing_elements = serializers.ListField(child=serializers.CharField())
    missing_additional_questions = serializers.ListField(child=serializers.CharField())


class RemediationSerializer(serializers.Serializer[Any]):
    remediated_on = serializers.DateField(
        help_text=gettext_lazy("When it was remediated, YYYY-MM-DD.")
    )
    note = serializers.CharField(
        allow_blank=True, max_length=5000, help_text=gettext_lazy("How it was remediated.")
    )


# --- progress reports ---------------------------------------------------------------------


class RatingInputSerializer(serializers.Serializer[Any]):
    item = serializers.CharField(max_length=8)
    rating = serializers.ChoiceField(choices=Rating.choices)


class ProgressReportItemsSerializer(serializers.Serializer[Any]):
    """The ratings of a report: what PUT replaces."""

    items = RatingInputSerializer(many=True, required=False)

    def ratings(self) -> list[RatingInput]:
        return [RatingInput(**r) for r in self.validated_data.get("items", [])]


class ProgressReportCreateSerializer(ProgressReportItemsSerializer):
    factory = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    cycle = serializers.IntegerField(min_value=1, max_value=MAX_CYCLE)
    number = serializers.ChoiceField(choices=[(1, "PR1"), (2, "PR2")])
    release_date = serializers.DateField()


class RatingSerializer(serializers.ModelSerializer[ProgressRating]):
    item = serializers.CharField(source="item.code")

    class Meta:
        model = ProgressRating
        fields = ["item", "rating"]


class ProgressReportSerializer(serializers.ModelSerializer[ProgressReport]):
    factory = serializers.IntegerField(source="factory_id")
    items = RatingSerializer(many=True, source="ratings")
    created_by = serializers.CharField(source="created_by.username")
    finalised_by = serializers.CharField(source="finalised_by.username", allow_null=True)

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "factory",
            "cycle",
            "number",
            "release_date",
            "status",
            "items",
            "created_by",
            "created_at",
            "finalised_by",
            "finalised_at",
        ]
        read_only_fields = fields
