"""Snippets that belong to one village (categories, author profiles) stay in that village.

Django's model permissions are global: "may change categories" means all categories. The
permission policy here narrows them to the villages a user is a connector of, so every
Wagtail view that asks the policy about an instance gets the village-aware answer. The
admin hooks in `wagtail_hooks.py` refuse to open or save another village's snippet, and
`VillageScopedSnippetViewSet` (used when a model registers with it) also lists only the
own village's snippets, offers only the own villages in the form, and refuses every view
of one snippet (edit, delete, reorder, history, usage, copy, ...) for another village's;
its chooser offers and answers only the own villages' snippets.
"""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import ReorderView, SnippetViewSet

from cms.accounts.roles import connector_villages

# Snippet models with a `village` foreign key, as app_label.ModelName.
VILLAGE_SNIPPETS = ("villages.Category", "stories.AuthorProfile")


def user_may_use_village(user, village_id) -> bool:
    """May this user manage snippets of the village with this id?"""
    if user.is_superuser:
        return True
    try:
        village_id = int(village_id)
    except (TypeError, ValueError):
        return False
    return connector_villages(user).filter(pk=village_id).exists()


class VillagePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, but only for instances in one of the user's villages."""

    def user_has_permission_for_instance(self, user, action, instance):
        return (self.user_has_permission(user, action)
                and user_may_use_village(user, instance.village_id))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (self.user_has_any_permission(user, actions)
                and user_may_use_village(user, instance.village_id))

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser:
            return instances
        return instances.filter(village__in=connector_villages(user))


class VillageScopedSnippetForm(WagtailAdminModelForm):
    """Offers only the user's own villages in the `village` field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("village")
        if field is not None and self.for_user is not None:
            field.queryset = connector_villages(self.for_user)
            if field.queryset.count() == 1 and not self.instance.village_id:
                field.initial = field.queryset.first().pk
                field.widget = forms.HiddenInput()


def village_checked(view, model):
    """`view` of one `model` instance (URL argument `pk`), refused for another village's.

    Wagtail's snippet views check the model permission only ("may change categories");
    this adds "... of this village". A pk that does not exist is left to the view (404).
    """

    @wraps(view)
    def checked(request, *args, **kwargs):
        village_id = (model._default_manager.filter(pk=unquote(str(kwargs["pk"])))
                      .values_list("village_id", flat=True).first())
        if village_id is not None and not user_may_use_village(request.user, village_id):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


class VillageReorderView(ReorderView):
    """Reorders among the snippets the user's listing shows, so never another village's:
    Wagtail's own view shifts every instance between the old and the new position."""

    scoped_queryset = None  # set by the viewset: request -> queryset or None

    def get_queryset(self):
        queryset = self.scoped_queryset(self.request) if self.scoped_queryset else None
        if queryset is None:
            return super().get_queryset()
        return queryset.order_by(self.sort_order_field)


def _in_own_villages(user, objects):
    return objects if user.is_superuser else objects.filter(
        village__in=connector_villages(user))


class VillageChooserMixin:
    """The snippet chooser offers, and answers for, the user's own villages' snippets only
    (a story's author from another village would be refused by the build anyway)."""

    def get_object_list(self):
        return _in_own_villages(self.request.user, super().get_object_list())

    def get_object(self, pk):
        return _in_own_villages(self.request.user, self.model_class.objects).get(pk=pk)

    def get_objects(self, pks):
        return _in_own_villages(self.request.user, super().get_objects(pks))


class VillageChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("VillageChooseView", (VillageChooserMixin, ChooseView), {})
    choose_results_view_class = type("VillageChooseResultsView",
                                     (VillageChooserMixin, ChooseResultsView), {})
    chosen_view_class = type("VillageChosenView", (VillageChooserMixin, SnippetChosenView),
                             {})
    chosen_multiple_view_class = type("VillageChosenMultipleView",
                                      (VillageChooserMixin, SnippetChosenMultipleView), {})


class VillageScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset that lists and edits only the snippets of the user's villages.

    Register a snippet model with
    `register_snippet(Model, viewset="cms.accounts.scoping.VillageScopedSnippetViewSet")`.
    """

    reorder_view_class = VillageReorderView
    chooser_viewset_class = VillageChooserViewSet

    def get_queryset(self, request):
        if request.user.is_superuser:
            return None
        return self.model._default_manager.filter(village__in=connector_villages(request.user))

    def get_reorder_view_kwargs(self, **kwargs):
        return super().get_reorder_view_kwargs(scoped_queryset=self.get_queryset, **kwargs)

    def get_urlpatterns(self):
        """Wagtail's routes, each one that names a snippet checked for its village."""
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if "pk" in pattern.pattern.regex.groupindex:
                pattern.callback = village_checked(pattern.callback, self.model)
        return patterns

    def get_edit_handler(self):
        panels = getattr(self.model, "panels", None)
        if panels is None:
            return super().get_edit_handler()
        return ObjectList(panels, base_form_class=VillageScopedSnippetForm).bind_to_model(
            self.model)


def register_village_policies() -> None:
    """Give the village snippets their policy; must run before wagtail.snippets is ready."""
    from django.apps import apps
    from wagtail.permissions import policy_registry, register_permission_policy

    for label in VILLAGE_SNIPPETS:
        model = apps.get_model(label)
        if policy_registry.get_by_type(model, fallback=False) is None:
            register_permission_policy(model, VillagePermissionPolicy(model), exact_class=True)
