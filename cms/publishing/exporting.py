"""From the CMS to content files: the file of one page, and `portal export` of them all.

Every front-matter key of the content format (SPEC "Content format") is a `Field` below:
how a value in a file reads into the model (`read`, giving the value's *normal form*, the
form the model stores), how the model gives it back (`get`) and how a normal form is
written (`write`). Reading what was written gives the same normal form again; the tests
hold every field to that.

**Round trip.** A file read by `portal import` keeps a snapshot of itself in
``extra["_source"]``: the front matter exactly as it was (the text from the first ``---``
to the line after the closing ``---``), the blank lines around the body and a hash of the
body. Unknown front-matter keys are kept as JSON in ``extra`` under their own names.
When the page is written again, `reconcile` compares key by key, by the fields' normal
forms:

* every key whose model value still has the same normal form is written exactly as the
  file had it: a YAML timestamp stays a timestamp, the string ``'2026-10-06T10:00'`` stays
  that string, ``52.10262`` stays ``52.10262``, categories keep the file's order, and keys
  the CMS does not know inside a known mapping (``address: {country: NL}``) stay;
* a key an editor changed is written from the model, in the canonical form of
  `sitegen.contentfile.dump_yaml`, at its place in the field table's order (the kind's
  key order, `sitegen.kinds.Kind.keys`, which the tables are checked against);
* when no key changed, the original front matter text itself is written back, so a file
  comes out byte for byte as it went in, comments and quoting included.

**updated.** A page whose content changed since its file was read (or that never came
from a file) is written with ``updated`` set to its last publication, when that is later
than the `content_updated` it had: residents see when an entry last changed.

**One pass.** This module decides the whole front matter of a file (`canonical_front`,
then `reconcile` with the snapshot, then ``updated``) and hands the finished mapping to
`sitegen.contentfile`, which only writes it; sitegen never calls back into the CMS.

`page_file` works on any page instance, also an unsaved draft (``revision.as_object()``);
preview and the publish pipeline use it.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cache, cached_property
from pathlib import Path, PurePosixPath
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings

from sitegen.atomic import write_atomically
from sitegen.content import plain_line
from sitegen.contentfile import (
    MISSING,
    ContentFileParts,
    dump_content_file,
    dump_yaml,
    from_json_value,
    read_site_file,
    to_json_value,
)
from sitegen.kinds import KINDS, Kind
from sitegen.yamlsafe import ContentError, split_front_matter

SOURCE = "_source"  # the key in `extra` that holds the snapshot of the file read
DEFAULT_TIMEZONE = "Europe/Amsterdam"
DEFAULT_LOCALE = "nl"

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# --- the village a file belongs to --------------------------------------------------------


class VillageScope:
    """One village as its content files see it: its time zone and its categories' order.

    The importer extends it with look-ups of categories, organisations, authors and
    images by the names files use for them.
    """

    def __init__(self, home) -> None:
        self.home = home
        self.slug = home.slug
        self.zone = zone_of(home.timezone)

    @cached_property
    def category_order(self) -> dict[str, int]:
        from cms.villages.models import Category

        if self.home.pk is None:
            return {}
        slugs = Category.objects.filter(village=self.home).order_by("sort_order", "pk")
        return {slug: index for index, slug in enumerate(slugs.values_list("slug", flat=True))}



class Lookups(Protocol):
    """What storing a file's values in a page needs beyond its `VillageScope`: the
    village's categories, organisations, authors and pictures by the names files use for
    them. Only the import stores values (`cms.publishing.importing.ImportScope`)."""

    home: Any
    slug: str
    zone: ZoneInfo

    def category(self, slug: str) -> Any: ...

    def organisation(self, slug: str) -> Any: ...

    def author(self, name: str) -> Any: ...

    def image(self, path: str) -> Any: ...


def zone_of(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


# --- normal forms -------------------------------------------------------------------------


def line(value: Any) -> str:
    """One line of text, cleaned as the build cleans it; numbers count as text."""
    if value is None or value is MISSING or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(value)
    return plain_line(value) if isinstance(value, str) else ""


def _items(value: Any) -> list[Any]:
    """A list; one bare value counts as a list of one (as the build reads it)."""
    if value is None or value is MISSING:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def words(value: Any) -> tuple[str, ...]:
    found: list[str] = []
    for item in _items(value):
        word = line(item) if isinstance(item, str | int | float) else ""
        if word and word not in found:
            found.append(word)
    return tuple(found)


def slugs(value: Any) -> frozenset[str]:
    return frozenset(item.strip() for item in _items(value) if isinstance(item, str)) - {""}


def slug(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def whole_number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def yes(value: Any) -> bool:
    return value is True


def path(value: Any) -> str:
    text = line(value)
    if not text:
        return ""
    parts = [part for part in PurePosixPath(text).parts if part != "."]
    return PurePosixPath(*parts).as_posix() if parts else ""


def recurrence_rule(value: Any) -> str:
    text = line(value)
    return re.sub(r"^RRULE:", "", text.upper()).replace(" ", "")


def moment(value: Any, zone: ZoneInfo) -> date | datetime | None:
    """A date, or a local wall-clock date-time without zone (offsets converted to `zone`)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if _DATE_ONLY.match(text) else (
                datetime.fromisoformat(text))
        except ValueError:
            return None
    if isinstance(value, datetime):
        return value.astimezone(zone).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return value
    return None


