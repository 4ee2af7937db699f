"""The factory list of programme staff. The workspace's pages (progress, committee, road map,
visits, improvement plan, benefits, survey) are in workspace.views."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from factories import access, selectors
from factories.forms import SearchForm
from factories.vocabulary import STAFF_ROLES

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET"])
def factory_list(request: HttpRequest) -> HttpResponse:
    """The factories of the PM's or EA's programmes, with stage and next due date."""
    if access.role_of(request.user) not in STAFF_ROLES:
        raise Http404(gettext("No such page."))
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    factories = selectors.factories_for_staff(access.actor_of(request), query)
    page = Paginator(factories, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "factories/list.html", {"page": page, "search": search, "query": query})
