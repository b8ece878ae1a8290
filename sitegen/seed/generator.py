"""Write realistic, deterministic Dutch and Flemish demo content in the `content/` format.

`seed()` is what ``portal seed`` runs. It writes villages with a social map, an agenda,
stories, plain pages and drawn pictures, in exactly the layout and front matter that
SPEC.md's "Content format" defines, so that the output can be built, imported into the
CMS and used to test a build at scale.

Determinism is a feature, not an accident: the same arguments give the same bytes in
every file. All randomness comes from `random.Random` instances derived from the `seed`
argument (never the global generator), dates are relative to a fixed anchor instead of
today, YAML keys are written in a fixed order, and pictures carry no timestamps.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.content import slug_from_text
from sitegen.contentfile import dump_content_file, dump_yaml
from sitegen.kinds import EVENTS, ORGANISATIONS, PAGES, STORIES

from . import pictures
from . import vocabulary as voc

#: The default anchor of the agenda. Events fall in the three months after it; stories and
#: `updated` stamps before it. Fixed, so that a run next year writes the same files.
DEFAULT_START_DATE = date(2026, 11, 2)

#: Days after the anchor in which one-off events are placed.
HORIZON_DAYS = 91

#: Most pictures drawn per village; items share them, which keeps large seeds fast.
MAX_PICTURES_PER_VILLAGE = 10

_NL_POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"  # letters used in Dutch postcodes
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # index = date.weekday()
#: The kinds of content file the seed writes, each into its kind's folder.
_FILE_KINDS = (ORGANISATIONS, EVENTS, STORIES, PAGES)

#: (width, height) of the pictures; landscape, portrait and square, 400 to 2400 pixels.
_PICTURE_SIZES = (
    (2400, 1600), (1600, 1067), (1200, 800), (1024, 576), (800, 600), (400, 300),
    (1000, 1500), (800, 1200), (600, 800), (400, 600),
    (1200, 1200), (800, 800), (400, 400),
)


@dataclass(frozen=True)
class SeedSummary:
    """What `seed()` wrote: numbers of files per kind, and the villages' slugs."""

    villages: int
    organisations: int
    events: int
    stories: int
    pages: int
    images: int
    village_slugs: tuple[str, ...] = ()


def slugify(text: str) -> str:
    """Turn a Dutch title into a slug of ``[a-z0-9-]`` (accents dropped, ``'t`` kept as t)."""
    return slug_from_text(text) or "item"


def split_evenly(total: int, parts: int) -> list[int]:
    """Split `total` into `parts` counts that differ by at most one, larger ones first."""
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


# --- writing files ------------------------------------------------------------------------

def _write_markdown(path: Path, front: dict[str, Any], body: str) -> None:
    # The same writer as `portal export`, so seeded files survive an import/export unchanged.
    # The folders are made once per village, not per file: at 20,000 files it shows.
    path.write_bytes(dump_content_file(front, body).encode("utf-8"))


# --- the village being written ------------------------------------------------------------


@dataclass
class _Org:
    """An organisation already written, for events and stories to refer to."""

    slug: str
    title: str
    kind: voc.OrgKind
    categories: list[str]
    address: dict[str, str]
    geo: dict[str, float]
    phone: str
    website: str
    contact_first: str


