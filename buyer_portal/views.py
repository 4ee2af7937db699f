"""Pages of the buyer portal: third-party access, the supplier list and page, quarterly overviews.

Each view finds its object through factories.access (404 when out of scope), validates with a
form, calls one service and renders or redirects.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from betterwork.core.confirming import CONFIRMED, Consequences
from buyer_portal import exports, rendering, selectors, services
from buyer_portal.charts import overview_charts
from buyer_portal.forms import GrantAccessForm, ProduceOverviewForm, SupplierFilterForm
from buyer_portal.models import QuarterlyOverview
from factories import access
from factories import services as factory_services
from factories.models import Buyer
from factories.vocabulary import Role

if TYPE_CHECKING:
    pass


# --- third-party access -------------------------------------------------------------------


def _access_page(
    request: HttpRequest, factory: Any, form: GrantAccessForm, status: int = 200
) -> HttpResponse:
    grants = list(selectors.access_grants(factory))
    return render(
        request,
        "buyer_portal/access.html",
        {
            "factory": factory,
            "open_grants": [g for g in grants if g.revoked_at is None],
            "history": grants,
            "form": form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def access_manage(request: HttpRequest, factory_id: int) -> HttpResponse:
    """The factory's buyers with access, the history of grants, and the grant form."""
    factory = access.get_factory_for(request.user, factory_id, access.Action.MANAGE_ACCESS)
    buyers = selectors.grantable_buyers(factory)
    if request.method != "POST":
        return _access_page(request, factory, GrantAccessForm(buyers=buyers))
    form = GrantAccessForm(request.POST, buyers=buyers)
    if form.is_valid():
        buyer = form.cleaned_data["buyer"]
        try:
            factory_services.third_party_access_grant(
                factory=factory, buyer=buyer, actor=access.actor_of(request)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                gettext("{buyer} now has third-party access to {factory}.").format(
                    buyer=buyer, factory=factory
                ),
            )
            return redirect("buyer_portal:access", factory_id=factory.pk)
    return _access_page(request, factory, form, status=400)


def _revoke_confirm(request: HttpRequest, factory: Any, buyer: Buyer) -> HttpResponse:
    """The confirmation step: what revoking does, and the button that does it."""
    if not selectors.access_grants(factory).filter(buyer=buyer, revoked_at=None).exists():
        raise Http404(gettext("No open third-party access for this buyer."))
    names = {"buyer": buyer.name, "factory": factory.name}
    consequences = Consequences(
        title=gettext("Revoke the access of {buyer} to {factory}?").format(**names),
        button=gettext("Yes, revoke access"),
        danger=True,
        effects=[
            gettext(
                "From now on, the users of {buyer} no longer see the stage of {factory}, its"
                " progress towards the criteria, its assessment and progress-report summaries"
                " or its formal notes."
            ).format(**names),
            gettext("{factory} no longer appears in the supplier list of {buyer}.").format(**names),
            gettext("No e-mail is sent. You can grant access again at any time."),
        ],
    )
    back = reverse("buyer_portal:access", kwargs={"factory_id": factory.pk})
    context = {
        "consequences": consequences,
        "hidden": [],
        "action": reverse(
            "buyer_portal:access-revoke", kwargs={"factory_id": factory.pk, "buyer_id": buyer.pk}
        ),
        "back_url": back,
        "back_label": gettext("Third-party access"),
        "final_note": gettext("The revocation is kept in the access history."),
    }
    return render(request, "partials/confirm.html", context)


@login_required
@require_POST
def access_revoke(request: HttpRequest, factory_id: int, buyer_id: int) -> HttpResponse:
    factory = access.get_factory_for(request.user, factory_id, access.Action.MANAGE_ACCESS)
    buyer = access.get_or_404(Buyer.objects.all(), pk=buyer_id)
    if request.POST.get("confirmed") != CONFIRMED:
        return _revoke_confirm(request, factory, buyer)
    try:
        factory_services.third_party_access_revoke(
            factory=factory, buyer=buyer, actor=access.actor_of(request)
        )
    except ValidationError:
        raise Http404(gettext("No open third-party access for this buyer.")) from None
    messages.success(
        request,
        gettext("{buyer} no longer has third-party access to {factory}.").format(
            buyer=buyer, factory=factory
        ),
    )
    return redirect("buyer_portal:access", factory_id=factory.pk)


# --- the supplier list --------------------------------------------------------------------


def _require_buyer(request: HttpRequest) -> None:
    if not selectors.is_buyer_user(request.user):
        raise Http404(gettext("No such page."))


def _filter_form(request: HttpRequest) -> SupplierFilterForm:
    return SupplierFilterForm(request.GET, countries=selectors.summary_countries(request.user))


@transaction.non_atomic_requests
@login_required
@require_GET
def supplier_list(request: HttpRequest) -> HttpResponse:
    """The list, from the factories' summaries: the page, its count and the countries of the
    filter in one statement (selectors.list_page).

    It only reads, in that one statement: no transaction (no BEGIN and COMMIT round trips
    around every request, as ATOMIC_REQUESTS would add)."""
    _require_buyer(request)
    form = SupplierFilterForm(request.GET, countries=[])
    page = selectors.list_page(
        request.user, form.filters(), request.GET.get("page"), selectors.PAGE_SIZE
    )
    form.set_countries(page.countries)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "buyer_portal/supplier_list.html",
        {
            "form": form,
            "page": page,
            "suppliers": selectors.with_criteria(page.rows),
            "rows": rendering.supplier_rows(page.rows),
            "selects": {
                name: rendering.select(name, form.fields[name].widget.choices, form[name].value())  # type: ignore[attr-defined]
                for name in ("country", "stage", "ordering")
            },
            "criteria_columns": selectors.criteria_columns(),
            "querystring": params.urlencode(),
        },
    )


