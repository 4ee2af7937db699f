"""The buyer portal's own records: the quarterly supplier overview (docs/rules.md section 11)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from factories.models import Buyer


class QuarterlyOverview(models.Model):
    """The performance of a buyer's suppliers towards the criteria at the end of one quarter.

    Figures are computed as of the quarter end from the history (stage changes, evaluations,
    third-party access), so producing a past quarter again gives the same figures. One row per
    buyer and quarter: the beat task never touches an existing row; a PM may explicitly produce
    a quarter again, which replaces that quarter's row (and only that one).
    """

    buyer = models.ForeignKey(Buyer, on_delete=models.CASCADE, related_name="quarterly_overviews")
    quarter = models.CharField(max_length=7, help_text=gettext_lazy('For example "2026-Q3".'))
    period_end = models.DateField(help_text=gettext_lazy("The last day of the quarter."))
    produced_at = models.DateTimeField()
    produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=gettext_lazy("Empty when the quarterly beat task produced it."),
    )
    data = models.JSONField()

    class Meta:
        ordering = ["buyer__name", "-period_end"]
        constraints = [
            models.UniqueConstraint(fields=["buyer", "quarter"], name="one_overview_per_quarter"),
            models.CheckConstraint(
                condition=Q(quarter__regex=r"^[0-9]{4}-Q[1-4]$"), name="overview_quarter_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer}: {self.quarter}"
