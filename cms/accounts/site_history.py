"""The site-history report, read by a connector: their own village's pages and snippets.

Wagtail's report shows page entries of the pages a user may explore (for a connector: their
village), but entries of other models for every model the user holds any permission on,
whatever the object: a connector would read every village's category and author history,
with the names of who did it. Its user filter lists everyone who ever edited a page
anywhere. Here both narrow to the entries below; the municipality (a superuser) reads all.

A connector reads:
- page entries as Wagtail decides (the explorable pages: the own village);
- entries of village snippets (`scoping.VILLAGE_SNIPPETS`) of the own villages. An entry of a
  deleted snippet no longer says which village it was of, so it is not shown;
- nothing of any other model or log model: nothing there says whose it is.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.reports.audit_logging import (
    LogEntriesView,
    SiteHistoryReportFilterSet,
)
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, PageLogEntry

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
