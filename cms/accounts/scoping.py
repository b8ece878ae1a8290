"""Snippets that belong to one village (categories, author profiles) stay in that village.

Django's model permissions are global: "may change categories" means all categories. The
permission policy here narrows them to the villages a user is a connector of, so every
Wagtail view that asks the policy about an instance gets the village-aware answer. The
admin hooks in `wagtail_hooks.py` refuse to open or save another village's snippet, and
`VillageScopedSnippetViewSet` (used when a model registers with it) also lists only the
own village's snippets and offers only the own villages in the form.
"""

from __future__ import annotations

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

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


class VillageScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset that lists and edits only the snippets of the user's villages.

    Register a snippet model with
    `register_snippet(Model, viewset="cms.accounts.scoping.VillageScopedSnippetViewSet")`.
    """

    def get_queryset(self, request):
        if request.user.is_superuser:
            return None
        return self.model._default_manager.filter(village__in=connector_villages(request.user))

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
