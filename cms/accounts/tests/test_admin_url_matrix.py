"""Every admin URL that names one object, asked by every role about its own and about a
foreign object: allowed or refused, in the style of Wagtail's permission tests.

The objects all belong to village Lindeveld (A) and, where it matters, to the organisation
Buurthuis (org_a): its entry, its own draft event and its event waiting for approval (a
workflow in progress), a category and an author profile of A, A's image collection,
workflow, task, group and site. The roles (`people.ROLES`) ask about them:

- ``admin``: the municipality, a superuser;
- ``connector_a``: a connector of A, so these are their own village's objects;
- ``connector_b``: a connector of Hoogmeer (B), for whom they are foreign;
- ``org_a``: the account of Buurthuis, whose entry and events these are;
- ``org_a2``: the Voedselbank of the same village, for whom they are foreign;
- ``org_b``: an organisation of village B.

Outcomes are precise: ``OK`` is 200; ``REFUSED`` is Wagtail's answer to PermissionDenied
in the admin, a redirect to the dashboard with the message "Sorry, you do not have
permission ..." (``permission_denied``) and nothing else; ``NOTICE`` is the same redirect
with another message of Wagtail's (one that names the page); ``NOT_FOUND`` is 404 (the
object is outside what the user may see at all: the admin API, Wagtail's user-scoped
querysets); ``FORBIDDEN`` is a bare 403 (DRF and a few JSON views); ``GONE`` is 405 (the
route answers POST only and is listed for completeness); ``REDIRECT`` is a 302 to the next
step of the same task.
A route asked about twice has a second key ``route#case``.

`test_site_history_shows_each_role_its_own_village` and
`test_report_filters_offer_each_role_its_own_village` check what the reports a
connector may open show: entries, and the people, workflows and tasks their filters offer.

`test_every_admin_route_is_in_the_matrix` walks Django's URL resolver: every named route
under /admin/ is either in ROUTES or in NOT_OBJECT_ROUTES with the reason it has no object
of a village to ask about, so a route Wagtail adds in an upgrade fails until it is placed.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation
from django.utils.timezone import now
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import log

from cms.accounts.tests.people import ROLES
from cms.agenda.models import EventPage
from cms.testing import add_page

OK, REFUSED, NOT_FOUND, FORBIDDEN, GONE = "ok", "refused", "404", "403", "405"
REDIRECT = "302 elsewhere"  # on to the next step of the same task, not a refusal
# To the dashboard like a refusal, but with Wagtail's own message, which names the page
# (and the task): answered to who may edit the page, a leak to anyone else.
NOTICE = "302 dashboard with a notice"
DENIED = "Sorry, you do not have permission to access this area."


@pytest.fixture
def world(two_villages, role_users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    a, b = two_villages
    users = role_users
    org = a.organisations["buurthuis"]
    draft = add_page(a.agenda, EventPage(title="Eigen concept", slug="eigen-concept",
                                         owner=users["org_a"], start_date=date(2026, 12, 5)),
                     publish=False, user=users["org_a"])
    log(instance=draft, action="wagtail.edit", user=users["org_a"])
    # Snippet history of each village, for the site history (labels as HISTORY_ENTRIES).
    log(instance=a.categories["zorg"], action="wagtail.edit", user=users["connector_a"],
        title="Categorie van Lindeveld")
    log(instance=a.author, action="wagtail.edit", user=users["connector_a"],
        title="Auteur van Lindeveld")
    log(instance=b.categories["zorg"], action="wagtail.edit", user=users["connector_b"],
        title="Categorie van Hoogmeer")
    # org_a's event waiting for the connectors' approval: its workflow is in progress.
    review = add_page(a.agenda, EventPage(title="Ter beoordeling", slug="ter-beoordeling",
                                          owner=users["org_a"],
                                          start_date=date(2026, 12, 6)),
                      publish=False, user=users["org_a"])
    workflow_state = review.get_workflow().start(review, users["org_a"])
    # A's connector has locked A's event (the locked pages report names who).
    a.event.locked, a.event.locked_by, a.event.locked_at = True, users["connector_a"], now()
    a.event.save(update_fields=["locked", "locked_by", "locked_at"])
    from wagtail.images import get_image_model

    image = get_image_model().objects.create(
        title="Foto buurthuis", file=get_test_image_file(), collection=a.roles.collection,
        uploaded_by_user=users["org_a"])
    from wagtail.models import Site

    objects = SimpleNamespace(
        org=org, org_revision=org.latest_revision, draft=draft,
        draft_revision=draft.latest_revision, category=a.categories["zorg"], author=a.author,
        image=image, collection=a.roles.collection, workflow=a.roles.workflow,
        task=a.roles.task, group=a.roles.connectors, user=users["org_a"],
        site=Site.objects.get(root_page=a.home), agenda=a.agenda, home=a.home,
        review=review, workflow_state=workflow_state,
        task_state=workflow_state.current_task_state)
    return SimpleNamespace(users=users, objects=objects, a=a, b=b)


def denied_messages() -> set[str]:
    """Wagtail's refusal in English and in Dutch, the admin language of the portal."""
    with translation.override("nl"):
        return {DENIED, translation.gettext(DENIED)}


