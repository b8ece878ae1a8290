"""`sitegen.kinds`: every kind's folder and URLs are the SPEC's, and the build puts each
item's page where its kind says."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter

import pytest

from sitegen.content import load_village
from sitegen.kinds import (
    CATEGORY,
    CATEGORY_SEGMENT,
    EVENTS,
    KINDS,
    ORGANISATIONS,
    PAGES,
    STORIES,
    VILLAGE,
    kind_for_folder,
    kind_named,
)
from sitegen.model import Category, Event, Organisation, Page, Story, Village
from sitegen.preview import page_output_path
from tests.conftest import FIXTURES, NOW, ROOT

SPEC = ROOT.parent / "shared" / "SPEC.md"
# The placeholder the SPEC's URL table uses for an item of each kind.
PLACEHOLDERS = {ORGANISATIONS: "<organisation>", EVENTS: "<event>", STORIES: "<story>",
                PAGES: "<page>", CATEGORY: "<category>"}


def spec_section(title: str) -> str:
    text = SPEC.read_text("utf-8")
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


@pytest.fixture(scope="module")
def spec_paths() -> set[str]:
    """Every path in the first column of the SPEC's table "A built portal"."""
    assert SPEC.is_file(), "the SPEC from ../shared is needed beside the repo"
    rows = [line.split("|")[1] for line in spec_section("A built portal").splitlines()
            if line.startswith("| `")]
    return {path for row in rows for path in re.findall(r"`([^`]+)`", row)}


@pytest.mark.parametrize("kind", list(PLACEHOLDERS), ids=lambda k: k.name)
def test_an_items_page_is_where_the_spec_puts_it(kind, spec_paths):
    save_as = kind.save_as_for(PLACEHOLDERS[kind])
    assert save_as in spec_paths
    assert kind.url_for(PLACEHOLDERS[kind]) == save_as.removesuffix("index.html")


def test_the_village_is_the_home_page(spec_paths):
    assert VILLAGE.save_as_for("lindeveld") in spec_paths
    assert VILLAGE.url_for("lindeveld") == "" and VILLAGE.save_as == "index.html"


@pytest.mark.parametrize("kind", [k for k in KINDS if k.section], ids=lambda k: k.name)
def test_each_section_has_its_listing_where_the_spec_puts_it(kind, spec_paths):
    assert kind.section_save_as in spec_paths
    assert kind.section_url == f"{kind.section}/"
    assert kind.url.startswith(kind.section_url)


def test_each_feed_is_where_the_spec_puts_it(spec_paths):
    feeds = [kind.feed for kind in KINDS if kind.feed]
    assert feeds == ["open-data/organisaties.json", "agenda.ics", "feeds/verhalen.atom.xml"]
    assert set(feeds) <= spec_paths


@pytest.mark.parametrize("kind", [k for k in KINDS if k.folder], ids=lambda k: k.name)
def test_each_kind_reads_the_spec_folder(kind):
    assert f"{kind.folder}/<slug>.md" in spec_section("Content format")
    assert kind_for_folder(kind.folder) is kind
    assert kind_named(kind.name) is kind


def test_only_content_folders_are_kinds():
    for folder in ("", "media", "site.yaml", "..", "Organisations"):
        assert kind_for_folder(folder) is None


def test_items_take_url_and_save_as_from_their_kind():
    village = Village("lindeveld", "Lindeveld", "Lindeveld", "https://lindeveld.example", [])
    items = [
        Organisation("het-anker", "Het Anker", ["zorg"], "Buurthuis."),
        Event("koffie", "Koffie", NOW),
        Story("ria", "Ria", NOW.date(), "Sanne"),
        Page("over", "Over"),
        Category("zorg", "Zorg"),
        village,
    ]
    for item, kind in zip(items, (ORGANISATIONS, EVENTS, STORIES, PAGES, CATEGORY, VILLAGE),
                          strict=True):
        assert item.kind is kind
        assert item.url == kind.url_for(item.slug)
        assert item.save_as == kind.save_as_for(item.slug)
    assert village.absolute_url(items[0].url) == "https://lindeveld.example/sociale-kaart/het-anker/"
    assert village.absolute_url(village.url) == "https://lindeveld.example/"


def test_every_built_item_is_at_its_kinds_save_as(golden_site):
    content = load_village(FIXTURES / "golden", "lindeveld")
    assert not content.problems
    published = [*content.organisations, *content.events, *content.pages,
                 *(s for s in content.stories if s.date <= NOW.date()),
                 *content.village.categories, content.village]
    assert {type(item).kind for item in published} == {*KINDS, CATEGORY}
    for item in published:
        assert (golden_site / item.save_as).is_file(), item.save_as
        # The preview finds a content file's page the same way.
        if item.kind.folder:
            source = f"lindeveld/{item.kind.folder}/{item.slug}.md"
            assert page_output_path("lindeveld", source) == item.save_as
    for kind in KINDS:
        if kind.section:
            assert (golden_site / kind.section_save_as).is_file()


def test_search_and_sitemap_point_at_the_items_urls(golden_site):
    content = load_village(FIXTURES / "golden", "lindeveld")
    docs = [doc for chunk in sorted((golden_site / "zoeken/index/docs").iterdir())
            for doc in json.loads(chunk.read_text("utf-8"))]
    by_url = {doc["u"]: doc for doc in docs}
    for org in content.organisations:
        assert by_url[org.url]["k"] == org.kind.name
    sitemap = (golden_site / "sitemap.xml").read_text("utf-8")
    for org in content.organisations:
        assert f"<loc>{content.village.absolute_url(org.url)}</loc>" in sitemap


