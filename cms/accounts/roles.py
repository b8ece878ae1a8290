"""The three kinds of people in the CMS and the Wagtail permissions that make them.

- A municipality admin is a Wagtail superuser (and a member of the group "Gemeente", so
  people can see who is one). Account management in Wagtail includes ticking "beheerder"
  on any user, so an account manager who is not a superuser would only be one in disguise.
- A connector (buurtverbinder) is a member of their village's group. That group holds
  add/change/publish/lock/unlock on the village's home page, so on everything under it;
  add/change/choose in the village's image collection; and the model permissions for
  categories and author profiles, narrowed to the own village in `cms.accounts.scoping`.
- An organisation account is a member of its organisation's group, which holds "change"
  on the organisation's own page and "add" on the village's agenda. In Wagtail "add" also
  means "edit the pages you created yourself", so an organisation edits its own events and
  nobody else's. Without "publish" every change goes to the village's approval workflow,
  a GroupApprovalTask for the connectors' group, set on the village's home page.

Every function here is idempotent where it sets up groups, so importing content twice
does not duplicate anything.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from cms.accounts.models import OrganisationRoles, VillageRoles

MUNICIPALITY_GROUP = "Gemeente"
ADMIN_LANGUAGE = "nl"

# What a connector may do with every page of their village.
CONNECTOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
# What a connector may do in the village's image collection.
CONNECTOR_IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")
# Snippets a connector keeps up to date for their village (app_label, codename).
CONNECTOR_MODEL_PERMISSIONS = (
    ("villages", "add_category"), ("villages", "change_category"),
    ("villages", "delete_category"),
    ("stories", "add_authorprofile"), ("stories", "change_authorprofile"),
    ("stories", "delete_authorprofile"),
)
# An organisation uploads its own photos ("add" lets it edit only its own uploads) and
# may pick any photo of its village.
ORGANISATION_IMAGE_PERMISSIONS = ("add_image", "choose_image")


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _admin_access() -> Permission:
    return _permission("wagtailadmin", "access_admin")


def _unique_group(name: str, fallback_suffix: str) -> Group:
    """A new group called `name`, or `name (suffix)` if that name is taken already."""
    if Group.objects.filter(name=name).exists():
        name = f"{name} ({fallback_suffix})"
    return Group.objects.create(name=name[:150])


def _ensure_page_permissions(group: Group, page, actions) -> None:
    for action in actions:
        permission = _permission("wagtailcore", f"{action}_page")
        GroupPagePermission.objects.get_or_create(group=group, page=page,
                                                  permission=permission)


def _ensure_collection_permissions(group: Group, collection, codenames) -> None:
    for codename in codenames:
        # Image permissions live on wagtailimages.Image even with a custom image model.
        permission = _permission("wagtailimages", codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection,
                                                        permission=permission)


def set_admin_language(user, language: str = ADMIN_LANGUAGE) -> None:
    """Make the admin speak `language` to this user unless they chose a language already."""
    profile = UserProfile.get_for_user(user)
    if not profile.preferred_language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])


def workflow_name(village_title: str) -> str:
    """The village's approval workflow as editors see it in the admin."""
    return f"Goedkeuring {village_title}"[:255]


def task_name(village_title: str) -> str:
    """The approval step of the village's workflow, done by its connectors."""
    return f"Goedkeuring door de buurtverbinders van {village_title}"[:255]


