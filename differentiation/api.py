"""/api/v1/factories/{id}/differentiation/, .../evaluations/ and /api/v1/approvals/."""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from betterwork.core.api import IntegerFilter
from differentiation import scoped as approval_scope
from differentiation.decisions import approval_decide
from differentiation.models import ApprovalRequest, Evaluation
from differentiation.serializers import (
    ApprovalRequestSerializer,
    ApproveSerializer,
    CatalogueSerializer,
    DifferentiationSerializer,
    EvaluationSerializer,
    RejectSerializer,
    catalogue_data,
    differentiation_data,
)
from differentiation.vocabulary import RequestKind, RequestStatus
from factories import access
from factories.api import ProgrammeManagersOnly
from factories.vocabulary import Role


class DifferentiationView(APIView):
    """Where a factory stands on the criteria, from its latest evaluation."""

    @extend_schema(
        summary="The factory's stage and criteria results",
        responses={200: DifferentiationSerializer, 404: OpenApiResponse(description="Not found.")},
    )
    def get(self, request: Request, pk: int) -> Response:
        factory = access.get_factory_for(request.user, pk)
        latest = factory.evaluations.order_by("-created_at", "-id").first()
        for_buyer = access.role_of(request.user) == Role.BUYER
        return Response(differentiation_data(factory, latest, for_buyer=for_buyer))


@extend_schema(summary="The factory's evaluations, newest first")
class EvaluationListView(generics.ListAPIView[Evaluation]):
    serializer_class = EvaluationSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[Evaluation]:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Evaluation.objects.none()
        factory = access.get_factory_for(self.request.user, self.kwargs["pk"])
        return factory.evaluations.defer("inputs").order_by("-created_at", "-id")

    def get_serializer_context(self) -> dict[str, Any]:
        for_buyer = access.role_of(self.request.user) == Role.BUYER
        return {**super().get_serializer_context(), "for_buyer": for_buyer}


class ApprovalRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices)
    kind = django_filters.ChoiceFilter(choices=RequestKind.choices)
    programme = django_filters.CharFilter(
        field_name="factory__programme__code",
        lookup_expr="iexact",
        help_text=gettext_lazy("e.g. BGD"),
    )
    factory = IntegerFilter(field_name="factory_id")

    class Meta:
        model = ApprovalRequest
        fields = ["status", "kind", "programme", "factory"]


DECISION_RESPONSES = {
    200: ApprovalRequestSerializer,
    400: OpenApiResponse(description="No reason given for a rejection: names `reason`."),
    403: OpenApiResponse(description="Not a PM, or four eyes: another PM must approve."),
    404: OpenApiResponse(description="Not found or outside the caller's programmes."),
    409: OpenApiResponse(description="Already decided, or superseded by newer data."),
}


@extend_schema_view(
    list=extend_schema(summary="Approval requests of the caller's programmes (PMs only)"),
    retrieve=extend_schema(summary="One approval request"),
)
class ApprovalRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[ApprovalRequest]
):
    serializer_class = ApprovalRequestSerializer
    permission_classes = [ProgrammeManagersOnly]
    filterset_class = ApprovalRequestFilter

    def get_queryset(self) -> QuerySet[ApprovalRequest]:
        return approval_scope.approval_requests_for(self.request.user).select_related(
            "factory__programme", "decision__decided_by"
        )

    def _decide(self, request: Request, *, approve: bool, body: Serializer) -> Response:
        approval = self.get_object()
        body.is_valid(raise_exception=True)
        try:
            approval_decide(
                request=approval,
                actor=access.actor_of(request),
                approve=approve,
                reason=body.validated_data["reason"],
            )
        except DjangoPermissionDenied as error:  # keep the service's words (four eyes)
            raise exceptions.PermissionDenied(str(error)) from None
        return Response(ApprovalRequestSerializer(self.get_queryset().get(pk=approval.pk)).data)

    @extend_schema(
        summary="Approve: grant (or, for a review, keep) high-performing status",
        request=ApproveSerializer,
        responses=DECISION_RESPONSES,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, approve=True, body=ApproveSerializer(data=request.data))

    @extend_schema(
        summary="Reject (for a review: withdraw the status); a reason is required",
        request=RejectSerializer,
        responses=DECISION_RESPONSES,
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, approve=False, body=RejectSerializer(data=request.data))


class CatalogueView(APIView):
    """The compliance catalogue, management-system elements and progress items in force."""

    @extend_schema(summary="The catalogue", responses={200: CatalogueSerializer})
    def get(self, request: Request) -> Response:
        return Response(catalogue_data())


urlpatterns: list[URLPattern] = [
    path("catalogue/", CatalogueView.as_view(), name="api-catalogue"),
    path(
        "factories/<int:pk>/differentiation/",
        DifferentiationView.as_view(),
        name="api-factory-differentiation",
    ),
    path(
        "factories/<int:pk>/evaluations/",
        EvaluationListView.as_view(),
        name="api-factory-evaluations",
    ),
]


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to /api/v1/."""
    router.register("approvals", ApprovalRequestViewSet, basename="api-approval")
