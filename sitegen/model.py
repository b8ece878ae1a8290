"""The portal's content as plain data: what `content.py` reads and every generator renders.

These classes are the one vocabulary shared by the reader, the generators, the calendar,
the search index and the templates. They hold validated values only: a field that did not
validate never reaches them (its item is left out and a `Problem` is reported instead).
Each item knows its `kind` (`sitegen.kinds`) and so its own `url` and `save_as`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from sitegen.kinds import CATEGORY, EVENTS, ORGANISATIONS, PAGES, STORIES, VILLAGE, Kind
from sitegen.messages import Phrase, params_as_data, plain_params, printable, translate


@dataclass(frozen=True)
class Problem:
    """One invalid value in one content file, reported as ``path: field: message``.

    ``message`` is English, for the command line. ``template`` and ``params`` are what it
    was worded from (``message == template.format(**params)``), so that the CMS can show
    the problem to an editor in Dutch with `translated`, now or after storing `as_data`.
    Problems are equal when path, field and message are.

    Path, field and message are always `printable` and the params safe to show (a file
    name or a value can hold an escape sequence or a line break), so that a problem is
    one line wherever it is printed or stored.
    """

    path: str
    field: str
    message: str
    template: str = field(default="", compare=False)
    # Text, whole numbers, or a nested phrase (see `sitegen.messages.Phrase`).
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def worded(cls, path: str, field: str, template: str, /, **params: Any) -> Problem:
        """The problem whose message is ``template.format(**params)``; `template` may also
        be a `Phrase` that was worded already (then without params)."""
        if isinstance(template, Phrase) and not params:
            template, params = template.template, template.params
        wording = Phrase(template, params)
        return cls(path, field, str(wording), wording.template, wording.params)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", printable(str(self.path)))
        object.__setattr__(self, "field", printable(str(self.field)))
        object.__setattr__(self, "message", printable(str(self.message)))
        object.__setattr__(self, "params", plain_params(self.params))

    def translated(self, locale: str) -> str:
        """The message in `locale` ("nl"); the English message when there is no
        translation of its template."""
        return translate(self.template, self.params, locale, self.message)

    def as_data(self) -> dict[str, Any]:
        """The problem as JSON-serialisable data; `from_data` reads it back."""
        return {"path": self.path, "field": self.field, "message": self.message,
                "template": self.template, "params": params_as_data(self.params)}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Problem:
        """A problem from `as_data` (older data without template and params works too)."""
        return cls(data["path"], data["field"], data["message"], data.get("template") or "",
                   plain_params(data.get("params") or {}))

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class Addressable:
    """An item with a page of its own: its `url` and `save_as` come from its `Kind`."""

    kind: ClassVar[Kind]
    slug: str

    @property
    def url(self) -> str:
        """The item's URL relative to the site root, e.g. ``sociale-kaart/het-anker/``."""
        return self.kind.url_for(self.slug)

    @property
    def save_as(self) -> str:
        """The file the item's page is written to, relative to the site root."""
        return self.kind.save_as_for(self.slug)


@dataclass(frozen=True)
class Address:
    """A postal address; every part may be empty."""

    street: str = ""
    postcode: str = ""
    city: str = ""

    def __bool__(self) -> bool:
        return bool(self.street or self.postcode or self.city)

    def one_line(self) -> str:
        return ", ".join(p for p in (self.street, f"{self.postcode} {self.city}".strip()) if p)


@dataclass(frozen=True)
class Geo:
    """A WGS84 position."""

    lat: float
    lon: float


@dataclass(frozen=True)
class ImageRef:
    """An image under ``content/`` and its alternative text (required when there is an image)."""

    path: str  # relative to the content root, e.g. "media/bakkerij.jpg"
    alt: str


@dataclass(frozen=True)
class Category(Addressable):
    """A social-map category of one village."""

    kind: ClassVar[Kind] = CATEGORY

    slug: str
    name: str