def outcome(response) -> str:
    if response.status_code == 200:
        return OK
    if response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"):
        # Only what this request said (earlier requests' messages may still be queued).
        said = {str(message).strip()
                for message in response.wsgi_request._messages._queued_messages}
        return REFUSED if said <= denied_messages() else NOTICE
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 405:
        return GONE
    if response.status_code == 302:
        return REDIRECT
    return str(response.status_code)


def _page(name):
    return lambda o: [getattr(o, name).pk]


# Route name -> (arguments from the objects, method). GET unless the view only answers POST.
ROUTES = {
    "wagtailadmin_api:pages:detail": (_page("draft"), "get"),
    "wagtailadmin_api:pages:action": (lambda o: [o.draft.pk, "delete"], "get"),
    "wagtailadmin_api:images:detail": (_page("image"), "get"),
    "wagtailadmin_explore": (_page("agenda"), "get"),
    "wagtailadmin_explore_results": (_page("agenda"), "get"),
    "wagtailadmin_pages:edit": (_page("draft"), "get"),
    "wagtailadmin_pages:usage": (_page("draft"), "get"),
    "wagtailadmin_pages:preview_on_edit": (_page("draft"), "get"),
    "wagtailadmin_pages:view_draft": (_page("draft"), "get"),
    "wagtailadmin_pages:add_subpage": (_page("agenda"), "get"),
    "wagtailadmin_pages:delete": (_page("draft"), "get"),
    "wagtailadmin_pages:unpublish": (_page("org"), "get"),
    "wagtailadmin_pages:move": (_page("draft"), "get"),
    "wagtailadmin_pages:copy": (_page("draft"), "get"),
    "wagtailadmin_pages:set_privacy": (_page("draft"), "get"),
    "wagtailadmin_pages:lock": (_page("draft"), "post"),
    "wagtailadmin_pages:unlock": (_page("draft"), "post"),
    "wagtailadmin_pages:revisions_index": (_page("draft"), "get"),
    "wagtailadmin_pages:revisions_view": (lambda o: [o.draft.pk, o.draft_revision.pk], "get"),
    "wagtailadmin_pages:revisions_revert": (lambda o: [o.draft.pk, o.draft_revision.pk],
                                            "get"),
    "wagtailadmin_pages:revisions_compare": (lambda o: [o.draft.pk, "earliest", "latest"],
                                             "get"),
    "wagtailadmin_pages:workflow_history": (_page("draft"), "get"),
    "wagtailadmin_pages:history": (_page("draft"), "get"),
    "wagtailadmin_pages:history_results": (_page("draft"), "get"),
    "wagtailadmin_choose_page_child": (_page("agenda"), "get"),
    "wagtailadmin_pages:convert_alias": (_page("draft"), "get"),
    "wagtailadmin_pages:set_page_position": (_page("draft"), "post"),
    "wagtailadmin_pages:move_confirm": (lambda o: [o.draft.pk, o.agenda.pk], "get"),
    "wagtailadmin_pages:confirm_workflow_cancellation": (_page("review"), "get"),
    "wagtailadmin_pages:workflow_action": (
        lambda o: [o.review.pk, "approve", o.task_state.pk], "get"),
    "wagtailadmin_pages:collect_workflow_action_data": (
        lambda o: [o.review.pk, "approve", o.task_state.pk], "get"),
    "wagtailadmin_pages:workflow_preview": (lambda o: [o.review.pk, o.task.pk], "get"),
    "wagtailadmin_pages:workflow_history_detail": (
        lambda o: [o.review.pk, o.workflow_state.pk], "get"),
    # "#..." names a second case of the same route: here a page not in moderation.
    "wagtailadmin_pages:workflow_action#not_in_review": (
        lambda o: [o.draft.pk, "approve", o.task_state.pk], "get"),
    "wagtailadmin_pages:workflow_preview#not_in_review": (
        lambda o: [o.draft.pk, o.task.pk], "get"),
    "wagtailadmin_pages:preview_on_add": (lambda o: ["agenda", "eventpage", o.agenda.pk],
                                          "get"),
    "wagtailadmin_workflows:remove": (_page("home"), "get"),
    "wagtailforms:list_submissions": (_page("draft"), "get"),
    "wagtailimages:preview": (lambda o: [o.image.pk, "fill-10x10"], "get"),
    "wagtailimages:url_generator_output": (_page("image"), "get"),
    "portal_status_page": (_page("draft"), "get"),
    "accounts_invite": (_page("org"), "get"),
}
for _kind, _obj in (("villages_category", "category"), ("stories_authorprofile", "author")):
    for _view in ("edit", "delete", "usage", "history", "history_results", "copy"):
        ROUTES[f"wagtailsnippets_{_kind}:{_view}"] = (
            (lambda name: lambda o: [getattr(o, name).pk])(_obj), "get")
    ROUTES[f"wagtailsnippetchoosers_{_kind}:chosen"] = (
        (lambda name: lambda o: [getattr(o, name).pk])(_obj), "get")
