"""/api/v1/ for third-party access, buyers and suppliers (docs/api.md "Third-party access", "Buyer
portal"). Lookups go through factories.access: outside the caller's scope a factory is a 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.urls import URLPattern, path
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from betterwork.core.api import query_id
from buyer_portal import selectors
from buyer_portal.serializers import (
    BuyerSerializer,
    SupplierDetailSerializer,
    SupplierQuerySerializer,
    SupplierSerializer,
    ThirdPartyAccessCreateSerializer,
    ThirdPartyAccessSerializer,
    supplier_rows,
)
from factories import access
from factories import services as factory_services
from factories.models import Buyer, Factory
from factories.vocabulary import BuyerStage

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _actor(request: Request) -> User:
    """The signed-in person (the views and permissions have already refused anonymous users)."""
    return cast("User", request.user)


class ManagesAccess(permissions.BasePermission):
    """Factory users and programme managers: those who may grant third-party access."""

    message = gettext_lazy("Only factory users and programme managers grant third-party access.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and request.user.is_authenticated) and (
            selectors.may_manage_access(request.user)
        )


class IsBuyerUser(permissions.BasePermission):
    message = gettext_lazy("Only buyer users have suppliers.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and request.user.is_authenticated) and (
            selectors.is_buyer_user(request.user)
        )


def _managed_factory(request: Request, factory_id: int) -> Factory:
    return access.get_factory_for(request.user, factory_id, access.Action.MANAGE_ACCESS)


class ThirdPartyAccessView(APIView):
    """A factory's third-party access: every grant with its history, and granting a buyer."""

    @extend_schema(
        summary="The factory's grants of third-party access, open and revoked",
        responses={200: ThirdPartyAccessSerializer(many=True)},
    )
    def get(self, request: Request, factory_id: int) -> Response:
        factory = _managed_factory(request, factory_id)
        grants = selectors.access_grants(factory)
        return Response(ThirdPartyAccessSerializer(grants, many=True).data)

    @extend_schema(
        summary="Grant a buyer third-party access (factory user or PM of its programme)",
        request=ThirdPartyAccessCreateSerializer,
        responses={201: ThirdPartyAccessSerializer},
    )
    def post(self, request: Request, factory_id: int) -> Response:
        factory = _managed_factory(request, factory_id)
        serializer = ThirdPartyAccessCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        grant = factory_services.third_party_access_grant(
            factory=factory, buyer=serializer.validated_data["buyer"], actor=_actor(request)
        )
        grant = selectors.access_grants(factory).get(pk=grant.pk)
        return Response(ThirdPartyAccessSerializer(grant).data, status=status.HTTP_201_CREATED)


class ThirdPartyAccessRevokeView(APIView):
    @extend_schema(
        summary="Revoke a buyer's third-party access; it loses sight of the factory at once",
        responses={204: None},
    )
    def delete(self, request: Request, factory_id: int, buyer_id: int) -> Response:
        factory = _managed_factory(request, factory_id)
        buyer = access.get_or_404(Buyer.objects.all(), pk=buyer_id)
        try:
            factory_services.third_party_access_revoke(
                factory=factory, buyer=buyer, actor=_actor(request)
            )
        except ValidationError:
            raise Http404(gettext("This buyer has no open third-party access.")) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="The buyers a factory user or PM may grant third-party access to",
        parameters=[
            OpenApiParameter(
                "factory",
                OpenApiTypes.INT,
                description="Leave out the buyers that already have access to this factory.",
            )
        ],
    )
)
class BuyerViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Buyer]):
    serializer_class = BuyerSerializer
    permission_classes = [ManagesAccess]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Buyer]:
        factory_id = query_id(self.request, "factory")
        factory = _managed_factory(self.request, factory_id) if factory_id else None
        return selectors.grantable_buyers(factory)


SUPPLIER_FILTERS = [
    OpenApiParameter("country", OpenApiTypes.STR, description="Programme code, e.g. BGD."),
    OpenApiParameter(
        "stage",
        OpenApiTypes.STR,
        enum=BuyerStage.values,
        description="The programme manager's decision: high_performing or not_high_performing.",
    ),
    OpenApiParameter("search", OpenApiTypes.STR, description="Part of the factory's name."),
    OpenApiParameter(
        "ordering",
        OpenApiTypes.STR,
        enum=list(selectors.ORDERINGS),
        description="Sort key; a leading '-' sorts descending. Default: name.",
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary="The factories that granted the caller's buyer third-party access",
        parameters=SUPPLIER_FILTERS,
    ),
    retrieve=extend_schema(
        summary="One supplier: criteria with reasons and, when high-performing, the highlight",
        responses={200: SupplierDetailSerializer},
    ),
)
class SupplierViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Factory]
):
    serializer_class = SupplierSerializer
    permission_classes = [IsBuyerUser]
    filter_backends: list[Any] = []

    def _filters(self) -> selectors.SupplierFilters:
        query = SupplierQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        return selectors.SupplierFilters(
            country=(data.get("country") or "").upper(),
            stage=data.get("stage") or "",
            search=(data.get("search") or "").strip(),
            ordering=data.get("ordering") or "name",
        )

    def get_queryset(self) -> QuerySet[Factory]:
        return selectors.suppliers_for(self.request.user, self._filters())

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """From the factories' summaries (factories.summaries), computed on every request: the
        page and its count in one statement (selectors.list_slice)."""
        filters = self._filters()
        paginator = cast("LimitOffsetPagination", self.paginator)
        paginator.request = request
        paginator.limit = paginator.get_limit(request)
        paginator.offset = paginator.get_offset(request)
        page = selectors.list_slice(
            request.user, filters, paginator.offset, cast(int, paginator.limit)
        )
        paginator.count = page.count
        return paginator.get_paginated_response(supplier_rows(page.rows))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        factory = selectors.get_supplier(request.user, kwargs["pk"])
        [factory] = selectors.attach_criteria([factory])
        factory.highlight = selectors.highlight_of(factory)  # type: ignore[attr-defined]
        return Response(SupplierDetailSerializer(factory).data)


urlpatterns: list[URLPattern] = [
    path(
        "factories/<int:factory_id>/third-party-access/",
        ThirdPartyAccessView.as_view(),
        name="api-third-party-access",
    ),
    path(
        "factories/<int:factory_id>/third-party-access/<int:buyer_id>/",
        ThirdPartyAccessRevokeView.as_view(),
        name="api-third-party-access-revoke",
    ),
]


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to /api/v1/."""
    router.register("buyers", BuyerViewSet, basename="api-buyer")
    router.register("suppliers", SupplierViewSet, basename="api-supplier")
