"""Wagtail's default workflow "Moderators approval" does not survive the migrations: its
group is gone, so no one could approve in it, and admins would meet its English name."""

from __future__ import annotations

from wagtail.models import (
    GroupApprovalTask,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.accounts.apps import WAGTAIL_DEFAULT_WORKFLOW, remove_default_workflow


def wagtails_default() -> Workflow:
    """The workflow, task and root-page link as Wagtail's migration 0048 makes them."""
    workflow = Workflow.objects.create(name=WAGTAIL_DEFAULT_WORKFLOW)
    task = GroupApprovalTask.objects.create(name=WAGTAIL_DEFAULT_WORKFLOW)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())
    return workflow


def test_the_migrated_database_has_no_default_workflow(db):
    root = Page.get_first_root_node()
    assert root.get_workflow() is None
    assert not WorkflowPage.objects.filter(page=root).exists()
    assert not Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).exists()
    assert not Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).exists()


def test_the_villages_keep_their_own_workflows(two_villages):
    lindeveld, hoogmeer = two_villages
    wagtails_default()
    remove_default_workflow(sender=None)
    assert not Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).exists()
    assert not Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).exists()
    assert Page.get_first_root_node().get_workflow() is None
    # Each village still has its Dutch workflow, with its connectors' task.
    for village in (lindeveld, hoogmeer):
        assert village.organisation.get_workflow() == village.roles.workflow
        assert [task.pk for task in village.roles.workflow.tasks] == [village.roles.task.pk]


def test_a_default_workflow_someone_changed_stays(db):
    # A step of their own added to it: no longer Wagtail's untouched default.
    workflow = wagtails_default()
    own = GroupApprovalTask.objects.create(name="Controle door de gemeente")
    WorkflowTask.objects.create(workflow=workflow, task=own, sort_order=1)
    remove_default_workflow(sender=None)
    assert Workflow.objects.filter(pk=workflow.pk).exists()
    assert Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).exists()


def test_a_task_another_workflow_uses_stays(db):
    workflow = wagtails_default()
    task = Task.objects.get(name=WAGTAIL_DEFAULT_WORKFLOW)
    other = Workflow.objects.create(name="Goedkeuring elders")
    WorkflowTask.objects.create(workflow=other, task=task, sort_order=0)
    remove_default_workflow(sender=None)
    assert not Workflow.objects.filter(pk=workflow.pk).exists()
    assert [t.pk for t in other.tasks] == [task.pk]


def test_a_default_workflow_that_moderated_a_page_keeps_its_history(two_villages,
                                                                    admin_user):
    workflow = wagtails_default()
    organisation = two_villages[0].organisation
    organisation.save_revision(user=admin_user)
    state = workflow.start(organisation, admin_user)
    remove_default_workflow(sender=None)
    assert Workflow.objects.filter(pk=workflow.pk).exists()
    assert state.__class__.objects.filter(pk=state.pk).exists()
