"""Forms of the buyer portal: they validate and name the bad field; services do the work."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy

from betterwork.core.choices import choices
from buyer_portal.quarters import Quarter
from buyer_portal.selectors import ORDERINGS, SupplierFilters
from factories.models import Buyer
from factories.vocabulary import BuyerStage

ORDERING_CHOICES = [
    ("name", gettext_lazy("Name (A-Z)")),
    ("-name", gettext_lazy("Name (Z-A)")),
    ("stage", gettext_lazy("Not high-performing first")),
    ("-stage", gettext_lazy("High-performing first")),
    ("next_assessment_due", gettext_lazy("Next assessment due (soonest first)")),
    ("-next_assessment_due", gettext_lazy("Next assessment due (latest first)")),
    ("high_performing_since", gettext_lazy("High-performing since (earliest first)")),
    ("-high_performing_since", gettext_lazy("High-performing since (latest first)")),
]
assert {value for value, _ in ORDERING_CHOICES} == set(ORDERINGS)


class GrantAccessForm(forms.Form):
    buyer = forms.ModelChoiceField(
        queryset=Buyer.objects.none(),
        empty_label=gettext_lazy("Choose a buyer"),
        label=gettext_lazy("Buyer"),
        error_messages={
            "invalid_choice": gettext_lazy("Unknown buyer, or it already has third-party access."),
            "required": gettext_lazy("Choose the buyer to grant access to."),
        },
    )

    def __init__(self, *args: Any, buyers: QuerySet[Buyer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = buyers  # type: ignore[attr-defined]


class SupplierFilterForm(forms.Form):
    """The supplier list's filters; the same parameters as GET /api/v1/suppliers/."""

    search = forms.CharField(required=False, max_length=100, label=gettext_lazy("Name contains"))
    # A select on the page, but any programme code is accepted (none of yours there: no rows).
    country = forms.RegexField(
        regex=r"^[A-Za-z]{3}$",
        required=False,
        label=gettext_lazy("Country"),
        widget=forms.Select,
        error_messages={
            "invalid": gettext_lazy("Give a programme code of three letters, e.g. BGD.")
        },
    )
    stage = forms.ChoiceField(
        required=False,
        choices=[("", gettext_lazy("All")), *choices(BuyerStage)],
        label=gettext_lazy("Stage"),
    )
    ordering = forms.ChoiceField(
        required=False, choices=ORDERING_CHOICES, label=gettext_lazy("Sort by")
    )

    def __init__(self, *args: Any, countries: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_countries(countries)

    def set_countries(self, countries: list[tuple[str, str]]) -> None:
        """The country select's options (the list reads them with its page)."""
        self.fields["country"].widget.choices = [  # type: ignore[attr-defined]
            ("", gettext("All countries")),
            *((code, f"{name} ({code})") for code, name in countries),
        ]

    def filters(self) -> SupplierFilters:
        """The valid filters; an invalid value is dropped (and shown as an error on the form)."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return SupplierFilters(
            country=(data.get("country") or "").upper(),
            stage=data.get("stage") or "",
            search=(data.get("search") or "").strip(),
            ordering=data.get("ordering") or "name",
        )


class ProduceOverviewForm(forms.Form):
    buyer = forms.ModelChoiceField(
        queryset=Buyer.objects.none(),
        empty_label=gettext_lazy("Choose a buyer"),
        label=gettext_lazy("Buyer"),
        error_messages={
            "invalid_choice": gettext_lazy("Unknown buyer, or none of its suppliers is yours."),
            "required": gettext_lazy("Choose the buyer whose overview to produce."),
        },
    )
    quarter = forms.CharField(
        max_length=7, label=gettext_lazy("Quarter"), help_text=gettext_lazy("For example 2026-Q3.")
    )
    replace = forms.BooleanField(
        required=False,
        label=gettext_lazy("Produce again if this quarter's overview already exists"),
    )

    def __init__(self, *args: Any, buyers: QuerySet[Buyer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = buyers  # type: ignore[attr-defined]
        self.fields["quarter"].initial = str(Quarter.just_ended())

    def clean_quarter(self) -> Quarter:
        try:
            return Quarter.parse(self.cleaned_data["quarter"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