ROUTES["wagtailsnippets_villages_category:reorder"] = (_page("category"), "post")
for _view in ("edit", "delete", "url_generator", "image_usage", "edit_multiple",
              "delete_multiple"):
    ROUTES[f"wagtailimages:{_view}"] = (_page("image"), "get")
ROUTES["wagtailimages_chooser:chosen"] = (_page("image"), "get")
ROUTES["wagtailimages_chooser:select_format"] = (_page("image"), "get")
ROUTES["wagtailadmin_collections:edit"] = (_page("collection"), "get")
ROUTES["wagtailadmin_collections:delete"] = (_page("collection"), "get")
ROUTES["wagtailadmin_collections:set_privacy"] = (_page("collection"), "get")
for _view in ("edit", "usage", "usage_results", "enable", "disable"):
    ROUTES[f"wagtailadmin_workflows:{_view}"] = (_page("workflow"), "get")
for _view in ("edit_task", "enable_task", "disable_task"):
    ROUTES[f"wagtailadmin_workflows:{_view}"] = (_page("task"), "get")
ROUTES["wagtailadmin_workflows:task_chosen"] = (_page("task"), "get")
# The task chooser: no object in the URL, but it lists every village's approval task.
for _view in ("task_chooser", "task_chooser_results", "task_chooser_create"):
    ROUTES[f"wagtailadmin_workflows:{_view}"] = (lambda o: [], "get")
for _view in ("edit", "delete", "history", "history_results", "usage"):
    ROUTES[f"wagtailusers_groups:{_view}"] = (_page("group"), "get")
for _view in ("edit", "delete", "history", "history_results", "usage", "copy"):
    ROUTES[f"wagtailusers_users:{_view}"] = (_page("user"), "get")
for _view in ("edit", "delete", "history", "history_results", "usage", "copy"):
    ROUTES[f"wagtailsites:{_view}"] = (_page("site"), "get")
