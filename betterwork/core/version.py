"""The portal's version, in one place.

`pyproject.toml` reads `__version__` from here (a dynamic version), every page shows it in its
footer (the `version` context processor) and every response carries it in the
`X-Portal-Version` header, the API's included; CHANGELOG.md tells what each version brought.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

__version__ = "0.3.0"

HEADER = "X-Portal-Version"


def version_header(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: the portal's version on every response."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response[HEADER] = __version__
        return response

    return middleware
