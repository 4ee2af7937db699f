"""/api/v1/auth/: get a token with a username and password, list your tokens, revoke them.

The contract of docs/api.md stays: `POST /api/v1/auth/token/ {"username", "password"}` answers
`200 {"token": ..., "expiry": ...}`, wrong credentials `400` with a message, and clients send
`Authorization: Token <token>`. Sign-in attempts are throttled per client address and counted
by django-axes, whose failure records are committed with the request although it answers 400.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from knox.auth import TokenAuthentication
from knox.models import AuthToken
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from betterwork.core.credentials import api_token_issue, api_token_revoke, client_ip, token_id
from factories import access

log = logging.getLogger(__name__)


class SignInThrottle(SimpleRateThrottle):
    """Token requests per client address (the proxy-aware one django-axes uses too)."""

    scope = "auth-token"

    def get_rate(self) -> str | None:
        # Read at each request, so that a deployment (or a test) can change it.
        rates: dict[str, Any] = getattr(settings, "REST_FRAMEWORK", {})["DEFAULT_THROTTLE_RATES"]
        rate = rates.get(self.scope)
        return str(rate) if rate else None

    def allow_request(self, request: Request, view: APIView) -> bool:
        if request.method != "POST":
            return True  # revoking a token is not a sign-in attempt
        try:
            return super().allow_request(request, view)
        except Exception:
            # The cache (Redis) is down: sign-ins go on, still locked out by django-axes.
            log.warning("Sign-in throttle unavailable; the request is let through.", exc_info=True)
            return True

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request._request)}


class TokenOut(serializers.Serializer[Any]):
    """A token as its owner sees it: never the secret."""

    id = serializers.CharField(help_text=gettext_lazy("Pass to DELETE /api/v1/auth/tokens/{id}/."))
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField(allow_null=True)
    current = serializers.BooleanField(
        help_text=gettext_lazy("The token this request was made with.")
    )


def _token_out(token: AuthToken, request: Request) -> dict[str, Any]:
    current = isinstance(request.auth, AuthToken) and request.auth.digest == token.digest
    return {
        "id": token_id(token),
        "created": token.created,
        "expiry": token.expiry,
        "current": current,
    }


class _SignedInWithAToken(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.method != "DELETE" or bool(request.user and request.user.is_authenticated)


class ObtainTokenView(APIView):
    """POST a username and password for a token; DELETE revokes the token sent with it."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [_SignedInWithAToken]
    throttle_classes = [SignInThrottle]

    def perform_authentication(self, request: Request) -> None:
        # Asking for a token needs none: a stale one in the header must not stand in the way.
        if request.method != "POST":
            super().perform_authentication(request)

    @extend_schema(
        summary="Get an API token (expires; send it as `Authorization: Token <token>`)",
        auth=[],
        request=AuthTokenSerializer,
        responses={
            200: inline_serializer(
                "Token",
                {"token": serializers.CharField(), "expiry": serializers.DateTimeField()},
            ),
            400: OpenApiResponse(description="Wrong username or password."),
            429: OpenApiResponse(description="Too many attempts from this address or locked."),
        },
    )
    def post(self, request: Request) -> Response:
        # django-axes needs the Django request: it flags it for its middleware's lockout answer.
        serializer = AuthTokenSerializer(data=request.data, context={"request": request._request})
        if not serializer.is_valid():
            # Answered, not raised: DRF rolls the request's transaction back on a raised error,
            # and with it the failure django-axes has just recorded, which then never locks.
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        user = serializer.validated_data["user"]
        token, secret = api_token_issue(user=user)
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        return Response({"token": secret, "expiry": token.expiry})

    @extend_schema(
        summary="Revoke the token this request is made with",
        request=None,
        responses={204: None},
    )
    def delete(self, request: Request) -> Response:
        assert isinstance(request.auth, AuthToken)  # TokenAuthentication only, and signed in
        api_token_revoke(user=access.actor_of(request), token=token_id(request.auth))
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Your API tokens (without their secrets)", responses={200: TokenOut(many=True)}
    )
    def get(self, request: Request) -> Response:
        tokens = AuthToken.objects.filter(user=request.user).order_by("-created")
        return Response(TokenOut([_token_out(t, request) for t in tokens], many=True).data)


class TokenRevokeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Revoke one of your API tokens",
        parameters=[
            OpenApiParameter(
                "token", OpenApiTypes.STR, OpenApiParameter.PATH, description="The token's id."
            )
        ],
        responses={204: None, 404: OpenApiResponse(description="You have no such token.")},
    )
    def delete(self, request: Request, token: str) -> Response:
        if not api_token_revoke(user=access.actor_of(request), token=token):
            raise exceptions.NotFound(_("You have no such token."))
        return Response(status=status.HTTP_204_NO_CONTENT)
