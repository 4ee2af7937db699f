"""API plumbing shared by every app: error shape, pagination, id filters (token sign-in:
betterwork/token_api.py)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.utils.translation import gettext
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from betterwork.core.errors import Conflict

# The largest id a bigint column holds; a filter past it is a 400, not a database error.
MAX_ID = 2**63 - 1


class Pagination(LimitOffsetPagination):
    """`limit` and `offset`, 100 items a page by default. A `limit` above 500 is clamped to 500
    (DRF's way: the `next` link says the limit used), so that one request cannot make the
    server build a page of the whole programme."""

    default_limit = 100
    max_limit = 500


class IntegerFilter(django_filters.NumberFilter):
    """A whole-number query filter: `1e25`, `1.5` or an id past MAX_ID is a 400 naming it.

    django-filter's NumberFilter reads a decimal, which reached the database as 10**25 (a 500).
    """

    field_class = forms.IntegerField

    def __init__(self, *args: Any, max_value: int = MAX_ID, min_value: int = 1, **kwargs: Any):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)


def query_id(request: Request, name: str) -> int | None:
    """The whole-number id in query parameter `name`, None when absent; 400 naming it if bad."""
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        return int(forms.IntegerField(min_value=1, max_value=MAX_ID).clean(raw))
    except DjangoValidationError as exc:
        raise ValidationError({name: exc.messages}) from None


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Service errors become 400 (naming the fields) or 409, never a 500."""
    if isinstance(exc, DjangoValidationError):
        detail = getattr(exc, "api_detail", None)  # positions of list entries, when kept
        if detail is None:
            detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = ValidationError(detail=detail)
    elif isinstance(exc, Conflict):
        return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, IntegrityError):
        return Response(
            {
                "detail": gettext(
                    "This change conflicts with the current data; reload and try again."
                )
            },
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
