"""/api/v1/factories/: the factories in the caller's scope, and creating one (PM or EA)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from factories import access, services
from factories.models import Factory
from factories.serializers import FactoryCreateSerializer, FactorySerializer
from factories.vocabulary import HIGH_PERFORMING_STAGES, BuyerStage, Role, Stage

urlpatterns: list[URLPattern] = []


class ProgrammeStaffWrites(permissions.BasePermission):
    """Reads for every signed-in user (the querysets scope them); writes for PMs and EAs only."""

    message = gettext_lazy("Only programme managers and enterprise advisors may do this.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        return access.role_of(request.user) in (Role.PROGRAMME_MANAGER, Role.ENTERPRISE_ADVISOR)


class ProgrammeManagersOnly(permissions.BasePermission):
    """Approval work belongs to programme managers; everybody else is refused outright."""

    message = gettext_lazy("Only programme managers decide on high-performing status.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(
            request.user
            and request.user.is_authenticated
            and access.role_of(request.user) == Role.PROGRAMME_MANAGER
        )


def for_buyer(request: Request) -> bool:
    """A buyer's user: sees the stage as the PM decided it, never the programme's pipeline."""
    return access.role_of(request.user) == Role.BUYER


class FactoryFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(
        field_name="programme__code",
        lookup_expr="iexact",
        help_text=gettext_lazy("Programme code, e.g. BGD."),
    )
    stage = django_filters.ChoiceFilter(
        choices=Stage.choices,
        method="filter_stage",
        help_text=gettext_lazy(
            "Staff and factory users: an internal stage. Buyers: high_performing or "
            "not_high_performing (the programme manager's decision only)."
        ),
    )

    class Meta:
        model = Factory
        fields = ["country", "stage"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.for_buyer = self.request is not None and for_buyer(self.request)
        if self.for_buyer:
            # A buyer asking for an internal stage learns nothing: 400 naming `stage`. A new
            # filter, not the copied one: that one may carry a form field built already.
            buyer_stage = django_filters.ChoiceFilter(
                field_name="stage",
                choices=BuyerStage.choices,
                method="filter_stage",
                error_messages={
                    "invalid_choice": _(
                        "Give high_performing or not_high_performing; a buyer sees the "
                        "programme manager's decision only."
                    )
                },
            )
            buyer_stage.model, buyer_stage.parent = Factory, self
            self.filters["stage"] = buyer_stage

    def filter_stage(self, queryset: QuerySet[Factory], name: str, value: str) -> QuerySet[Factory]:
        if not value:
            return queryset
        if not self.for_buyer:
            return queryset.filter(stage=value)
        if value == BuyerStage.HIGH_PERFORMING:
            return queryset.filter(stage__in=HIGH_PERFORMING_STAGES)
        return queryset.exclude(stage__in=HIGH_PERFORMING_STAGES)


@extend_schema_view(
    list=extend_schema(summary="The factories in the caller's scope"),
    retrieve=extend_schema(summary="One factory in the caller's scope"),
    create=extend_schema(
        summary="Enrol a factory (PM or EA of its programme)",
        request=FactoryCreateSerializer,
        responses={201: FactorySerializer},
    ),
)
class FactoryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Factory],
):
    serializer_class = FactorySerializer
    permission_classes = [ProgrammeStaffWrites]
    filterset_class = FactoryFilter

    def get_queryset(self) -> QuerySet[Factory]:
        return access.factories_for(self.request.user).select_related(
            "programme", "enterprise_advisor"
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "for_buyer": for_buyer(self.request)}

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = FactoryCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        programme = data["country"]
        if not access.programmes_for(request.user).filter(pk=programme.pk).exists():
            raise exceptions.PermissionDenied(
                gettext("You are not staff of the {code} programme.").format(code=programme.code)
            )
        advisor = request.user if access.role_of(request.user) == Role.ENTERPRISE_ADVISOR else None
        factory = services.factory_create(
            name=data["name"],
            programme=programme,
            enterprise_advisor=advisor,  # type: ignore[arg-type]
            enrolled_on=data.get("enrolled_on"),
            os_id=data["os_id"],
        )
        factory = self.get_queryset().get(pk=factory.pk)
        return Response(FactorySerializer(factory).data, status=status.HTTP_201_CREATED)


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to /api/v1/."""
    router.register("factories", FactoryViewSet, basename="api-factory")