# Reports and the explorer search: no object in the URL, but they list other people's.
for _name in ("locked_pages", "locked_pages_results", "workflow", "workflow_results",
              "workflow_tasks", "workflow_tasks_results", "site_history",
              "site_history_results", "aging_pages", "aging_pages_results",
              "page_types_usage", "page_types_usage_results"):
    ROUTES[f"wagtailadmin_reports:{_name}"] = (lambda o: [], "get")


def row(*outcomes) -> dict[str, str]:
    """Outcomes in the order of ROLES."""
    assert len(outcomes) == len(ROLES)
    return dict(zip(ROLES, outcomes, strict=True))


# Own draft event of org_a. Refused: connector_b (another village), org_a2 (another
# organisation's event), org_b (another village).
OWN_EVENT = row(OK, OK, REFUSED, OK, REFUSED, REFUSED)
# A village snippet of A. Refused: connector_b (another village's category or author, by
# `scoping.village_checked`), every organisation (no snippet permissions at all).
VILLAGE_SNIPPET = row(OK, OK, REFUSED, REFUSED, REFUSED, REFUSED)
# The municipality's own work (users, groups, sites, workflows, collections). Refused:
# everyone else; nobody but a superuser holds these permissions.
MUNICIPALITY_ONLY = row(OK, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED)
# Reports. connector_b may open them, but they list only its own village's pages and
# snippets, and their filters only its own village's people, workflows and tasks
# (`cms.accounts.reports`; the two tests at the end). Refused: every organisation
# (`no_reports_for_organisations`): they listed other organisations' drafts and editors.
REPORT = row(OK, OK, OK, REFUSED, REFUSED, REFUSED)
# The same answer for everyone, whatever the object: not a permission question here.
EVERYONE = {outcome: row(*[outcome] * len(ROLES)) for outcome in (OK, NOT_FOUND, GONE,
                                                                    REDIRECT, REFUSED)}

