"""The one shape of a page that saves a form: a valid POST calls one service; the service's field
errors go back on the form, which is shown again with 400 (200 when only asked for)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """What a service returned for a form that was posted, valid and saved."""

    value: T


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's field errors on the form fields they name (others on the form)."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for name, messages_ in errors.items():
        for message in messages_:
            form.add_error(name if name in form.fields else None, message)


def save_form(request: HttpRequest, form: forms.BaseForm, save: Callable[[], T]) -> Saved[T] | None:
    """Call `save()` (one service) for a valid POST; None for a GET, an invalid form, or a
    service's ValidationError, whose errors go on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return Saved(save())
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def form_status(request: HttpRequest) -> int:
    """A form shown again after a POST was refused: 400; a form asked for: 200."""
    return 400 if request.method == "POST" else 200
