"""Read and validate the content files of a portal (``content/``, see SPEC "Content format").

This is the only code that looks inside content files. It turns one village's folder into a
`VillageContent` of validated model objects. The files are written by organisations and
volunteers, so nothing in them is trusted:

* every item is checked field by field; an item with any problem is left out, and each
  problem is recorded as a `Problem` (``path: field: message``) in words a volunteer can act
  on, while all other items still load;
* only a village whose ``site.yaml`` cannot be used at all stops with a `VillageError`;
* a content root that cannot be read raises `ContentRootError` (``portal build`` exits 2).

Times: a date-time without an offset is local time in the village's zone, one with an offset
is converted to that zone; events keep aware datetimes in the village zone, or plain dates
for all-day events.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitegen.background import side_by_side
from sitegen.budget import DEFAULT_ITEM_SECONDS, ItemBudget, OverBudget, over_budget
from sitegen.kinds import (
    MAX_SUMMARY_LENGTH,
    MAX_TITLE_LENGTH,
    ORGANISATIONS,
    VILLAGE,
    Field,
    Kind,
    kind_for_folder,
)
from sitegen.markup import TOO_COMPLEX, BodyTooComplexError, render_markdown
from sitegen.messages import Phrase, phrase
from sitegen.model import (
    ITEM_TYPES,
    Address,
    Category,
    Event,
    Geo,
    ImageRef,
    Location,
    Organisation,
    Page,
    Problem,
    Story,
    Village,
    VillageContent,
)
from sitegen.readcache import ItemCache
from sitegen.recurrence import AGENDA_FREQUENCIES, RuleProblem, check_rule, rule_parts
from sitegen.yamlsafe import ContentError, describe_value, load_yaml, split_front_matter

__all__ = [
    "SLUG_RE",
    "ContentError",
    "ContentRootError",
    "VillageError",
    "check_item",
    "check_value",
    "discover_villages",
    "is_note",
    "item_failed",
    "load_village",
    "looks_like_html",
    "plain_line",
    "slug_from_text",
]

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Letters that Unicode decomposition does not bring back to a-z (NFKD turns é into e + ´).
ASCII_LETTERS = {
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
    "ı": "i", "ĳ": "ij", "Ĳ": "ij",
}
_ASCII_LETTERS = str.maketrans(ASCII_LETTERS)
_NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")

DEFAULT_TIMEZONE = "Europe/Amsterdam"
MAX_FILE_BYTES = 1024 * 1024
# A folder of at least this many files is read on every worker a build has (forking costs
# a few milliseconds; reading a file about one).
PARALLEL_FILES = 200

# Pictures in items must be raster images: the build makes resized copies for srcset.
_IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})
# A logo goes through the same image pipeline (sizes, no metadata). An SVG drawing cannot:
# it would have to be served as it is, and an SVG can carry scripts.
_LOGO_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
_SVG_LOGO = ("is an SVG drawing, which the portal cannot show; save the logo as a PNG, "
             "JPEG or WebP picture and name that file here, got '{value}'")
# A path inside content/ that is a symbolic link to somewhere else: it is refused, and
# the message says so rather than that the path itself lies outside.
_LINK_OUTSIDE = ("is a link to a file outside the content folder; put the picture itself "
                 "in the content folder, got '{value}'")

_DATE_ONLY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL_RE = re.compile(
    r"^[^\s@<>\"'(),;:\\\[\]]+@[^\s@<>\"'(),;:\\\[\]]+\.[^\s@<>\"'(),;:\\\[\].]+$"
)
_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
# A Dutch postcode (four digits, the first not 0, and two letters) or a Belgian one.
POSTCODE_RE = re.compile(r"^[1-9][0-9]{3}(?: ?[A-Z]{2})?$")
_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAY_SPAN = rf"{_DAY}(?:-{_DAY})?"
_CLOCK = r"(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)"
OPENING_HOURS_RE = re.compile(rf"^{_DAY_SPAN}(?:,{_DAY_SPAN})* {_CLOCK}-{_CLOCK}$")
# Text fields are plain text. Something that looks like an HTML tag is refused rather than
# shown literally: it is either a mistake or an attack ("a < b" and "<12 jaar" are fine).
_HTML_TAG_RE = re.compile(r"<[A-Za-z/!?]")
# Messages are templates with {placeholders} (see `sitegen.messages`): the CMS shows them
# to editors in Dutch from sitegen/locale/nl/LC_MESSAGES/sitegen.po.
_NO_HTML = "must be plain text; HTML tags such as '<b>' or '<script>' are not allowed here"
_FREQUENCIES = ", ".join(AGENDA_FREQUENCIES)
_RULE_MESSAGES = {
    RuleProblem.NOT_A_RULE: "must be a repeat rule e.g. 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630', "
    "got '{value}'",
    RuleProblem.NO_FREQUENCY: "must say how often the event repeats with FREQ=..., "
    "e.g. 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630'",
    RuleProblem.SUB_DAILY: "FREQ must be one of " + _FREQUENCIES
    + ", got '{detail}' (the agenda does not repeat by the hour or minute)",
    RuleProblem.BAD_FREQUENCY: "FREQ must be one of " + _FREQUENCIES + ", got '{detail}'",
    RuleProblem.COUNT_AND_UNTIL: "may have COUNT or UNTIL, not both",
    RuleProblem.BAD_UNTIL: "UNTIL must be a date like 20270630 (or 20270630T220000Z), "
    "got '{detail}'",
    RuleProblem.INVALID: "is not a valid repeat rule ({detail}), "
    "e.g. 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630'",
    RuleProblem.NO_DATES: "never produces a date; check UNTIL and the BY... parts",
}
_BAD_DATE = "must be a date like 2026-05-14 or a date and time like 2026-05-14T10:00, got {value}"
# The years the portal handles. Beyond them Python's dates overflow when converted between
# zones (year 1, year 9999), and no agenda or story needs them.
FIRST_YEAR, LAST_YEAR = 1900, 2200
_YEAR_RANGE = "must lie between the years {first} and {last}, got {value}"
_UNTIL_RANGE = "UNTIL must lie between the years {first} and {last}, got '{detail}'"
# A reference to an organisation that was left out: the referring item stays, without the
# link. These problems are notes (see `is_note`), not reasons to leave the item out.
_ORGANISER_LEFT_OUT = ("organisation '{slug}' was left out because of its own problems, so "
                       "the event is shown without its organiser; fix organisations/{slug}.md")
_ORGANISATIONS_LEFT_OUT = ("'{slugs}' left out because of its own problems, so the story "
                           "does not link to it; fix the organisation's file")
_NOTES = frozenset({_ORGANISER_LEFT_OUT, _ORGANISATIONS_LEFT_OUT})
_ITEM_FAILED = ("could not be processed and was left out ({reason}); "
                "please tell the portal's makers")
_TOO_BIG = "is {size} MB; a content file may be at most 1 MB"

T = TypeVar("T")


class ContentRootError(Exception):
    """The content root is missing or cannot be read: nothing can be built."""


class VillageError(Exception):
    """A village's ``site.yaml`` is unusable, so none of the village can be built."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


