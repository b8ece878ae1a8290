"""The admin's view of a page's status on the portal, asked for by the status panel."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from cms.publishing.status import page_status


@never_cache
def page_status_view(request, page_id: int):
    """JSON {state, settled, html} of the page's portal status, for those who may edit it."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        # A plain 403 for the script (Wagtail would redirect a PermissionDenied).
        return JsonResponse({"error": _("U mag deze pagina niet bewerken.")}, status=403)
    status = page_status(page, request.user)
    html = render_to_string("publishing/portal_status.html", {"status": status}, request)
    return JsonResponse({"state": status.state, "settled": status.settled, "html": html})
