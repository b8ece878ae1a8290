"""The admin speaks Dutch, and says "u", on every screen a connector, an organisation
account and a municipality admin use.

Each role opens its screens with real pages (cms.testing.build_village); the text a person
can see (tags, scripts, styles and attribute values stripped; the labels of the side
menu, which Wagtail renders from JSON, kept) may hold none of Wagtail's English words or
jargon, and no "je". Wagtail's own Dutch fails this test: our catalogue in cms/locale
makes it pass.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from cms.accounts.roles import (
    create_connector,
    create_municipality_admin,
    create_organisation_account,
)
from cms.core.models import PortalImage
from cms.testing import add_page, page_form_data
from cms.villages.models import PlainPage

PASSWORD = "een-lang-wachtwoord-42"

# English and jargon a volunteer should not meet (whole words, case as written).
ENGLISH = ["Password", "Root", "Site name", "Snippets", "Snippet", "snippets", "slug",
           "Slug", "Moderators", "Log in", "Sign in", "Search", "Save draft", "Publish",
           "Dashboard", "Pages", "Images", "Settings", "Help", "Editor Guide", "Bold",
           "Italic", "Checks", "Bulk", "Workflows", "now", "ago", "Default", "Admin",
           "Portal images", "portal image", "portal images"]
ENGLISH_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, ENGLISH)) + r")\b")
# The portal says "u"; so does the admin.
INFORMAL_RE = re.compile(r"\b(?:je|jij|jou|jouw|jullie|jezelf|alsjeblieft)\b", re.IGNORECASE)
# Words glued together by a translation without spaces ("1-1van 1pagina").
GLUED_RE = re.compile(r"\dvan\b|\bvan \d+[a-z]")


class VisibleText(HTMLParser):
    """The text of a page as a person sees it: element text and side-menu labels."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._sidebar = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
            self._sidebar = dict(attrs).get("id") == "wagtail-sidebar-props"

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1
            self._sidebar = False

    def handle_data(self, data):
        if self._sidebar:
            self.parts.extend(_labels(json.loads(data)))
        elif not self._hidden and data.strip():
            self.parts.append(" ".join(data.split()))


def _labels(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["label"]] if isinstance(node.get("label"), str) else []
        return found + [label for value in node.values() for label in _labels(value)]
    if isinstance(node, list):
        return [label for value in node for label in _labels(value)]
    return []


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


def problems_in(html: str) -> list[str]:
    found = []
    for text in visible_text(html):
        for pattern, kind in ((ENGLISH_RE, "English"), (INFORMAL_RE, "je"),
                              (GLUED_RE, "glued")):
            match = pattern.search(text)
            if match:
                found.append(f"{kind} {match.group(0)!r} in {text!r}")
    return found


@pytest.fixture
def portal(two_villages, client):
    """Lindeveld with a plain page, a photo, the three roles, and an organisation's change
    waiting for the connectors, as the demo has it (without Wagtail's welcome page)."""
    village, _other = two_villages
    plain = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=plain, slug="home"):
        Site.objects.filter(root_page=page).delete()
        page.delete()
    organisation = village.organisations["buurthuis"]
    people = {
        "admin": create_municipality_admin("gemeente", "g@example.org", PASSWORD),
        "connector": create_connector(village.home, "verbinder", "v@example.org", PASSWORD),
        "organisation": create_organisation_account(organisation, "buurthuis",
                                                    "b@example.org", PASSWORD),
    }
    extra = {
        "plain": add_page(village.home, PlainPage(title="Over ons", slug="over", body="Hoi")),
        "image": PortalImage.objects.create(title="Koffie", file=get_test_image_file(),
                                            collection=village.roles.collection),
    }
    client.force_login(people["organisation"])
    url, data = page_form_data(client, page=organisation, summary="Nieuw in één zin.")
    data["action-submit"] = "1"
    assert client.post(url, data).status_code == 302
    client.logout()
    return village, people, extra