@transaction.atomic
def setup_village(village_home) -> VillageRoles:
    """Create (or complete) the connectors' group, image collection and workflow of a village.

    Safe to call again: what exists is kept, what is missing is added.
    """
    title = village_home.title
    roles = VillageRoles.objects.filter(village=village_home).first()

    connectors = roles.connectors if roles else _unique_group(
        f"Buurtverbinders {title}", village_home.slug)
    connectors.permissions.add(_admin_access(), *(
        _permission(app, codename) for app, codename in CONNECTOR_MODEL_PERMISSIONS))
    _ensure_page_permissions(connectors, village_home, CONNECTOR_PAGE_PERMISSIONS)

    if roles:
        collection = roles.collection
    else:
        collection = Collection.get_first_root_node().add_child(name=title)
    _ensure_collection_permissions(connectors, collection, CONNECTOR_IMAGE_PERMISSIONS)

    workflow = roles.workflow if roles else Workflow.objects.create(
        name=workflow_name(title))
    task = roles.task if roles else GroupApprovalTask.objects.create(
        name=task_name(title))
    task.groups.add(connectors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task,
                                       defaults={"sort_order": 0})
    # Everything under the village home uses this workflow (the nearest one wins).
    WorkflowPage.objects.update_or_create(page=village_home, defaults={"workflow": workflow})

    if roles is None:
        roles = VillageRoles.objects.create(village=village_home, connectors=connectors,
                                            collection=collection, workflow=workflow,
                                            task=task)
    return roles


def _create_user(username: str, email: str, password: str | None, **extra):
    user = get_user_model().objects.create_user(username=username, email=email,
                                                password=password, **extra)
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    set_admin_language(user)
    return user


@transaction.atomic
def create_connector(village_home, username: str, email: str, password: str):
    """A new connector of this village."""
    roles = setup_village(village_home)
    user = _create_user(username, email, password)
    user.groups.add(roles.connectors)
    return user


@transaction.atomic
def setup_organisation(org_page) -> OrganisationRoles:
    """Create (or complete) the group of an organisation's accounts. Idempotent."""
    from cms.agenda.models import AgendaIndexPage

    village = org_page.get_village()
    village_roles = setup_village(village) if village else None
    roles = OrganisationRoles.objects.filter(organisation=org_page).first()
    group = roles.group if roles else _unique_group(
        f"Organisatie {org_page.title} ({village.title if village else '-'})",
        str(org_page.pk))
    group.permissions.add(_admin_access())
    _ensure_page_permissions(group, org_page, ("change",))
    if village is not None:
        agenda = AgendaIndexPage.objects.child_of(village).first()
        if agenda is not None:
            _ensure_page_permissions(group, agenda, ("add",))
        _ensure_collection_permissions(group, village_roles.collection,
                                       ORGANISATION_IMAGE_PERMISSIONS)
    if roles is None:
        roles = OrganisationRoles.objects.create(organisation=org_page, group=group)
    return roles


@transaction.atomic
def create_organisation_account(org_page, username: str, email: str,
                                password: str | None = None):
    """A new account for this organisation; without a password it cannot log in yet."""
    roles = setup_organisation(org_page)
    user = _create_user(username, email, password)
    user.groups.add(roles.group)
    return user


@transaction.atomic
def create_municipality_admin(username: str, email: str, password: str):
    """A new municipality admin: a superuser, and a member of the group "Gemeente"."""
    group, _created = Group.objects.get_or_create(name=MUNICIPALITY_GROUP)
    group.permissions.add(_admin_access())
    user = _create_user(username, email, password, is_superuser=True)
    user.groups.add(group)
    return user


# Questions the admin hooks ask about a user.

def organisations_for_user(user):
    """The organisation pages this user keeps up to date (empty for everyone else)."""
    from cms.socialmap.models import OrganisationPage

    if not user.is_authenticated:
        return OrganisationPage.objects.none()
    return OrganisationPage.objects.filter(roles__group__in=user.groups.all())


def is_organisation_account(user) -> bool:
    """True for accounts of an organisation that are nothing more than that."""
    if not user.is_authenticated or user.is_superuser:
        return False
    cached = getattr(user, "_portal_is_organisation", None)
    if cached is None:
        groups = user.groups.all()
        cached = (OrganisationRoles.objects.filter(group__in=groups).exists()
                  and not VillageRoles.objects.filter(connectors__in=groups).exists())
        user._portal_is_organisation = cached
    return cached


def connector_villages(user):
    """The villages whose snippets this user may manage: all for a municipality admin."""
    from cms.villages.models import VillageHomePage

    if not user.is_authenticated or not user.is_active:
        return VillageHomePage.objects.none()
    if user.is_superuser:
        return VillageHomePage.objects.all()
    return VillageHomePage.objects.filter(roles__connectors__in=user.groups.all())
