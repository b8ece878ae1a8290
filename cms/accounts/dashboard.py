"""The organisation's corner of the admin: its entry, its activities and the connectors'
replies, on the dashboard and in the menu."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState, WorkflowState

from cms.accounts.roles import is_organisation_account, organisations_for_user


@dataclass
class PageStatus:
    """One page an organisation may touch, as it stands now."""

    title: str
    edit_url: str
    status: str
    comment: str = ""
    comment_by: str = ""
    history_url: str = ""


def status_of(page) -> PageStatus:
    """Where this page stands, in words for the organisation, with the last reply."""
    workflow_state = page.workflow_states.order_by("-created_at").first()
    if workflow_state and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        status = _("Wacht op goedkeuring")
    elif workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        status = _("Aanpassing gevraagd")
    elif not page.live:
        status = _("Concept, nog niet online")
    elif page.has_unpublished_changes:
        status = _("Online; wijzigingen nog niet ingediend")
    else:
        status = _("Online")
    item = PageStatus(title=page.get_admin_display_title(),
                      edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                      status=status)
    if workflow_state:
        reply = (TaskState.objects.filter(workflow_state=workflow_state)
                 .exclude(comment="").order_by("-finished_at").select_related("finished_by")
                 .first())
        if reply:
            item.comment = reply.comment
            reviewer = reply.finished_by
            if reviewer is not None:
                item.comment_by = reviewer.get_full_name() or reviewer.get_username()
            item.history_url = reverse("wagtailadmin_pages:workflow_history_detail",
                                       args=[page.pk, workflow_state.pk])
    return item


def organisation_overview(user) -> list[dict]:
    """Per organisation of this user: its entry, its events and where to add a new one."""
    from cms.agenda.models import AgendaIndexPage, EventPage

    overview = []
    for organisation in organisations_for_user(user):
        village = organisation.get_village()
        agenda = AgendaIndexPage.objects.child_of(village).first() if village else None
        events = (EventPage.objects.descendant_of(agenda).filter(owner=user)
                  .order_by("-start_date") if agenda else EventPage.objects.none())
        overview.append({
            "organisation": status_of(organisation),
            "events": [status_of(event) for event in events],
            "add_event_url": reverse("wagtailadmin_pages:add",
                                     args=["agenda", "eventpage", agenda.pk])
            if agenda else "",
        })
    return overview


class OrganisationPanel(Component):
    """Dashboard panel "Uw organisatie" for organisation accounts."""

    name = "organisation"
    template_name = "accounts/dashboard_organisation.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["overview"] = organisation_overview(parent_context["request"].user)
        return context


def add_organisation_panel(request, panels) -> None:
    if is_organisation_account(request.user):
        panels.insert(0, OrganisationPanel())
