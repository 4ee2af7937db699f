"""Forms of the factory's workspace: they validate input; the services in workspace.services
decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

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
            "union_representative": gettext_lazy("Union representative"),
            "elected": gettext_lazy("Elected"),
        }

    def __init__(self, *args: Any, adding: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if adding:
            del self.fields["left"]

    def validate_constraints(self, exclude: Any = None) -> None:
        """The service checks the one-chair rule with a clearer message."""


class MemberLeaveForm(forms.Form):
    left = forms.DateField(widget=DateInput(), label=gettext_lazy("Left on"))


class MeetingForm(forms.Form):
    date = forms.DateField(widget=DateInput())
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))


class TargetForm(forms.Form):
    area = forms.ChoiceField(choices=choices(TargetArea))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(max_length=200)
    due = forms.DateField(widget=DateInput())
    status = forms.ChoiceField(choices=choices(RoadMapTarget.Status))
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
    cycle = forms.IntegerField(min_value=1)


def _target_choices(targets: QuerySet[RoadMapTarget]) -> list[tuple[int, str]]:
    return [
        (t.pk, f"Cycle {t.road_map.cycle} · {t.get_area_display()}: {t.description[:60]}")
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
    kind = forms.ChoiceField(choices=Objective.Kind.choices)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["kind", "description", "target"]


class RecommendationForm(_ForATarget):
    training = forms.CharField(max_length=200)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class VisitForm(forms.Form):
    date = forms.DateField(widget=DateInput())
    objectives = forms.ModelMultipleChoiceField(
        queryset=Objective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Objectives covered"),
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, objectives: QuerySet[Objective], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = objectives  # type: ignore[attr-defined]


class TrainingForm(forms.Form):
    date = forms.DateField(widget=DateInput())
    topic = forms.CharField(max_length=200)
    days = forms.IntegerField(min_value=1, max_value=30, initial=1)
    target = forms.TypedChoiceField(
        coerce=int, required=False, label=gettext_lazy("Road-map target")
    )

    def __init__(self, *args: Any, targets: QuerySet[RoadMapTarget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = targets
        self.fields["target"].choices = [("", "(none)"), *_target_choices(targets)]  # type: ignore[attr-defined]
        self.fields["target"].empty_value = None  # type: ignore[attr-defined]

    def clean_target(self) -> RoadMapTarget | None:
        pk = self.cleaned_data.get("target")
        return self.targets.get(pk=pk) if pk else None


class PlanItemForm(forms.Form):
    action = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.CharField(
        required=False, max_length=200, label=gettext_lazy("Person responsible")
    )
    deadline = forms.DateField(required=False, widget=DateInput())
    status = forms.ChoiceField(choices=choices(ImprovementPlanItem.Status))

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
        choices=[(24, "Every 24 months (reduced assessment)"), (12, "Every 12 months")],
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