def test_the_map_links_each_organisation_by_its_own_url():
    from sitegen.plugins.portal.generators import map_points

    content = load_village(FIXTURES / "golden", "lindeveld")
    placed = [org for org in content.organisations if org.geo is not None]
    points = map_points(content.village, content.organisations)
    assert [p["url"] for p in points] == [content.village.absolute_url(o.url) for o in placed]
    assert all("slug" not in p for p in points)  # map.js has nothing to build a URL from


# --- no second copy of a kind's place ------------------------------------------------------

# A folder or URL section spelled outside kinds.py is a second home of a kind's place. These
# spellings name something else that happens to share the word: (file, string) -> how often
# it is spelled there, and why.
_STORY_FIELD = "a story's `organisations` front-matter key or model field, not the folder"
_APP_LABEL = "the Django app label (cms/agenda, cms/stories), not a folder or section"
_TEMPLATE_KEY = "a name in a template or message context, not a folder"
_THEME_PAGES = "the theme's templates/pages/ folder (STYLE.md), not the content folder"
SPELLED_ELSEWHERE: dict[tuple[str, str], tuple[int, str]] = {
    ("cms/accounts/dashboard.py", "events"): (1, _TEMPLATE_KEY),
    ("cms/accounts/dashboard.py", "agenda"): (1, _APP_LABEL),
    ("cms/accounts/roles.py", "stories"): (3, _APP_LABEL),
    ("cms/accounts/wagtail_hooks.py", "pages"): (1, "Wagtail's API endpoint of pages"),
    ("cms/agenda/apps.py", "agenda"): (1, _APP_LABEL),
    ("cms/agenda/forms.py", "agenda/panels/next_dates.html"): (1, "the app's admin template"),
    ("cms/agenda/forms.py", "agenda/recurrence.js"): (1, "the app's admin script"),
    ("cms/agenda/models.py", "events"): (1, "related_name of an event's organiser"),
    ("cms/agenda/wagtail_hooks.py", "agenda/volgende-data/"): (1, "an admin URL of the CMS"),
    ("cms/core/forms.py", "organisations"): (2, _STORY_FIELD),
    ("cms/publishing/exporting.py", "organisations"): (2, _STORY_FIELD),
    ("cms/stories/apps.py", "stories"): (1, _APP_LABEL),
    ("sitegen/enginebench.py", "pages"): (1, "plain Pelican's own folder of pages"),
    ("cms/stories/models.py", "stories"): (2, "related_name of a story's author and organisations"),
    ("cms/stories/models.py", "organisations"): (1, _STORY_FIELD),
    ("cms/stories/wagtail_hooks.py", "stories"): (1, _TEMPLATE_KEY),
    ("cms/villages/models.py", "pages"): (1, _TEMPLATE_KEY),
    ("cms/villages/wagtail_hooks.py", "pages"): (1, _TEMPLATE_KEY),
    ("sitegen/audit.py", "organisations"): (2, _STORY_FIELD),
    ("sitegen/calendar.py", "-//buurtportaal//agenda//NL"): (1, "the iCalendar PRODID"),
    ("sitegen/content.py", "organisations"): (1, _STORY_FIELD),
    ("sitegen/seed/generator.py", "organisations"): (1, _STORY_FIELD),
    ("sitegen/plugins/portal/generators.py", "pages/search"): (1, _THEME_PAGES),
    ("sitegen/plugins/portal/generators.py", "pages/404"): (1, _THEME_PAGES),
    ("sitegen/plugins/portal/generators.py", "pages/redirect"): (1, _THEME_PAGES),
}
_GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}


def _code_files() -> list:
    skipped = {"tests", "e2e", "migrations", "locale"}
    files = [*ROOT.glob("sitegen/**/*.py"), *ROOT.glob("cms/**/*.py")]
    return sorted(p for p in files if not skipped & set(p.relative_to(ROOT).parts)
                  and p != ROOT / "sitegen" / "kinds.py")


def _code_strings(tree) -> list:
    """The string constants of `tree` that are code: not docstrings nor other bare string
    statements, and not words for people (gettext's arguments)."""
    prose = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            prose.add(id(node.value))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in _GETTEXT):
            prose.update(id(arg) for arg in node.args)
    return [node for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in prose]


def test_no_module_outside_kinds_spells_a_folder_or_section():
    names = {kind.folder for kind in KINDS if kind.folder} | {
        kind.section for kind in (*KINDS, CATEGORY) if kind.section}
    names.add(CATEGORY_SEGMENT)
    found, allowed = [], Counter()
    for path in _code_files():
        rel = path.relative_to(ROOT).as_posix()
        for node in _code_strings(ast.parse(path.read_text("utf-8"))):
            value = node.value
            # A word in a sentence is prose; a folder or section is a whole path segment.
            if re.search(r"\s", value) or not names & set(value.split("/")):
                continue
            if (rel, value) in SPELLED_ELSEWHERE:
                allowed[(rel, value)] += 1
            else:
                found.append(f"{rel}:{node.lineno}: {value!r}")
    assert not found, "ask sitegen.kinds instead:\n" + "\n".join(found)
    # One more of an allowed spelling is a new copy too; one that went away leaves the list.
    assert allowed == {key: count for key, (count, _why) in SPELLED_ELSEWHERE.items()}


def test_search_finds_the_kinds_that_name_search_fields_and_their_fields_are_known():
    """What search indexes, and with what weight, is read off the kinds: organisations,
    events and stories are searched, plain pages are not, and each field names a field of
    SEARCH_BOOSTS."""
    from sitegen.kinds import SEARCH_BOOSTS
    from sitegen.search.indexing import SEARCHED

    assert [kind.name for kind in SEARCHED] == ["organisation", "event", "story"]
    named = {field.search for kind in KINDS for field in kind.fields if field.search}
    assert named | {"body"} == set(SEARCH_BOOSTS)
