"""/api/v1/factories/: the factories in the caller's scope, and creating one (PM or EA)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.urls import URLPattern
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from factories import access, services
from factories.models import Factory
from factories.serializers import FactoryCreateSerializer, FactorySerializer
from factories.vocabulary import Role, Stage

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


class FactoryFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(
        field_name="programme__code",
        lookup_expr="iexact",
        help_text=gettext_lazy("Programme code, e.g. BGD."),
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices)

    class Meta:
        model = Factory
        fields = ["country", "stage"]


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
