"""The content kinds of a portal, each in one place: where its files live and where its pages go.

A `Kind` is the one home of a kind's place in the portal: its folder under
``content/<village>/`` (SPEC "Content format"), its URL section of the built portal (SPEC
"A built portal"), the URL and output path of one item (Pelican's ``ARTICLE_URL`` and
``ARTICLE_SAVE_AS`` idea) and the templates that render it. Items of the model ask their
kind for their `url` and `save_as` (`sitegen.model`); generators, the calendar, JSON-LD,
open data, search, preview and the templates ask the item, never rebuild the path.

Later steps of issue 12 add the rest of a kind here: its typed fields with limits,
required-ness and key order, the checker of each field and what search indexes with what
weight.

Plain data with no imports from the rest of sitegen, so every part may import it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CATEGORY",
    "CATEGORY_SEGMENT",
    "EVENTS",
    "KINDS",
    "ORGANISATIONS",
    "PAGES",
    "STORIES",
    "VILLAGE",
    "Kind",
    "kind_for_folder",
    "kind_named",
]


@dataclass(frozen=True)
class Kind:
    """One kind of content: its files, its section of the portal and the URL of an item.

    `url` and `save_as` are patterns with ``{slug}``; a URL is relative to the site root
    and ends in ``/`` (the home's is empty), a save_as is the file written for it.
    `section` is the Dutch path segment the kind's pages live under, with its own listing
    page (`section_url`, rendered with `section_template`); empty for a kind whose items
    live at the root (plain pages) or that is the root (the village). `feed` is the path
    of the file that lists the kind for calendar apps, feed readers or reuse.
    """

    name: str  # as the code and the search index name one item: "organisation"
    folder: str  # under content/<village>/; empty for the village (its site.yaml)
    section: str
    url: str
    save_as: str
    template: str  # of one item's page, e.g. "pages/organisation"
    section_template: str = ""  # of the section's listing page, if it has one
    feed: str = ""  # the whole kind for machines (Atom, iCalendar, open data), if any

    def url_for(self, slug: str) -> str:
        """The URL of the item `slug`, relative to the site root."""
        return self.url.format(slug=slug)

    def save_as_for(self, slug: str) -> str:
        """The output path of the item `slug`'s page, relative to the site root."""
        return self.save_as.format(slug=slug)

    @property
    def section_url(self) -> str:
        """The URL of the section's listing page, e.g. ``sociale-kaart/``."""
        return f"{self.section}/" if self.section else ""

    @property
    def section_save_as(self) -> str:
        """The output path of the section's listing page."""
        return f"{self.section}/index.html" if self.section else ""


ORGANISATIONS = Kind(
    name="organisation", folder="organisations", section="sociale-kaart",
    url="sociale-kaart/{slug}/", save_as="sociale-kaart/{slug}/index.html",
    template="pages/organisation", section_template="pages/socialmap",
    feed="open-data/organisaties.json",
)
EVENTS = Kind(
    name="event", folder="events", section="agenda",
    url="agenda/{slug}/", save_as="agenda/{slug}/index.html",
    template="pages/event", section_template="pages/agenda", feed="agenda.ics",
)
STORIES = Kind(
    name="story", folder="stories", section="verhalen",
    url="verhalen/{slug}/", save_as="verhalen/{slug}/index.html",
    template="pages/story", section_template="pages/stories", feed="feeds/verhalen.atom.xml",
)
PAGES = Kind(
    name="page", folder="pages", section="",
    url="{slug}/", save_as="{slug}/index.html", template="pages/page",
)
VILLAGE = Kind(
    name="village", folder="", section="", url="", save_as="index.html",
    template="pages/home",
)

#: The content kinds, in the order the reader reads them and search lists them.
KINDS: tuple[Kind, ...] = (ORGANISATIONS, EVENTS, STORIES, PAGES, VILLAGE)

#: The segment under the social map that holds one page per category; an organisation may
#: not take it as its slug.
CATEGORY_SEGMENT = "categorie"
#: A social-map category (declared in site.yaml, no files of its own) has a page too.
CATEGORY = Kind(
    name="category", folder="", section=ORGANISATIONS.section,
    url=f"{ORGANISATIONS.section}/{CATEGORY_SEGMENT}/{{slug}}/",
    save_as=f"{ORGANISATIONS.section}/{CATEGORY_SEGMENT}/{{slug}}/index.html",
    template="pages/category",
)

_BY_FOLDER = {kind.folder: kind for kind in KINDS if kind.folder}
_BY_NAME = {kind.name: kind for kind in (*KINDS, CATEGORY)}


def kind_for_folder(folder: str) -> Kind | None:
    """The kind whose files live in ``content/<village>/<folder>/``; None for any other."""
    return _BY_FOLDER.get(folder)


def kind_named(name: str) -> Kind:
    """The kind called `name` ("organisation", "event", …); KeyError for another name."""
    return _BY_NAME[name]
