"""Writes of the buyer portal: producing a quarterly supplier overview.

Granting and revoking third-party access are factories.services.third_party_access_grant and
third_party_access_revoke (history rows and permissions in one place); views call them directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from buyer_portal import selectors
from buyer_portal.models import QuarterlyOverview
from buyer_portal.quarters import Quarter
from factories.models import Buyer

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def quarterly_overview_produce(
    *, buyer: Buyer, quarter: Quarter, actor: User | None, replace: bool = False
) -> tuple[QuarterlyOverview, bool]:
    """Produce the buyer's overview of `quarter`; returns (overview, produced).

    Idempotent: an existing overview of that quarter is returned untouched unless `replace` is
    asked for (a PM producing it again on purpose), which rewrites that quarter's row only.
    `actor` None is the quarterly beat task; a person must be a PM of a programme in which the
    buyer has suppliers.
    """
    if (
        actor is not None
        and not selectors.buyers_for_programme_manager(actor).filter(pk=buyer.pk).exists()
    ):
        raise PermissionDenied(
            gettext("Only a programme manager of one of the buyer's suppliers may.")
        )
    if quarter.cutoff > timezone.now():
        raise ValidationError(
            {"quarter": gettext("{quarter} has not ended yet.").format(quarter=quarter)}
        )
    Buyer.objects.select_for_update().get(pk=buyer.pk)  # two producers of one buyer queue up
    existing = QuarterlyOverview.objects.filter(buyer=buyer, quarter=str(quarter)).first()
    if existing is not None and not replace:
        return existing, False
    figures = selectors.overview_figures(buyer, quarter)
    overview, _ = QuarterlyOverview.objects.update_or_create(
        buyer=buyer,
        quarter=str(quarter),
        defaults={
            "period_end": quarter.last_day,
            "produced_at": timezone.now(),
            "produced_by": actor,
            "data": figures,
        },
    )
    return overview, True
