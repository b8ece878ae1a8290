"""Which CMS responses may run inline scripts (issue 11, finding 8).

The Content-Security-Policy of the CMS (CONTENT_SECURITY_POLICY in cms/settings/base.py)
allows scripts from the CMS itself only. Wagtail 8 still starts some widgets with an
inline <script> written next to the field (wagtail/wagtail#1288): every chooser
(`BaseChooser.render`: page, image, snippet and task choosers), the date, time and
date-time pickers (`wagtailadmin/widgets/date_input.html` and its siblings) and inline
panels (`wagtailadmin/panels/inline_panel.html`). Only the admin views named in
INLINE_SCRIPT_VIEWS render such widgets, so only their responses also allow
'unsafe-inline'. Every other response (log-in, password reset, invitations, the lock-out
page, "Nieuw dorp", the dashboard, most listings) runs script files of the CMS only;
the project's own admin script (cms/core/wagtail_hooks.py) is a file for that reason.

The choice is made by the view a URL resolved to, never by what the HTML holds: a policy
that relaxed itself on finding an inline script would relax for an injected one too.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

from csp.middleware import CSPMiddleware, PolicyParts

# View names (namespace:name, fnmatch patterns) whose pages write inline scripts, and why.
# cms/core/tests/test_csp.py renders every admin page and checks this list both ways: a
# page with an inline script is listed, a listed page has one.
INLINE_SCRIPT_VIEWS = {
    # Page forms: date and time pickers (event dates, "Publicatie plannen"), the image
    # chooser and the organiser's page chooser.
    "wagtailadmin_pages:add": "date pickers, page and image choosers",
    "wagtailadmin_pages:edit": "date pickers, page and image choosers",
    "wagtailadmin_pages:revisions_revert": "the page form of an older revision",
    # The chooser of the new parent page.
    "wagtailadmin_pages:copy": "page chooser",
    "wagtailadmin_pages:move": "page chooser",
    # Listings whose filters offer a from-to date ("Laatst bewerkt", "Tijdstip", ...).
    "wagtailadmin_explore": "date filter",
    "wagtailadmin_explore_root": "date filter",
    "*:history": "date filter of every history listing (pages, snippets, users, ...)",
    "wagtailadmin_reports:aging_pages": "date filter",
    "wagtailadmin_reports:locked_pages": "date filter",
    "wagtailadmin_reports:site_history": "date filter",
    "wagtailadmin_reports:workflow": "date filter",
    "wagtailadmin_reports:workflow_tasks": "date filter",
    "wagtailadmin_workflows:usage": "date filter",
    "wagtailusers_users:index": "date filter (last log-in)",
    "wagtailforms:index": "date filter",
    # Forms with a page chooser: a snippet's village, a site's root page, a redirect's
    # target, a group's page permissions; workflows also have a task chooser and an
    # inline panel.
    "wagtailsnippets_*:add": "page chooser (village)",
    "wagtailsnippets_*:edit": "page chooser (village)",
    "wagtailsnippets_*:copy": "page chooser (village)",
    "wagtailsites:add": "page chooser",
    "wagtailsites:edit": "page chooser",
    "wagtailsites:copy": "page chooser",
    "wagtailredirects:add": "page chooser",
    "wagtailredirects:edit": "page chooser",
    "wagtailusers_groups:add": "page chooser",
    "wagtailusers_groups:edit": "page chooser",
    "wagtailadmin_workflows:add": "page and task choosers, inline panels",
    "wagtailadmin_workflows:edit": "page and task choosers, inline panels",
}

# An inline script: a <script> element without src (and not a JSON or template block,
# which browsers never run).
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*\btype=\"(?:application/json|text/template)\")[^>]*>"
    r"(.*?)</script>", re.DOTALL | re.IGNORECASE)


def needs_inline_scripts(view_name: str | None) -> bool:
    """Whether the page of the view named `view_name` starts its widgets inline."""
    return view_name is not None and any(
        fnmatchcase(view_name, pattern) for pattern in INLINE_SCRIPT_VIEWS)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with script-src widened to 'unsafe-inline' for the views
    in INLINE_SCRIPT_VIEWS only.

    A view's own csp_update comes on top; a response that sets its own header (the
    preview) keeps it.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        match = getattr(request, "resolver_match", None)
        if needs_inline_scripts(match.view_name if match else None):
            update = dict(parts.update or {})
            own = update.get("script-src") or []
            update["script-src"] = ["'unsafe-inline'", *([own] if isinstance(own, str) else own)]
            parts.update = update
        return parts
