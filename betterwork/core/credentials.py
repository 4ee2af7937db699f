"""Signing in: the client's address behind a proxy, the lockout answer, API tokens' lifecycle.

- django-axes locks a username *at an address* out after repeated failures (never a username
  alone, so nobody can lock someone else's account from elsewhere). Behind a reverse proxy every
  request comes from the proxy's address, so the client's address is read from the header the
  proxy sets (DJANGO_CLIENT_IP_HEADER), trusting only the entries the proxies appended.
- API tokens are django-rest-knox tokens: stored hashed, expiring (REST_KNOX["TOKEN_TTL"]), at
  most API_TOKENS_PER_USER a user, listed and revoked by their owner, and all deleted when the
  owner's password changes.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

if TYPE_CHECKING:
    from django.contrib.auth.models import User

log = logging.getLogger(__name__)

# A token's public id: the start of its digest (a hash of the secret, never the secret).
TOKEN_ID_LENGTH = 16


def _meta_key(header: str) -> str:
    """`X-Forwarded-For` -> `HTTP_X_FORWARDED_FOR` (a META key is accepted as it is)."""
    header = header.strip()
    if header.upper().startswith("HTTP_"):
        return header.upper()
    return "HTTP_" + header.upper().replace("-", "_")


def client_ip(request: HttpRequest) -> str:
    """The client's address, for the lockout and the throttles.

    Without DJANGO_CLIENT_IP_HEADER: the connection's address. With it (behind a proxy): the
    DJANGO_TRUSTED_PROXY_COUNT-th entry from the right of that header, which the nearest proxy
    wrote; entries further left come from the client and may be forged. A missing or malformed
    header falls back to the connection's address.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "")
    header = settings.CLIENT_IP_HEADER
    if not header:
        return remote
    entries = [e.strip() for e in str(request.META.get(_meta_key(header), "")).split(",")]
    entries = [e for e in entries if e]
    proxies = max(1, settings.TRUSTED_PROXY_COUNT)
    if len(entries) < proxies:
        return remote
    candidate = entries[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in: JSON for the API, text for the pages."""
    message = _("Account locked: too many failed sign-ins. Try again later.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return HttpResponse(message, status=429)


# --- API tokens -------------------------------------------------------------------------------


def token_id(token: AuthToken) -> str:
    return token.digest[:TOKEN_ID_LENGTH]


@transaction.atomic
def api_token_issue(*, user: User) -> tuple[AuthToken, str]:
    """A new token for `user` (the secret is returned once, never stored): expired tokens are
    deleted, and beyond API_TOKENS_PER_USER the oldest go."""
    tokens = AuthToken.objects.filter(user=user)
    tokens.filter(expiry__lte=timezone.now()).delete()
    keep = list(
        tokens.order_by("-created").values_list("digest", flat=True)[
            : settings.API_TOKENS_PER_USER - 1
        ]
    )
    tokens.exclude(digest__in=keep).delete()
    instance, secret = AuthToken.objects.create(user=user)
    log.info("API token %s issued to user %s.", token_id(instance), user.pk)
    return instance, secret


@transaction.atomic
def api_token_revoke(*, user: User, token: str) -> bool:
    """Delete `user`'s token with the public id `token`; False if they have none such."""
    if len(token) != TOKEN_ID_LENGTH:
        return False
    deleted, _rows = AuthToken.objects.filter(user=user, digest__startswith=token).delete()
    if deleted:
        log.info("API token %s revoked by its owner, user %s.", token, user.pk)
    return bool(deleted)


@transaction.atomic
def api_tokens_revoke_all(*, user: User) -> int:
    deleted, _rows = AuthToken.objects.filter(user=user).delete()
    if deleted:
        log.info("All %s API tokens of user %s revoked.", deleted, user.pk)
    return deleted


class RevokeTokensOnPasswordChange:
    """Ends every API token of a user whose password changes.

    Listed in AUTH_PASSWORD_VALIDATORS for Django's hook: after a password set with
    set_password() is saved (the admin, `changepassword`, any password form), Django calls
    password_changed() of every validator. It never refuses a password.
    """

    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is not None and user.pk is not None:
            api_tokens_revoke_all(user=user)

    def get_help_text(self) -> str:
        return _("Changing your password signs out every API client that uses your tokens.")