@dataclass
class _Village:
    """Everything the writers of one village share: its place, its RNG and what exists."""

    index: int
    slug: str
    name: str  # what residents call it, e.g. "Ameide" or "Ameide-Noord"
    place: voc.Place
    country: str  # "NL" or "BE"
    lat: float
    lon: float
    rng: random.Random
    streets: list[str] = field(default_factory=list)
    connectors: list[str] = field(default_factory=list)
    venues: list[dict[str, Any]] = field(default_factory=list)
    pictures: list[tuple[str, str]] = field(default_factory=list)  # (path, alt)
    orgs: list[_Org] = field(default_factory=list)
    slugs: dict[str, set[str]] = field(default_factory=dict)
    portal: str = ""
    email: str = ""
    phone: str = ""

    @property
    def timezone(self) -> str:
        return "Europe/Brussels" if self.country == "BE" else "Europe/Amsterdam"

    @property
    def surnames(self) -> tuple[str, ...]:
        return voc.BE_SURNAMES if self.country == "BE" else voc.NL_SURNAMES

    def unique_slug(self, kind: str, text: str, suffix: str = "") -> str:
        """A slug for `text` (shortened) plus `suffix`, unique among the village's `kind`."""
        taken = self.slugs.setdefault(kind, set())
        base = "-".join(p for p in (slugify(text)[:70].strip("-"), slugify(suffix) if suffix
                                    else "") if p)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug

    def person(self) -> tuple[str, str]:
        """A first name and a surname as written after a first name (``van den Berg``)."""
        return self.rng.choice(voc.FIRST_NAMES), self.rng.choice(self.surnames)

    def phone_number(self) -> str:
        """A phone number in the village's area, formatted the way the country writes it."""
        rng, code = self.rng, self.place.area_code
        digits = str(rng.randint(2, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        if self.country == "NL":
            return f"{code}-{digits[:10 - len(code)]}"
        if len(code) == 2:
            return f"{code} {digits[:3]} {digits[3:5]} {digits[5:7]}"
        return f"{code} {digits[:2]} {digits[2:4]} {digits[4:6]}"

    def address(self) -> dict[str, str]:
        """A street address in the village with a plausible postcode."""
        rng = self.rng
        number = str(rng.randint(1, 160)) + (rng.choice("ab") if rng.random() < 0.12 else "")
        if self.country == "NL":
            letters = "SA"
            while letters in ("SA", "SD", "SS"):  # combinations Dutch postcodes never use
                letters = rng.choice(_NL_POSTCODE_LETTERS) + rng.choice(_NL_POSTCODE_LETTERS)
            postcode = f"{self.place.postcode} {letters}"
        else:
            postcode = self.place.postcode
        return {"street": f"{rng.choice(self.streets)} {number}", "postcode": postcode,
                "city": self.place.name}

    def geo(self) -> dict[str, float]:
        """A position within a kilometre or so of the village centre."""
        return {"lat": round(self.lat + self.rng.uniform(-0.008, 0.008), 5),
                "lon": round(self.lon + self.rng.uniform(-0.012, 0.012), 5)}

    def timestamp(self, before: date, max_days: int) -> datetime:
        """An aware local date-time on a working day up to `max_days` before `before`."""
        day = before - timedelta(days=self.rng.randint(1, max_days))
        moment = datetime.combine(day, time(self.rng.randint(8, 21), self.rng.randint(0, 59)))
        return moment.replace(tzinfo=ZoneInfo(self.timezone))

    def fields(self, org: _Org | None = None, other: _Org | None = None) -> dict[str, str]:
        """Values for every template field (see `vocabulary.TEMPLATE_FIELDS`)."""
        rng = self.rng
        first, surname = self.person()
        website = org.website if org and org.website else f"https://{self.slug}.buurtportaal.example"
        email_domain = website.split("//", 1)[1].removeprefix("www.")
        return {
            "village": self.name,
            "municipality": self.place.municipality,
            "region": self.place.municipality,
            "org": org.title if org else f"Dorpshuis {rng.choice(voc.PLACE_NAMES)}",
            "street": (org.address["street"].rsplit(" ", 1)[0] if org
                       else rng.choice(self.streets)),
            "place": rng.choice(voc.PLACE_NAMES),
            "club": rng.choice(voc.CLUB_NAMES),
            "first": org.contact_first if org else first,
            "surname": surname[0].upper() + surname[1:],
            "phone": org.phone if org and org.phone else self.phone,
            "email": f"info@{email_domain}",
            "website": website,
            "day": voc.DAYS_NL[rng.choice(_WEEKDAYS[:5])],
            "year": str(rng.randint(1998, 2022)),
            "years": str(rng.randint(3, 30)),
            "other_org": other.title if other else "de bibliotheek",
        }

    def picture(self, chance: float) -> dict[str, str]:
        """With probability `chance`, front-matter keys for one of the village's pictures."""
        if not self.pictures or self.rng.random() >= chance:
            return {}
        path, alt = self.rng.choice(self.pictures)
        return {"image": path, "image_alt": alt}


# --- places and villages ------------------------------------------------------------------


def _plan_villages(rng: random.Random, count: int, seed_value: int) -> list[_Village]:
    """Choose `count` villages; every third one (from the second on) is Flemish."""
    pools = {"NL": list(voc.NL_PLACES), "BE": list(voc.BE_PLACES)}
    for pool in pools.values():
        rng.shuffle(pool)
    used = {"NL": 0, "BE": 0}
    villages = []
    for index in range(count):
        country = "BE" if index % 3 == 1 else "NL"
        pool = pools[country]
        lap, position = divmod(used[country], len(pool))
        used[country] += 1
        place = pool[position]
        name, lat, lon = place.name, place.lat, place.lon
        if lap:  # more villages than places: a neighbourhood of a place already used
            suffix = voc.NEIGHBOURHOODS[(lap - 1) % len(voc.NEIGHBOURHOODS)]
            round_no = (lap - 1) // len(voc.NEIGHBOURHOODS)
            name = f"{place.name}-{suffix}" + (f" {round_no + 1}" if round_no else "")
            lat += 0.004 * ((lap % 3) - 1)
            lon += 0.006 * (((lap // 3) % 3) - 1)
        slug = slugify(name)
        villages.append(_Village(
            index=index, slug=slug, name=name, place=place, country=country, lat=lat, lon=lon,
            rng=random.Random(f"buurtportaal-seed:{seed_value}:{index}:{slug}"),
        ))
    return villages


def _prepare(v: _Village) -> None:
    """Choose the village's streets, connectors, venues and contact details."""
    rng = v.rng
    streets = voc.BE_STREETS if v.country == "BE" else voc.NL_STREETS
    v.streets = rng.sample(streets, 14)
    v.connectors = [" ".join(v.person()) for _ in range(rng.randint(2, 4))]
    template = rng.choice(voc.PORTAL_NAMES)
    # "Puur" names are written as one word, like PuurPapendrecht.
    name = "".join(p[:1].upper() + p[1:] for p in re.split(r"[\s-]+", v.name)) \
        if template.startswith("Puur") else v.name
    v.portal = template.format(name=name)
    v.email = f"redactie@{v.slug}.buurtportaal.example"
    v.phone = v.phone_number()
    for template in rng.sample(voc.VENUES, 5):
        v.venues.append({
            "name": template.format(place=rng.choice(voc.PLACE_NAMES),
                                    club=rng.choice(voc.CLUB_NAMES)),
            "address": v.address(),
            "geo": v.geo(),
        })


def _write_site(v: _Village, out: Path) -> int:
    """Write ``site.yaml`` and the logo; returns the number of pictures written."""
    rng = v.rng
    colour = voc.BRAND_COLOURS[(v.index + rng.randint(0, 3)) % len(voc.BRAND_COLOURS)]
    logo = f"media/{v.slug}/logo.png"
    pictures.save_picture(pictures.draw_logo(colour, 256, v.index), out / logo)
    site = {
        "name": v.portal,
        "municipality": v.place.municipality,
        "base_url": f"https://{v.slug}.buurtportaal.example",
        "locale": "nl",
        "timezone": v.timezone,
        "tagline": rng.choice(voc.TAGLINES).format(village=v.name),
        "contact": {"email": v.email, "phone": v.phone},
        "map": {"lat": round(v.lat, 5), "lon": round(v.lon, 5), "zoom": 14},
        "branding": {"logo": logo, "logo_alt": f"Logo van {v.portal}", "primary_color": colour},
        "categories": [{"slug": slug, "name": name} for slug, name in voc.CATEGORIES],
        "search": {"synonyms": [list(group) for group in voc.SYNONYMS]},
    }
    for kind in _FILE_KINDS:
        (out / v.slug / kind.folder).mkdir(parents=True, exist_ok=True)
    (out / v.slug / "site.yaml").write_bytes(dump_yaml(site).encode("utf-8"))
    return 1


def _draw_pictures(v: _Village, out: Path, count: int, start: date) -> int:
    """Draw the village's shared picture pool; the first is a JPEG with camera EXIF."""
    rng = v.rng
    motifs = list(pictures.MOTIFS)
    rng.shuffle(motifs)
    for i in range(count):
        motif = motifs[i % len(motifs)]
        width, height = rng.choice(_PICTURE_SIZES)
        # Every fourth picture a PNG, kept at most 1200 px so PNG encoding stays quick.
        is_png = i % 4 == 3
        if is_png:
            width, height = min(width, 1200), min(height, 1200)
        image = pictures.draw_picture(rng, width, height, motif)
        name = f"{motif}-{i + 1:02d}.{'png' if is_png else 'jpg'}"
        exif = None
        if not is_png and (i == 0 or rng.random() < 0.3):
            # Like a phone photo: GPS position of the village, and for some an orientation
            # tag, so the stored pixels are turned and only the tag makes them upright.
            orientation = 6 if i == 0 else rng.choice((1, 1, 3, 6, 8))
            image = pictures.to_stored_orientation(image, orientation)
            geo = v.geo()
            taken = datetime.combine(start - timedelta(days=rng.randint(1, 300)), time(14, 5))
            exif = pictures.camera_exif(geo["lat"], geo["lon"], orientation, taken)
        path = f"media/{v.slug}/{name}"
        pictures.save_picture(image, out / path, exif)
        v.pictures.append((path, pictures.MOTIF_ALT[motif]))
    return count


# --- organisations ------------------------------------------------------------------------


def _kinds_for(v: _Village, count: int) -> list[voc.OrgKind]:
    """Kinds for `count` organisations: each kind once before any repeats, then weighted."""
    kinds = [k for k in voc.ORG_KINDS if k.country in ("", v.country)]
    first_round = kinds[:]
    v.rng.shuffle(first_round)
    chosen = first_round[:count]
    weights = [k.weight for k in kinds]
    chosen += v.rng.choices(kinds, weights=weights, k=max(0, count - len(chosen)))
    return chosen


def _org_title(v: _Village, kind: voc.OrgKind, taken: set[str]) -> str:
    templates = kind.titles_be if v.country == "BE" and kind.titles_be else kind.titles
    if v.place.municipality == v.name:  # avoid "Bibliotheek Bree, filiaal Bree"
        templates = tuple(t for t in templates
                          if not ("{municipality}" in t and "{village}" in t)) or templates
    title = ""
    for _ in range(6):  # a few tries for a name not yet used in this village
        title = v.rng.choice(templates).format_map(v.fields())
        if title not in taken:
            return title
    return f"{title} ({v.rng.choice(v.streets)})"


def _org_body(v: _Village, kind: voc.OrgKind, fields: dict[str, str], volunteers: bool,
              has_email: bool, has_website: bool, has_other: bool) -> str:
    rng = v.rng
    blocks = rng.sample(kind.paragraphs, rng.randint(1, len(kind.paragraphs)))
    if kind.offers and rng.random() < 0.6:
        items = rng.sample(kind.offers, min(len(kind.offers), rng.randint(3, 5)))
        blocks.append(rng.choice(voc.OFFERS_INTRO) + "\n\n" + "\n".join(f"- {i}" for i in items))
    if volunteers:
        blocks.append(rng.choice(voc.VOLUNTEER_PARAGRAPHS))
    closings = [c for c in voc.ORG_CLOSING
                if (has_email or "{email}" not in c) and (has_website or "{website}" not in c)
                and (has_other or "{other_org}" not in c)]
    blocks += rng.sample(closings, rng.randint(0, min(2, len(closings))))
    if not has_other:
        blocks = [b for b in blocks if "{other_org}" not in b] or blocks[:1]
    return "\n\n".join(b.format_map(fields) for b in blocks[:6])


def _domain(v: _Village, org_slug: str) -> str:
    label = org_slug if v.slug in org_slug else f"{org_slug}-{v.slug}"
    return f"{label[:63].strip('-')}.example"


def _write_organisations(v: _Village, out: Path, count: int, start: date,
                         tick: Callable[[], None]) -> int:
    rng = v.rng
    titles: set[str] = set()
    for kind in _kinds_for(v, count):
        title = _org_title(v, kind, titles)
        titles.add(title)
        slug = v.unique_slug(ORGANISATIONS.folder, title)
        domain = _domain(v, slug)
        website = f"https://www.{domain}" if rng.random() < 0.88 else ""
        has_email = rng.random() < 0.93
        first, _ = v.person()
        org = _Org(slug=slug, title=title, kind=kind, categories=list(kind.categories),
                   address=v.address(), geo=v.geo(), phone=v.phone_number(),
                   website=website, contact_first=first)
        other = rng.choice(v.orgs) if v.orgs else None
        fields = v.fields(org, other)
        fields["email"] = f"{rng.choice(('info', 'contact', slugify(first)))}@{domain}"
        volunteers = rng.random() < kind.volunteers
        front: dict[str, Any] = {
            "title": title,
            "categories": org.categories,
            "summary": rng.choice(kind.summaries).format_map(fields)[:300],
        }
        if rng.random() < 0.96:
            front["address"] = org.address
            front["geo"] = org.geo
        front["phone"] = org.phone
        if has_email:
            front["email"] = fields["email"]
        if website:
            front["website"] = website
        if kind.hours and rng.random() < 0.85:
            front["opening_hours"] = list(rng.choice(kind.hours))
        front["tags"] = rng.sample(kind.tags, min(len(kind.tags), rng.randint(3, 6)))
        front.update(v.picture(0.3))
        if volunteers:
            front["volunteers_wanted"] = True
        front["updated"] = v.timestamp(start, 400)
        body = _org_body(v, kind, fields, volunteers, has_email, bool(website), other is not None)
        _write_markdown(out / v.slug / ORGANISATIONS.folder / f"{slug}.md", front, body)
        v.orgs.append(org)
        tick()
    return count


# --- events -------------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The `nth` (1–4, or -1 for last) `weekday` (0 = Monday) of a month."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _month_add(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _hhmm(moment: time) -> str:
    return moment.strftime("%H:%M")


def _date_nl(day: date) -> str:
    return f"{day.day} {voc.MONTHS_NL[day.month - 1]}"


def _schedule(v: _Village, shape: str, idea: voc.EventIdea, start: date,
              force_dst: bool) -> tuple[dict[str, Any], str]:
    """Front-matter keys for when an event happens, and a Dutch sentence saying so."""
    rng = v.rng
    hour, minute = (int(p) for p in idea.time.split(":"))
    if rng.random() < 0.25 and shape in ("once", "weekly", "monthly"):
        hour = min(20, max(9, hour + rng.choice((-1, 1, 2))))  # same activity, other slot
    at = time(hour, minute)
    length = timedelta(minutes=idea.minutes or 120)
    until_text = ""

    if shape in ("once", "allday", "multiday"):
        day = start + timedelta(days=rng.randint(0, HORIZON_DAYS - 1))
        if shape == "allday":
            return {"start": day}, f"Op {_date_nl(day)}, de hele dag."
        if shape == "multiday":
            last = day + timedelta(days=rng.randint(1, 3))
            return ({"start": day, "end": last},
                    f"Van {_date_nl(day)} tot en met {_date_nl(last)}.")
        begin = datetime.combine(day, at)
        return ({"start": begin, "end": begin + length},
                f"Op {_date_nl(day)} van {_hhmm(at)} tot {_hhmm((begin + length).time())} uur.")

    if shape == "weekly":
        days = sorted(rng.sample(range(6), 2 if rng.random() < 0.1 else 1))
        interval = 2 if len(days) == 1 and rng.random() < 0.1 else 1
        # Many series started before the anchor and simply run on.
        first = start - timedelta(days=7 * rng.randint(0, 8))
        first += timedelta(days=(days[0] - first.weekday()) % 7)
        rule = f"FREQ=WEEKLY;BYDAY={','.join(_WEEKDAYS[d] for d in days)}"
        if interval > 1:
            rule = f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={_WEEKDAYS[days[0]]}"
        stop: date | None = None
        if idea.registration and not force_dst:  # a course: a fixed number of lessons
            lessons = rng.randint(6, 12)
            rule += f";COUNT={lessons}"
            until_text = f" Het gaat om {lessons} bijeenkomsten."
            stop = first + timedelta(weeks=lessons * interval // len(days) + 1)
        elif force_dst or rng.random() < 0.85:
            # Mostly until spring or summer 2027, so that many series cross the change to
            # summer time on 28 March 2027.
            low = date(2027, 4, 1) if force_dst else first + timedelta(weeks=10)
            stop = low + timedelta(days=rng.randint(0, (date(2027, 6, 30) - low).days))
            while stop.weekday() in days:
                # A date-only UNTIL on an occurrence day is read as midnight by some
                # readers (excluding that day) and as "until and including" by others.
                stop -= timedelta(days=1)
            rule += f";UNTIL={stop:%Y%m%d}"
            until_text = f" Tot en met {_date_nl(stop)} {stop.year}."
        names = " en ".join(voc.DAYS_NL[_WEEKDAYS[d]] for d in days)
        text = (f"{'Om de week op' if interval > 1 else 'Elke'} {names} van {_hhmm(at)} tot "
                f"{_hhmm((datetime.combine(first, at) + length).time())} uur.{until_text}")
        occurrences = []
        week = first - timedelta(days=first.weekday())
        last_day = stop or first + timedelta(weeks=40)
        while week <= last_day and len(occurrences) < 60:
            occurrences += [week + timedelta(days=d) for d in days
                            if first <= week + timedelta(days=d) <= last_day]
            week += timedelta(weeks=interval)
        if "COUNT" in rule:
            occurrences = occurrences[:int(rule.rsplit("=", 1)[1])]
    else:  # monthly on the nth weekday
        weekday, nth = rng.randrange(6), rng.choice((1, 1, 2, 3, 4, -1))
        year, month = _month_add(start, -rng.randint(0, 4))
        first = _nth_weekday(year, month, weekday, nth)
        rule = f"FREQ=MONTHLY;BYDAY={nth}{_WEEKDAYS[weekday]}"
        stop = None
        if rng.random() < 0.6:
            stop = date(2027, rng.choice((6, 12)), 30 if rng.random() < 0.5 else 15)
            if stop.weekday() == weekday:  # not on an occurrence day, as for weekly series
                stop -= timedelta(days=1)
            rule += f";UNTIL={stop:%Y%m%d}"
            until_text = f" Tot en met {_date_nl(stop)} {stop.year}."
        text = (f"Elke {voc.ORDINALS_NL[nth]} {voc.DAYS_NL[_WEEKDAYS[weekday]]} van de maand, "
                f"van {_hhmm(at)} tot {_hhmm((datetime.combine(first, at) + length).time())} "
                f"uur.{until_text}")
        occurrences = [_nth_weekday(*_month_add(first, k), weekday, nth) for k in range(14)]
        occurrences = [d for d in occurrences if stop is None or d <= stop]

    begin = datetime.combine(first, at)
    front: dict[str, Any] = {"start": begin, "end": begin + length, "recurrence": rule}
    # Cancel the dates in the Christmas holidays, and now and then one more.
    holidays = [d for d in occurrences
                if (d.month, d.day) >= (12, 24) or (d.month, d.day) <= (1, 3)]
    cancelled = holidays if rng.random() < 0.5 else []
    upcoming = [d for d in occurrences if d >= start and d not in cancelled]
    if upcoming and rng.random() < 0.3:
        cancelled.append(rng.choice(upcoming[:12]))
    if cancelled:
        cancelled = sorted(set(cancelled))
        # Mostly the exact date-time of the cancelled occurrence; sometimes the bare date.
        front["exdates"] = [d if rng.random() < 0.2 else datetime.combine(d, at)
                            for d in cancelled]
        names = [_date_nl(d) for d in cancelled]
        text += " Niet op " + (", ".join(names[:-1]) + " en " if len(names) > 1 else "")
        text += names[-1] + "."
    return front, text


def _event_ideas(v: _Village) -> list[tuple[voc.EventIdea, _Org | None]]:
    ideas: list[tuple[voc.EventIdea, _Org | None]] = [
        (idea, org) for org in v.orgs for idea in org.kind.events]
    hosts = [o for o in v.orgs if o.kind.key in ("buurthuis", "dorpsraad", "dienstencentrum")]
    for idea in voc.GENERIC_EVENTS:
        ideas.append((idea, v.rng.choice(hosts) if hosts else None))
    return ideas


def _write_events(v: _Village, out: Path, count: int, start: date,
                  tick: Callable[[], None]) -> int:
    rng = v.rng
    ideas = _event_ideas(v)
    seen: dict[tuple[str, str], int] = {}
    # The first five events cover every shape the content format allows.
    forced = ["weekly", "monthly", "once", "allday", "multiday"]
    for n in range(count):
        if n < len(forced):
            shape = forced[n]
            idea, org = rng.choice([(i, o) for i, o in ideas if shape in i.shapes])
        else:
            idea, org = rng.choice(ideas)
            shape = rng.choice(idea.shapes)
        fields = v.fields(org, rng.choice(v.orgs) if v.orgs else None)
        title = idea.title.format_map(fields)
        key = (title, org.slug if org else "")
        repeat = seen.get(key, 0)
        seen[key] = repeat + 1
        if repeat == 1:
            title = f"{title} bij {org.title}" if org else f"{title} in {v.name}"
        elif repeat > 1:
            title = f"{title} ({rng.choice(voc.PLACE_NAMES)})"
        when, when_text = _schedule(v, shape, idea, start, force_dst=n == 0)
        dated = shape in ("once", "allday", "multiday")
        slug = v.unique_slug(EVENTS.folder, title, f"{when['start']:%Y-%m-%d}" if dated else "")

        front: dict[str, Any] = {"title": title, **when}
        location = _event_location(v, org)
        if location:
            front["location"] = location
        if org:
            front["organiser"] = org.slug
        front["categories"] = (org.categories if org else ["cultuur-en-ontmoeting"])[:2]
        front["tags"] = list(idea.tags)
        front["summary"] = idea.summary.format_map(fields)
        price = rng.choice(idea.prices)
        front["price"] = price
        registration = ""
        if idea.registration:
            base = org.website if org and org.website else f"https://aanmelden.{v.slug}.example"
            registration = f"{base}/aanmelden/{slug}"
            front["registration_url"] = registration
        front.update(v.picture(0.25))
        front["updated"] = v.timestamp(start, 60)

        blocks = [p.format_map(fields) for p in idea.body]
        practical = [when_text, "Toegang: gratis." if price == "gratis" else f"Kosten: {price}."]
        if registration:
            practical.append(f"Aanmelden kan via [het aanmeldformulier]({registration}).")
        if org:
            practical.append(f"Georganiseerd door {org.title}.")
        blocks.append(" ".join(practical))
        if rng.random() < 0.2:
            blocks.append("Neem mee:\n\n- " + "\n- ".join(
                rng.sample(("een eigen mok", "je leesbril", "gemakkelijke kleding",
                            "wat kleingeld", "je pinpas", "een buurman of buurvrouw"), 3)))
        _write_markdown(out / v.slug / EVENTS.folder / f"{slug}.md", front, "\n\n".join(blocks))
        tick()
    return count


def _event_location(v: _Village, org: _Org | None) -> dict[str, Any]:
    roll = v.rng.random()
    if roll < 0.04:
        return {}
    if org and roll < 0.65:
        return {"name": org.title, "address": org.address, "geo": org.geo}
    return dict(v.rng.choice(v.venues))


# --- stories and pages --------------------------------------------------------------------


def _write_stories(v: _Village, out: Path, count: int, start: date,
                   tick: Callable[[], None]) -> int:
    rng = v.rng
    # Stories are about people, so prefer organisations that work with volunteers.
    subjects = [o for o in v.orgs if o.kind.volunteers > 0] or v.orgs
    for _ in range(count):
        org = rng.choice(subjects) if subjects else None
        other = rng.choice(v.orgs) if len(v.orgs) > 1 else None
        if other is org:
            other = None
        fields = v.fields(org, other)
        author = rng.choice(v.connectors)
        fields["author"] = author
        title = rng.choice(voc.STORY_TITLES).format_map(fields)
        slug = v.unique_slug(STORIES.folder, title)
        front: dict[str, Any] = {
            "title": title,
            "date": start - timedelta(days=rng.randint(0, 540)),
            "author": author,
            "summary": rng.choice(voc.STORY_SUMMARIES).format_map(fields),
        }
        linked = [o.slug for o in (org, other if rng.random() < 0.4 else None) if o]
        if linked:
            front["organisations"] = linked
        front.update(v.picture(0.4))
        front["tags"] = rng.sample(voc.STORY_TAGS, rng.randint(2, 4))

        questions = [qa for qa in voc.STORY_QA if other or "{other_org}" not in "".join(qa[1])]
        chosen = sorted(rng.sample(range(len(questions)), min(len(questions), rng.randint(4, 7))))
        blocks = [rng.choice(voc.STORY_INTROS).format_map(fields)]
        for i in chosen:
            question, answers = questions[i]
            blocks.append(f"**{question.format_map(fields)}**")
            blocks.append(rng.choice(answers).format_map(fields))
        closings = [c for c in voc.STORY_CLOSINGS if org or "{org}" not in c]
        blocks.append(rng.choice(closings).format_map(fields))
        _write_markdown(out / v.slug / STORIES.folder / f"{slug}.md", front, "\n\n".join(blocks))
        tick()
    return count


def _write_pages(v: _Village, out: Path) -> int:
    fields = {"portal": v.portal, "village": v.name, "municipality": v.place.municipality,
              "email": v.email, "phone": v.phone,
              "connectors": ", ".join(v.connectors[:-1]) + " en " + v.connectors[-1]}
    pages = (("over", f"Over {v.portal}", voc.PAGE_OVER), ("contact", "Contact", voc.PAGE_CONTACT),
             ("privacy", "Privacy", voc.PAGE_PRIVACY))
    for order, (slug, title, body) in enumerate(pages, start=1):
        _write_markdown(out / v.slug / PAGES.folder / f"{slug}.md",
                        {"title": title, "menu_order": order}, body.format_map(fields))
    return len(pages)


# --- the entry point ----------------------------------------------------------------------


def _check_counts(**counts: int) -> None:
    for name, value in counts.items():
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
    if counts["villages"] < 1:
        raise ValueError("villages must be at least 1")


def _prepare_out(out: Path, slugs: Iterable[str], force: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not force:
            raise FileExistsError(f"{out} is not empty; choose an empty folder or use force")
        for slug in slugs:  # replace only what this run writes, leave anything else alone
            for folder in (out / slug, out / "media" / slug):
                if folder.is_dir():
                    shutil.rmtree(folder)
    out.mkdir(parents=True, exist_ok=True)


def seed(
    out: Path,
    villages: int = 3,
    organisations: int = 300,
    events: int = 300,
    interviews: int = 30,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    start_date: date | None = None,
    force: bool = False,
) -> SeedSummary:
    """Write demo content for `villages` villages into `out`, in the ``content/`` format.

    `organisations`, `events` and `interviews` (stories) are totals across all villages,
    split as evenly as possible. The same arguments always give byte-identical files.

    Events fall in the three months after `start_date` (default `DEFAULT_START_DATE`,
    2 November 2026, fixed so output does not depend on the day it is run); recurring
    series may have started before it and run into 2027. Every third village, from the
    second on, is Flemish (``Europe/Brussels``).

    `out` must be empty or missing, unless `force` is set: then the folders of the villages
    being written (``out/<village>/`` and ``out/media/<village>/``) are replaced first.

    `progress`, if given, is called as ``progress(done, total)`` while files are written,
    with ``done == total`` at the end. Raises ValueError for negative counts or fewer than
    one village, and FileExistsError for a non-empty `out` without `force`.
    """
    _check_counts(villages=villages, organisations=organisations, events=events,
                  interviews=interviews)
    out = Path(out)
    start = start_date or DEFAULT_START_DATE
    plan = _plan_villages(random.Random(seed), villages, seed)
    _prepare_out(out, [v.slug for v in plan], force)

    org_counts = split_evenly(organisations, villages)
    event_counts = split_evenly(events, villages)
    story_counts = split_evenly(interviews, villages)
    picture_counts = [min(MAX_PICTURES_PER_VILLAGE, 3 + (o + e + s) // 25)
                      for o, e, s in zip(org_counts, event_counts, story_counts, strict=True)]
    # Per village also site.yaml, the logo and three pages.
    total = organisations + events + interviews + sum(picture_counts) + villages * 5
    done = 0
    step = max(1, total // 200)

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if progress and (done % step < n or done == total):
            progress(done, total)

    written = dict.fromkeys(_FILE_KINDS, 0)
    images = 0
    for v, n_org, n_event, n_story, n_pic in zip(
            plan, org_counts, event_counts, story_counts, picture_counts, strict=True):
        _prepare(v)
        images += _write_site(v, out)
        tick(2)
        images += _draw_pictures(v, out, n_pic, start)
        tick(n_pic)
        written[ORGANISATIONS] += _write_organisations(v, out, n_org, start, tick)
        written[EVENTS] += _write_events(v, out, n_event, start, tick)
        written[STORIES] += _write_stories(v, out, n_story, start, tick)
        written[PAGES] += _write_pages(v, out)
        tick(3)
    return SeedSummary(villages=villages, village_slugs=tuple(v.slug for v in plan),
                       organisations=written[ORGANISATIONS], events=written[EVENTS],
                       stories=written[STORIES], pages=written[PAGES], images=images)
