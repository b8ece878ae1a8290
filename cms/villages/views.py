"""Admin view "Nieuw dorp": the municipality creates a complete village in one step."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.villages.forms import NewVillageForm
from cms.villages.setup import VillageExists, create_village
from sitegen.content import ASCII_LETTERS

logger = logging.getLogger(__name__)


class NewVillageView(WagtailAdminTemplateMixin, FormView):
    """Creates home page, Site, sections, categories and roles together, or nothing."""

    form_class = NewVillageForm
    template_name = "villages/new_village.html"
    page_title = gettext_lazy("Nieuw dorp")
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        # Villages are the municipality's: only its admins (superusers) create them. A 403
        # page says so; Wagtail's PermissionDenied would only bounce to the dashboard.
        if not request.user.is_superuser:
            return TemplateResponse(request, "villages/new_village_forbidden.html",
                                    self.get_context_data(), status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(url_pattern=settings.PORTAL_BASE_URL_PATTERN,
                                        ascii_letters=ASCII_LETTERS, **kwargs)

    def form_valid(self, form):
        new = form.new_village()
        try:
            home = create_village(new, user=self.request.user)
        except VillageExists:  # made a moment ago, after the form was checked
            form.add_error("title", _("Naam: het dorp “%(title)s” is zojuist al aangemaakt.")
                           % {"title": new.title})
            return self.form_invalid(form)
        except Exception:  # any failure: nothing was saved, and the admin must hear why
            logger.exception("creating the village %r failed; nothing was saved", new.slug)
            messages.error(self.request, _(
                "Het dorp %(title)s kon niet worden aangemaakt: er ging iets mis. Er is "
                "niets opgeslagen, dus u kunt het gewoon opnieuw proberen. Lukt het dan weer "
                "niet, geef dit dan door aan de technisch beheerder.") % {"title": new.title})
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(self.request, _(
            "Dorp %(title)s is aangemaakt. Het portaal wordt gebouwd; het staat over enkele "
            "minuten op %(url)s. Voeg nu buurtverbinders toe aan de groep “%(group)s” en "
            "vul samen de sociale kaart.") % {"title": home.title, "url": home.base_url,
                                             "group": home.roles.connectors.name})
        return redirect("wagtailadmin_explore", home.pk)

    def form_invalid(self, form):
        messages.error(self.request, _("Het dorp is nog niet aangemaakt. Verbeter de "
                                       "velden hieronder en probeer het opnieuw."))
        return super().form_invalid(form)
