"""Wagtail's reports as a connector reads them: their own village only, in the listings
and in the filters. The municipality (a superuser) reads everything; organisations get no
reports at all (`wagtail_hooks.no_reports_for_organisations`).

Site history. Wagtail shows page entries of the pages a user may explore (for a connector:
their village), but entries of other models for every model the user holds any permission
on, whatever the object: a connector would read every village's category and author
history, with the names of who did it. Its user filter lists everyone who ever edited a
page anywhere. A connector reads here:
- page entries as Wagtail decides (the explorable pages: the own village);
- entries of village snippets (`scoping.VILLAGE_SNIPPETS`) of the own villages. An entry of a
  deleted snippet no longer says which village it was of, so it is not shown;
- nothing of any other model or log model: nothing there says whose it is.

Workflows, workflow tasks and locked pages. Wagtail lists the pages the user may edit, but
its filters offer every workflow and task by name, everyone who ever asked for an approval
and everyone who locked a page anywhere. Here they offer those of the listed rows only.

Page types usage counts every village's pages and names the last edited page of each type,
drafts too: it is the municipality's alone (`wagtail_hooks.MUNICIPALITY_REPORTS`).
"""

from __future__ import annotations

import django_filters
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import ContentTypeFilter, FilteredModelChoiceFilter
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.admin.views.reports.locked_pages import (
    LockedPagesReportFilterSet,
    LockedPagesView,
)
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
    get_editable_content_type_ids,
    get_editable_page_ids_query,
)
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import (
    ModelLogEntry,
    Page,
    PageLogEntry,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
    get_default_page_content_type,
)
from wagtail.permissions import page_permission_policy

from cms.accounts.roles import connector_villages
from cms.accounts.scoping import VILLAGE_SNIPPETS


def _own_village_snippets(user) -> Q:
    """Model log entries of village snippets in one of the user's villages."""
    villages = connector_villages(user)
    own = Q(pk__in=[])
    for label in VILLAGE_SNIPPETS:
        model = apps.get_model(label)
        # object_id is text in the log; the snippets' primary keys are numbers.
        ids = (model._default_manager.filter(village__in=villages)
               .annotate(logged_id=Cast("pk", CharField())).values("logged_id"))
        own |= Q(content_type=ContentType.objects.get_for_model(model),
                 object_id__in=ids)
    return own


def narrow_log_entries(user, entries):
    """`entries` (a queryset of one log model) as far as `user` may read them here."""
    if user.is_superuser:
        return entries
    if issubclass(entries.model, PageLogEntry):
        return entries  # Wagtail's viewable_by_user keeps explorable pages only
    if issubclass(entries.model, ModelLogEntry):
        return entries.filter(_own_village_snippets(user))
    return entries.none()


def viewable_log_entries(user, log_model):
    return narrow_log_entries(user, log_model.objects.viewable_by_user(user))


def _every_log_model(user):
    for log_model in log_action_registry.get_log_entry_models():
        yield viewable_log_entries(user, log_model)


def _content_types_for_filter(request):
    ids = set()
    for entries in _every_log_model(request.user):
        ids.update(entries.get_content_type_ids())
    return ContentType.objects.filter(pk__in=ids).order_by("model")


class VillageSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    """The report's filters offer only users, actions and types of the entries it shows."""

    object_type = ContentTypeFilter(label=_("Type"), method="filter_object_type",
                                    queryset=_content_types_for_filter)

    def get_action_choices(self):
        actions = set()
        for entries in _every_log_model(self.request.user):
            actions.update(entries.get_actions())
        return [choice for choice in log_action_registry.get_choices()
                if choice[0] in actions]

    def get_users_queryset(self):
        # Wagtail's own lists every user of every page entry (`self.queryset` is all of
        # them), so another village's connectors and organisations by name.
        ids = set()
        for entries in _every_log_model(self.request.user):
            ids.update(entries.get_user_ids())
        user_model = get_user_model()
        return user_model.objects.filter(pk__in=ids).order_by(user_model.USERNAME_FIELD)