@login_required
@require_GET
def supplier_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The current view of the list (same filters and sort), all pages."""
    _require_buyer(request)
    suppliers = selectors.attach_criteria(
        selectors.suppliers_for(request.user, _filter_form(request).filters())
    )
    filename = f"suppliers-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return exports.suppliers_csv(suppliers, filename)
    return exports.suppliers_xlsx(suppliers, filename)


@login_required
@require_GET
def supplier_detail(request: HttpRequest, factory_id: int) -> HttpResponse:
    _require_buyer(request)
    detail = selectors.supplier_detail(request.user, factory_id)
    return render(request, "buyer_portal/supplier_detail.html", {"detail": detail})


# --- quarterly overviews ------------------------------------------------------------------


def _pm_overviews_page(
    request: HttpRequest, form: ProduceOverviewForm, status: int = 200
) -> HttpResponse:
    buyers = list(selectors.buyers_for_programme_manager(request.user))
    produced: dict[int, list[QuarterlyOverview]] = defaultdict(list)
    for overview in (
        QuarterlyOverview.objects.filter(buyer__in=buyers)
        .defer("data")
        .select_related("produced_by")
        .order_by("-period_end")
    ):
        produced[overview.buyer_id].append(overview)
    return render(
        request,
        "buyer_portal/overviews_pm.html",
        {"rows": [(b, produced.get(b.pk, [])) for b in buyers], "form": form},
        status=status,
    )


@login_required
@require_GET
def overview_list(request: HttpRequest) -> HttpResponse:
    """Buyers: their quarters. PMs: the buyers of their programmes' factories, to produce."""
    role = access.role_of(request.user)
    if role == Role.PROGRAMME_MANAGER:
        form = ProduceOverviewForm(buyers=selectors.buyers_for_programme_manager(request.user))
        return _pm_overviews_page(request, form)
    _require_buyer(request)
    return render(
        request,
        "buyer_portal/overviews.html",
        {
            "buyer": selectors.buyer_of(request.user),
            "overviews": selectors.overviews_for(request.user).defer("data"),
        },
    )


@login_required
@require_POST
def overview_produce(request: HttpRequest) -> HttpResponse:
    if access.role_of(request.user) != Role.PROGRAMME_MANAGER:
        raise Http404(gettext("No such page."))
    form = ProduceOverviewForm(
        request.POST, buyers=selectors.buyers_for_programme_manager(request.user)
    )
    if form.is_valid():
        buyer, quarter = form.cleaned_data["buyer"], form.cleaned_data["quarter"]
        try:
            _, produced = services.quarterly_overview_produce(
                buyer=buyer,
                quarter=quarter,
                actor=access.actor_of(request),
                replace=form.cleaned_data["replace"],
            )
        except ValidationError as exc:
            form.add_error("quarter", exc.message_dict.get("quarter", exc.messages))
        except PermissionDenied:
            form.add_error(
                "buyer", gettext("None of this buyer's suppliers is in your programmes.")
            )
        else:
            if produced:
                messages.success(
                    request,
                    gettext("The {quarter} overview of {buyer} is produced.").format(
                        quarter=quarter, buyer=buyer
                    ),
                )
            else:
                messages.info(
                    request,
                    gettext(
                        "The {quarter} overview of {buyer} already exists; tick 'produce again' to replace it."
                    ).format(quarter=quarter, buyer=buyer),
                )
            return redirect("buyer_portal:overviews")
    return _pm_overviews_page(request, form, status=400)


def _overview_for(request: HttpRequest, pk: int) -> QuarterlyOverview:
    return access.get_or_404(selectors.overviews_for(request.user).select_related("buyer"), pk=pk)


@login_required
@require_GET
def overview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    overview = _overview_for(request, pk)
    view = selectors.overview_as_seen_by(request.user, overview)
    return render(
        request,
        "buyer_portal/overview_detail.html",
        {
            "view": view,
            "criteria_columns": selectors.criteria_columns(),
            "charts": overview_charts(view),
        },
    )


@login_required
@require_GET
def overview_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The overview as a PDF: the same figures, charts and tables as the page."""
    overview = _overview_for(request, pk)
    view = selectors.overview_as_seen_by(request.user, overview)
    return exports.overview_pdf(
        render_to_string(
            "buyer_portal/overview_pdf.html",
            {
                "view": view,
                "criteria_columns": selectors.criteria_columns(),
                "charts": overview_charts(view),
            },
            request=request,
        ),
        f"supplier-overview-{overview.quarter}.pdf",
    )


@login_required
@require_GET
def overview_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    overview = _overview_for(request, pk)
    view = selectors.overview_as_seen_by(request.user, overview)
    return exports.overview_xlsx(
        view, f"supplier-overview-{overview.quarter}.xlsx", charts=overview_charts(view)
    )
