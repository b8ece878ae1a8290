"""Admin hooks for people and permissions.

- Organisation accounts see only what they may touch: a short menu, a dashboard panel
  "Uw organisatie", and in the page explorer only their own events.
- Connectors manage categories and author profiles of their own village only.
- Structural pages (village homes and their index pages) are deleted or moved by the
  municipality only; an organisation never deletes, moves or copies its own entry.
- A village home page is never copied: a copy would be a village without Site, sections
  and roles ("Nieuw dorp" makes complete ones).
- Connectors get a button "Organisatie uitnodigen" on organisation pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import Button

from cms.accounts.dashboard import add_organisation_panel
from cms.accounts.roles import is_organisation_account
from cms.accounts.scoping import VILLAGE_SNIPPETS, user_may_use_village
from cms.accounts.views import InviteOrganisationView, may_invite, own_organisation

# The only main-menu items an organisation account sees.
ORGANISATION_MENU = {"explorer", "uw-organisatie"}


def _is_structural(page) -> bool:
    from cms.agenda.models import AgendaIndexPage
    from cms.socialmap.models import SocialMapIndexPage
    from cms.stories.models import StoryIndexPage
    from cms.villages.models import VillageHomePage

    return isinstance(page.specific, (VillageHomePage, SocialMapIndexPage, AgendaIndexPage,
                                      StoryIndexPage))


def _is_village_snippet(model) -> bool:
    return model._meta.label in VILLAGE_SNIPPETS


# Menu and dashboard

class OrganisationMenuItem(MenuItem):
    """"Uw organisatie": straight to the organisation's own entry."""

    def is_shown(self, request):
        return is_organisation_account(request.user)


@hooks.register("register_admin_menu_item")
def organisation_menu_item():
    return OrganisationMenuItem(_("Uw organisatie"), reverse("accounts_own_organisation"),
                                name="uw-organisatie", icon_name="home", order=90)


@hooks.register("construct_main_menu")
def organisation_menu(request, menu_items):
    if is_organisation_account(request.user):
        menu_items[:] = [item for item in menu_items if item.name in ORGANISATION_MENU]


hooks.register("construct_homepage_panels", add_organisation_panel)


def explorer_pages_for(user, pages):
    """The explorer of an organisation lists its own events, not those of others."""
    if not is_organisation_account(user):
        return pages
    from django.contrib.contenttypes.models import ContentType

    from cms.agenda.models import EventPage

    events = ContentType.objects.get_for_model(EventPage)
    return pages.exclude(Q(content_type=events) & ~Q(owner=user))


@hooks.register("construct_explorer_page_queryset")
def organisation_explorer(parent_page, pages, request):
    return explorer_pages_for(request.user, pages)


# Village snippets: a connector works on their own village's categories and authors only

def _refuse_other_village(request, instance=None):
    """403 when the snippet, or the village chosen in the posted form, is not the user's."""
    if instance is not None and not user_may_use_village(request.user, instance.village_id):
        raise PermissionDenied
    if request.method == "POST" and "village" in request.POST:
        if not user_may_use_village(request.user, request.POST["village"]):
            raise PermissionDenied


@hooks.register("before_create_snippet")
def scoped_create_snippet(request, model):
    if _is_village_snippet(model):
        _refuse_other_village(request)


@hooks.register("before_edit_snippet")
def scoped_edit_snippet(request, instance):
    if _is_village_snippet(type(instance)):
        _refuse_other_village(request, instance)


@hooks.register("before_delete_snippet")
def scoped_delete_snippet(request, instances):
    for instance in instances:
        if _is_village_snippet(type(instance)):
            _refuse_other_village(request, instance)


# Pages that hold a village together, and an organisation's own entry

def _guard_page(request, page) -> None:
    from cms.socialmap.models import OrganisationPage

    if _is_structural(page) and not request.user.is_superuser:
        raise PermissionDenied
    if isinstance(page.specific, OrganisationPage) and is_organisation_account(request.user):
        raise PermissionDenied


@hooks.register("before_delete_page")
def guard_delete(request, page):
    _guard_page(request, page)


@hooks.register("before_move_page")
def guard_move(request, page, destination=None):
    _guard_page(request, page)


@hooks.register("before_copy_page")
def guard_copy(request, page):
    from cms.villages.models import VillageHomePage

    if isinstance(page.specific, VillageHomePage):
        # Not even for the municipality: the copy would lack its Site, sections and roles.
        messages.error(request, gettext(
            "Een dorp kunt u niet kopiëren: de kopie zou geen eigen webadres, onderdelen en "
            "buurtverbinders krijgen. Maak een nieuw dorp met “Nieuw dorp”."))
        return redirect(get_valid_next_url_from_request(request)
                        or reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    _guard_page(request, page)
    return None


# Invitations

@hooks.register("register_admin_urls")
def invitation_urls():
    return [path("uitnodigen/<int:page_id>/", InviteOrganisationView.as_view(),
                 name="accounts_invite"),
            path("uw-organisatie/", own_organisation, name="accounts_own_organisation")]


def _invite_button(page, user, priority):
    from cms.socialmap.models import OrganisationPage

    if page.specific_class is OrganisationPage and may_invite(user, page):
        yield Button(_("Organisatie uitnodigen"),
                     reverse("accounts_invite", args=[page.pk]),
                     icon_name="user", priority=priority)


@hooks.register("register_page_header_buttons")
def invite_header_button(page, user, view_name, next_url=None):
    yield from _invite_button(page, user, priority=40)


@hooks.register("register_page_listing_more_buttons")
def invite_listing_button(page, user, next_url=None):
    yield from _invite_button(page, user, priority=35)


@hooks.register("before_bulk_action")
def guard_bulk_action(request, action_type, objects, action_class_instance):
    from wagtail.models import Page

    if action_type in ("delete", "move"):
        for page in objects:
            if isinstance(page, Page):
                _guard_page(request, page)
