"""Admin-wide behaviour of the portal's editor: every workflow action confirms what it did,
in Dutch, and date pickers never replace what a volunteer typed.

Wagtail's "Goedkeuren" and "Wijzigingen vragen" (the workflow action view behind the
dashboard and the page header) answer with a redirect and no message at all; submitting
and cancelling do have one. The workflow signals know what happened but not to whom to
say it, so `WorkflowMessagesMiddleware` (in MIDDLEWARE) lends them the current request.
"""

from __future__ import annotations

import contextvars

from django.contrib import messages
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import WorkflowState
from wagtail.signals import task_approved, task_rejected

import cms.core.compare  # noqa: F401  (registers the readable version comparisons)

_current_request: contextvars.ContextVar = contextvars.ContextVar("portal_request",
                                                                  default=None)


class WorkflowMessagesMiddleware:
    """Makes the request being handled known to the workflow signal receivers below."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def _confirm(text: str) -> None:
    request = _current_request.get()
    if request is not None and hasattr(request, "_messages"):
        messages.success(request, text)


def _title(task_state) -> str:
    content = task_state.workflow_state.content_object
    return getattr(content, "title", None) or str(content)


@receiver(task_approved)
def confirm_approval(sender, instance, user=None, **kwargs):
    """ "Goedkeuren" (with or without a comment): say whether it is now online."""
    title = _title(instance)
    if instance.workflow_state.status == WorkflowState.STATUS_APPROVED:
        text = _("Goedgekeurd en gepubliceerd: %(title)s. Het portaal wordt bijgewerkt.")
    else:
        text = _("Goedgekeurd: %(title)s. Het gaat nu naar de volgende stap van de "
                 "goedkeuring; het staat nog niet online.")
    if instance.comment:
        text += " " + _("Uw opmerking is bewaard bij de pagina.")
    _confirm(text % {"title": title})


@receiver(task_rejected)
def confirm_request_for_changes(sender, instance, user=None, **kwargs):
    """ "Wijzigingen vragen": nothing went online, and the submitter reads the comment."""
    text = _("Wijzigingen gevraagd: %(title)s. Er is niets gepubliceerd; wie de pagina "
             "instuurde, ziet uw vraag op het dashboard en kan haar aanpassen.")
    _confirm(text % {"title": _title(instance)})


@hooks.register("insert_global_admin_js")
def date_pickers_keep_typed_text():
    # A file, not an inline script, so the strict script policy (cms/core/csp.py) holds.
    return format_html('<script src="{}"></script>', static("core/date_pickers.js"))
