"""Pages of the bipartite committee."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from betterwork.core.formviews import save_form
from factories import access
from factories.models import Factory
from workspace import services as workspace
from workspace.forms import (
    CommitteeMemberForm,
    MeetingForm,
    MemberLeaveForm,
)
from workspace.models import (
    CommitteeMember,
)
from workspace.views.common import GET_POST, form_page, nav, work

# --- the bipartite committee -----------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def committee(request: HttpRequest, pk: int) -> HttpResponse:
    factory = work(request, pk)
    members = list(factory.committee_members.order_by("-is_chair", "category", "name"))
    context = nav(factory, request, "committee")
    context.update(
        {
            "current_members": [m for m in members if m.left is None],
            "former_members": [m for m in members if m.left is not None],
            "meetings": factory.committee_meetings.select_related("recorded_by")[:100],
        }
    )
    return render(request, "factories/committee.html", context)


@login_required
@GET_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    factory = work(request, pk)
    back = reverse("factories:committee", args=[factory.pk])
    form = CommitteeMemberForm(request.POST or None, adding=True)
    saved = save_form(
        request,
        form,
        lambda: workspace.committee_member_add(
            factory=factory, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(
            request, gettext("{name} joined the committee.").format(name=form.cleaned_data["name"])
        )
        return redirect(back)
    return form_page(request, factory, form, title=gettext("Add a committee member"), back=back)


def _member(factory: Factory, member_pk: int) -> CommitteeMember:
    member: CommitteeMember = access.get_or_404(factory.committee_members.all(), pk=member_pk)
    return member


@login_required
@GET_POST
def member_edit(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    factory = work(request, pk)
    member = _member(factory, member_pk)
    back = reverse("factories:committee", args=[factory.pk])
    form = CommitteeMemberForm(request.POST or None, instance=member)
    saved = save_form(
        request,
        form,
        lambda: workspace.committee_member_update(
            member=member, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, gettext("{name}'s details are saved.").format(name=member.name))
        return redirect(back)
    return form_page(
        request, factory, form, title=gettext("Edit {name}").format(name=member.name), back=back
    )


@login_required
@GET_POST
def member_leave(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    factory = work(request, pk)
    member = _member(factory, member_pk)
    back = reverse("factories:committee", args=[factory.pk])
    form = MemberLeaveForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda: workspace.committee_member_leave(
            member=member, actor=access.actor_of(request), left=form.cleaned_data["left"]
        ),
    )
    if saved:
        messages.success(
            request,
            gettext("{name} left the committee; their record is kept.").format(name=member.name),
        )
        return redirect(back)
    return form_page(
        request,
        factory,
        form,
        title=gettext("{name} leaves the committee").format(name=member.name),
        back=back,
        submit=gettext("Record leaving"),
        intro=gettext("The member's record is kept, with the date they left."),
    )


@login_required
@GET_POST
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    factory = work(request, pk)
    back = reverse("factories:committee", args=[factory.pk])
    form = MeetingForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda: workspace.committee_meeting_add(
            factory=factory, actor=access.actor_of(request), **form.cleaned_data
        ),
    )
    if saved:
        messages.success(request, gettext("The meeting is recorded."))
        return redirect(back)
    return form_page(request, factory, form, title=gettext("Record a committee meeting"), back=back)
