"""Forms of the factory's workspace: they validate input; the services in workspace.services
decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from betterwork.core.choices import choices
from factories.forms import DateInput
from workspace.models import CommitteeMember, ImprovementPlanItem, Objective, RoadMapTarget
from workspace.vocabulary import LearningTheme, TargetArea


class CommitteeMemberForm(forms.ModelForm[CommitteeMember]):
    class Meta:
        model = CommitteeMember
        fields = [
            "name",
            "category",
            "position",
            "union_representative",
            "elected",
            "joined",
            "left",
            "is_chair",
        ]
        widgets = {"joined": DateInput(), "left": DateInput()}
        labels = {
            "name": gettext_lazy("Full name"),
            "category": gettext_lazy("Side"),
            "position": gettext_lazy("Position in the factory"),
            "union_representative": gettext_lazy("Union representative"),
            "elected": gettext_lazy("Elected by the workers"),
            "joined": gettext_lazy("Joined on"),
            "left": gettext_lazy("Left on"),
            "is_chair": gettext_lazy("Chairs the committee"),
        }
        help_texts = {
            "position": gettext_lazy("For example: sewing operator, line 4; HR manager."),
            "left": gettext_lazy("Empty while the member serves."),
            "is_chair": gettext_lazy("One current chair at a time."),
        }

    def __init__(self, *args: Any, adding: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [  # type: ignore[attr-defined]
            ("", gettext("Choose workers or management")),
            *CommitteeMember.Category.choices,
        ]
        if adding:
            del self.fields["left"]
            self.fields["joined"].initial = timezone.localdate

    def validate_constraints(self, exclude: Any = None) -> None:
        """The service checks the one-chair rule with a clearer message."""


class MemberLeaveForm(forms.Form):
    left = forms.DateField(
        widget=DateInput(), label=gettext_lazy("Left on"), initial=timezone.localdate
    )


class MeetingForm(forms.Form):
    date = forms.DateField(
        widget=DateInput(), label=gettext_lazy("Date of the meeting"), initial=timezone.localdate
    )
    minutes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label=gettext_lazy("Minutes"),
        help_text=gettext_lazy("What the committee discussed and decided."),
    )


class TargetForm(forms.Form):
    area = forms.ChoiceField(choices=choices(TargetArea), label=gettext_lazy("Area"))
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("Target")
    )
    owner = forms.CharField(
        max_length=200,
        label=gettext_lazy("Owner"),
        help_text=gettext_lazy("Who in the factory sees it through."),
    )
    due = forms.DateField(widget=DateInput(), label=gettext_lazy("Due on"))
    status = forms.ChoiceField(choices=choices(RoadMapTarget.Status), label=gettext_lazy("Status"))
    progress = forms.IntegerField(
        min_value=0, max_value=100, label=gettext_lazy("Progress (%)"), initial=0
    )

    @classmethod
    def for_target(cls, target: RoadMapTarget, data: Any = None) -> TargetForm:
        return cls(
            data,
            initial={
                "area": target.area,
                "description": target.description,
                "owner": target.owner,
                "due": target.due,
                "status": target.status,
                "progress": target.progress,
            },
            prefix=f"target-{target.pk}",
        )


class CycleForm(forms.Form):
    cycle = forms.IntegerField(min_value=1, label=gettext_lazy("Cycle"))


def _target_choices(targets: QuerySet[RoadMapTarget]) -> list[tuple[int, str]]:
    return [
        (
            t.pk,
            gettext("Cycle {cycle} · {area}: {target}").format(
                cycle=t.road_map.cycle, area=t.get_area_display(), target=t.description[:60]
            ),
        )
        for t in targets
    ]


class _ForATarget(forms.Form):
    """A form about one of the factory's road-map targets, chosen from `targets`."""

    target = forms.TypedChoiceField(coerce=int, label=gettext_lazy("Road-map target"))

    def __init__(self, *args: Any, targets: QuerySet[RoadMapTarget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = targets
        self.fields["target"].choices = _target_choices(targets)  # type: ignore[attr-defined]

    def clean_target(self) -> RoadMapTarget:
        return self.targets.get(pk=self.cleaned_data["target"])


class ObjectiveForm(_ForATarget):
    kind = forms.ChoiceField(choices=Objective.Kind.choices, label=gettext_lazy("For"))
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("Objective")
    )
    field_order = ["kind", "description", "target"]


class RecommendationForm(_ForATarget):
    training = forms.CharField(max_length=200, label=gettext_lazy("Training"))
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("Note")
    )


