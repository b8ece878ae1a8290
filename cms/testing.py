"""Small page trees for the CMS tests: villages with their index pages, categories,
organisations, an event and a story, all published, plus the village's roles.

Used by the tests of every CMS app (`from cms.testing import build_village`); the
`two_villages` fixture in `cms/conftest.py` builds Lindeveld and Hoogmeer with it, once
per test process, and hands each test its own copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import querydict_from_html

from cms.accounts.models import VillageRoles
from cms.accounts.roles import setup_village
from cms.agenda.models import AgendaIndexPage, EventPage
from cms.socialmap.models import OrganisationPage, SocialMapIndexPage
from cms.stories.models import AuthorProfile, StoryIndexPage, StoryPage
from cms.villages.models import Category, VillageHomePage
from sitegen.kinds import EVENTS, ORGANISATIONS, STORIES


@dataclass
class VillageTree:
    """The pages and snippets of one test village, by role."""

    home: VillageHomePage
    socialmap: SocialMapIndexPage
    agenda: AgendaIndexPage
    stories: StoryIndexPage
    categories: dict[str, Category] = field(default_factory=dict)
    organisations: dict[str, OrganisationPage] = field(default_factory=dict)
    event: EventPage | None = None
    story: StoryPage | None = None
    author: AuthorProfile | None = None
    roles: VillageRoles | None = None

    @property
    def organisation(self) -> OrganisationPage:
        """The first organisation of the village."""
        return next(iter(self.organisations.values()))


def add_page(parent, page, publish: bool = True, user=None):
    """Add `page` under `parent`, save a revision and (by default) publish it."""
    if not publish:
        page.live = False  # a draft that was never published, as the admin makes it
    parent.add_child(instance=page)
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


def build_village(slug: str = "lindeveld", title: str = "Lindeveld",
                  municipality: str = "Papendrecht",
                  organisations: tuple[str, ...] = ("buurthuis", "voedselbank"),
                  with_roles: bool = True) -> VillageTree:
    """One published village with index pages, two categories, organisations, an event and
    a story; with its connectors' group and workflow unless `with_roles` is False."""
    root = Page.get_first_root_node()
    home = VillageHomePage(title=title, slug=slug, municipality=municipality,
                           base_url=f"https://{slug}.example.org")
    add_page(root, home)
    Site.objects.create(hostname=f"{slug}.localhost", port=80, root_page=home,
                        site_name=title)
    tree = VillageTree(
        home=home,
        socialmap=add_page(home, SocialMapIndexPage(title="Sociale kaart",
                                                    slug=ORGANISATIONS.section)),
        agenda=add_page(home, AgendaIndexPage(title="Agenda", slug=EVENTS.section)),
        stories=add_page(home, StoryIndexPage(title="Verhalen", slug=STORIES.section)),
    )
    for order, (cat_slug, name) in enumerate([("zorg", "Zorg en welzijn"),
                                              ("sport", "Sport en bewegen")]):
        tree.categories[cat_slug] = Category.objects.create(
            village=home, slug=cat_slug, name=name, sort_order=order)
    for org_slug in organisations:
        org = OrganisationPage(title=f"{org_slug.capitalize()} {title}", slug=org_slug,
                               summary=f"{org_slug.capitalize()} in {title}.",
                               postcode="1234 AB", city=title)
        org.categories = [tree.categories["zorg"]]
        tree.organisations[org_slug] = add_page(tree.socialmap, org)
    tree.event = add_page(tree.agenda, EventPage(
        title=f"Koffieochtend {title}", slug="koffieochtend", start_date=date(2026, 12, 1),
        organiser=tree.organisation, summary="Samen koffie drinken."))
    tree.author = AuthorProfile.objects.create(name=f"Verbinder {title}", village=home)
    tree.story = add_page(tree.stories, StoryPage(
        title=f"Verhaal uit {title}", slug="verhaal", date=date(2026, 11, 1),
        author=tree.author, summary="Een verhaal."))
    if with_roles:
        tree.roles = setup_village(home)
    return tree


def build_two_villages() -> tuple[VillageTree, VillageTree]:
    """Lindeveld (organisations buurthuis, voedselbank) and Hoogmeer (sportclub, bibliotheek)."""
    return (build_village("lindeveld", "Lindeveld", "Papendrecht",
                          ("buurthuis", "voedselbank")),
            build_village("hoogmeer", "Hoogmeer", "Zundert", ("sportclub", "bibliotheek")))


def page_form_data(client, page=None, parent=None, model=None, **changes):
    """The data the admin's page form would post, as the logged-in `client` sees it.

    Pass `page` for its edit form, or `parent` and `model` for a create form; `changes`
    replace field values (a list sets a multiple choice). Add an action key such as
    `{"action-submit": "1"}` or `{"action-publish": "action-publish"}` before posting.
    """
    if page is not None:
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    else:
        url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label,
                                                      model._meta.model_name, parent.pk])
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for name, value in changes.items():
        if isinstance(value, list | tuple):
            data.setlist(name, [str(v) for v in value])
        else:
            data[name] = str(value)
    return url, data


def log_in_to_admin(page, cms_url: str, username: str, password: str) -> None:
    """Log in on the admin's login page in a Playwright `page`, as a person does."""
    page.goto(f"{cms_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{cms_url}/admin/")