EXPECTED = {
    # The admin API: another organisation's or village's draft is not found at all.
    "wagtailadmin_api:pages:detail": row(OK, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND),
    # Page actions are POSTs, each checked by Wagtail's action classes.
    "wagtailadmin_api:pages:action": EVERYONE[GONE],
    # A photo of A's collection. Not found: connector_b and org_b (another village's
    # collection; `scoped_admin_api`). org_a2 may choose every photo of its village.
    "wagtailadmin_api:images:detail": row(OK, OK, NOT_FOUND, OK, OK, NOT_FOUND),
    # The explorer of A's agenda. connector_b and org_b: sent back to their own village
    # (Wagtail redirects to the user's explorable root). org_a2 may open it: it adds its
    # own events there, and the list shows only those.
    "wagtailadmin_explore": row(OK, OK, REDIRECT, OK, OK, REDIRECT),
    "wagtailadmin_explore_results": row(OK, OK, REDIRECT, OK, OK, REDIRECT),
    # Adding to A's agenda: on to the event form for everyone who may add there.
    # Refused: connector_b and org_b (another village).
    "wagtailadmin_pages:add_subpage": row(REDIRECT, REDIRECT, REFUSED, REDIRECT, REDIRECT,
                                          REFUSED),
    "wagtailadmin_pages:preview_on_add": row(OK, OK, REFUSED, OK, OK, REFUSED),
    "wagtailadmin_pages:edit": OWN_EVENT,
    "wagtailadmin_pages:usage": OWN_EVENT,
    "wagtailadmin_pages:preview_on_edit": OWN_EVENT,
    "wagtailadmin_pages:view_draft": OWN_EVENT,
    # org_a may throw its own never-published draft away, move or copy it.
    "wagtailadmin_pages:delete": OWN_EVENT,
    "wagtailadmin_pages:move": OWN_EVENT,
    # The confirmation names the page: refused as the move itself is (`guard_move`).
    "wagtailadmin_pages:move_confirm": OWN_EVENT,
    "wagtailadmin_pages:copy": OWN_EVENT,
    "wagtailadmin_pages:revisions_view": OWN_EVENT,
    "wagtailadmin_pages:revisions_revert": OWN_EVENT,
    "wagtailadmin_pages:revisions_compare": OWN_EVENT,
    "wagtailadmin_pages:workflow_history": OWN_EVENT,
    "wagtailadmin_pages:history": OWN_EVENT,
    "wagtailadmin_pages:history_results": OWN_EVENT,
    # A bare redirect to the history view, which decides (see "history").
    "wagtailadmin_pages:revisions_index": EVERYONE[REDIRECT],
    # Publishing rights. Refused: org_a too (changes go to the connectors' approval).
    "wagtailadmin_pages:unpublish": row(OK, OK, REFUSED, REFUSED, REFUSED, REFUSED),
    "wagtailadmin_pages:set_privacy": row(OK, OK, REFUSED, REFUSED, REFUSED, REFUSED),
    "wagtailadmin_pages:set_page_position": row(OK, OK, REFUSED, REFUSED, REFUSED, REFUSED),
    # Locking (POST; back to the page on success). Refused: org_a too, organisations do
    # not lock.
    "wagtailadmin_pages:lock": row(REDIRECT, REDIRECT, REFUSED, REFUSED, REFUSED, REFUSED),
    "wagtailadmin_pages:unlock": row(REDIRECT, REDIRECT, REFUSED, REFUSED, REFUSED,
                                     REFUSED),
    # The question before publishing a page in moderation names its workflow and step:
    # for who may edit the page (`_page_editors_only`). Refused: connector_b, org_a2 and
    # org_b, who answered 200 with the workflow's name before.
    "wagtailadmin_pages:confirm_workflow_cancellation": OWN_EVENT,
    # Reviewing org_a's event: the municipality and A's connectors (the task's group).
    # Refused: connector_b, org_a2 and org_b (not editors of the page); org_a, who
    # submitted it, is no reviewer (Wagtail's GroupApprovalTask.get_actions).
    "wagtailadmin_pages:workflow_action": row(OK, OK, REFUSED, REFUSED, REFUSED, REFUSED),
    "wagtailadmin_pages:collect_workflow_action_data": row(OK, OK, REFUSED, REFUSED,
                                                           REFUSED, REFUSED),
    "wagtailadmin_pages:workflow_preview": row(OK, OK, REFUSED, REFUSED, REFUSED, REFUSED),
    # A page not in moderation. The action names another page's task state: refused to
    # everyone (Wagtail would act on that other page's review). Refused: all six.
    "wagtailadmin_pages:workflow_action#not_in_review": EVERYONE[REFUSED],
    # The preview names the village's own task: Wagtail says the page is not in
    # moderation, naming the page and the task; only who may edit the page hears it.
    # Refused: connector_b, org_a2 and org_b, who were told the draft's title before.
    "wagtailadmin_pages:workflow_preview#not_in_review": row(NOTICE, NOTICE, REFUSED,
                                                             NOTICE, REFUSED, REFUSED),
    "wagtailadmin_pages:workflow_history_detail": OWN_EVENT,
    # Not an alias, not a form page: nothing to answer for anyone.
    "wagtailadmin_pages:convert_alias": EVERYONE[NOT_FOUND],
    "wagtailforms:list_submissions": EVERYONE[NOT_FOUND],
    # The page chooser opens for everyone; what it lists is narrowed per organisation
    # (test_foreign_objects.py, `chooser_pages_for`).
    "wagtailadmin_choose_page_child": EVERYONE[OK],
    # The portal's status of one page. Refused with a bare 403: connector_b, org_a2, org_b.
    "portal_status_page": row(OK, OK, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN),
    # Inviting accounts for Buurthuis: the municipality and A's connectors. Refused:
    # connector_b (another village) and every organisation.
    "accounts_invite": row(OK, OK, REFUSED, REFUSED, REFUSED, REFUSED),
    # Reordering A's categories (POST): finding 5. Refused: connector_b, organisations.
    "wagtailsnippets_villages_category:reorder": VILLAGE_SNIPPET,
    # Deleting a category or an author profile in use (by organisations, by A's story)
    # leads back to its edit form, which says why (cms/villages and cms/stories hooks).
    # Refused: connector_b (another village's, before anything is said about its use),
    # every organisation.
    "wagtailsnippets_villages_category:delete": row(REDIRECT, REDIRECT, REFUSED, REFUSED,
                                                    REFUSED, REFUSED),
    "wagtailsnippets_stories_authorprofile:delete": row(REDIRECT, REDIRECT, REFUSED,
                                                        REFUSED, REFUSED, REFUSED),
    # The snippet choosers answer for the own villages' snippets only (`VillageChooser-
    # ViewSet`). Not found: connector_b (another village), every organisation (no
    # village of their own to manage snippets of).
    "wagtailsnippetchoosers_villages_category:chosen": row(OK, OK, NOT_FOUND, NOT_FOUND,
                                                           NOT_FOUND, NOT_FOUND),
    "wagtailsnippetchoosers_stories_authorprofile:chosen": row(OK, OK, NOT_FOUND, NOT_FOUND,
                                                               NOT_FOUND, NOT_FOUND),
    # org_a's photo in A's collection. Refused: connector_b, org_b (another village's
    # collection) and org_a2 ("add" lets an organisation edit only its own uploads).
    "wagtailimages:edit": OWN_EVENT,
    "wagtailimages:delete": OWN_EVENT,
    "wagtailimages:image_usage": OWN_EVENT,
    "wagtailimages:preview": OWN_EVENT,
    # Choosing a photo: every organisation of the village may pick any of its photos.
    # Refused: connector_b and org_b (another village's collection).
    "wagtailimages_chooser:chosen": row(OK, OK, REFUSED, OK, OK, REFUSED),
    "wagtailimages_chooser:select_format": row(OK, OK, REFUSED, OK, OK, REFUSED),
    # POST only (the multiple-upload form).
    "wagtailimages:edit_multiple": EVERYONE[GONE],
    "wagtailimages:delete_multiple": EVERYONE[GONE],
    # No public image-serving view is configured, so there is no URL to generate.
    "wagtailimages:url_generator": EVERYONE[NOT_FOUND],
    "wagtailimages:url_generator_output": EVERYONE[NOT_FOUND],
    # Collections: municipality only. Delete answers 404 to the others (Wagtail looks the
    # collection up among those the user may delete).
    "wagtailadmin_collections:edit": MUNICIPALITY_ONLY,
    "wagtailadmin_collections:set_privacy": MUNICIPALITY_ONLY,
    "wagtailadmin_collections:delete": row(OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                           NOT_FOUND),
    # Enabling a workflow or task, removing a workflow from a page: POST only.
    "wagtailadmin_workflows:enable": EVERYONE[GONE],
    "wagtailadmin_workflows:enable_task": EVERYONE[GONE],
    "wagtailadmin_workflows:remove": EVERYONE[GONE],
}
for _kind in ("villages_category", "stories_authorprofile"):
    # Finding 5: history and usage of another village's snippet are refused too.
    for _view in ("edit", "usage", "history", "history_results", "copy"):
        EXPECTED[f"wagtailsnippets_{_kind}:{_view}"] = VILLAGE_SNIPPET
