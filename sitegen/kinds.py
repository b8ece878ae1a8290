"""The content kinds of a portal, each in one place: where its files live and where its pages go.

A `Kind` is the one home of a kind's place in the portal: its folder under
``content/<village>/`` (SPEC "Content format"), its URL section of the built portal (SPEC
"A built portal"), the URL and output path of one item (Pelican's ``ARTICLE_URL`` and
``ARTICLE_SAVE_AS`` idea) and the templates that render it. Items of the model ask their
kind for their `url` and `save_as` (`sitegen.model`); generators, the calendar, JSON-LD,
open data, search, preview and the templates ask the item, never rebuild the path.

A kind also holds its `fields`: the keys of its front matter in the order the writer puts
them, each with the checker the reader runs on it (`sitegen.content`), whether it is
required and its length limit. The reader, the writer's key order
(`sitegen.contentfile.KEY_ORDER`), the CMS's forms (`sitegen.content.check_value`) and the
seed's checks all take them from here, so no two of them can disagree about what is valid.

Plain data with no imports from the rest of sitegen, so every part may import it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = [
    "ADDRESS",
    "CATEGORY",
    "CATEGORY_SEGMENT",
    "EVENTS",
    "GEO",
    "KINDS",
    "LOCATION",
    "MAX_SUMMARY_LENGTH",
    "MAX_TITLE_LENGTH",
    "SEARCH_BOOSTS",
    "ORGANISATIONS",
    "PAGES",
    "STORIES",
    "VILLAGE",
    "Field",
    "Kind",
    "kind_for_folder",
    "kind_named",
]


#: The most characters of a title, a name or one item of a list (a tag, a category name).
MAX_TITLE_LENGTH = 200
#: The most characters of a summary, a tagline or the description of a picture.
MAX_SUMMARY_LENGTH = 300

#: What resident search ranks by: the fields of a search document, each with its boost
#: (Whoosh's ``field_boost``: it multiplies a term's weight before BM25 saturates it, so a
#: title match counts more, not three times as much). A kind's fields name the search
#: field their text goes into (`Field.search`); a searched kind's body goes into "body".
SEARCH_BOOSTS = {
    "title": 3.0,
    "tags": 2.0,
    "categories": 1.5,
    "summary": 1.5,
    "body": 1.0,
    "place": 1.0,
    "people": 1.0,
}


@dataclass(frozen=True)
class Field:
    """One key of a kind's front matter and how the build checks its value.

    `check` names the checker in `sitegen.content` that reads the value (``text``,
    ``url``, ``address``, …; see ``_Fields.check``); `limit` is the most characters of the
    text, or of each item of a list; `numbers` lets a bare number stand for text (a price,
    a postcode). A group of keys (an address) lists its own fields in `parts`. `search`
    names the field of `SEARCH_BOOSTS` the value's text is searched in, if any.
    """

    key: str
    check: str
    required: bool = False
    limit: int | None = None
    numbers: bool = False
    parts: tuple[Field, ...] = ()
    search: str = ""

    def part(self, key: str) -> Field:
        """The field `key` of this group; KeyError for another key."""
        for part in self.parts:
            if part.key == key:
                return part
        raise KeyError(key)


def _title(search: str = "title") -> Field:
    return Field("title", "text", required=True, limit=MAX_TITLE_LENGTH, search=search)


def _summary(required: bool = False) -> Field:
    return Field("summary", "text", required=required, limit=MAX_SUMMARY_LENGTH,
                 search="summary")


def _tags() -> Field:
    return Field("tags", "words", limit=MAX_TITLE_LENGTH, search="tags")


def _categories(required: bool = False) -> Field:
    return Field("categories", "categories", required=required, search="categories")


def _picture() -> tuple[Field, Field]:
    """A picture and its description, which is required with it (checked together)."""
    return (Field("image", "image"), Field("image_alt", "alt", limit=MAX_SUMMARY_LENGTH))


#: A postal address: the same keys wherever one is asked for.
ADDRESS = Field("address", "address", parts=(
    Field("street", "text", limit=MAX_TITLE_LENGTH),
    Field("postcode", "postcode", limit=10, numbers=True),
    Field("city", "text", limit=MAX_TITLE_LENGTH),
))
#: A position on the map, in degrees.
GEO = Field("geo", "position", parts=(
    Field("lat", "coordinate", required=True, limit=90),
    Field("lon", "coordinate", required=True, limit=180),
))
#: Where an event takes place: a name, or a group of name, address and position.
LOCATION = Field("location", "location", parts=(
    Field("name", "text", limit=MAX_TITLE_LENGTH), ADDRESS, GEO,
))


@dataclass(frozen=True)
class Kind:
    """One kind of content: its files, its section of the portal and the URL of an item.

    `url` and `save_as` are patterns with ``{slug}``; a URL is relative to the site root
    and ends in ``/`` (the home's is empty), a save_as is the file written for it (the
    URL's ``index.html``). A kind with a section has its items under it unless it says
    otherwise.
    `section` is the Dutch path segment the kind's pages live under, with its own listing
    page (`section_url`, rendered with `section_template`); empty for a kind whose items
    live at the root (plain pages) or that is the root (the village). `feed` is the path
    of the file that lists the kind for calendar apps, feed readers or reuse.
    """

    name: str  # as the code and the search index name one item: "organisation"
    folder: str  # under content/<village>/; empty for the village (its site.yaml)
    section: str
    template: str  # of one item's page, e.g. "pages/organisation"
    section_template: str = ""  # of the section's listing page, if it has one
    feed: str = ""  # the whole kind for machines (Atom, iCalendar, open data), if any
    fields: tuple[Field, ...] = ()  # its front matter's keys, in the order files have them
    # An item's URL; when not given, ``<section>/{slug}/`` (``{slug}/`` without one).
    url: str | None = None

    def __post_init__(self) -> None:
        if self.url is None:
            default = f"{self.section}/{{slug}}/" if self.section else "{slug}/"
            object.__setattr__(self, "url", default)

    @property
    def save_as(self) -> str:
        """The output path pattern of an item's page: its URL's ``index.html``."""
        return f"{self.url}index.html"

    def field(self, key: str) -> Field:
        """The field `key` (``address.postcode`` for a key of a group); KeyError for
        another key."""
        name, _dot, rest = key.partition(".")
        for field in self.fields:
            if field.key == name:
                while rest:
                    name, _dot, rest = rest.partition(".")
                    field = field.part(name)
                return field
        raise KeyError(key)

    @property
    def searched(self) -> bool:
        """Whether resident search finds the kind's items (some field of it is searched)."""
        return any(field.search for field in self.fields)

    @property
    def keys(self) -> list[str]:
        """The top-level keys of the kind's files, in the order the writer puts them."""
        return [field.key for field in self.fields]

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
    template="pages/organisation", section_template="pages/socialmap",
    feed="open-data/organisaties.json",
    fields=(
        _title(),
        _categories(required=True),
        _summary(required=True),
        replace(ADDRESS, search="place"),
        GEO,
        Field("phone", "phone", limit=40),
        Field("email", "email"),
        Field("website", "url"),
        Field("opening_hours", "opening_hours"),
        _tags(),
        *_picture(),
        Field("volunteers_wanted", "boolean"),
        Field("updated", "timestamp"),
    ),
)
EVENTS = Kind(
    name="event", folder="events", section="agenda",
    template="pages/event", section_template="pages/agenda", feed="agenda.ics",
    fields=(
        _title(),
        Field("start", "when", required=True),
        Field("end", "end"),
        Field("recurrence", "recurrence"),
        Field("exdates", "exdates"),
        replace(LOCATION, search="place"),
        Field("organiser", "organisation"),
        _categories(),
        _tags(),
        _summary(),
        Field("price", "text", limit=MAX_TITLE_LENGTH, numbers=True),
        Field("registration_url", "url"),
        *_picture(),
        Field("updated", "timestamp"),
    ),
)
STORIES = Kind(
    name="story", folder="stories", section="verhalen",
    template="pages/story", section_template="pages/stories", feed="feeds/verhalen.atom.xml",
    fields=(
        _title(),
        Field("date", "day", required=True),
        Field("author", "text", required=True, limit=MAX_TITLE_LENGTH, search="people"),
        _summary(),
        Field("organisations", "organisation_slugs"),
        *_picture(),
        _tags(),
    ),
)
PAGES = Kind(
    name="page", folder="pages", section="",
    template="pages/page",
    fields=(_title(search=""), Field("menu_order", "integer")),  # not searched
)
VILLAGE = Kind(
    name="village", folder="", section="", url="",
    template="pages/home",
    # site.yaml: name, municipality, base_url and categories are needed to build at all.
    fields=(
        Field("name", "text", required=True, limit=MAX_TITLE_LENGTH),
        Field("municipality", "text", required=True, limit=MAX_TITLE_LENGTH),
        Field("base_url", "url", required=True),
        Field("locale", "locale"),
        Field("timezone", "timezone"),
        Field("tagline", "text", limit=MAX_SUMMARY_LENGTH),
        Field("contact", "group", parts=(
            Field("email", "email"), Field("phone", "phone", limit=40))),
        Field("map", "group", parts=(
            Field("lat", "coordinate", limit=90), Field("lon", "coordinate", limit=180),
            Field("zoom", "zoom", limit=22), Field("tiles", "url"),
            Field("attribution", "text", limit=MAX_SUMMARY_LENGTH))),
        Field("branding", "group", parts=(
            Field("logo", "logo"), Field("logo_alt", "text", limit=MAX_TITLE_LENGTH),
            Field("primary_color", "colour"))),
        Field("categories", "category_list", required=True, parts=(
            Field("slug", "slug", required=True),
            Field("name", "text", required=True, limit=MAX_TITLE_LENGTH))),
        Field("search", "group", parts=(Field("synonyms", "synonyms"),)),
    ),
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