@dataclass
class Village(Addressable):
    """One portal: the values of ``site.yaml``."""

    kind: ClassVar[Kind] = VILLAGE

    slug: str
    name: str
    municipality: str
    base_url: str  # without trailing slash
    categories: list[Category]
    locale: str = "nl"
    timezone: str = "Europe/Amsterdam"
    tagline: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    map_center: Geo | None = None
    map_zoom: int = 14
    map_tiles: str = ""  # URL template; empty means: no map
    map_attribution: str = ""
    logo: ImageRef | None = None
    primary_color: str = "#1d5b8f"
    # search synonyms: groups of words that mean the same, e.g. [huisarts, dokter]
    synonyms: list[list[str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # unknown keys, kept for round trips

    def category(self, slug: str) -> Category | None:
        return next((c for c in self.categories if c.slug == slug), None)

    def absolute_url(self, url: str) -> str:
        """`url` (relative to the site root, e.g. an item's `url`) at the portal's address."""
        return f"{self.base_url}/{url}"


@dataclass
class Organisation(Addressable):
    """A social-map entry."""

    kind: ClassVar[Kind] = ORGANISATIONS

    slug: str
    title: str
    categories: list[str]
    summary: str
    body_html: str = ""  # sanitised HTML rendered from the Markdown body
    body_text: str = ""  # plain text of the body, for search and descriptions
    address: Address = field(default_factory=Address)
    geo: Geo | None = None
    phone: str = ""
    email: str = ""
    website: str = ""
    opening_hours: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: ImageRef | None = None
    volunteers_wanted: bool = False
    updated: datetime | None = None
    source: str = ""  # path of the content file, relative to the content root
    extra: dict[str, Any] = field(default_factory=dict)  # unknown front-matter keys, kept


@dataclass
class Location:
    """Where an event takes place."""

    name: str = ""
    address: Address = field(default_factory=Address)
    geo: Geo | None = None


@dataclass
class Event(Addressable):
    """An agenda item, one-off or recurring.

    `start`/`end` are timezone-aware datetimes in the village's zone, or plain dates for
    all-day events. `end` of an all-day event is the last day it runs (inclusive).
    """

    kind: ClassVar[Kind] = EVENTS

    slug: str
    title: str
    start: datetime | date
    end: datetime | date | None = None
    all_day: bool = False  # worked out from `start`: a plain date is an all-day event
    recurrence: str = ""  # RRULE without the "RRULE:" prefix
    exdates: list[datetime | date] = field(default_factory=list)
    location: Location | None = None
    organiser: str = ""  # organisation slug
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    price: str = ""
    registration_url: str = ""
    image: ImageRef | None = None
    updated: datetime | None = None
    body_html: str = ""
    body_text: str = ""
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # unknown front-matter keys, kept

    def __post_init__(self) -> None:
        self.all_day = isinstance(self.start, date) and not isinstance(self.start, datetime)


@dataclass(frozen=True)
class Occurrence:
    """One dated instance of an event (the event itself when it does not recur)."""

    event: Event
    start: datetime | date
    end: datetime | date | None
    all_day: bool

    @property
    def day(self) -> date:
        return self.start if not isinstance(self.start, datetime) else self.start.date()


@dataclass
class Story(Addressable):
    """An interview or article by a neighbourhood connector."""

    kind: ClassVar[Kind] = STORIES

    slug: str
    title: str
    date: date
    author: str
    summary: str = ""
    organisations: list[str] = field(default_factory=list)
    image: ImageRef | None = None
    tags: list[str] = field(default_factory=list)
    body_html: str = ""
    body_text: str = ""
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # unknown front-matter keys, kept


@dataclass
class Page(Addressable):
    """A plain page such as 'over', 'contact' or 'privacy'."""

    kind: ClassVar[Kind] = PAGES

    slug: str
    title: str
    menu_order: int | None = None
    body_html: str = ""
    body_text: str = ""
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # unknown front-matter keys, kept


@dataclass
class VillageContent:
    """Everything read for one village: the valid items and the problems with the rest."""

    village: Village
    organisations: list[Organisation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def items_of(self, kind: Kind) -> list:
        """The items of `kind` (organisations, events, stories or pages)."""
        return {ORGANISATIONS: self.organisations, EVENTS: self.events,
                STORIES: self.stories, PAGES: self.pages}[kind]


#: The class of each kind's items, in the order a village is read (organisations first:
#: the others refer to them).
ITEM_TYPES: dict[Kind, type] = {
    item_type.kind: item_type for item_type in (Organisation, Event, Story, Page)
}