# --------------------------------------------------------------------------------------
# Public API


def discover_villages(content_root: Path) -> list[str]:
    """Return the sorted slugs of the villages under ``content_root``.

    A village is a subfolder with a valid slug as its name that holds a ``site.yaml``;
    ``media/`` and other folders are skipped. Raises `ContentRootError` when the root is
    missing or unreadable.
    """
    root = Path(content_root)
    if not root.is_dir():
        raise ContentRootError(f"{root}: the content folder does not exist")
    try:
        entries = list(root.iterdir())
    except OSError as exc:
        raise ContentRootError(f"{root}: the content folder cannot be read ({exc})") from exc
    return sorted(
        entry.name
        for entry in entries
        if entry.name != "media"
        and SLUG_RE.match(entry.name)
        and entry.is_dir()
        and (entry / "site.yaml").is_file()
    )


def slug_from_text(text: str) -> str:
    """The slug `SLUG_RE` accepts for a title: "Op de fiets naar het Repair Café!" becomes
    ``op-de-fiets-naar-het-repair-cafe``, ß becomes ss, emoji and other signs are dropped.
    Empty when the text holds no letter or digit at all."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_ASCII_LETTERS))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG_RE.sub("-", ascii_text.lower()).strip("-")


def is_note(problem: Problem) -> bool:
    """Whether `problem` is a note on an item that was built anyway (a link to an
    organisation that was left out was dropped), rather than the reason an item was left
    out. Decided by the template, so it also holds for problems stored `as_data`."""
    return problem.template in _NOTES


def item_failed(path: str, field: str, exc: BaseException) -> Problem:
    """The problem for an item whose reading, resolving or rendering raised `exc`: the
    item is left out and the rest of the village builds."""
    return Problem.worded(path, field, _ITEM_FAILED, reason=f"{type(exc).__name__}: {exc}")


def organiser_left_out(path: str, slug: str) -> Problem:
    """The note on an event whose organiser `slug` was left out: shown without it."""
    return Problem.worded(path, "organiser", _ORGANISER_LEFT_OUT, slug=slug)


def organisations_left_out(path: str, slugs: Iterable[str]) -> Problem:
    """The note on a story that mentions organisations that were left out: it keeps the
    others."""
    return Problem.worded(path, "organisations", _ORGANISATIONS_LEFT_OUT,
                          slugs="', '".join(slugs))


# Kind of content file -> the reader's method that builds one item of it.


def check_item(village: str, site_text: str, folder: str, slug: str, text: str,
               organisation_slugs: Iterable[str] = ()) -> list[Problem]:
    """The problems `portal build` would report for one content file, without a disk.

    `site_text` is the village's ``site.yaml``; `organisation_slugs` are the organisations
    the item may refer to. The CMS checks a page with this before it saves it, so that
    whatever the CMS accepts, the build accepts.
    """
    # Pictures are files of the CMS's library, written to the content root on publish:
    # their paths are checked, their presence is the pipeline's business.
    reader = _Reader(Path("/"), village, check_files=False)
    try:
        site, zone = reader.read_village_text(site_text)
    except VillageError as err:
        return list(err.problems)
    reader.organisation_slugs = set(organisation_slugs)
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        return [Problem.worded(f"{village}/{folder}/{slug}.md", "file", _TOO_BIG,
                               size=f"{size / 1024 / 1024:.1f}")]
    build = partial(reader.build_item, kind_for_folder(folder))
    item = reader.read_item(f"{village}/{folder}", slug, lambda: text, build)
    if item is not None:
        reader.problems.extend(_resolve_problems(item, site, zone))
    return reader.problems


def _resolve_problems(item: Organisation | Event | Story | Page, village: Village,
                      zone: ZoneInfo) -> tuple[Problem, ...]:
    """The problems the build's resolve step (`sitegen.resolve`) finds with one item read
    well: an address the portal keeps for itself, event dates that cannot be worked out
    or put in the calendar feed. References were checked by the reader already."""
    from sitegen import resolve  # it reads this module's problems

    now = datetime.now(zone)
    if isinstance(item, Page):
        return resolve.resolve_page(item).problems
    if isinstance(item, Organisation):
        return resolve.resolve_organisation(item, resolve.keep_images).problems
    if isinstance(item, Event):
        outcome = resolve.resolve_event(item, organisations={item.organiser}, tz=zone, now=now)
        if not outcome.kept:
            return outcome.problems
        _entry, problem = resolve.feed_entry(outcome.item, village, {}, now)
        return (problem,) if problem else ()
    return ()


def check_value(field: Field, value: Any, *, categories: Iterable[str] = (),
                organisations: Iterable[str] = (), start: datetime | date | None = None,
                zone: str = DEFAULT_TIMEZONE) -> tuple[Any, list[Problem]]:
    """What `portal build` makes of `value` as the kind's field `field`, and the problems
    it reports about it, with the field's own checker (`sitegen.kinds.Field.check`).

    The CMS checks each form field with this, so a value it accepts is one the build
    accepts and a value the build refuses is refused in the same words. `categories` and
    `organisations` are the slugs a reference may name; `start` is an event's start (for
    its repeat rule). Problems name the field by its key; they belong to no file.
    """
    reader = _Reader(Path("/"), "", check_files=False)
    reader.category_slugs = set(categories)
    reader.organisation_slugs = set(organisations)
    reader.zone = ZoneInfo(zone)
    problems: list[Problem] = []
    fields = _Fields({field.key: value}, "", problems, reader)
    return fields.check(field, start=start), problems


def load_village(content_root: Path, slug: str, *,
                 item_seconds: float | None = DEFAULT_ITEM_SECONDS,
                 texts: dict[str, str] | None = None,
                 cache: Path | None = None, keep_cache: bool = True,
                 read_cache: bool = True, workers: int = 1) -> VillageContent:
    """Read and validate one village: ``site.yaml`` and all its organisations, events,
    stories and pages.

    Invalid items are left out and reported in ``VillageContent.problems``; so is an item
    whose reading takes longer than `item_seconds` (see `sitegen.budget`). Raises
    `VillageError` when ``site.yaml`` is missing, not YAML or lacks a required value, and
    `ContentRootError` when the content root itself cannot be read.

    `texts`, when given, receives the text of every file read (``site.yaml`` and each
    ``.md``) by its path relative to the content root, so a caller that needs the files
    themselves (the CMS's import) reads none of them a second time.

    `cache`, when given, is a folder where the items read are kept for the next call
    (`sitegen.readcache`): a file whose text and surroundings did not change is not read
    again. With `keep_cache` False the cache is only read; with `read_cache` False only
    written (every file is read). A folder of many files is read on `workers` processes.
    """
    root = Path(content_root)
    if not root.is_dir():
        raise ContentRootError(f"{root}: the content folder does not exist")
    if not SLUG_RE.match(slug):
        raise VillageError(
            [Problem.worded(slug, "file",
                            "a village folder name may only hold a-z, 0-9 and hyphens")]
        )
    reader = _Reader(root.resolve(), slug, item_seconds=item_seconds, texts=texts)
    reader.workers = workers
    if cache is not None:
        reader.cache = ItemCache(cache, keep=keep_cache, read=read_cache)
    village, zone = reader.read_village()
    content = VillageContent(village=village, problems=reader.problems)

    for kind in ITEM_TYPES:  # organisations first: the others may refer to them
        content.items_of(kind)[:] = reader.read_items(kind)
        if kind is ORGANISATIONS:
            # Cross-references may only point at organisations that loaded.
            reader.organisation_slugs = {org.slug for org in content.organisations}

    content.organisations.sort(key=lambda o: (o.title.casefold(), o.slug))
    content.events.sort(key=lambda e: (_sort_instant(e.start, zone), e.title.casefold(), e.slug))
    content.stories.sort(key=lambda s: (s.date, s.slug), reverse=True)
    content.pages.sort(
        key=lambda p: (p.menu_order is None, p.menu_order or 0, p.title.casefold(), p.slug)
    )
    if reader.cache is not None:
        reader.cache.save()
    return content


# --------------------------------------------------------------------------------------
# Reading files


class _Reader:
    """Reads the files of one village, collecting problems as it goes."""

    def __init__(self, root: Path, slug: str, check_files: bool = True,
                 item_seconds: float | None = DEFAULT_ITEM_SECONDS,
                 texts: dict[str, str] | None = None) -> None:
        self.root = root
        self.texts = texts  # receives the text of each file read (see `load_village`)
        self.slug = slug
        self.check_files = check_files
        self.item_seconds = item_seconds
        # The field of the item being read (or "body"), to name it if time runs out.
        self.working_on = "file"
        self.problems: list[Problem] = []
        self.zone = ZoneInfo(DEFAULT_TIMEZONE)
        self.category_slugs: set[str] = set()
        self.organisation_slugs: set[str] = set()
        # Slugs of items left out, per folder, to explain references to them.
        self.left_out: dict[str, set[str]] = {}
        self.cache: ItemCache | None = None  # items read by the last build (`load_village`)
        self.cache_context: tuple[Kind, Any] | None = None  # of the kind being read
        self.workers = 1  # processes to read a folder's files on (`load_village`)

    def read_village(self) -> tuple[Village, ZoneInfo]:
        try:
            text = self._read_text(self.root / self.slug / "site.yaml")
        except ContentError as err:
            raise VillageError([_problem_from(f"{self.slug}/site.yaml", err)]) from None
        return self.read_village_text(text)

    def read_village_text(self, text: str) -> tuple[Village, ZoneInfo]:
        """The village of a ``site.yaml`` text; `VillageError` if it cannot be used."""
        rel = f"{self.slug}/site.yaml"
        try:
            data = load_yaml(text)
        except ContentError as err:
            raise VillageError([_problem_from(rel, err)]) from None
        if not isinstance(data, dict):
            raise VillageError([Problem.worded(rel, "file", "must be lines like 'name: ...', "
                                               "not {value}", value=describe_value(data))])
        fatal: list[Problem] = []
        fields = _Fields(data, rel, fatal, self)
        name = fields.check(VILLAGE.field("name"))
        municipality = fields.check(VILLAGE.field("municipality"))
        base_url = fields.check(VILLAGE.field("base_url")).rstrip("/")
        timezone = fields.text("timezone") or DEFAULT_TIMEZONE
        try:
            self.zone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            fatal.append(
                Problem.worded(
                    rel,
                    "timezone",
                    "must be a time zone like 'Europe/Amsterdam' or 'Europe/Brussels', "
                    "got {value}",
                    value=describe_value(timezone),
                )
            )
        categories = self._read_categories(fields, rel, fatal)
        if fatal:
            raise VillageError(fatal)

        # Optional settings: a bad value is reported and its default used.
        optional = _Fields(data, rel, self.problems, self)
        optional.seen.update(fields.seen)
        village = Village(
            slug=self.slug,
            name=name,
            municipality=municipality,
            base_url=base_url,
            categories=categories,
            timezone=timezone,
        )
        locale = optional.text("locale")
        if locale and not re.match(r"^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$", locale):
            optional.report("locale", "must be a language code like 'nl', got '{value}'",
                            value=locale)
        elif locale:
            village.locale = locale
        village.tagline = optional.check(VILLAGE.field("tagline"))
        contact = optional.mapping("contact")
        if contact is not None:
            village.contact_email = contact.check(VILLAGE.field("contact.email"))
            village.contact_phone = contact.check(VILLAGE.field("contact.phone"))
        self._read_map(optional, village)
        self._read_branding(optional, village)
        search = optional.mapping("search")
        if search is not None:
            village.synonyms = search.synonyms("synonyms")
        village.extra = optional.unread()
        return village, self.zone

    def _read_categories(self, fields: _Fields, rel: str, fatal: list[Problem]) -> list[Category]:
        raw = fields.get("categories")
        if raw is None:
            fields.missing("categories")
            return []
        if not isinstance(raw, list) or not raw:
            fatal.append(
                Problem.worded(
                    rel,
                    "categories",
                    "must be a list of categories, each with a 'slug' and a 'name', got {value}",
                    value=describe_value(raw),
                )
            )
            return []
        categories: list[Category] = []
        for number, entry in enumerate(raw, start=1):
            where = f"categories[{number}]"
            if not isinstance(entry, dict):
                self.problems.append(
                    Problem.worded(rel, where, "must have a 'slug' and a 'name', got {value}",
                                   value=describe_value(entry))
                )
                continue
            item = _Fields(entry, rel, self.problems, self, prefix=f"{where}.")
            slug = item.check(VILLAGE.field("categories.slug"))
            name = item.check(VILLAGE.field("categories.name"))
            if not slug or not name:
                continue
            if slug in self.category_slugs:
                item.report("slug", "'{slug}' is used by an earlier category too", slug=slug)
                continue
            self.category_slugs.add(slug)
            categories.append(Category(slug=slug, name=name))
        if not categories:
            fatal.append(
                Problem.worded(rel, "categories", "must hold at least one valid category")
            )
        return categories

    def _read_map(self, fields: _Fields, village: Village) -> None:
        map_fields = fields.mapping("map")
        if map_fields is None:
            return
        if map_fields.get("lat") is not None or map_fields.get("lon") is not None:
            village.map_center = map_fields.position()
        zoom = map_fields.integer("zoom")
        if zoom is not None:
            if 0 <= zoom <= 22:
                village.map_zoom = zoom
            else:
                map_fields.report("zoom", "must be a whole number from 0 to 22, got {value}",
                                  value=zoom)
        village.map_tiles = map_fields.check(VILLAGE.field("map.tiles"))
        village.map_attribution = map_fields.check(VILLAGE.field("map.attribution"))

    def _read_branding(self, fields: _Fields, village: Village) -> None:
        branding = fields.mapping("branding")
        if branding is None:
            return
        logo = branding.get("logo")
        if isinstance(logo, str) and logo.strip().lower().endswith(".svg"):
            # The village builds without a logo, and the editor learns what to do.
            branding.report("logo", _SVG_LOGO, value=logo.strip())
            logo_path = ""
        else:
            logo_path = branding.image_path("logo", _LOGO_SUFFIXES)
        logo_alt = branding.check(VILLAGE.field("branding.logo_alt"))
        if logo_path:
            # A logo says the portal's name, so that is the natural alternative text.
            village.logo = ImageRef(path=logo_path, alt=logo_alt or village.name)
        if "primary_color" in branding.data:
            # A colour that cannot be used leaves the portal's own.
            color = branding.check(VILLAGE.field("branding.primary_color"))
            village.primary_color = color or village.primary_color

    def read_items(self, kind: Kind) -> list[Any]:
        """Read every ``<folder>/<slug>.md`` of the village's `kind`; skip bad ones."""
        folder = kind.folder
        build = partial(self.build_item, kind)
        directory = self.root / self.slug / folder
        self.cache_context = None  # what the files of this kind are read in: worked out anew
        rel_dir = f"{self.slug}/{folder}"
        if not directory.exists():
            return []
        if not directory.is_dir():
            self.problems.append(Problem.worded(rel_dir, "file", "must be a folder"))
            return []
        try:
            names = sorted(entry.name for entry in directory.iterdir())
        except OSError as exc:
            self.problems.append(Problem.worded(rel_dir, "file", "cannot be read ({reason})",
                                                reason=exc.strerror))
            return []
        # Hidden files are editor and system leftovers; other suffixes are not content.
        wanted = [name for name in names if not name.startswith(".") and name.endswith(".md")]

        def read_one(name: str) -> Any | None:
            return self.read_item(rel_dir, name.removesuffix(".md"),
                                  lambda: self._read_text(directory / name), build, kind=kind)

        if self.workers > 1 and len(wanted) >= PARALLEL_FILES:
            read = self._read_side_by_side(wanted, read_one, kind)
        else:
            read = [read_one(name) for name in wanted]
        return [item for item in read if item is not None]

    def _read_side_by_side(self, names: list[str], read_one: Callable[[str], Any],
                           kind: Kind) -> list[Any]:
        """`read_one` of every name, the names shared out over `workers` processes (forked:
        `side_by_side`), the reader left as reading them in order leaves it: the same
        problems in the same order, files left out, texts and cached items."""
        folder = kind.folder
        if self.cache is not None:  # worked out before forking, not once per process
            self.cache_context = (kind, self.cache.context(kind, self))
        def traced(share: list[str]) -> list[tuple]:
            """Each name's item and what reading it added to the reader."""
            kept = (self.problems, self.texts, self.cache.now if self.cache else None)
            done = []
            try:
                for name in share:
                    self.problems = []
                    self.texts = None if kept[1] is None else {}
                    if self.cache is not None:
                        self.cache.now = {}
                    item = read_one(name)
                    slug = name.removesuffix(".md")
                    done.append((item, self.problems, slug in self.left_out.get(folder, ()),
                                 self.texts, self.cache.now if self.cache else None))
            finally:
                self.problems, self.texts = kept[0], kept[1]
                if self.cache is not None:
                    self.cache.now = kept[2]
            return done

        items = []
        for name, trace in zip(names, side_by_side(names, self.workers, traced), strict=True):
            item, problems, left_out, texts, cached = trace
            self.problems.extend(problems)
            if left_out:
                self.left_out.setdefault(folder, set()).add(name.removesuffix(".md"))
            if texts:
                self.texts.update(texts)
            if cached:
                self.cache.now.update(cached)
            items.append(item)
        return items

    def read_item(self, rel_dir: str, slug: str, read: Callable[[], str],
                  build: Callable[[_Fields, str, str], T | None],
                  kind: Kind | None = None) -> T | None:
        """One item of ``rel_dir`` (``<village>/<folder>``) from the text `read` gives,
        or None with its problems recorded."""
        rel = f"{rel_dir}/{slug}.md"
        if not SLUG_RE.match(slug):
            self.problems.append(
                Problem.worded(
                    rel,
                    "file",
                    "the file name may only use lowercase letters a-z, digits and single "
                    "hyphens, like 'koffie-ochtend.md'",
                )
            )
            return None
        problems: list[Problem] = []
        notes: list[Problem] = []
        item = None
        self.working_on = "file"
        try:
            # One file must never hold its village for long, whatever is slow in it.
            with ItemBudget(self.item_seconds):
                item = self._read_item(rel, slug, read, build, problems, notes, kind)
        except OverBudget as exc:
            item = None
            problems[:] = [over_budget(rel, self.working_on, "read", exc)]
        if problems or item is None:
            self.left_out.setdefault(rel_dir.rpartition("/")[2], set()).add(slug)
            self.problems.extend(problems)
            return None
        self.problems.extend(notes)
        return item

    def _read_item(self, rel: str, slug: str, read: Callable[[], str],
                   build: Callable[[_Fields, str, str], T | None],
                   problems: list[Problem], notes: list[Problem],
                   kind: Kind | None = None) -> T | None:
        """The work of `read_item` on one file, within its time budget: from the item
        cache if this file was read before as it is now."""
        try:
            text = read()
            key = None
            if self.cache is not None and kind is not None:
                if self.cache_context is None or self.cache_context[0] is not kind:
                    self.cache_context = (kind, self.cache.context(kind, self))
                key = self.cache.key(self.cache_context[1], rel, text)
                found = self.cache.get(key, self.root)
                if found is not None:
                    notes.extend(found[1])
                    return found[0]
            data, body = split_front_matter(text)
        except ContentError as err:
            problems.append(_problem_from(rel, err))
            return None
        except Exception as exc:  # noqa: BLE001 - one file must never stop its village
            problems.append(item_failed(rel, "file", exc))
            return None
        fields = _Fields(data, rel, problems, self, notes=notes)
        try:
            item = build(fields, slug, _clean_text(body, single_line=False))
        except Exception as exc:  # noqa: BLE001 - e.g. OverflowError of a date
            problems.append(item_failed(rel, "file", exc))
            return None
        if key is not None and item is not None and not problems:
            self.cache.put(key, item, notes)
        return item

    def explain_unknown_organisation(self, slug: str) -> Phrase:
        """Why ``slug`` cannot be referred to as an organisation of this village (one that
        was left out is dropped with a note instead, see `organiser_left_out`)."""
        return phrase(
            "'{slug}' is not an organisation of this village; use the file name "
            "(without .md) of an organisation in organisations/",
            slug=slug,
        )

    def _read_text(self, path: Path) -> str:
        """Read a content file as UTF-8 text; raise `ContentError` (field ``file``) if not."""
        if not path.exists():
            raise ContentError("file", phrase("is missing"))
        resolved = path.resolve()
        if not resolved.is_relative_to(self.root):
            raise ContentError("file", phrase("is a link to a file outside the content folder"))
        if not resolved.is_file():
            raise ContentError("file", phrase("is not a regular file"))
        try:
            size = resolved.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ContentError("file", phrase(_TOO_BIG, size=f"{size / 1024 / 1024:.1f}"))
            raw = resolved.read_bytes()
        except OSError as exc:
            raise ContentError(
                "file", phrase("cannot be read ({reason})", reason=exc.strerror)
            ) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ContentError(
                "file",
                phrase(
                    "is not UTF-8 text (unexpected byte at position {position}); "
                    "save it with the UTF-8 encoding",
                    position=exc.start,
                ),
            ) from None
        if self.texts is not None:
            self.texts[path.relative_to(self.root).as_posix()] = text
        return text

    # ---- items -----------------------------------------------------------------------

    def build_item(self, kind: Kind, f: _Fields, slug: str, body: str) -> Any | None:
        """The item of `kind` in one file: each field of the kind read by its own checker,
        in the kind's order (a checker may use the values read before it: an event's end,
        repeat rule and cancelled dates its start), then the body. None when a required
        value could not be read at all; its problem is recorded."""
        values: dict[str, Any] = {}
        for field in kind.fields:
            if field.check != "alt":  # a picture's description is read with the picture
                values[field.key] = f.check(field, **values)
        if any(values[field.key] is None for field in kind.fields if field.required):
            return None
        item = ITEM_TYPES[kind](slug=slug, source=f.path, **values)
        item.body_html, item.body_text = f.body(body)
        item.extra = f.unread()
        return item


# --------------------------------------------------------------------------------------
# Checking values


class _Fields:
    """The front matter (or a nested group) of one file, with one checker per kind of value.

    Each checker returns the cleaned value, or an empty/None value after recording a
    `Problem` for the key. Keys are remembered as they are read, so whatever is left over
    can be kept as ``extra``.
    """

    def __init__(
        self,
        data: dict[Any, Any],
        path: str,
        problems: list[Problem],
        reader: _Reader,
        prefix: str = "",
        notes: list[Problem] | None = None,
    ) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        # Remarks on an item that is kept all the same (see `is_note`).
        self.notes = problems if notes is None else notes
        self.reader = reader
        self.prefix = prefix
        self.seen: set[Any] = set()

    # ---- bookkeeping

    def get(self, key: str) -> Any:
        self.seen.add(key)
        self.reader.working_on = f"{self.prefix}{key}"
        return self.data.get(key)

    def report(self, key: str, template: str, /, **params: Any) -> None:
        """Record a problem with `key`: ``template.format(**params)``, or a `Phrase`."""
        self.problems.append(Problem.worded(self.path, f"{self.prefix}{key}", template, **params))

    def missing(self, key: str) -> None:
        near = [
            k for k in self.data if isinstance(k, str) and k != key and k.strip().casefold() == key
        ]
        if near:
            self.report(key, "is required (found '{found}'; write the key in lowercase)",
                        found=near[0])
        else:
            self.report(key, "is required")

    def unread(self) -> dict[Any, Any]:
        return {k: v for k, v in self.data.items() if k not in self.seen}

    def mapping(self, key: str) -> _Fields | None:
        value = self.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.report(key, "must be a group of 'key: value' lines, got {value}",
                        value=describe_value(value))
            return None
        return _Fields(value, self.path, self.problems, self.reader, f"{self.prefix}{key}.",
                       notes=self.notes)

    # ---- a kind's fields

    def check(self, field: Field, **context: Any) -> Any:
        """The value of `field`, read by the checker the kind names for it (`Field.check`)
        with the field's limit and required-ness. `context` holds the values of the other
        fields read before it (an event's start, for its end, repeat rule and cancelled
        dates)."""
        key, limit = field.key, field.limit
        match field.check:
            case "text" | "alt":
                return self.text(key, required=field.required, max_length=limit,
                                 allow_number=field.numbers)
            case "words":
                return self.words(key, limit=limit)
            case "categories":
                return self.categories(required=field.required)
            case "organisation":
                return self.organisation_slug(key)
            case "organisation_slugs":
                return self.organisation_slugs(key)
            case "url":
                return self.url(key, required=field.required)
            case "email":
                return self.email(key)
            case "slug":
                return self.slug(key, required=field.required)
            case "colour":
                return self.colour(key)
            case "coordinate":
                return self._coordinate(key, limit or 0)
            case "synonyms":
                return self.synonyms(key)
            case "phone":
                return self.phone(key, limit=limit)
            case "postcode":
                return self.postcode(key, limit=limit)
            case "address":
                return self.address(field)
            case "position":
                return self.geo(key)
            case "location":
                return self.location(field)
            case "opening_hours":
                return self.opening_hours(key)
            case "image":
                return self.image()
            case "boolean":
                return self.boolean(key)
            case "integer":
                return self.integer(key)
            case "when":
                return self.when(key, required=field.required)
            case "end":
                return self.end(key, context.get("start"))
            case "day":
                return self.day(key, required=field.required)
            case "timestamp":
                return self.timestamp(key)
            case "recurrence":
                return self.recurrence(key, context.get("start"))
            case "exdates":
                return self.exdates(key, context.get("start"))
        raise ValueError(f"no checker '{field.check}' for the field '{key}'")

    # ---- text

    def text(
        self,
        key: str,
        *,
        required: bool = False,
        max_length: int | None = None,
        allow_number: bool = False,
    ) -> str:
        """A single line of text; numbers are accepted where ``allow_number`` is set."""
        value = self.get(key)
        if value is None or value == "":
            if required:
                self.missing(key)
            return ""
        if allow_number and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.report(key, "must be text, got {value}", value=describe_value(value))
            return ""
        text = _clean_text(value, single_line=True)
        if not text and required:
            self.report(key, "is empty")
        elif _HTML_TAG_RE.search(text):
            self.report(key, _NO_HTML)
            return ""
        elif max_length is not None and len(text) > max_length:
            self.report(key, "is {length} characters long; keep it to at most {limit}",
                        length=len(text), limit=max_length)
            return ""
        return text

    def body(self, body: str) -> tuple[str, str]:
        self.reader.working_on = "body"
        try:
            return render_markdown(body)
        except BodyTooComplexError as exc:
            self.problems.append(_too_complex(self.path, exc))
        except (RecursionError, ValueError) as exc:
            self.problems.append(
                Problem.worded(self.path, "body", "could not be turned into a web page ({reason})",
                               reason=exc)
            )
        return "", ""

    def colour(self, key: str) -> str:
        """A colour as ``#1d5b8f``, in lower case; "" after a problem."""
        color = self.get(key)
        if isinstance(color, str) and _COLOR_RE.match(color.strip()):
            return color.strip().lower()
        if color is None:
            self.report(key, "is empty; write the colour in quotes, like '#1d5b8f' "
                        "(without quotes YAML reads # as the start of a comment)")
        else:
            self.report(key, "must be a colour like '#1d5b8f', got {value}",
                        value=describe_value(color))
        return ""

    def slug(self, key: str, *, required: bool = False) -> str:
        value = self.text(key, required=required)
        if value and not SLUG_RE.match(value):
            self.report(
                key,
                "must use only lowercase letters a-z, digits and hyphens, got '{value}'",
                value=value,
            )
            return ""
        return value

    def _list(self, key: str) -> list[Any]:
        """A list; one bare value counts as a list of one."""
        value = self.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        if isinstance(value, dict):
            self.report(key, "must be a list, got a group of 'key: value' lines")
            return []
        return [value]

    def words(self, key: str, limit: int | None = MAX_TITLE_LENGTH) -> list[str]:
        """A list of short texts, such as tags, each at most `limit` characters."""
        words: list[str] = []
        for number, value in enumerate(self._list(key), start=1):
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                self.report(key, "item {number} must be text, got {value}",
                            number=number, value=describe_value(value))
                continue
            word = _clean_text(value, single_line=True)
            if _HTML_TAG_RE.search(word):
                self.report(key, "item {number} " + _NO_HTML, number=number)
            elif limit is not None and len(word) > limit:
                self.report(key, "item {number} is longer than {limit} characters",
                            number=number, limit=limit)
            elif word and word not in words:
                words.append(word)
        return words

    def _slug_list(
        self, key: str, known: set[str], explain: Callable[[str], Phrase], *,
        required: bool = False
    ) -> list[str]:
        if required and self.data.get(key) in (None, [], ""):
            self.get(key)
            self.missing(key)
            return []
        slugs: list[str] = []
        for number, value in enumerate(self._list(key), start=1):
            if not isinstance(value, str):
                self.report(key, "item {number} must be text, got {value}",
                            number=number, value=describe_value(value))
                continue
            slug = value.strip()
            if slug not in known:
                self.report(key, explain(slug))
            elif slug not in slugs:
                slugs.append(slug)
        return slugs

    def categories(self, *, required: bool = False) -> list[str]:
        return self._slug_list(
            "categories",
            self.reader.category_slugs,
            lambda slug: phrase(
                "'{slug}' is not a category of this village; "
                "use a slug from 'categories' in site.yaml",
                slug=slug,
            ),
            required=required,
        )

    def organisation_slugs(self, key: str) -> list[str]:
        """Organisations an item is about; those left out are dropped with a note."""
        left_out = self.reader.left_out.get(ORGANISATIONS.folder, set())
        values = self._list(key)
        gone = [v.strip() for v in values if isinstance(v, str) and v.strip() in left_out]
        if gone:
            self.notes.append(organisations_left_out(self.path, dict.fromkeys(gone)))
        known = self.reader.organisation_slugs | left_out
        slugs = self._slug_list(key, known, self.reader.explain_unknown_organisation)
        return [slug for slug in slugs if slug not in left_out]

    def organisation_slug(self, key: str) -> str:
        value = self.get(key)
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            self.report(key, "must be the name of one organisation, got {value}",
                        value=describe_value(value))
            return ""
        slug = value.strip()
        if slug in self.reader.left_out.get(ORGANISATIONS.folder, ()):
            self.notes.append(organiser_left_out(self.path, slug))
            return ""
        if slug not in self.reader.organisation_slugs:
            self.report(key, self.reader.explain_unknown_organisation(slug))
            return ""
        return slug

    # ---- contact details

    def url(self, key: str, *, required: bool = False) -> str:
        value = self.text(key, required=required)
        if not value:
            return ""
        if _is_web_address(value):
            return value
        if "://" not in value and re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", value):
            self.report(key, "must be a web address starting with https:// or http://, got "
                        "'{value}'; add https:// in front, like 'https://{value}'", value=value)
        else:
            self.report(key, "must be a web address starting with https:// or http://, got "
                        "'{value}'", value=value)
        return ""

    def email(self, key: str) -> str:
        value = self.text(key)
        if value and not _EMAIL_RE.match(value):
            self.report(key, "must be an email address like 'info@example.nl', got '{value}'",
                        value=value)
            return ""
        return value

    def phone(self, key: str, limit: int | None = 40) -> str:
        value = self.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            # YAML drops the leading 0 of a bare number (and may even read it as octal),
            # so the original number cannot be recovered.
            self.report(
                key,
                "must be written in quotes, like '078 123 45 67'; "
                "as a bare number its leading 0 is lost",
            )
            return ""
        text = self.text(key, max_length=limit)
        if text and not any(ch.isdigit() for ch in text):
            self.report(key, "must hold a phone number, got '{value}'", value=text)
            return ""
        return text

    def address(self, field: Field) -> Address:
        group = self.mapping(field.key)
        if group is None:
            return Address()
        return Address(
            street=group.check(field.part("street")),
            postcode=group.check(field.part("postcode")),
            city=group.check(field.part("city")),
        )

    def postcode(self, key: str, limit: int | None) -> str:
        """A Dutch postcode (1234 AB) or a Belgian one (1234)."""
        value = self.text(key, max_length=limit, allow_number=True)
        if value and not POSTCODE_RE.match(value):
            self.report(key, "must be a postcode like '1234 AB' (the Netherlands) or '1234' "
                        "(Belgium), got '{value}'", value=value)
            return ""
        return value

    def geo(self, key: str) -> Geo | None:
        group = self.mapping(key)
        return group.position() if group is not None else None

    def position(self) -> Geo | None:
        """``lat`` and ``lon`` of this group as a `Geo`."""
        lat = self._coordinate("lat", 90)
        lon = self._coordinate("lon", 180)
        return Geo(lat=lat, lon=lon) if lat is not None and lon is not None else None

    def _coordinate(self, key: str, limit: int) -> float | None:
        value = self.get(key)
        if value is None:
            self.missing(key)
            return None
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and -limit <= value <= limit  # also false for NaN
        ):
            return float(value)
        self.report(key, "must be a number between -{limit} and {limit}, got {value}",
                    limit=limit, value=describe_value(value))
        return None

    def opening_hours(self, key: str) -> list[str]:
        hours: list[str] = []
        for number, value in enumerate(self._list(key), start=1):
            if not isinstance(value, str):
                self.report(key, "item {number} must be text, got {value}",
                            number=number, value=describe_value(value))
                continue
            line = " ".join(_clean_text(value, single_line=True).split())
            if not line:
                continue  # an empty line, as tags skip one
            if not OPENING_HOURS_RE.match(line):
                self.report(
                    key,
                    "item {number} must look like 'Mo-Fr 09:00-17:00' or 'Mo,We 13:00-17:00' "
                    "(days Mo Tu We Th Fr Sa Su, 24-hour times), got {value}",
                    number=number, value=describe_value(value),
                )
                continue
            hours.append(line)
        return hours

    # ---- images

    def image(self) -> ImageRef | None:
        path = self.image_path("image", _IMAGE_SUFFIXES)
        alt = self.text("image_alt", max_length=MAX_SUMMARY_LENGTH)
        if not path:
            return None
        if not alt:
            self.report(
                "image_alt",
                "is required when there is an image: describe what the picture shows, "
                "for people who cannot see it",
            )
            return None
        return ImageRef(path=path, alt=alt)

    def image_path(self, key: str, suffixes: frozenset[str]) -> str:
        """A path relative to the content root of an existing picture file."""
        value = self.text(key)
        if not value:
            return ""
        outside = ("must be a path inside the content folder, like 'media/bakkerij.jpg', "
                   "got '{value}'")
        if value.startswith("/") or "\\" in value or ":" in value:
            self.report(key, outside, value=value)
            return ""
        parts = [part for part in PurePosixPath(value).parts if part != "."]
        if ".." in parts:
            self.report(key, "must be a path inside the content folder, like "
                        "'media/bakkerij.jpg', without '..', got '{value}'", value=value)
            return ""
        relative = PurePosixPath(*parts)
        if relative.suffix.lower() not in suffixes:
            kinds = ", ".join(sorted(s.lstrip(".") for s in suffixes))
            self.report(key, "must be a picture file ({kinds}), got '{value}'",
                        kinds=kinds, value=value)
            return ""
        if not self.reader.check_files:
            return relative.as_posix()
        full = (self.reader.root / relative).resolve()
        # The path itself lies inside content/ (checked above), so only a symbolic link
        # on the way can lead outside it.
        if not full.is_relative_to(self.reader.root):
            self.report(key, _LINK_OUTSIDE, value=value)
            return ""
        if not full.is_file():
            self.report(key, "points to '{path}', but there is no such file", path=relative)
            return ""
        return relative.as_posix()

    # ---- yes/no and numbers

    def boolean(self, key: str) -> bool:
        value = self.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.report(key, "must be true or false, got {value}", value=describe_value(value))
            return False
        return value

    def integer(self, key: str) -> int | None:
        value = self.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.report(key, "must be a whole number, got {value}", value=describe_value(value))
            return None
        return value

    # ---- dates and times

    def _parse(self, key: str, value: Any) -> datetime | date | None:
        try:
            return _parse_when(value, self.reader.zone)
        except ValueError as exc:
            self.report(key, _wording(exc))
            return None

    def when(self, key: str, *, required: bool = False) -> datetime | date | None:
        """A date-time (aware, in the village zone) or a bare date (all day)."""
        value = self.get(key)
        if value is None or value == "":
            if required:
                self.missing(key)
            return None
        return self._parse(key, value)

    def end(self, key: str, start: datetime | date | None) -> datetime | date | None:
        """When an event ends: of the same form as its `start`, and not before it."""
        end = self.when(key)
        if start is None or end is None:
            return end
        if isinstance(end, datetime) != isinstance(start, datetime):
            self.report(key, "must have the same form as start: both a date (all-day event) "
                        "or both a date and time")
            return None
        if end < start:
            self.report(key, "is before start ({end} is earlier than {start})",
                        end=_show(end), start=_show(start))
            return None
        return end

    def day(self, key: str, *, required: bool = False) -> date | None:
        """A calendar date; a date-time counts as its date in the village zone."""
        when = self.when(key, required=required)
        return when.date() if isinstance(when, datetime) else when

    def timestamp(self, key: str) -> datetime | None:
        """A moment; a bare date counts as its midnight in the village zone."""
        when = self.when(key)
        if when is None or isinstance(when, datetime):
            return when
        return datetime.combine(when, time(), tzinfo=self.reader.zone)

    def recurrence(self, key: str, start: datetime | date | None) -> str:
        value = self.text(key)
        if not value:
            return ""
        check = check_rule(value, start, self.reader.zone)
        if check.problem is not None:
            self.report(key, _RULE_MESSAGES[check.problem], value=value, detail=check.detail)
            return ""
        until = rule_parts(check.rule).get("UNTIL", "")
        if until and not FIRST_YEAR <= int(until[:4]) <= LAST_YEAR:
            # Occurrences, the calendar's time zone and UNTIL in UTC are worked out up to
            # the last day of the rule; dates past the years the portal handles overflow.
            self.report(key, _UNTIL_RANGE, first=FIRST_YEAR, last=LAST_YEAR, detail=until)
            return ""
        return check.rule

    def exdates(self, key: str, start: datetime | date | None) -> list[datetime | date]:
        cancelled: list[datetime | date] = []
        for value in self._list(key):
            when = self._parse(key, value)
            if when is None or start is None:
                continue
            if isinstance(start, datetime) and not isinstance(when, datetime):
                # A bare date cancels that day's occurrence, which starts at the usual time.
                try:
                    when = _localize(datetime.combine(when, start.time()), self.reader.zone)
                except ValueError as exc:
                    self.report(key, _wording(exc))
                    continue
            elif not isinstance(start, datetime) and isinstance(when, datetime):
                when = when.date()
            if when not in cancelled:
                cancelled.append(when)
        return sorted(cancelled, key=lambda w: _sort_instant(w, self.reader.zone))

    def location(self, field: Field) -> Location | None:
        key = field.key
        name_field = field.part("name")
        value = self.data.get(key)
        if isinstance(value, str):
            # A plain text location is the name of the place.
            name = self.text(key, max_length=name_field.limit)
            return Location(name=name) if name else None
        group = self.mapping(key)
        if group is None:
            return None
        location = Location(
            name=group.check(name_field),
            address=group.check(field.part("address")),
            geo=group.check(field.part("geo")),
        )
        return location if location.name or location.address or location.geo else None

    # ---- search

    def synonyms(self, key: str) -> list[list[str]]:
        groups: list[list[str]] = []
        for number, group in enumerate(self._list(key), start=1):
            if group in (None, "", []):
                continue  # an empty line
            if not isinstance(group, list) or len(group) < 2:
                self.report(
                    key,
                    "group {number} must be a list of two or more words that mean the same, "
                    "like [huisarts, dokter]",
                    number=number,
                )
                continue
            if not all(isinstance(word, str) and word.strip() and not _HTML_TAG_RE.search(word)
                       for word in group):  # words: plain text, as everywhere
                self.report(key, "group {number} must hold only words", number=number)
                continue
            # Search matches words without regard to case.
            groups.append([_clean_text(word, single_line=True).casefold() for word in group])
        return groups