def when(value: Any, zone: ZoneInfo) -> tuple[date, time | None] | None:
    """An event's start or end: (local date, local time or None for all day)."""
    found = moment(value, zone)
    if isinstance(found, datetime):
        return found.date(), found.time()
    return (found, None) if found is not None else None


def day(value: Any, zone: ZoneInfo) -> date | None:
    found = moment(value, zone)
    return found.date() if isinstance(found, datetime) else found


def instant(value: Any, zone: ZoneInfo) -> datetime | None:
    """A moment in time (UTC); a naive date-time is local, a date its local midnight."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if _DATE_ONLY.match(text) else (
                datetime.fromisoformat(text))
        except ValueError:
            return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=zone)).astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=zone).astimezone(UTC)
    return None


def exdates(value: Any, zone: ZoneInfo) -> tuple[str, ...]:
    """Cancelled dates as ISO text in local time, in the file's order."""
    found = (moment(item, zone) for item in _items(value))
    return tuple(item.isoformat() for item in found if item is not None)


def _as_file_moment(text: str) -> date | datetime:
    return date.fromisoformat(text) if _DATE_ONLY.match(text) else datetime.fromisoformat(text)


# --- reconciling a file with the CMS ------------------------------------------------------


def _exactly(value: Any) -> str:
    """A fingerprint that tells 1, 1.0 and true apart, and ignores the order of keys."""
    if value is MISSING:
        return "MISSING"
    return json.dumps(to_json_value(value), sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class FrontKey:
    """How a front-matter key is compared between a file and the CMS.

    `normalise` turns a value from a file (or `MISSING`) into the form the CMS stores:
    two values are the same when their normal forms are equal. `children` are the keys of
    a mapping the CMS manages, compared one by one when the mapping as a whole differs;
    other keys in that mapping are kept. `unordered` marks a list whose order the CMS does
    not keep (categories): the file's order is kept for the entries that remain.
    """

    normalise: Callable[[Any], Any]
    children: Mapping[str, FrontKey] | None = None
    unordered: bool = False


def reconcile(source: Mapping[Any, Any], current: Mapping[Any, Any],
              keys: Mapping[Any, FrontKey], *, keep_unknown: bool = False,
              ) -> tuple[dict[Any, Any], bool]:
    """Merge the front matter a file had (`source`) with what the CMS holds (`current`).

    `current` is the canonical front matter written from the CMS, in canonical key order,
    without keys whose value is empty. For each key of `keys` the source's value is kept
    when it normalises to the same value as the current one, else the current value is
    taken (a mapping with `children` is merged key by key); keys that are new take their
    place in the canonical order. Keys not in `keys` are compared exactly, or kept as they
    are with `keep_unknown` (for keys inside a mapping the CMS does not manage).

    Returns the merged front matter and whether it is the source unchanged.
    """
    merged: dict[Any, Any] = {}
    untouched = True
    for name, old in source.items():
        new = current.get(name, MISSING)
        spec = keys.get(name)
        if spec is None:
            if keep_unknown or _exactly(old) == _exactly(new):
                merged[name] = old
                continue
        elif spec.normalise(old) == spec.normalise(new):
            merged[name] = old
            continue
        untouched = False
        if new is MISSING:
            continue  # the CMS no longer has a value: the key goes
        if spec is not None and spec.children and isinstance(old, dict) and isinstance(new, dict):
            merged[name] = reconcile(old, new, spec.children, keep_unknown=True)[0]
        elif spec is not None and spec.unordered:
            merged[name] = _keep_order(old, new)
        else:
            merged[name] = new
    order = {name: index for index, name in enumerate(current)}
    for name, new in current.items():
        if name in source:
            continue
        spec = keys.get(name)
        if spec is not None and spec.normalise(MISSING) == spec.normalise(new):
            continue  # e.g. the default locale, which the file left out
        untouched = False
        _insert(merged, name, new, order)
    return merged, untouched


def _keep_order(old: Any, new: list[Any]) -> list[Any]:
    """The entries of `new`, those also in `old` first and in `old`'s order."""
    old_items = old if isinstance(old, list) else ([] if old in (None, MISSING) else [old])
    wanted = {str(item).strip(): item for item in new}
    kept: list[Any] = []
    for item in old_items:
        slug = str(item).strip()
        if slug in wanted and slug not in {str(k).strip() for k in kept}:
            kept.append(item)
    seen = {str(item).strip() for item in kept}
    return kept + [item for slug, item in wanted.items() if slug not in seen]


def _insert(merged: dict[Any, Any], name: Any, value: Any, order: Mapping[Any, int]) -> None:
    """Put `name` after the last key that comes before it in the canonical `order`."""
    items = list(merged.items())
    position = 0
    for index, (key, _value) in enumerate(items):
        if key in order and order[key] < order[name]:
            position = index + 1
    items.insert(position, (name, value))
    merged.clear()
    merged.update(items)


# --- fields -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One front-matter key of a kind of file and where the model keeps it.

    `read(value, scope)` gives the normal form of a value from a file (or of `MISSING`),
    `get(page, scope)` the normal form of what the page holds, `put(page, normal, scope)`
    stores a normal form, and `write(normal, scope)` turns it into a file value (`MISSING`
    when the key is left out). `attributes` names the model fields, to report a model's
    validation error on the right key.
    """

    key: str
    read: Callable[[Any, VillageScope], Any]
    get: Callable[[Any, VillageScope], Any]
    put: Callable[[Any, Any, Lookups], None]
    write: Callable[[Any, VillageScope], Any]
    attributes: tuple[str, ...] = ()
    children: dict[str, FrontKey] | None = None
    unordered: bool = False
    deferred: bool = field(default=False)  # stored after the page is saved (site categories)

    def front_key(self, scope: VillageScope) -> FrontKey:
        return FrontKey(lambda value: self.read(value, scope), self.children, self.unordered)


def _or_missing(value: Any) -> Any:
    return value if value not in ("", None, (), frozenset()) and value is not False else MISSING


def text_field(key: str, attribute: str | None = None) -> Field:
    attribute = attribute or key
    return Field(
        key=key, attributes=(attribute,),
        read=lambda value, scope: line(value),
        get=lambda page, scope: line(getattr(page, attribute)),
        put=lambda page, normal, scope: setattr(page, attribute, normal),
        write=lambda normal, scope: _or_missing(normal),
    )


def _set_title(page, normal, scope) -> None:
    page.title = page.draft_title = normal


def title_field(key: str = "title") -> Field:
    return Field(key=key, attributes=("title",), read=lambda value, scope: line(value),
                 get=lambda page, scope: line(page.title), put=_set_title,
                 write=lambda normal, scope: normal)


def _group(attributes: dict[str, str], parts: dict[str, Callable[[Any], Any]]) -> tuple:
    """Normalisers of a mapping's parts: (read mapping -> tuple, get page -> tuple)."""

    def read(value, scope=None):
        value = value if isinstance(value, dict) else {}
        return tuple(parts[key](value.get(key, MISSING)) for key in parts)

    def get(page, scope=None):
        return tuple(parts[key](getattr(page, attributes[key])) for key in parts)

    return read, get


def mapping_field(key: str, attributes: dict[str, str], parts: dict[str, Callable[[Any], Any]],
                  default: Any = None) -> Field:
    """A mapping such as ``contact: {email, phone}`` kept in one model field per part.

    A part whose normal form equals the model's default is left out when written.
    """
    read, get = _group(attributes, parts)
    empty = read({})

    def put(page, normal, scope):
        for attribute, value in zip(attributes.values(), normal, strict=True):
            setattr(page, attribute, value if value is not None or default is None else default)

    def write(normal, scope):
        if normal == empty:
            return MISSING
        return {part: value for part, value in zip(parts, normal, strict=True)
                if _or_missing(value) is not MISSING}

    return Field(key=key, attributes=tuple(attributes.values()), read=read, get=get, put=put,
                 write=write, children={part: FrontKey(parts[part]) for part in parts})


def geo_field(key: str = "geo", lat: str = "lat", lon: str = "lon") -> Field:
    def read(value, scope=None):
        if not isinstance(value, dict):
            return None
        found = (number(value.get("lat")), number(value.get("lon")))
        return None if found == (None, None) else found

    def get(page, scope=None):
        found = (number(getattr(page, lat)), number(getattr(page, lon)))
        return None if found == (None, None) else found

    def put(page, normal, scope):
        setattr(page, lat, normal[0] if normal else None)
        setattr(page, lon, normal[1] if normal else None)

    def write(normal, scope):
        if normal is None:
            return MISSING
        return {k: v for k, v in zip(("lat", "lon"), normal, strict=True) if v is not None}

    return Field(key=key, attributes=(lat, lon), read=read, get=get, put=put, write=write,
                 children={"lat": FrontKey(number), "lon": FrontKey(number)})


def list_field(key: str, normalise: Callable[[Any], tuple] = words) -> Field:
    return Field(
        key=key, attributes=(key,),
        read=lambda value, scope: normalise(value),
        get=lambda page, scope: normalise(getattr(page, key) or []),
        put=lambda page, normal, scope: setattr(page, key, list(normal)),
        write=lambda normal, scope: list(normal) if normal else MISSING,
    )


def image_field(key: str = "image", attribute: str = "image") -> Field:
    from cms.publishing.media import image_path

    def get(page, scope):
        image = getattr(page, attribute) if getattr(page, f"{attribute}_id") else None
        return path(image_path(image, scope.slug)) if image is not None else ""

    def put(page, normal, scope):
        setattr(page, attribute, scope.image(normal) if normal else None)

    return Field(key=key, attributes=(attribute,), read=lambda value, scope: path(value),
                 get=get, put=put, write=lambda normal, scope: _or_missing(normal))


def categories_field(required: bool = False) -> Field:
    def get(page, scope):
        return frozenset(category.slug for category in page.categories.all())

    def put(page, normal, scope):
        page.categories = [found for slug in sorted(normal)
                            if (found := scope.category(slug)) is not None]

    def write(normal, scope):
        order = scope.category_order
        return sorted(normal, key=lambda s: (order.get(s, len(order)), s)) or MISSING

    return Field(key="categories", attributes=("categories",),
                 read=lambda value, scope: slugs(value), get=get, put=put, write=write,
                 unordered=True)


def updated_field() -> Field:
    def get(page, scope):
        return page.content_updated.astimezone(UTC) if page.content_updated else None

    def put(page, normal, scope):
        page.content_updated = normal

    return Field(key="updated", attributes=("content_updated",),
                 read=lambda value, scope: instant(value, scope.zone), get=get, put=put,
                 write=lambda normal, scope: normal.astimezone(scope.zone) if normal
                 else MISSING)


ADDRESS_PARTS = {"street": line, "postcode": line, "city": line}
GEO_PARTS = {"lat": FrontKey(number), "lon": FrontKey(number)}


def address_field(prefix: str = "") -> Field:
    return mapping_field("address", {part: f"{prefix}{part}" for part in ADDRESS_PARTS},
                         ADDRESS_PARTS, default="")


def event_when_field(key: str) -> Field:
    date_attr, time_attr = f"{key}_date", f"{key}_time"

    def get(page, scope):
        on, at = getattr(page, date_attr), getattr(page, time_attr)
        if on is None and at is not None and key == "end":
            on = page.start_date  # an end time alone ends on the day it starts
        return None if on is None else (on, at)

    def put(page, normal, scope):
        setattr(page, date_attr, normal[0] if normal else None)
        setattr(page, time_attr, normal[1] if normal else None)

    def write(normal, scope):
        if normal is None:
            return MISSING
        on, at = normal
        return on if at is None else datetime.combine(on, at)

    return Field(key=key, attributes=(date_attr, time_attr),
                 read=lambda value, scope: when(value, scope.zone), get=get, put=put,
                 write=write)


def exdates_field() -> Field:
    return Field(
        key="exdates", attributes=("exdates",),
        read=lambda value, scope: exdates(value, scope.zone),
        get=lambda page, scope: exdates(page.exdates or [], scope.zone),
        put=lambda page, normal, scope: setattr(page, "exdates", list(normal)),
        write=lambda normal, scope: [_as_file_moment(text) for text in normal] or MISSING,
    )


def location_field() -> Field:
    address = address_field("location_")
    geo = geo_field("geo", "location_lat", "location_lon")

    def read(value, scope=None):
        if isinstance(value, str):
            return (line(value), address.read({}, scope), None)
        value = value if isinstance(value, dict) else {}
        return (line(value.get("name")), address.read(value.get("address"), scope),
                geo.read(value.get("geo"), scope))

    def get(page, scope=None):
        return (line(page.location_name), address.get(page, scope), geo.get(page, scope))

    def put(page, normal, scope):
        page.location_name = normal[0]
        address.put(page, normal[1], scope)
        geo.put(page, normal[2], scope)

    empty = read({})

    def write(normal, scope):
        if normal == empty:
            return MISSING
        written = {"name": _or_missing(normal[0]), "address": address.write(normal[1], scope),
                   "geo": geo.write(normal[2], scope)}
        return {k: v for k, v in written.items() if v is not MISSING}

    children = {"name": FrontKey(line),
                "address": FrontKey(lambda v: address.read(v), address.children),
                "geo": FrontKey(lambda v: geo.read(v), geo.children)}
    return Field(key="location", attributes=("location_name", *address.attributes,
                                             *geo.attributes),
                 read=read, get=get, put=put, write=write, children=children)


def organiser_field() -> Field:
    def get(page, scope):
        return line(page.organiser.slug) if page.organiser_id else ""

    def put(page, normal, scope):
        page.organiser = scope.organisation(normal) if normal else None

    return Field(key="organiser", attributes=("organiser",),
                 read=lambda value, scope: slug(value), get=get, put=put,
                 write=lambda normal, scope: _or_missing(normal))


def author_field() -> Field:
    def get(page, scope):
        return line(page.author.name) if page.author_id else ""

    def put(page, normal, scope):
        page.author = scope.author(normal)

    return Field(key="author", attributes=("author",), read=lambda value, scope: line(value),
                 get=get, put=put, write=lambda normal, scope: normal)


def story_organisations_field() -> Field:
    def get(page, scope):
        return frozenset(org.slug for org in page.organisations.all())

    def put(page, normal, scope):
        page.organisations = [found for s in sorted(normal)
                              if (found := scope.organisation(s)) is not None]

    return Field(key="organisations", attributes=("organisations",),
                 read=lambda value, scope: slugs(value), get=get, put=put,
                 write=lambda normal, scope: sorted(normal) or MISSING, unordered=True)


def date_field() -> Field:
    return Field(key="date", attributes=("date",), read=lambda value, scope: day(value, scope.zone),
                 get=lambda page, scope: page.date,
                 put=lambda page, normal, scope: setattr(page, "date", normal),
                 write=lambda normal, scope: normal if normal is not None else MISSING)


def menu_order_field() -> Field:
    return Field(key="menu_order", attributes=("menu_order",),
                 read=lambda value, scope: whole_number(value),
                 get=lambda page, scope: whole_number(page.menu_order),
                 put=lambda page, normal, scope: setattr(page, "menu_order", normal),
                 write=lambda normal, scope: normal if normal is not None else MISSING)


def volunteers_field() -> Field:
    return Field(key="volunteers_wanted", attributes=("volunteers_wanted",),
                 read=lambda value, scope: yes(value),
                 get=lambda page, scope: bool(page.volunteers_wanted),
                 put=lambda page, normal, scope: setattr(page, "volunteers_wanted", normal),
                 write=lambda normal, scope: True if normal else MISSING)


def recurrence_field() -> Field:
    return Field(key="recurrence", attributes=("recurrence",),
                 read=lambda value, scope: recurrence_rule(value),
                 get=lambda page, scope: recurrence_rule(page.recurrence),
                 put=lambda page, normal, scope: setattr(page, "recurrence", normal),
                 write=lambda normal, scope: _or_missing(normal))


def file_table(kind: Kind, *fields: Field) -> dict[str, Field]:
    """How the CMS reads and writes each key of `kind`'s files, in the kind's key order:
    the `file_fields` table of each app's page model. The kind says which keys there are:
    one missing or one too many is a mistake here."""
    table = {f.key: f for f in fields}
    if set(table) != set(kind.keys):
        raise ValueError(f"the {kind.name} fields of the CMS differ from the kind's: "
                         f"{sorted(set(table) ^ set(kind.keys))}")
    return {key: table[key] for key in kind.keys}


# --- site.yaml ----------------------------------------------------------------------------


def locale_field(locales: Iterable[tuple[str, Any]]) -> Field:
    """The portal's language: one of `locales` (the CMS's choices, code and label)."""
    known = {code for code, _label in locales}

    def read(value, scope=None):
        text = line(value)
        # The CMS offers nl, fr and en; "nl-BE" is Dutch to it, anything else its default.
        if text not in known:
            text = text.split("-")[0]
        return text if text in known else DEFAULT_LOCALE

    return Field(key="locale", attributes=("language",), read=read,
                 get=lambda page, scope: read(page.language),
                 put=lambda page, normal, scope: setattr(page, "language", normal),
                 write=lambda normal, scope: normal)


def timezone_field() -> Field:
    def read(value, scope=None):
        return line(value) or DEFAULT_TIMEZONE

    return Field(key="timezone", attributes=("timezone",), read=read,
                 get=lambda page, scope: read(page.timezone),
                 put=lambda page, normal, scope: setattr(page, "timezone", normal),
                 write=lambda normal, scope: normal)


def map_field() -> Field:
    attributes = {"lat": "map_lat", "lon": "map_lon", "zoom": "map_zoom", "tiles": "map_tiles",
                  "attribution": "map_attribution"}
    parts = {"lat": number, "lon": number, "zoom": whole_number, "tiles": line,
             "attribution": line}
    read, get = _group(attributes, parts)
    empty = read({})

    def put(page, normal, scope):
        for attribute, value in zip(attributes.values(), normal, strict=True):
            setattr(page, attribute, value)

    def write(normal, scope):
        if normal == empty:
            return MISSING
        return {part: value for part, value in zip(parts, normal, strict=True)
                if _or_missing(value) is not MISSING}

    return Field(key="map", attributes=tuple(attributes.values()), read=read, get=get,
                 put=put, write=write, children={p: FrontKey(n) for p, n in parts.items()})


def branding_field() -> Field:
    from cms.publishing.media import image_path

    parts = {"logo": path, "logo_alt": line, "primary_color": line}

    def read(value, scope=None):
        value = value if isinstance(value, dict) else {}
        return tuple(parts[key](value.get(key, MISSING)) for key in parts)

    def get(page, scope):
        logo = path(image_path(page.logo, scope.slug)) if page.logo_id else ""
        return (logo, line(page.logo_alt), line(page.primary_color))

    def put(page, normal, scope):
        page.logo = scope.image(normal[0]) if normal[0] else None
        page.logo_alt, page.primary_color = normal[1], normal[2]

    def write(normal, scope):
        written = {part: _or_missing(value) for part, value in zip(parts, normal, strict=True)}
        return {k: v for k, v in written.items() if v is not MISSING} or MISSING

    return Field(key="branding", attributes=("logo", "logo_alt", "primary_color"), read=read,
                 get=get, put=put, write=write,
                 children={p: FrontKey(n) for p, n in parts.items()})


def site_categories(value: Any) -> tuple[tuple[str, str], ...]:
    """The categories of a site.yaml as (slug, name) pairs, in order, valid ones only."""
    found: list[tuple[str, str]] = []
    for entry in _items(value):
        if isinstance(entry, dict):
            pair = (slug(entry.get("slug")), line(entry.get("name")))
            if all(pair) and pair[0] not in {s for s, _n in found}:
                found.append(pair)
    return tuple(found)


def site_categories_field() -> Field:
    def get(page, scope):
        from cms.villages.models import Category

        if page.pk is None:
            return ()
        rows = Category.objects.filter(village=page).order_by("sort_order", "pk")
        return site_categories([{"slug": c.slug, "name": c.name} for c in rows])

    def put(page, normal, scope):
        from cms.villages.models import Category

        existing = {category.slug: category for category in Category.objects.filter(
            village=page)}
        for index, (category_slug, name) in enumerate(normal):
            category = existing.pop(category_slug, None) or Category(village=page,
                                                                      slug=category_slug)
            if category.pk is None or (category.name, category.sort_order) != (name, index):
                category.name, category.sort_order = name, index
                category.save()
        for gone in existing.values():  # no longer in site.yaml
            gone.delete()

    return Field(key="categories", attributes=("categories",),
                 read=lambda value, scope: site_categories(value), get=get, put=put,
                 write=lambda normal, scope: [{"slug": s, "name": n} for s, n in normal]
                 or MISSING, deferred=True)


def synonyms(value: Any) -> tuple[tuple[str, ...], ...]:
    groups = []
    for group in _items(value):
        if isinstance(group, list) and len(group) >= 2 and all(
                isinstance(word, str) and word.strip() for word in group):
            groups.append(tuple(line(word) for word in group))
    return tuple(groups)


def search_field() -> Field:
    def read(value, scope=None):
        return synonyms(value.get("synonyms")) if isinstance(value, dict) else ()

    return Field(key="search", attributes=("synonyms",), read=read,
                 get=lambda page, scope: synonyms(page.synonyms or []),
                 put=lambda page, normal, scope: setattr(page, "synonyms",
                                                         [list(g) for g in normal]),
                 write=lambda normal, scope: {"synonyms": [list(g) for g in normal]}
                 if normal else MISSING,
                 children={"synonyms": FrontKey(synonyms)})


# --- the snapshot of the file read --------------------------------------------------------


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def unknown_keys(extra: dict | None, known: Iterable[str]) -> dict[Any, Any]:
    """The front-matter keys kept in `extra` that the CMS has no field for."""
    extra = dict(extra or {})
    extra.pop(SOURCE, None)
    values = from_json_value(extra)
    if not isinstance(values, dict):
        return {}
    known = set(known)
    return {key: value for key, value in values.items() if key not in known}


def extra_for(front: dict[Any, Any], known: Iterable[str], snapshot: dict[str, str]) -> dict:
    """What `extra` holds for a file read: its unknown keys and the snapshot of the file."""
    known = set(known)
    unknown = {key: value for key, value in front.items() if key not in known}
    extra = to_json_value(unknown)
    if SOURCE in extra:  # a key of that name in a file must not meet the snapshot
        extra = {"$map": [[to_json_value(k), to_json_value(v)] for k, v in unknown.items()]}
    extra[SOURCE] = snapshot
    return extra


def page_snapshot(parts: ContentFileParts) -> dict[str, str]:
    return {"head": parts.head, "before": parts.before, "after": parts.after,
            "body": body_digest(parts.body)}


def _source_of_page(extra: dict | None) -> tuple[dict[Any, Any], dict[str, str]] | None:
    snapshot = (extra or {}).get(SOURCE)
    if not isinstance(snapshot, dict) or not isinstance(snapshot.get("head"), str):
        return None
    try:
        front, _body = split_front_matter(snapshot["head"])
    except ContentError:
        return None
    return front, snapshot


# --- writing one page ---------------------------------------------------------------------


def _specific(page):
    from cms.core.models import PortalPage

    return page if isinstance(page, PortalPage) else page.specific


def canonical_front(page, fields: dict[str, Field], scope: VillageScope) -> dict[Any, Any]:
    """The front matter the model holds, in canonical order, empty values left out."""
    front: dict[Any, Any] = {}
    for key, spec in fields.items():
        value = spec.write(spec.get(page, scope), scope)
        if value is not MISSING:
            front[key] = value
    for key, value in unknown_keys(page.extra, fields).items():
        front[key] = value
    return front


def _front_keys(fields: dict[str, Field], scope: VillageScope) -> dict[str, FrontKey]:
    return {key: spec.front_key(scope) for key, spec in fields.items()}


def _stamped(page, fields: dict[str, Field], scope: VillageScope,
             front: dict[Any, Any]) -> dict[Any, Any] | None:
    """`front` with ``updated`` set to the page's last publication, when that is later than
    the `content_updated` it holds (None when it is not), keys in the table's order."""
    published = getattr(page, "last_published_at", None)
    if "updated" not in fields or published is None:
        return None
    if page.content_updated is not None and published <= page.content_updated:
        return None
    # Whole seconds, as people write them: the microseconds of a click mean nothing here.
    stamped = {**front, "updated": fields["updated"].write(
        published.astimezone(UTC).replace(microsecond=0), scope)}
    order = {key: index for index, key in enumerate(fields)}
    return dict(sorted(stamped.items(), key=lambda item: order.get(item[0], len(order))))


def _front_to_write(page, fields: dict[str, Field], scope: VillageScope, body: str,
                    source: tuple[dict[Any, Any], dict[str, str]] | None,
                    ) -> dict[Any, Any] | None:
    """The front matter of `page`'s file, or None when the file's own front matter text
    (the snapshot's ``head``) is to be written as it was."""
    current = canonical_front(page, fields, scope)
    stamped = _stamped(page, fields, scope, current)
    if source is None:
        return current if stamped is None else stamped
    front, snapshot = source
    keys = _front_keys(fields, scope)
    merged, untouched = reconcile(front, current, keys)
    if untouched and snapshot.get("body") == body_digest(body):
        return None  # nothing changed since the file was read
    if stamped is not None:  # something changed: it did so at the last publication
        merged, untouched = reconcile(front, stamped, keys)
    return None if untouched else merged  # untouched: only the body changed


def page_text(page, scope: VillageScope) -> str:
    """The content file text of `page` (organisation, event, story or plain page).

    The front matter is decided here (`_front_to_write`) and written in one call of
    `sitegen.contentfile.dump_content_file`; when it did not change, the file's own text
    around the body is kept instead.
    """
    fields = type(page).file_fields
    body = (getattr(page, "body", "") or "").strip()
    source = _source_of_page(page.extra)
    front = _front_to_write(page, fields, scope, body, source)
    if front is None:
        snapshot = source[1]
        return snapshot["head"] + snapshot.get("before", "\n") + body + snapshot.get(
            "after", "\n")
    return dump_content_file(front, body)


def page_file(page, village=None) -> tuple[str, str]:
    """(path relative to the content root, full text) of the content file of `page`.

    Works for saved pages and unsaved drafts alike. `village` (its home page) may be given
    when the page is not in the tree yet. A village home page gives its ``site.yaml``.
    Raises ValueError for a page without a file of its own (index pages) or outside any
    village.
    """
    from cms.villages.models import VillageHomePage

    page = _specific(page)
    if isinstance(page, VillageHomePage):
        return content_rel_path(page, page), site_yaml_text(page)
    if not page.content_folder:
        raise ValueError(f"{type(page).__name__} '{page.title}' has no content file of its own")
    home = village or page.get_village()
    if home is None:
        raise ValueError(f"'{page.title}' does not belong to a village")
    return content_rel_path(page, home), page_text(page, VillageScope(home))


def content_rel_path(page, village) -> str | None:
    """Where the content file of `page` of `village` lies, relative to the content root:
    ``<village>/site.yaml`` for the village's home, ``<village>/<folder>/<slug>.md`` for a
    kind with files of its own, None for a section (sociale kaart, agenda, verhalen)."""
    if page.pk is not None and page.pk == village.pk or page is village:
        return f"{village.slug}/site.yaml"
    folder = getattr(page, "content_folder", "")
    return f"{village.slug}/{folder}/{page.slug}.md" if folder else None


def site_yaml_text(village) -> str:
    """The ``site.yaml`` of a village (its home page, saved or a draft)."""
    scope = VillageScope(village)
    fields = type(village).file_fields
    current = canonical_front(village, fields, scope)
    snapshot = (village.extra or {}).get(SOURCE)
    if isinstance(snapshot, dict) and isinstance(snapshot.get("text"), str):
        try:
            source = read_site_file(snapshot["text"])
        except ContentError:
            source = None
        if source is not None:
            merged, untouched = reconcile(source, current, _front_keys(fields, scope))
            return snapshot["text"] if untouched else dump_yaml(merged)
    return dump_yaml(current)


# --- writing files ------------------------------------------------------------------------


def _root(content_root: Path | None) -> Path:
    return Path(content_root) if content_root is not None else Path(settings.PORTAL_CONTENT_ROOT)


def _write_site(home, root: Path) -> Path:
    from cms.publishing.media import write_image_file

    target = root / home.slug / "site.yaml"
    write_atomically(target, site_yaml_text(home))
    if home.logo_id:
        write_image_file(home.logo, root, home.slug)
    return target


def write_page_file(page, content_root: Path | None = None) -> Path:
    """Write the content file of `page` atomically, with the picture it shows.

    The village's ``site.yaml`` (and logo) is written too when it is missing; for a
    village home page it is the file itself. Index pages have no file of their own: for
    them the ``site.yaml`` path is returned. Raises ValueError outside a village.
    """
    from cms.publishing.media import write_image_file
    from cms.villages.models import VillageHomePage

    root = _root(content_root)
    page = _specific(page)
    home = page if isinstance(page, VillageHomePage) else page.get_village()
    if home is None:
        raise ValueError(f"'{page.title}' does not belong to a village")
    site = root / home.slug / "site.yaml"
    if page is home or not site.exists():
        _write_site(home, root)
    if page is home or not page.content_folder:
        return site
    rel, text = page_file(page, village=home)
    target = root / rel
    write_atomically(target, text)
    if getattr(page, "image_id", None):
        write_image_file(page.image, root, home.slug)
    return target


def remove_page_file(page, content_root: Path | None = None, slug: str | None = None,
                     village=None) -> bool:
    """Remove the content file of `page` (under its old `slug` if given); True if removed.

    `village` (a home page or its slug) names the village when the page has left it
    (moved or deleted). For a village home page its ``site.yaml`` goes: the village is no
    longer published.
    """
    from cms.villages.models import VillageHomePage

    root = _root(content_root)
    page = _specific(page)
    if isinstance(village, str):
        village_slug = village
    elif village is not None:
        village_slug = village.slug
    elif isinstance(page, VillageHomePage):
        village_slug = slug or page.slug
    else:
        home = page.get_village()
        village_slug = home.slug if home is not None else None
    if village_slug is None:
        return False
    if isinstance(page, VillageHomePage):
        target = root / village_slug / "site.yaml"
    elif page.content_folder:
        target = root / village_slug / page.content_folder / f"{slug or page.slug}.md"
    else:
        return False
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    return True


# --- portal export ------------------------------------------------------------------------


@cache  # the models do not change once Django has loaded them
def page_models() -> tuple:
    """The page models whose pages are content files, one per kind with a folder."""
    from django.apps import apps

    from cms.core.models import PortalPage

    models = [model for model in apps.get_models()
              if issubclass(model, PortalPage) and model.content_folder]
    return tuple(sorted(models, key=lambda model: KINDS.index(model.kind)))


def _page_models():
    """A query per page model of every page, with what writing its file reads of other
    tables (its own foreign keys and many-to-many fields) fetched along."""
    queries = []
    for model in page_models():
        own = [f for f in model._meta.local_fields if f.is_relation and not f.primary_key]
        queries.append(model.objects.select_related(*[f.name for f in own])
                       .prefetch_related(*[f.name for f in model._meta.local_many_to_many]))
    return queries


def export_content(out: Path, report=sys.stderr, villages: list[str] | None = None) -> int:
    """Write every published village, page and picture of the CMS under `out`.

    Files already in `out` are overwritten when the CMS has them, and otherwise left
    alone. `villages` (slugs) limits the export to those villages and their pictures.
    Returns 0 when everything was written, 1 when some files could not be (each reported
    as ``path: file: message``), 2 when nothing could be written.
    """
    from cms.core.models import PortalImage
    from cms.publishing.media import image_path, safe_content_path, write_image_file
    from cms.villages.models import VillageHomePage

    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"portal export: {out} cannot be written ({exc.strerror})", file=report)
        return 2
    problems = 0
    counts = {"villages": 0, "files": 0, "images": 0}
    pictures: dict[str, Any] = {}  # path -> image; each picture written once

    def note(rel: str, error: Exception) -> None:
        nonlocal problems
        problems += 1
        print(f"{rel}: file: could not be written ({error})", file=report)

    homes = VillageHomePage.objects.live().order_by("path").select_related("logo")
    if villages is not None:
        homes = homes.filter(slug__in=villages)
    for home in homes:
        scope = VillageScope(home)
        try:
            write_atomically(out / home.slug / "site.yaml", site_yaml_text(home))
        except (OSError, ValueError, TypeError) as exc:
            note(f"{home.slug}/site.yaml", exc)
            continue
        counts["villages"] += 1
        counts["files"] += 1
        if home.logo_id:
            pictures.setdefault(image_path(home.logo, home.slug), (home.logo, home.slug))
        for queryset in _page_models():
            for page in queryset.live().descendant_of(home).order_by("path"):
                rel = f"{home.slug}/{page.content_folder}/{page.slug}.md"
                try:
                    write_atomically(out / rel, page_text(page, scope))
                except (OSError, ValueError, TypeError) as exc:
                    note(rel, exc)
                    continue
                counts["files"] += 1
                if getattr(page, "image_id", None):
                    pictures.setdefault(image_path(page.image, home.slug), (page.image, home.slug))
    library = PortalImage.objects.exclude(content_path="").order_by("content_path")
    for image in library if villages is None else ():
        pictures.setdefault(image.content_path, (image, ""))
    for rel, (image, village_slug) in sorted(pictures.items()):
        if safe_content_path(rel) is None:
            note(rel, ValueError("the path leads outside the content folder"))
            continue
        try:
            write_image_file(image, out, village_slug)
        except OSError as exc:
            note(rel, exc)
            continue
        counts["images"] += 1
    print(f"{counts['villages']} villages exported to {out}: {counts['files']} content files, "
          f"{counts['images']} pictures, {problems} problems", file=report)
    return 1 if problems else 0
