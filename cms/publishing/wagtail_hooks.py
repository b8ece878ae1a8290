"""Admin hooks of the publish pipeline: the portal status of a page and of each village."""

from __future__ import annotations

from django.contrib import messages
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from cms.core.models import PortalPage
from cms.publishing.views import page_status_view


@hooks.register("register_admin_urls")
def portal_status_urls():
    return [path("portaal-status/pagina/<int:page_id>/", page_status_view,
                 name="portal_status_page")]


@hooks.register("after_publish_page")
def tell_the_portal_is_being_updated(request, page):
    if isinstance(page.specific, PortalPage):
        messages.info(request, _("Het portaal wordt bijgewerkt. Op de pagina en op het "
                                 "overzicht ziet u wanneer het klaar is."))


class PortalPanel(Component):
    """Dashboard panel "Portalen": per village the editor works in, the last update and
    every page the build left out, with a link to fix it."""

    name = "portals"
    template_name = "publishing/dashboard_portals.html"
    order = 60

    def __init__(self, villages):
        self.villages = villages

    def get_context_data(self, parent_context):
        from cms.publishing.status import village_status

        context = super().get_context_data(parent_context)
        user = parent_context["request"].user
        context["villages"] = [village_status(village, user) for village in self.villages]
        return context


@hooks.register("construct_homepage_panels")
def add_portal_panel(request, panels):
    from cms.villages.models import VillageHomePage

    villages = [village for village in VillageHomePage.objects.order_by("path")
                if village.permissions_for_user(request.user).can_publish()]
    if villages:
        panels.insert(0, PortalPanel(villages))
