"""Admin hooks of the villages app: the municipality's "Nieuw dorp" is the only way to
create a village, so a village is complete from the start or not there at all; and a
category that pages still have is not deleted from under them."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from cms.core.snippets import back_to_the_snippets, in_use
from cms.villages.models import Category, VillageHomePage
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


# After the village scoping of cms/accounts (order 0): another village's category is
# refused there, without naming its pages here.
@hooks.register("before_delete_snippet", order=10)
def keep_categories_in_use(request, instances):
    """Refuse to delete a category that organisations or events have, and say which: their
    content files name it, so the portal would leave them out (the model refuses too, in
    `cms.publishing.pipeline`; this is the editor's side of it)."""
    used = in_use(request, instances, Category, Category.pages_using)
    if not used:
        return None
    by_pk = {page.pk: page for _category, pages in used for page in pages}
    users = sorted(by_pk.values(), key=lambda page: page.title.casefold())
    kinds = sorted({str(type(page)._meta.verbose_name_plural) for page in users},
                   reverse=True)  # organisaties before activiteiten
    messages.error(request, ngettext(
        "Deze categorie wordt nog gebruikt door: %(pages)s. "
        "Kies eerst een andere categorie voor deze %(kinds)s.",
        "Deze categorieën worden nog gebruikt door: %(pages)s. "
        "Kies eerst een andere categorie voor deze %(kinds)s.",
        len(used)) % {"pages": ", ".join(page.title for page in users),
                      "kinds": get_text_list(kinds, "en")})
    return back_to_the_snippets(request, Category, instances)
