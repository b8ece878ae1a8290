"""Tests for cms.accounts.roles: what setup_village and the create_* functions make."""

from __future__ import annotations

import pytest
from wagtail.models import GroupCollectionPermission, GroupPagePermission, WorkflowPage

from cms.accounts.models import OrganisationRoles, VillageRoles
from cms.accounts.roles import (
    connector_villages,
    create_connector,
    create_municipality_admin,
    create_organisation_account,
    is_organisation_account,
    organisations_for_user,
    setup_organisation,
    setup_village,
)

PASSWORD = "een-lang-wachtwoord-42"


def test_setup_village_is_idempotent(two_villages):
    lindeveld, _hoogmeer = two_villages
    first = lindeveld.roles
    again = setup_village(lindeveld.home)
    assert again.pk == first.pk
    assert VillageRoles.objects.count() == 2
    assert GroupPagePermission.objects.filter(group=first.connectors).count() == 5
    assert WorkflowPage.objects.get(page=lindeveld.home).workflow == first.workflow
    assert first.connectors.name == "Buurtverbinders Lindeveld"


def test_the_approval_workflow_of_a_village_speaks_dutch(two_villages):
    lindeveld, _hoogmeer = two_villages
    roles = lindeveld.roles
    # Connectors and organisations read these names in the admin's tasks and history.
    assert roles.workflow.name == "Goedkeuring Lindeveld"
    assert roles.task.name == "Goedkeuring door de buurtverbinders van Lindeveld"
    assert list(roles.workflow.tasks.all()) == [roles.task.task_ptr]
    assert list(roles.task.groups.all()) == [roles.connectors]
    # Everything in the village uses it, not Wagtail's "Moderators approval" on the root.
    assert lindeveld.organisation.get_workflow() == roles.workflow


def test_setup_village_leaves_nothing_when_it_fails(db, monkeypatch):
    """setup_village is one transaction: a failure halfway leaves no group or collection."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Workflow

    from cms.accounts import roles as roles_module
    from cms.testing import build_village

    home = build_village(with_roles=False).home
    before = (Group.objects.count(), Collection.objects.count(), Workflow.objects.count())

    def broken(*args, **kwargs):
        raise RuntimeError("no tasks today")

    monkeypatch.setattr(roles_module.GroupApprovalTask.objects, "create", broken)
    with pytest.raises(RuntimeError):
        setup_village(home)
    assert (Group.objects.count(), Collection.objects.count(),
            Workflow.objects.count()) == before
    assert not VillageRoles.objects.filter(village=home).exists()


def test_connector_is_in_the_village_group(two_villages):
    lindeveld, _hoogmeer = two_villages
    user = create_connector(lindeveld.home, "verbinder", "v@example.org", PASSWORD)
    assert list(user.groups.all()) == [lindeveld.roles.connectors]
    assert user.has_perm("wagtailadmin.access_admin")
    assert user.has_perm("villages.change_category")
    assert not user.is_superuser
    assert user.check_password(PASSWORD)
    assert user.wagtail_userprofile.preferred_language == "nl"
    assert list(connector_villages(user)) == [lindeveld.home]
    # A connector is no organisation account: the admin's hooks do not narrow their views.
    assert not is_organisation_account(user)
    assert not organisations_for_user(user).exists()
    # Images: the village's own collection, to add, change and choose.
    codenames = set(GroupCollectionPermission.objects.filter(
        group=lindeveld.roles.connectors, collection=lindeveld.roles.collection,
    ).values_list("permission__codename", flat=True))
    assert codenames == {"add_image", "change_image", "choose_image"}


def test_organisation_account(two_villages):
    lindeveld, _hoogmeer = two_villages
    org = lindeveld.organisations["buurthuis"]
    user = create_organisation_account(org, "buurthuis", "bh@example.org")
    # Without a password the account waits for its invitation.
    assert not user.has_usable_password()
    assert list(organisations_for_user(user)) == [org]
    assert is_organisation_account(user)
    # NOT a connector: it manages no village's categories or authors.
    assert not connector_villages(user).exists()
    group = OrganisationRoles.objects.get(organisation=org).group
    assert group.name == "Organisatie Buurthuis Lindeveld (Lindeveld)"
    page_perms = set(GroupPagePermission.objects.filter(group=group).values_list(
        "page_id", "permission__codename"))
    assert page_perms == {(org.pk, "change_page"), (lindeveld.agenda.pk, "add_page")}
    # A second account of the same organisation shares the group.
    second = create_organisation_account(org, "buurthuis2", "bh2@example.org", PASSWORD)
    assert list(second.groups.all()) == [group]
    assert setup_organisation(org).group == group


def test_municipality_admin(two_villages):
    lindeveld, hoogmeer = two_villages
    user = create_municipality_admin("gemeente", "g@example.org", PASSWORD)
    assert user.is_superuser
    assert user.groups.filter(name="Gemeente").exists()
    assert not is_organisation_account(user)
    # Not a member of any village's group, yet it manages the snippets of every village.
    assert not VillageRoles.objects.filter(connectors__in=user.groups.all()).exists()
    assert set(connector_villages(user)) == {lindeveld.home, hoogmeer.home}


def test_scoped_viewset_lists_and_offers_only_own_villages(two_villages):
    from django.test import RequestFactory

    from cms.accounts.scoping import VillageScopedSnippetViewSet
    from cms.villages.models import Category

    lindeveld, hoogmeer = two_villages
    user = create_connector(lindeveld.home, "verbinder", "v@example.org", PASSWORD)
    viewset = VillageScopedSnippetViewSet(model=Category)
    request = RequestFactory().get("/")
    request.user = user
    assert set(viewset.get_queryset(request)) == set(lindeveld.categories.values())
    form_class = viewset.get_edit_handler().get_form_class()
    form = form_class(instance=Category(), for_user=user)
    assert list(form.fields["village"].queryset) == [lindeveld.home]
    request.user = create_municipality_admin("gemeente", "g@example.org", PASSWORD)
    assert viewset.get_queryset(request) is None  # everything


def test_deleting_an_organisation_closes_its_accounts(two_villages):
    lindeveld, _hoogmeer = two_villages
    org = lindeveld.organisations["buurthuis"]
    user = create_organisation_account(org, "buurthuis", "bh@example.org", PASSWORD)
    org.delete()
    user.refresh_from_db()
    # No group, so no admin access and no "add" on the agenda any more.
    assert not user.groups.exists()
    assert not user.has_perm("wagtailadmin.access_admin")


def test_no_group_can_edit_the_whole_page_tree(db):
    """Wagtail's default Editors and Moderators groups (rights on the tree root) are gone:
    every role is tied to one village."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not GroupPagePermission.objects.filter(page=root).exists()
