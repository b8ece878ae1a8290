"""The "Op het portaal" panel at the top of every portal page's editor: whether residents
see the page, are about to, or why not. It asks again by itself while a build runs."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class PortalStatusPanel(Panel):
    """Shows `cms.publishing.status.page_status` of the page being edited."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Op het portaal"))
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "portal_status"

    class BoundPanel(Panel.BoundPanel):
        template_name = "publishing/portal_status_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)  # a new page has no status yet

        def get_context_data(self, parent_context=None):
            from cms.publishing.status import page_status

            context = super().get_context_data(parent_context)
            context["status"] = page_status(self.instance, getattr(self.request, "user", None))
            context["status_url"] = reverse("portal_status_page", args=[self.instance.pk])
            return context