def screens(village, extra) -> dict[str, list[tuple[str, str]]]:
    """Per role, the screens it uses: (name, url)."""
    edit = "wagtailadmin_pages:edit"
    add = "wagtailadmin_pages:add"
    organisation = village.organisations["buurthuis"]
    everyone = [
        ("dashboard", reverse("wagtailadmin_home")),
        ("explorer of the village", reverse("wagtailadmin_explore", args=[village.home.pk])),
        ("explorer of the social map",
         reverse("wagtailadmin_explore", args=[village.socialmap.pk])),
        ("explorer of the agenda", reverse("wagtailadmin_explore", args=[village.agenda.pk])),
        ("organisation", reverse(edit, args=[organisation.pk])),
        ("new event", reverse(add, args=["agenda", "eventpage", village.agenda.pk])),
        ("history", reverse("wagtailadmin_pages:history", args=[organisation.pk])),
        ("account", reverse("wagtailadmin_account")),
        ("search", reverse("wagtailadmin_pages:search") + "?q=koffie"),
        ("images", reverse("wagtailimages:index")),
        ("upload images", reverse("wagtailimages:add_multiple")),
    ]
    connector = everyone + [
        ("village home", reverse(edit, args=[village.home.pk])),
        ("social map", reverse(edit, args=[village.socialmap.pk])),
        ("agenda", reverse(edit, args=[village.agenda.pk])),
        ("stories", reverse(edit, args=[village.stories.pk])),
        ("story", reverse(edit, args=[village.story.pk])),
        ("event", reverse(edit, args=[village.event.pk])),
        ("plain page", reverse(edit, args=[extra["plain"].pk])),
        ("new organisation",
         reverse(add, args=["socialmap", "organisationpage", village.socialmap.pk])),
        ("new story", reverse(add, args=["stories", "storypage", village.stories.pk])),
        ("new plain page", reverse(add, args=["villages", "plainpage", village.home.pk])),
        ("image", reverse("wagtailimages:edit", args=[extra["image"].pk])),
        ("lists", reverse("wagtailsnippets:index")),
        ("categories", reverse("wagtailsnippets_villages_category:list")),
        ("category", reverse("wagtailsnippets_villages_category:edit",
                             args=[village.categories["zorg"].pk])),
        ("authors", reverse("wagtailsnippets_stories_authorprofile:list")),
        ("author", reverse("wagtailsnippets_stories_authorprofile:edit",
                           args=[village.author.pk])),
        ("workflow report", reverse("wagtailadmin_reports:workflow")),
        ("workflow tasks report", reverse("wagtailadmin_reports:workflow_tasks")),
        ("locked pages", reverse("wagtailadmin_reports:locked_pages")),
        ("site history", reverse("wagtailadmin_reports:site_history")),
        ("aging pages", reverse("wagtailadmin_reports:aging_pages")),
        ("unpublish", reverse("wagtailadmin_pages:unpublish", args=[organisation.pk])),
        ("delete", reverse("wagtailadmin_pages:delete", args=[village.event.pk])),
        ("workflow history",
         reverse("wagtailadmin_pages:workflow_history", args=[organisation.pk])),
    ]
    admin = connector + [
        ("explorer of the root", reverse("wagtailadmin_explore_root")),
        ("users", reverse("wagtailusers_users:index")),
        ("user", reverse("wagtailusers_users:edit", args=[village.roles.connectors.pk])),
        ("groups", reverse("wagtailusers_groups:index")),
        ("sites", reverse("wagtailsites:index")),
        ("site", reverse("wagtailsites:edit", args=[Site.objects.first().pk])),
        ("workflow", reverse("wagtailadmin_workflows:edit", args=[village.roles.workflow.pk])),
        ("task", reverse("wagtailadmin_workflows:edit_task", args=[village.roles.task.pk])),
        ("collections", reverse("wagtailadmin_collections:index")),
    ]
    return {"organisation": everyone, "connector": connector, "admin": admin}


def test_the_log_in_screens_speak_dutch(client, db):
    for url in (reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset")):
        response = client.get(url)
        assert response.status_code == 200
        assert problems_in(response.content.decode()) == [], url


@pytest.mark.parametrize("role", ["organisation", "connector", "admin"])
def test_every_screen_of_a_role_speaks_dutch_and_says_u(client, portal, role):
    village, people, extra = portal
    client.force_login(people[role])
    problems = {}
    for name, url in screens(village, extra)[role]:
        response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
        found = problems_in(response.content.decode())
        if found:
            problems[name] = sorted(set(found))
    assert problems == {}


def test_the_sites_and_workflow_lists_speak_dutch(client, portal):
    """Wagtail's own lists the municipality meets: its default workflow "Moderators
    approval" is removed after migrate, and the Sites columns get Dutch headings."""
    village, people, _extra = portal
    client.force_login(people["admin"])
    problems = {}
    for url in (reverse("wagtailadmin_reports:workflow"), reverse("wagtailsites:index")):
        found = problems_in(client.get(url).content.decode())
        if found:
            problems[url] = found
    assert problems == {}


def test_the_checks_find_english_informal_and_glued_words():
    html = ('<p>Password</p><p title="Root">Wachtwoord</p><p>Weet je het zeker?</p>'
            '<p>1-1van 1pagina</p><script>var Root;</script>'
            '<script id="wagtail-sidebar-props" type="application/json">'
            '{"modules": [{"label": "Snippets"}]}</script>')
    assert [problem.split()[0] for problem in problems_in(html)] == [
        "English", "je", "glued", "English"]