class VillageSiteHistoryView(LogEntriesView):
    """Wagtail's site history with `narrow_log_entries` applied to every log model's part,
    so the listing, its pages, counts and spreadsheet exports show the same entries."""

    filterset_class = VillageSiteHistoryFilterSet

    def filter_queryset(self, queryset):
        return super().filter_queryset(narrow_log_entries(self.request.user, queryset))


# Workflow reports

def _listed_workflow_states(request):
    """The workflow states the workflow reports list to this user (Wagtail's own rule:
    the pages, and models, the user may edit)."""
    return WorkflowState.objects.filter(
        Q(base_content_type_id=get_default_page_content_type().id,
          object_id__in=get_editable_page_ids_query(request))
        | Q(content_type_id__in=get_editable_content_type_ids(request)))


def _workflows_for_filter(request):
    if request.user.is_superuser:
        return Workflow.objects.all()
    return Workflow.objects.filter(
        pk__in=_listed_workflow_states(request).values("workflow_id"))


def _tasks_for_filter(request):
    if request.user.is_superuser:
        return Task.objects.all()
    return Task.objects.filter(pk__in=TaskState.objects.filter(
        workflow_state__in=_listed_workflow_states(request)).values("task_id"))


def _requesters_for_filter(request):
    user_model = get_user_model()
    users = user_model.objects.all()
    if not request.user.is_superuser:
        users = users.filter(
            pk__in=_listed_workflow_states(request).values("requested_by_id"))
    return users.order_by(user_model.USERNAME_FIELD)


class VillageWorkflowReportFilterSet(WorkflowReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(queryset=_workflows_for_filter)
    requested_by = django_filters.ModelChoiceFilter(field_name="requested_by",
                                                    queryset=_requesters_for_filter)


class VillageWorkflowTasksReportFilterSet(WorkflowTasksReportFilterSet):
    workflow = django_filters.ModelChoiceFilter(field_name="workflow_state__workflow",
                                                queryset=_workflows_for_filter,
                                                label=_("Workflow"))
    task = FilteredModelChoiceFilter(queryset=_tasks_for_filter, filter_field="id_workflow",
                                     filter_accessor="workflows")


class VillageWorkflowView(WorkflowView):
    filterset_class = VillageWorkflowReportFilterSet


class VillageWorkflowTasksView(WorkflowTasksView):
    filterset_class = VillageWorkflowTasksReportFilterSet


# Locked pages

def _lockers_for_filter(request):
    """Who locked the pages the report lists (Wagtail's rule: the pages the user may change
    and those the user locked), not everyone who locked a page anywhere."""
    user_model = get_user_model()
    users = user_model.objects.filter(locked_pages__isnull=False)
    if not request.user.is_superuser:
        listed = (page_permission_policy.instances_user_has_permission_for(
            request.user, "change") | Page.objects.filter(locked_by=request.user))
        users = users.filter(pk__in=listed.filter(locked=True).values("locked_by"))
    return users.order_by(user_model.USERNAME_FIELD).distinct()


class VillageLockedPagesReportFilterSet(LockedPagesReportFilterSet):
    locked_by = django_filters.ModelChoiceFilter(label=_("Locked by"),
                                                 empty_label=_("Anyone"),
                                                 field_name="locked_by",
                                                 queryset=_lockers_for_filter)


class VillageLockedPagesView(LockedPagesView):
    filterset_class = VillageLockedPagesReportFilterSet


# Route name in wagtailadmin_reports -> the view that replaces Wagtail's.
VILLAGE_REPORT_VIEWS = {
    "site_history": VillageSiteHistoryView, "site_history_results": VillageSiteHistoryView,
    "workflow": VillageWorkflowView, "workflow_results": VillageWorkflowView,
    "workflow_tasks": VillageWorkflowTasksView,
    "workflow_tasks_results": VillageWorkflowTasksView,
    "locked_pages": VillageLockedPagesView, "locked_pages_results": VillageLockedPagesView,
}
