"""The accounts app: roles, permissions, invitations and the admin for organisations."""

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save

# Wagtail's first migration makes these groups with rights on the root of the page tree:
# anyone put in them by mistake could edit every village. Roles here are per village.
WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")
# Wagtail's migration 0048 turns the Moderators' publish right into this workflow on the
# root page, with a task of the same name. Each village has its own Dutch workflow.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


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


def remove_default_workflow(sender, **kwargs):
    """Delete Wagtail's default workflow "Moderators approval" after migrations have run.

    Its group is gone (see above), so the task could be approved by no one, and admins
    would meet its English name. Only the untouched default goes: a workflow that ever
    moderated a page keeps its history, and a task another workflow uses stays.
    """
    from wagtail.models import Task, TaskState, Workflow, WorkflowState

    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        if WorkflowState.objects.filter(workflow=workflow).exists():
            continue
        tasks = list(Task.objects.filter(workflow_tasks__workflow=workflow))
        if any(task.name != WAGTAIL_DEFAULT_WORKFLOW for task in tasks):
            continue  # someone added their own step: no longer Wagtail's default
        workflow.delete()  # its WorkflowPage and WorkflowTask rows go with it
        for task in tasks:
            if not (task.workflow_tasks.exists()
                    or TaskState.objects.filter(task=task).exists()):
                task.delete()


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
        post_migrate.connect(remove_default_workflow, sender=self,
                             dispatch_uid="accounts-default-workflow")
