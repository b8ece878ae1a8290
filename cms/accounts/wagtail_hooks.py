"""Admin hooks for people and permissions.

- Organisation accounts see only what they may touch: a short menu, a dashboard panel
  "Uw organisatie", and in the page explorer, the admin API and the page chooser only their
  own events (the chooser: only their own village, and only what is online there or
  theirs). The explorer's "owner" and "edited by" filters name no one but themselves, and
  the reports (site history, workflows, locked and aging pages) are not theirs to read.
- A connector's site history shows their own village's pages and snippets, and only the
  people of those entries; the workflow and locked pages reports' filters only the own
  village's workflows, tasks and people (`cms.accounts.reports`). Page types usage, which
  counts and names every village's pages, is the municipality's alone.
- Workflows: a page's review actions, their preview, the cancellation question and the
  workflow history answer only who may edit the page; the task chooser (every village's
  approval task) only who may add or change workflows, the municipality.
- The admin API lists images only from collections the user may choose from.
- Moving a page: even Wagtail's confirmation page is refused to who may not move it there.
- Connectors manage categories and author profiles of their own village only (these hooks
  guard create, edit and delete; `scoping.VillageScopedSnippetViewSet` every other view of
  one snippet, such as reorder, history and usage).
- Structural pages (village homes and their index pages) are deleted or moved by the
  municipality only; an organisation never deletes, moves or copies its own entry.
- A village home page is never copied: a copy would be a village without Site, sections
  and roles ("Nieuw dorp" makes complete ones).
- Connectors get a button "Organisatie uitnodigen" on organisation pages.
"""

from __future__ import annotations

from functools import wraps

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
from cms.accounts.roles import is_organisation_account, organisations_for_user
from cms.accounts.scoping import VILLAGE_SNIPPETS, user_may_use_village
from cms.accounts.views import InviteOrganisationView, may_invite, own_organisation

# The only main-menu items an organisation account sees.
ORGANISATION_MENU = {"explorer", "uw-organisatie"}


def _is_structural(page) -> bool:
    """A village's home or one of its sections: the frame its pages hang in."""
    from cms.core.models import section_models
    from cms.villages.models import VillageHomePage

    return isinstance(page.specific, (VillageHomePage, *section_models()))


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


def chooser_pages_for(user, pages):
    """The page chooser of an organisation: its own village, and there only what is online
    or what it may open itself (its own drafts). The root stays, to browse from."""
    if not is_organisation_account(user):
        return pages
    from wagtail.permissions import page_permission_policy

    in_own_village = Q(depth=1)
    for organisation in organisations_for_user(user):
        village = organisation.get_village()
        if village is not None:
            in_own_village |= Q(path__startswith=village.path)
    own = explorer_pages_for(user, page_permission_policy.explorable_instances(user))
    return pages.filter(in_own_village).filter(
        Q(live=True) | Q(pk__in=own.values("pk")) | Q(depth=1))


@hooks.register("construct_page_chooser_queryset")
def organisation_page_chooser(pages, request):
    return chooser_pages_for(request.user, pages)


# After Wagtail's own apps have added their endpoints (wagtail.images adds "images").
@hooks.register("construct_admin_api", order=100)
def scoped_admin_api(router):
    """The admin API (the explorer menu reads it) answers as the explorer does: another
    organisation's event, draft or not, is not found (404); and images only from the
    collections the user may choose from, not every village's photos."""
    from wagtail.admin.api.views import PagesAdminAPIViewSet
    from wagtail.images import get_image_model
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
    from wagtail.permissions import policy_registry

    class OrganisationScopedPagesAPIViewSet(PagesAdminAPIViewSet):
        def get_base_queryset(self):
            return explorer_pages_for(self.request.user, super().get_base_queryset())

    class CollectionScopedImagesAPIViewSet(ImagesAdminAPIViewSet):
        def get_queryset(self):
            image_policy = policy_registry.get_by_type(get_image_model())
            visible = image_policy.instances_user_has_any_permission_for(
                self.request.user, ["choose", "change"])
            return super().get_queryset().filter(pk__in=visible.values("pk"))

    router.register_endpoint("pages", OrganisationScopedPagesAPIViewSet)
    router.register_endpoint("images", CollectionScopedImagesAPIViewSet)


def _only_themselves_for_organisations(users_for_request):
    def users(request):
        queryset = users_for_request(request)
        if request is not None and is_organisation_account(request.user):
            return queryset.filter(pk=request.user.pk)
        return queryset

    return users


def _narrow_explorer_user_filters() -> None:
    """The explorer's "owner" and "edited by" filters list every user who ever owned or
    edited any page; an organisation sees only its own name there. Wagtail has no hook for
    these filters, so their user lists (a function of the request) are wrapped once."""
    from wagtail.admin.views.pages.listing import PageFilterSet

    for name in ("owner", "edited_by"):
        page_filter = PageFilterSet.declared_filters[name]
        if not getattr(page_filter, "_portal_narrowed", False):
            page_filter.queryset = _only_themselves_for_organisations(page_filter.queryset)
            page_filter._portal_narrowed = True