for _route in ROUTES:
    if _route.startswith(("wagtailusers_", "wagtailsites:")) or _route in (
            "wagtailadmin_workflows:edit", "wagtailadmin_workflows:usage",
            "wagtailadmin_workflows:usage_results", "wagtailadmin_workflows:disable",
            "wagtailadmin_workflows:edit_task", "wagtailadmin_workflows:disable_task"):
        EXPECTED[_route] = MUNICIPALITY_ONLY
    elif _route.startswith("wagtailadmin_reports:"):
        EXPECTED[_route] = REPORT
for _view in ("page_types_usage", "page_types_usage_results"):
    # Counts every village's pages and names the last edited page of each type, drafts
    # too: the municipality's (`MUNICIPALITY_REPORTS`). Refused: everyone else; connectors
    # read other villages' page titles there before.
    EXPECTED[f"wagtailadmin_reports:{_view}"] = MUNICIPALITY_ONLY
for _view in ("task_chooser", "task_chooser_results", "task_chooser_create", "task_chosen"):
    # The task chooser and its "chosen" step name every village's approval task: for who
    # may add or change workflows (`_workflow_managers_only`). Refused: everyone else,
    # who got the list and each task's name (200) before.
    EXPECTED[f"wagtailadmin_workflows:{_view}"] = MUNICIPALITY_ONLY