# Control characters (C0 and C1) except tab and newline: invisible, and some break HTML,
# XML feeds and iCalendar output.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES_RE = re.compile(r"\s+")


def plain_line(value: str) -> str:
    """A single line of text as the build keeps it (see `_clean_text`)."""
    return _clean_text(value, single_line=True)


def looks_like_html(value: str) -> bool:
    """True for text that holds something like an HTML tag, which plain fields refuse."""
    return bool(_HTML_TAG_RE.search(value))


def _clean_text(value: str, *, single_line: bool) -> str:
    """Normalise untrusted text: NFC, no control characters, stripped.

    Single-line text (titles, names) also gets every run of whitespace, including line
    breaks YAML kept, collapsed to one space.
    """
    text = unicodedata.normalize("NFC", value)
    if single_line:
        return _SPACES_RE.sub(" ", _CONTROL_RE.sub("", text.replace("\t", " "))).strip()
    # Bodies keep their leading whitespace: Markdown gives indentation a meaning.
    return _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _is_web_address(value: str) -> bool:
    if any(ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # e.g. a broken IPv6 address
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


def _parse_when(value: Any, zone: ZoneInfo) -> datetime | date:
    """Parse a YAML date/date-time (object or ISO 8601 string) in the village zone.

    Raises ``ValueError`` with a message for the volunteer.
    """
    shown = describe_value(value)
    if isinstance(value, str):
        text = value.strip()
        shown = phrase("'{text}'", text=value)
        try:
            if _DATE_ONLY_RE.match(text):
                value = date.fromisoformat(text)
            else:
                value = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(phrase(_BAD_DATE, value=shown)) from None
    if isinstance(value, date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        # Checked before any zone conversion, which overflows near year 1 and 9999.
        raise ValueError(phrase(_YEAR_RANGE, first=FIRST_YEAR, last=LAST_YEAR, value=shown))
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return _localize(value, zone)
        return value.astimezone(zone)
    if isinstance(value, date):
        return value
    raise ValueError(phrase(_BAD_DATE, value=describe_value(value)))


def _localize(naive: datetime, zone: ZoneInfo) -> datetime:
    """Attach ``zone`` to a wall-clock time, refusing times the clocks skip over."""
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValueError(phrase(
            "{moment} does not exist in {zone}: the clocks jump forward that night; "
            "pick another time",
            moment=f"{naive:%Y-%m-%d %H:%M}", zone=zone.key,
        ))
    return aware


def _sort_instant(when: datetime | date, zone: ZoneInfo) -> datetime:
    """Make dates and date-times comparable: a date sorts at its local midnight."""
    if isinstance(when, datetime):
        return when
    return datetime.combine(when, time(), tzinfo=zone)


def _show(when: datetime | date) -> str:
    return f"{when:%Y-%m-%d %H:%M}" if isinstance(when, datetime) else when.isoformat()


# --------------------------------------------------------------------------------------
# Wording problems


def _problem_from(path: str, err: ContentError) -> Problem:
    """The problem a `ContentError` describes, worded as it was."""
    return Problem(path, err.field, err.message, err.template, err.params)


def _wording(exc: ValueError) -> Phrase:
    """The phrase a ValueError of this module (`_parse_when`, `_localize`) carries."""
    said = exc.args[0] if exc.args else ""
    return said if isinstance(said, Phrase) else phrase("{problem}", problem=str(exc))


def _too_complex(path: str, exc: BodyTooComplexError) -> Problem:
    """The body problem of `render_markdown`, worded from its template in
    `sitegen.markup.TOO_COMPLEX` so that it can be translated."""
    return Problem.worded(path, "body", TOO_COMPLEX[exc.kind], **exc.params)