_narrow_explorer_user_filters()


def _guard_urlpatterns(patterns, guard, names=None) -> None:
    """Wrap the views of `patterns` (only those named in `names`, if given) in `guard`,
    once each. Done while the admin URLs are assembled (`register_admin_urls`), so Wagtail's
    admin check around them turns a PermissionDenied into its usual redirect."""
    from wagtail.utils.urlpatterns import decorate_urlpatterns

    for pattern in patterns:
        guards = getattr(pattern, "_portal_guards", frozenset())
        if (names is None or pattern.name in names) and guard.__name__ not in guards:
            decorate_urlpatterns([pattern], guard)
            pattern._portal_guards = guards | {guard.__name__}


def _refuse_organisations(view):
    @wraps(view)
    def refused_for_organisations(request, *args, **kwargs):
        if is_organisation_account(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return refused_for_organisations


def _municipality_only(view):
    @wraps(view)
    def municipality_only(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return municipality_only


# Reports about every village at once: page types usage counts all villages' pages and
# names the last edited page of each type, drafts too.
MUNICIPALITY_REPORTS = {"page_types_usage", "page_types_usage_results"}


@hooks.register("construct_reports_menu")
def municipality_reports_menu(request, menu_items):
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("register_admin_urls")
def no_reports_for_organisations():
    """Wagtail's reports list other people's pages, edits and user names (the site history
    shows every event under the agenda, drafts too). An organisation has no reports menu;
    the reports themselves refuse it as well. A connector's site history, workflow and
    locked pages reports show their own village only (`cms.accounts.reports`); page types
    usage is the municipality's."""
    from wagtail.admin.urls import reports

    from cms.accounts.reports import VILLAGE_REPORT_VIEWS

    for pattern in reports.urlpatterns:
        view_class = VILLAGE_REPORT_VIEWS.get(pattern.name)
        if view_class and not getattr(pattern, "_portal_village_report", False):
            # The same arguments as Wagtail's own view of this route (results_only).
            pattern.callback = view_class.as_view(**pattern.callback.view_initkwargs)
            pattern._portal_village_report = True
    _guard_urlpatterns(reports.urlpatterns, _refuse_organisations)
    _guard_urlpatterns(reports.urlpatterns, _municipality_only, names=MUNICIPALITY_REPORTS)
    return []


# Workflows: a page's workflow for who may edit the page, tasks for the municipality

def _page_editors_only(view):
    """The per-page workflow views (review actions, their preview, the cancellation
    question, the workflow history) for who may edit the page. Wagtail's action and preview
    views look up the task first and, for anyone else, name the page and the village's
    task in their message; the cancellation question answers anyone with the workflow's
    and task's names. The task (or task state) in the address must be one of the page's
    own: Wagtail's message for any other names that task (and so its village)."""
    from wagtail.models import Page, TaskState

    @wraps(view)
    def page_editors_only(request, *args, page_id, **kwargs):
        page = Page.objects.filter(pk=page_id).first()
        if page is not None and not page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        if page is not None and "task_id" in kwargs:
            workflow = page.get_workflow()
            if not ((workflow is not None and workflow.tasks.filter(pk=kwargs["task_id"])
                     .exists())
                    or TaskState.objects.filter(task_id=kwargs["task_id"],
                                                workflow_state__object_id=str(page.pk))
                    .exists()):
                raise PermissionDenied
        if page is not None and "task_state_id" in kwargs and not TaskState.objects.filter(
                pk=kwargs["task_state_id"], workflow_state__object_id=str(page.pk)).exists():
            raise PermissionDenied
        return view(request, *args, page_id=page_id, **kwargs)

    return page_editors_only


def _workflow_managers_only(view):
    """The task chooser lists every village's approval task; only who may add or change
    workflows (the municipality) has a use for it."""
    from wagtail.models import Workflow
    from wagtail.permissions import policy_registry

    @wraps(view)
    def workflow_managers_only(request, *args, **kwargs):
        if not policy_registry.get_by_type(Workflow).user_has_any_permission(
                request.user, ["add", "change"]):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return workflow_managers_only


PAGE_WORKFLOW_VIEWS = {"workflow_action", "collect_workflow_action_data",
                       "confirm_workflow_cancellation", "workflow_preview",
                       "workflow_history", "workflow_history_detail"}
TASK_CHOOSER_VIEWS = {"task_chooser", "task_chooser_results", "task_chooser_create",
                      "task_chosen"}


@hooks.register("register_admin_urls")
def guard_workflow_urls():
    from wagtail.admin.urls import pages, workflows

    _guard_urlpatterns(pages.urlpatterns, _page_editors_only, names=PAGE_WORKFLOW_VIEWS)
    _guard_urlpatterns(workflows.urlpatterns, _workflow_managers_only,
                       names=TASK_CHOOSER_VIEWS)
    return []


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
    # Wagtail's confirmation page (a GET) checks nothing itself and would show anyone the
    # title of any page, drafts too; only its POST asks whether the move is allowed.
    if destination is not None and not page.permissions_for_user(
            request.user).can_move_to(destination):
        raise PermissionDenied


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
