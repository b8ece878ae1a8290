"""Admin hooks of the villages app: the municipality's "Nieuw dorp" is the only way to
create a village, so a village is complete from the start or not there at all."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from cms.villages.models import VillageHomePage
from cms.villages.views import NewVillageView


class MunicipalityMenuItem(MenuItem):
    """A menu item for municipality admins (superusers) only."""

    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def new_village_urls():
    return [path("nieuw-dorp/", NewVillageView.as_view(), name="villages_new")]


@hooks.register("register_admin_menu_item")
def new_village_menu_item():
    return MunicipalityMenuItem(_("Nieuw dorp"), reverse("villages_new"), name="nieuw-dorp",
                                icon_name="site", order=150)


@hooks.register("register_page_header_buttons")
def new_village_button(page, user, view_name, next_url=None):
    if page.is_root() and user.is_superuser:
        yield Button(_("Nieuw dorp"), reverse("villages_new"), icon_name="site", priority=5)


@hooks.register("before_create_page")
def villages_are_created_in_one_step(request, parent_page, page_class):
    """Wagtail's own page form would make a home page without its Site, sections, roles
    and categories: send the admin to "Nieuw dorp" instead."""
    if issubclass(page_class, VillageHomePage):
        return redirect("villages_new")
    return None