# Named admin routes with an argument that are not in ROUTES, and why.
NOT_OBJECT_ROUTES = {
    # Arguments name a page type or model, not an object of a village.
    "wagtailadmin_pages:add": "a page type and a parent; add_subpage is in the matrix",
    "wagtailadmin_pages:type_use": "a page type", "wagtailadmin_pages:type_use_results":
    "a page type", "wagtailadmin_pages:choose_parent": "a page type",
    "wagtailadmin_tag_model_autocomplete": "a model", "wagtailadmin_workflows:add_task":
    "a task type", "wagtailsettings:edit": "a settings model (site settings: municipality)",
    "wagtailsettings:preview_on_edit": "a settings model",
    "wagtail_bulk_action": "a model and an action; the objects come in the query, checked "
    "by `guard_bulk_action` and Wagtail's per-object tests",
    # Need a scheduled revision, a form page, a document,
    # a redirect or an upload in flight: none exists in a village (no documents, forms or
    # redirects are used by the portal; the municipality alone has those menus).
    "wagtailadmin_pages:revisions_unschedule": "a scheduled revision",
    "wagtailforms:list_submissions_results": "a form page (the portal has none)",
    "wagtailforms:delete_submissions": "a form page (the portal has none)",
    "wagtailredirects:edit": "a redirect (municipality only)",
    "wagtailredirects:delete": "a redirect (municipality only)",
    "wagtaildocs:edit": "a document (the portal uses none)",
    "wagtaildocs:delete": "a document", "wagtaildocs:edit_multiple": "a document",
    "wagtaildocs:delete_multiple": "a document", "wagtaildocs:document_usage": "a document",
    "wagtaildocs:create_multiple_from_uploaded_document": "an upload in flight",
    "wagtaildocs:delete_upload_multiple": "an upload in flight",
    "wagtaildocs_chooser:chosen": "a document",
    "wagtailadmin_api:documents:detail": "a document",
    "wagtailimages:create_multiple_from_uploaded_image": "an upload in flight",
    "wagtailimages:delete_upload_multiple": "an upload in flight",
    "wagtailadmin_editing_sessions:ping": "an editing session of the user itself",
    "wagtailadmin_editing_sessions:release": "an editing session of the user itself",
    "wagtailadmin_password_reset_confirm": "a reset token, not an admin object",
}


