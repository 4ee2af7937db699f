"""Forms of the entry pages: each validates what a person typed and names the field that is wrong."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from assessments.services import NOTE_MAX_LENGTH
from assessments.vocabulary import Answer, Rating
from betterwork.core.choices import choices

ANSWER_CHOICES = [("", gettext_lazy("Not answered")), *choices(Answer)]
YES_NO_CHOICES = [
    ("", gettext_lazy("Not answered")),
    ("yes", gettext_lazy("Yes")),
    ("no", gettext_lazy("No")),
]
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class StartAssessmentForm(forms.Form):
    cycle = forms.IntegerField(
        min_value=1,
        label=gettext_lazy("Cycle"),
        help_text=gettext_lazy("Proposed: the cycle after the factory's latest assessment."),
    )
    visit_date = forms.DateField(
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        label=gettext_lazy("Visit date"),
        initial=timezone.localdate,
        help_text=gettext_lazy("Proposed: today. The day of the visit, never in the future."),
    )


class StartReportForm(forms.Form):
    cycle = forms.IntegerField(min_value=1, label=gettext_lazy("Cycle"))
    number = forms.TypedChoiceField(
        choices=[(1, "PR1"), (2, "PR2")],
        coerce=int,
        label=gettext_lazy("Report"),
        help_text=gettext_lazy(
            "PR2 is released in the 11th month of the cycle and rates all six items."
        ),
    )
    release_date = forms.DateField(
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        label=gettext_lazy("Release date"),
        initial=timezone.localdate,
    )


class FindingRowForm(forms.Form):
    """One question of the catalogue; the fields are prefixed with the question code."""

    answer = forms.ChoiceField(choices=ANSWER_CHOICES, required=False)
    remediated = forms.BooleanField(required=False)
    note = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH, strip=True)

    def non_compliant(self) -> bool | None:
        """True, False, or None for not answered and not applicable (see `not_applicable`)."""
        return {Answer.COMPLIANT: False, Answer.NON_COMPLIANT: True}.get(
            self.cleaned_data["answer"]
        )

    def not_applicable(self) -> bool:
        return bool(self.cleaned_data["answer"] == Answer.NOT_APPLICABLE)


class ElementRowForm(forms.Form):
    satisfied = forms.ChoiceField(choices=YES_NO_CHOICES, required=False)


class AdditionalRowForm(forms.Form):
    met = forms.ChoiceField(choices=YES_NO_CHOICES, required=False)


class RatingRowForm(forms.Form):
    rating = forms.ChoiceField(
        choices=[("", gettext_lazy("Not rated")), *choices(Rating)], required=False
    )


class FinaliseForm(forms.Form):
    confirm = forms.BooleanField(
        required=True,
        label=gettext_lazy("I confirm that these answers are the record of this visit."),
        error_messages={"required": gettext_lazy("Tick the confirmation to finalise.")},
    )


class FinaliseAssessmentForm(FinaliseForm):
    remaining_compliant = forms.BooleanField(
        required=False,
        label=_("Every question not yet answered is compliant."),
        help_text=_("Recorded as one explicit act, with your name and how many answers it set."),
    )


class RemainingCompliantForm(forms.Form):
    """The confirmation of the bulk act; `cluster` empty means the whole assessment."""

    cluster = forms.CharField(required=False, max_length=4)


class RemediationForm(forms.Form):
    remediated_on = forms.DateField(
        label=_("Remediated on"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        initial=timezone.localdate,
    )
    note = forms.CharField(
        label=_("How it was remediated"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label=gettext_lazy("Reason"),
        error_messages={"required": gettext_lazy("Say why the assessment is reopened.")},
    )


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV or XLSX, in the layout of the template."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(gettext("Upload a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(gettext("The file is larger than 2 MB."))
        return upload
