"""Forms of the programme manager's pages: queue and pipeline filters, approve and reject."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from betterwork.core.choices import choices
from differentiation.decisions import KEEP_REASON_REQUIRED
from differentiation.selectors import PIPELINE_STAGES
from differentiation.vocabulary import DECIDED, DECIDED_STATUSES, RequestKind, RequestStatus
from factories.models import Programme

STATUS_CHOICES = [
    (RequestStatus.PENDING.value, gettext_lazy(RequestStatus.PENDING.label)),
    (DECIDED, gettext_lazy("Decided (all)")),
    *((s.value, gettext_lazy(s.label)) for s in DECIDED_STATUSES),
]


def _programme_choices(programmes: Iterable[Programme]) -> list[tuple[str, str]]:
    return [("", gettext("All my programmes")), *((p.code, str(p)) for p in programmes)]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    programme = forms.ChoiceField(required=False)
    kind = forms.ChoiceField(
        choices=[("", gettext_lazy("Any kind")), *choices(RequestKind)], required=False
    )

    def __init__(self, *args: Any, programmes: Iterable[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _programme_choices(programmes)

    def clean_status(self) -> str:
        return str(self.cleaned_data.get("status") or RequestStatus.PENDING)


class PipelineFilterForm(forms.Form):
    programme = forms.ChoiceField(required=False)
    stage = forms.ChoiceField(
        choices=[
            ("", gettext_lazy("Choose a stage")),
            *((s.value, gettext_lazy(s.label)) for s in PIPELINE_STAGES),
        ],
        required=False,
    )

    def __init__(self, *args: Any, programmes: Iterable[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _programme_choices(programmes)


class ApproveForm(forms.Form):
    """Approve a grant (a note is optional) or keep a reviewed status (`keep`: a reason is
    required, as the service requires it)."""

    reason = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, keep: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "approve_%s")
        super().__init__(*args, **kwargs)
        self.keep = keep
        if keep:
            field = self.fields["reason"]
            field.required = True
            field.label = _("Reason for keeping the status (required)")
            field.error_messages["required"] = KEEP_REASON_REQUIRED


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give a reason for rejecting.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "reject_%s")
        super().__init__(*args, **kwargs)
