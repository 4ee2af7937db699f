"""Thin Celery tasks: the quarterly supplier overview, produced at quarter end by beat."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

log = logging.getLogger(__name__)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=2, max_retries=5, acks_late=True)
def produce_quarterly_overviews(quarter: str | None = None) -> int:
    """Produce the overview of the quarter that just ended (or `quarter`) for every buyer.

    Safe to run twice: a buyer's existing overview of that quarter is left as it is.
    Returns how many overviews were produced by this run.
    """
    from buyer_portal.quarters import Quarter
    from buyer_portal.services import quarterly_overview_produce
    from factories.models import Buyer

    which = Quarter.parse(quarter) if quarter else Quarter.just_ended()
    produced = 0
    for buyer in Buyer.objects.order_by("pk"):
        try:
            _, created = quarterly_overview_produce(buyer=buyer, quarter=which, actor=None)
        except OperationalError:
            raise
        except Exception:
            log.exception("Could not produce the %s overview of buyer %s", which, buyer.pk)
            continue
        produced += int(created)
    return produced
