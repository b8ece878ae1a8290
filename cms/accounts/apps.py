"""The accounts app: roles, permissions, invitations and the admin for organisations."""

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save

# Wagtail's first migration makes these groups with rights on the root of the page tree:
# anyone put in them by mistake could edit every village. Roles here are per village.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")


def speak_dutch_to_new_users(sender, instance, created, raw=False, **kwargs):
    """New accounts get the admin in Dutch, whatever their browser asks for."""
    if created and not raw:
        from cms.accounts.roles import set_admin_language

        set_admin_language(instance)


def close_organisation_accounts(sender, instance, **kwargs):
    """An organisation whose entry is deleted keeps no rights: its group goes too (the
    accounts stay, without access, so their history keeps a name)."""
    from django.contrib.auth.models import Group

    Group.objects.filter(pk=instance.group_id).delete()


def remove_tree_wide_default_groups(sender, **kwargs):
    """Delete Wagtail's default tree-wide editor groups after migrations have run."""
    from django.contrib.auth.models import Group

    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()


class AccountsConfig(AppConfig):
    name = "cms.accounts"
    label = "accounts"
    verbose_name = "Accounts en rechten"

    def ready(self):
        # Before wagtail.snippets is ready (it comes later in INSTALLED_APPS): the snippet
        # viewsets look their permission policy up when they are registered.
        from cms.accounts.scoping import register_village_policies

        register_village_policies()
        post_save.connect(speak_dutch_to_new_users, sender=settings.AUTH_USER_MODEL,
                          dispatch_uid="accounts-admin-language")
        post_delete.connect(close_organisation_accounts, sender="accounts.OrganisationRoles",
                            dispatch_uid="accounts-close-organisation")
        post_migrate.connect(remove_tree_wide_default_groups, sender=self,
                             dispatch_uid="accounts-default-groups")
