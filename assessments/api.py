"""/api/v1/catalogue/, /api/v1/assessments/ and /api/v1/progress-reports/.

Reads are scoped by factories.access (factory users and buyers see finalised records only);
writes are for the PMs and EAs of the factory's programme and go through assessments.services.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch, QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from assessments import scoped, services
from assessments.models import (
    AdditionalAnswer,
    Assessment,
    Finding,
    ManagementSystemResult,
    ProgressRating,
    ProgressReport,
)
from assessments.serializers import (
    MAX_CYCLE,
    AssessmentAnswersSerializer,
    AssessmentCreateSerializer,
    AssessmentSerializer,
    FinaliseSerializer,
    IncompleteAssessmentSerializer,
    ProgressReportCreateSerializer,
    ProgressReportItemsSerializer,
    ProgressReportSerializer,
    RemediationSerializer,
)
from assessments.vocabulary import Status
from betterwork.core.api import IntegerFilter
from betterwork.core.errors import Conflict
from factories import access
from factories.api import ProgrammeStaffWrites
from factories.models import Factory
from factories.vocabulary import Role

UNKNOWN_FACTORY = gettext_lazy("Unknown factory.")
MESSAGE_RESPONSES = {
    400: OpenApiResponse(description="Bad input: a JSON object naming each bad field."),
    404: OpenApiResponse(description="Missing, or outside the caller's scope."),
    409: OpenApiResponse(description='Already finalised: `{"detail": message}`.'),
}


def _assessable_factory(request: Request, factory_id: int) -> Factory:
    """The factory, if the caller may enter data for it; otherwise it is simply unknown."""
    factory = access.factories_for(request.user, access.Action.ASSESS).filter(pk=factory_id).first()
    if factory is None:
        raise exceptions.ValidationError({"factory": [UNKNOWN_FACTORY]})
    return factory


class _ScopedWrites:
    """Find the record in the caller's read scope (404), then require the write scope (403)."""

    def write_scope(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_writable_object(self) -> Any:
        obj = self.get_object()  # type: ignore[attr-defined]
        if not self.write_scope().filter(pk=obj.pk).exists():
            raise exceptions.PermissionDenied(gettext("You may not change this record."))
        return obj

    def _respond(self, record: Any, code: int = status.HTTP_200_OK) -> Response:
        """The record as read back through the read scope, with everything it prefetches."""
        fresh = self.get_queryset().get(pk=record.pk)  # type: ignore[attr-defined]
        return Response(self.serializer_class(fresh).data, status=code)  # type: ignore[attr-defined]


class RecordFilter(django_filters.FilterSet):
    factory = IntegerFilter(field_name="factory_id")
    cycle = IntegerFilter(max_value=MAX_CYCLE)
    status = django_filters.ChoiceFilter(choices=Status.choices)


class AssessmentFilter(RecordFilter):
    class Meta:
        model = Assessment
        fields = ["factory", "cycle", "status"]


class ProgressReportFilter(RecordFilter):
    number = django_filters.ChoiceFilter(choices=[(1, "PR1"), (2, "PR2")])

    class Meta:
        model = ProgressReport
        fields = ["factory", "cycle", "number", "status"]


@extend_schema_view(
    list=extend_schema(summary="Assessments in the caller's scope (`?factory=ID`)"),
    retrieve=extend_schema(summary="One assessment"),
    create=extend_schema(
        summary="Create a draft assessment",
        request=AssessmentCreateSerializer,
        responses={201: AssessmentSerializer, 400: MESSAGE_RESPONSES[400]},
    ),
    update=extend_schema(
        summary="Replace the answers of a draft assessment",
        request=AssessmentAnswersSerializer,
        responses={200: AssessmentSerializer, **MESSAGE_RESPONSES},
    ),
)
class AssessmentViewSet(
    _ScopedWrites,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[Assessment],
):
    serializer_class = AssessmentSerializer
    permission_classes = [ProgrammeStaffWrites]
    filterset_class = AssessmentFilter
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_serializer_context(self) -> dict[str, Any]:
        for_buyer = access.role_of(self.request.user) == Role.BUYER
        return {**super().get_serializer_context(), "for_buyer": for_buyer}

    def get_queryset(self) -> QuerySet[Assessment]:
        return (
            scoped.assessments_for(self.request.user)
            .select_related("created_by", "finalised_by")
            .prefetch_related(
                Prefetch("findings", queryset=Finding.objects.select_related("question")),
                Prefetch(
                    "management_systems",
                    queryset=ManagementSystemResult.objects.select_related("element"),
                ),
                Prefetch(
                    "additional_answers", queryset=AdditionalAnswer.objects.select_related("item")
                ),
            )
        )

    def write_scope(self) -> QuerySet[Assessment]:
        return scoped.assessments_for(self.request.user, access.Action.ASSESS)

    def create(self, request: Request) -> Response:
        serializer = AssessmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        factory = _assessable_factory(request, serializer.validated_data["factory"])
        assessment = services.assessment_create(
            factory=factory,
            cycle=serializer.validated_data["cycle"],
            actor=access.actor_of(request),
            context="api",
            **serializer.service_arguments(),
        )
        return self._respond(assessment, status.HTTP_201_CREATED)

    def update(self, request: Request, pk: str | None = None) -> Response:
        assessment = self.get_writable_object()
        if assessment.is_finalised:  # before validating: the answer does not depend on the body
            raise Conflict(gettext("This assessment is finalised and cannot be changed."))
        serializer = AssessmentAnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The body may repeat the POST shape; the factory and cycle of a draft stay as they are.
        submitted: Any = request.data  # a mapping: the serializer checked it
        for field, value in {"factory": assessment.factory_id, "cycle": assessment.cycle}.items():
            if field in submitted and submitted[field] != value:
                raise exceptions.ValidationError({field: [gettext("This cannot be changed.")]})
        services.assessment_replace_answers(
            assessment=assessment,
            actor=access.actor_of(request),
            context="api",
            **serializer.service_arguments(),
        )
        return self._respond(assessment)

    @extend_schema(
        summary="Finalise the assessment (queues the evaluation)",
        description=(
            "Refused with 400 while a question is unanswered (how many, and the first ones "
            'named), unless the body is `{"remaining_compliant": true}`: that records, with its '
            "author and count, that every question not yet answered was assessed compliant, and "
            "finalises in the same transaction. Also refused while a management-system element "
            "or an included additional question is missing."
        ),
        request=FinaliseSerializer,
        responses={
            200: AssessmentSerializer,
            400: OpenApiResponse(
                response=IncompleteAssessmentSerializer,
                description="Answers missing: how many, the first ones, elements and items.",
            ),
            404: MESSAGE_RESPONSES[404],
            409: MESSAGE_RESPONSES[409],
        },
    )
    @action(detail=True, methods=["post"])
    def finalise(self, request: Request, pk: str | None = None) -> Response:
        assessment = self.get_writable_object()
        serializer = FinaliseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.assessment_finalise(
                assessment=assessment,
                actor=access.actor_of(request),
                remaining_compliant=serializer.validated_data["remaining_compliant"],
                context="api",
            )
        except services.IncompleteAssessment as incomplete:
            # Answered here, not by the exception handler, so the counts stay numbers.
            return Response(incomplete.api_detail, status=status.HTTP_400_BAD_REQUEST)
        return self._respond(assessment)

    @extend_schema(
        summary="Record the remediation of a zero-tolerance non-compliance after finalising",
        description=(
            "For the enterprise advisors and programme managers of the factory's programme. The "
            "assessment stays finalised; the change is kept in its history, the matching "
            "improvement-plan item is closed and the factory is re-evaluated. 400 when the "
            "question is not a zero-tolerance non-compliance of this finalised assessment, or "
            "the date is in the future or before the visit."
        ),
        request=RemediationSerializer,
        responses={
            200: AssessmentSerializer,
            400: MESSAGE_RESPONSES[400],
            403: OpenApiResponse(description="Not programme staff."),
            404: MESSAGE_RESPONSES[404],
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"findings/(?P<question_code>[^/]+)/remediation",
        url_name="remediation",
    )
    def remediation(
        self, request: Request, pk: str | None = None, question_code: str = ""
    ) -> Response:
        assessment = self.get_writable_object()
        serializer = RemediationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.finding_remediate(
            assessment=assessment,
            question_code=question_code,
            actor=access.actor_of(request),
            remediated_on=serializer.validated_data["remediated_on"],
            note=serializer.validated_data["note"],
            context="api",
        )
        return self._respond(assessment)


@extend_schema_view(
    list=extend_schema(summary="Progress reports in the caller's scope (`?factory=ID`)"),
    retrieve=extend_schema(summary="One progress report"),
    create=extend_schema(
        summary="Create a draft progress report",
        request=ProgressReportCreateSerializer,
        responses={201: ProgressReportSerializer, 400: MESSAGE_RESPONSES[400]},
    ),
    update=extend_schema(
        summary="Replace the ratings of a draft progress report",
        request=ProgressReportItemsSerializer,
        responses={200: ProgressReportSerializer, **MESSAGE_RESPONSES},
    ),
)
class ProgressReportViewSet(
    _ScopedWrites,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[ProgressReport],
):
    serializer_class = ProgressReportSerializer
    permission_classes = [ProgrammeStaffWrites]
    filterset_class = ProgressReportFilter
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self) -> QuerySet[ProgressReport]:
        return (
            scoped.progress_reports_for(self.request.user)
            .select_related("created_by", "finalised_by")
            .prefetch_related(
                Prefetch("ratings", queryset=ProgressRating.objects.select_related("item"))
            )
        )

    def write_scope(self) -> QuerySet[ProgressReport]:
        return scoped.progress_reports_for(self.request.user, access.Action.ASSESS)

    def create(self, request: Request) -> Response:
        serializer = ProgressReportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        factory = _assessable_factory(request, data["factory"])
        report = services.progress_report_create(
            factory=factory,
            cycle=data["cycle"],
            number=data["number"],
            release_date=data["release_date"],
            actor=access.actor_of(request),
            ratings=serializer.ratings(),
            context="api",
        )
        return self._respond(report, status.HTTP_201_CREATED)

    def update(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_writable_object()
        if report.is_finalised:
            raise Conflict(gettext("This progress report is finalised and cannot be changed."))
        serializer = ProgressReportItemsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.progress_report_replace_ratings(
            report=report,
            actor=access.actor_of(request),
            ratings=serializer.ratings(),
            context="api",
        )
        return self._respond(report)

    @extend_schema(
        summary="Finalise the progress report (queues the evaluation)",
        request=None,
        responses={200: ProgressReportSerializer, **MESSAGE_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def finalise(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_writable_object()
        services.progress_report_finalise(report=report, actor=access.actor_of(request))
        return self._respond(report)


urlpatterns: list[URLPattern] = []


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to /api/v1/."""
    router.register("assessments", AssessmentViewSet, basename="api-assessment")
    router.register("progress-reports", ProgressReportViewSet, basename="api-progress-report")