class VisitForm(forms.Form):
    date = forms.DateField(
        widget=DateInput(), label=gettext_lazy("Date of the visit"), initial=timezone.localdate
    )
    objectives = forms.ModelMultipleChoiceField(
        queryset=Objective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Objectives covered"),
    )
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label=gettext_lazy("Notes")
    )

    def __init__(self, *args: Any, objectives: QuerySet[Objective], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = objectives  # type: ignore[attr-defined]


class TrainingForm(forms.Form):
    date = forms.DateField(
        widget=DateInput(), label=gettext_lazy("Date of the training"), initial=timezone.localdate
    )
    topic = forms.CharField(max_length=200, label=gettext_lazy("Topic"))
    days = forms.IntegerField(
        min_value=1,
        max_value=30,
        initial=1,
        label=gettext_lazy("Days"),
        help_text=gettext_lazy("Counted against the cycle's training days."),
    )
    target = forms.TypedChoiceField(
        coerce=int, required=False, label=gettext_lazy("Road-map target")
    )

    def __init__(self, *args: Any, targets: QuerySet[RoadMapTarget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = targets
        field = self.fields["target"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", gettext("No particular target")), *_target_choices(targets)]
        self.fields["target"].empty_value = None  # type: ignore[attr-defined]

    def clean_target(self) -> RoadMapTarget | None:
        pk = self.cleaned_data.get("target")
        return self.targets.get(pk=pk) if pk else None


class PlanItemForm(forms.Form):
    action = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=gettext_lazy("Action"),
        help_text=gettext_lazy("What is done to fix it; needed before marking it Completed."),
    )
    responsible = forms.CharField(
        required=False, max_length=200, label=gettext_lazy("Person responsible")
    )
    deadline = forms.DateField(required=False, widget=DateInput(), label=gettext_lazy("Deadline"))
    status = forms.ChoiceField(
        choices=choices(ImprovementPlanItem.Status), label=gettext_lazy("Status")
    )

    @classmethod
    def for_item(cls, item: ImprovementPlanItem, data: Any = None) -> PlanItemForm:
        return cls(
            data,
            initial={
                "action": item.action,
                "responsible": item.responsible,
                "deadline": item.deadline,
                "status": item.status,
            },
            prefix=f"item-{item.pk}",
        )


class IntervalForm(forms.Form):
    months = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (24, gettext_lazy("Every 24 months (reduced assessment)")),
            (12, gettext_lazy("Every 12 months")),
        ],
        widget=forms.RadioSelect,
        label=gettext_lazy("Assessment interval"),
    )


class FewerVisitsForm(forms.Form):
    visits = forms.IntegerField(
        min_value=0, max_value=6, label=gettext_lazy("Advisory visits per cycle")
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=gettext_lazy("Why, and which trainings the extra days are for"),
    )


class LearningServicesForm(forms.Form):
    themes = forms.MultipleChoiceField(
        choices=choices(LearningTheme),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Brokered learning services"),
    )


class VisibilityForm(forms.Form):
    public_recognition = forms.BooleanField(
        required=False, label=gettext_lazy("Public recognition")
    )
    public_campaigns = forms.BooleanField(required=False, label=gettext_lazy("Public campaigns"))
    buyer_events = forms.BooleanField(required=False, label=gettext_lazy("Buyer events"))


class SurveyForm(forms.Form):
    themes = forms.MultipleChoiceField(
        choices=choices(LearningTheme),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Preferred areas for advanced learning services"),
    )
    other = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("Other areas")
    )