def admin_routes():
    """(name, argument names) of every named route under /admin/, from the resolver."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif pattern.name:
                yield (prefix + str(pattern.pattern), namespace + pattern.name,
                       set(pattern.pattern.regex.groupindex))

    for route, name, arguments in walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            yield name, arguments


def test_every_admin_route_is_in_the_matrix():
    placed = {route.split("#")[0] for route in ROUTES}
    unplaced = sorted({name for name, arguments in admin_routes()
                       if arguments and name not in placed and name not in NOT_OBJECT_ROUTES})
    assert not unplaced, f"admin routes missing from the matrix: {unplaced}"
    assert set(EXPECTED) == set(ROUTES)


@pytest.mark.parametrize("role", ROLES)
def test_admin_url_matrix(client, world, role):
    client.force_login(world.users[role])
    mismatches = []
    for route in sorted(ROUTES):
        build, method = ROUTES[route]
        url = reverse(route.split("#")[0], args=build(world.objects))
        actual = outcome(getattr(client, method)(url))
        if actual != EXPECTED[route][role]:
            mismatches.append(f"{role} {method.upper()} {url} ({route}): "
                              f"{actual}, expected {EXPECTED[route][role]}")
    assert not mismatches, "\n".join(mismatches)


# The site history of each role that may open it (organisations may not: REPORT): which
# entries it lists, by label, to whom. The municipality reads everything; a connector its
# own village's pages and snippets. Not shown: to connector_b A's category and author
# (connector_b read them before: Wagtail shows every snippet entry of a model one has a
# permission on), to connector_a B's category.
HISTORY_ENTRIES = {
    "Eigen concept": {"admin", "connector_a"},  # a page of A, limited by Wagtail already
    "Categorie van Lindeveld": {"admin", "connector_a"},
    "Auteur van Lindeveld": {"admin", "connector_a"},
    "Categorie van Hoogmeer": {"admin", "connector_b"},
}
# Whose names it shows, in the entries and in the "User" filter. Not shown: A's people to
# connector_b, B's connector to connector_a (Wagtail's filter listed everyone who ever
# edited any page, and the snippet entries named their editors).
HISTORY_USERS = {
    "buurthuis": {"admin", "connector_a"},
    "verbinder-a": {"admin", "connector_a"},
    "verbinder-b": {"admin", "connector_b"},
}


@pytest.mark.parametrize("role", ["admin", "connector_a", "connector_b"])
def test_site_history_shows_each_role_its_own_village(client, world, role):
    client.force_login(world.users[role])
    mismatches = []
    for route in ("wagtailadmin_reports:site_history",
                  "wagtailadmin_reports:site_history_results"):
        context = client.get(reverse(route)).context
        entries = context["object_list"]
        labels = {entry.label for entry in entries}
        user_filter = context["filters"].form.fields.get("user")
        names = {entry.user.get_username() for entry in entries if entry.user} | {
            user.get_username() for user in (user_filter.queryset if user_filter else [])}
        mismatches += [f"{route}: {label}" for label, readers in HISTORY_ENTRIES.items()
                       if (label in labels) != (role in readers)]
        mismatches += [f"{route}: user {name}" for name, readers in HISTORY_USERS.items()
                       if (name in names) != (role in readers)]
    # The spreadsheet export lists the same entries.
    export = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    export = export.getvalue().decode() if export.streaming else export.content.decode()
    mismatches += [f"export: {label}" for label, readers in HISTORY_ENTRIES.items()
                   if (label in export) != (role in readers)]
    assert not mismatches, f"{role} wrongly reads or misses: {mismatches}"


# What the workflow and locked pages reports' filters offer each role that may open them,
# by name: the workflows, tasks and people (who asked for an approval, who locked a page)
# of the rows listed, which are the pages the role may edit. Not offered: A's workflow,
# task, org_a and connector_a to connector_b, B's workflow and task to connector_a
# (Wagtail offered every village's, everyone who ever asked for an approval and everyone
# who locked a page). No page of B is in a workflow, so connector_b is offered none of
# B's either.
REPORT_FILTER_CHOICES = {
    "Goedkeuring Lindeveld": {"admin", "connector_a"},
    "Goedkeuring door de buurtverbinders van Lindeveld": {"admin", "connector_a"},
    "buurthuis": {"admin", "connector_a"},  # asked for approval of "Ter beoordeling"
    "verbinder-a": {"admin", "connector_a"},  # locked A's event
    "Goedkeuring Hoogmeer": {"admin"},
    "Goedkeuring door de buurtverbinders van Hoogmeer": {"admin"},
}


@pytest.mark.parametrize("role", ["admin", "connector_a", "connector_b"])
def test_report_filters_offer_each_role_its_own_village(client, world, role):
    client.force_login(world.users[role])
    offered = set()
    for route in ("workflow", "workflow_results", "workflow_tasks", "workflow_tasks_results",
                  "locked_pages", "locked_pages_results"):
        form = client.get(reverse(f"wagtailadmin_reports:{route}")).context["filters"].form
        for field in form.fields.values():
            for choice in getattr(field, "queryset", None) or []:
                offered.add(choice.get_username() if hasattr(choice, "get_username")
                            else str(choice))
    mismatches = [name for name, readers in REPORT_FILTER_CHOICES.items()
                  if (name in offered) != (role in readers)]
    assert not mismatches, f"{role} wrongly offered or not offered: {mismatches}"
