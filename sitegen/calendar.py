"""The village agenda as an iCalendar feed (RFC 5545), served as ``agenda.ics``.

Residents subscribe to it in their calendar app, so it must stay valid and stable: one
VEVENT per event (recurring events carry their RRULE and EXDATEs instead of being
expanded), a UID that never changes between builds, times with the village's TZID and a
VTIMEZONE describing that zone, and the same bytes for the same input.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import MAXYEAR, UTC, date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vDuration, vRecur
from icalendar import Event as VEvent

from .model import Event, Location, Organisation, Village
from .recurrence import has_ended, local_until, rule_parts

__all__ = [
    "KEEP_PAST_DAYS",
    "PRODID",
    "LaterEntry",
    "build_calendar",
    "event_description",
    "event_location",
    "event_uid",
    "event_url",
    "feed_entry",
    "truncate_text",
]

PRODID = "-//buurtportaal//agenda//NL"
# Events that ended longer ago than this are left out of the feed; recent ones stay so a
# calendar app does not drop an event the day after it happened.
KEEP_PAST_DAYS = 30
# Longest body text put in DESCRIPTION; calendar apps show it in a small pane.
DESCRIPTION_BODY_CHARS = 1000
# How often subscribers are asked to fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=12)


def event_uid(event: Event, village: Village) -> str:
    """The event's UID: derived from slugs only, so it is the same on every build."""
    return f"{event.slug}@{village.slug}.buurtportaal"


def event_url(event: Event, village: Village) -> str:
    """Absolute URL of the event's page on the portal."""
    return village.absolute_url(event.url)


def truncate_text(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary, marked with an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def event_description(event: Event, village: Village, organiser: Organisation | None = None) -> str:
    """Plain-text description for calendar apps: summary, body, practical details, link.

    The organiser's name is mentioned here when there is no e-mail address to put in
    ORGANIZER, so residents still see who organises the event.
    """
    blocks: list[str] = []
    if event.summary:
        blocks.append(event.summary.strip())
    body = truncate_text(event.body_text, DESCRIPTION_BODY_CHARS)
    if body and body != event.summary.strip():
        blocks.append(body)
    details: list[str] = []
    if organiser is not None and not organiser.email:
        details.append(f"Organisatie: {organiser.title}")
    if event.price:
        details.append(f"Prijs: {event.price}")
    if event.registration_url:
        details.append(f"Aanmelden: {event.registration_url}")
    if details:
        blocks.append("\n".join(details))
    blocks.append(f"Meer informatie: {event_url(event, village)}")
    return "\n\n".join(blocks)


def event_location(event: Event, organiser: Organisation | None) -> Location | None:
    """Where the event takes place; without a location of its own, at its organiser's."""
    if event.location is not None:
        return event.location
    if organiser is not None and (organiser.address or organiser.geo):
        return Location(name=organiser.title, address=organiser.address, geo=organiser.geo)
    return None


def _utc(moment: datetime) -> datetime:
    # Content timestamps are aware; a naive one is taken as UTC rather than guessed local.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(tz).replace(microsecond=0)


def _day(value: datetime | date, tz: ZoneInfo) -> date:
    return _local(value, tz).date() if isinstance(value, datetime) else value


def _rrule(event: Event, tz: ZoneInfo) -> vRecur:
    """The event's rule with UNTIL in the form RFC 5545 requires for its DTSTART.

    With a TZID start UNTIL must be UTC; with a DATE start it must be a DATE. A date UNTIL
    on a timed event means "up to and including that day" in local time.
    """
    parts = rule_parts(event.recurrence)
    if "UNTIL" in parts:
        last = local_until(parts["UNTIL"], tz)
        if event.all_day:
            parts["UNTIL"] = last.strftime("%Y%m%d")
        else:
            parts["UNTIL"] = _utc(last.replace(tzinfo=tz)).strftime("%Y%m%dT%H%M%SZ")
    return vRecur.from_ical(";".join(f"{name}={value}" for name, value in parts.items()))


def _exdates(event: Event, tz: ZoneInfo) -> list[datetime] | list[date]:
    """EXDATEs in the same form as DTSTART, sorted and without duplicates."""
    if event.all_day:
        return sorted({_day(ex, tz) for ex in event.exdates})
    assert isinstance(event.start, datetime)
    wall = _local(event.start, tz).time()
    times: set[datetime] = set()
    for ex in event.exdates:
        if isinstance(ex, datetime):
            times.add(_local(ex, tz))
        else:
            # A cancelled day of a timed event: the occurrence starting that day.
            times.add(datetime.combine(ex, wall).replace(tzinfo=tz))
    return sorted(times)


def _vevent(
    event: Event,
    village: Village,
    tz: ZoneInfo,
    organiser: Organisation | None,
    now: datetime,
) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", event_uid(event, village))
    vevent.add("dtstamp", _utc(event.updated or now))
    if event.updated is not None:
        vevent.add("last-modified", _utc(event.updated))
    vevent.add("summary", event.title)
    if event.all_day:
        first = _day(event.start, tz)
        last = _day(event.end, tz) if event.end is not None else first
        vevent.add("dtstart", first)
        # DTEND of a DATE event is exclusive: the day after the last day.
        vevent.add("dtend", max(last, first) + timedelta(days=1))
    else:
        assert isinstance(event.start, datetime)
        vevent.add("dtstart", _local(event.start, tz))
        if isinstance(event.end, datetime):
            vevent.add("dtend", _local(event.end, tz))
    if event.recurrence:
        vevent.add("rrule", _rrule(event, tz))
        if event.exdates:
            vevent.add("exdate", _exdates(event, tz))
    vevent.add("description", event_description(event, village, organiser))
    vevent.add("url", event_url(event, village))
    where = event_location(event, organiser)
    if where is not None:
        text = ", ".join(p for p in (where.name, where.address.one_line()) if p)
        if text:
            vevent.add("location", text)
        if where.geo is not None:
            vevent.add("geo", (where.geo.lat, where.geo.lon))
    if organiser is not None and organiser.email:
        vevent.add("organizer", f"mailto:{organiser.email}", parameters={"CN": organiser.title})
    if event.categories:
        names = []
        for slug in event.categories:
            category = village.category(slug)
            names.append(category.name if category is not None else slug)
        vevent.add("categories", names)
    vevent.add("status", "CONFIRMED")
    return vevent


def _timezone(tz: ZoneInfo, events: list[Event], now: datetime) -> Timezone:
    """VTIMEZONE of the village's zone for the years the feed's events need.

    It covers the earliest event start until ten years after the latest, so a recurring
    event's coming years are described too (apps that know the TZID use their own data).
    """
    years = [now.astimezone(tz).year]
    years += [_day(event.start, tz).year for event in events]
    first = date(max(min(years), 1970), 1, 1)
    last = date(min(max(years) + 10, MAXYEAR), 1, 1)
    return Timezone.from_tzid(tz.key, first_date=first, last_date=last)


def feed_entry(
    event: Event,
    village: Village,
    organisations: Mapping[str, Organisation],
    now: datetime,
    check: bool = True,
) -> VEvent | LaterEntry | None:
    """The VEVENT of `event` in the feed of `village` at `now`; None when the event ended
    before the day `KEEP_PAST_DAYS` days ago (whole days, so an event leaves the feed at
    midnight: `sitegen.resolve.settled_until` relies on it). Raises what keeps the event
    out of the feed, so that the build can tell before it writes a page
    (`sitegen.resolve.feed_entry`); with `check` False it is known to fit, and made only
    when the feed is written (a `LaterEntry`)."""
    tz = ZoneInfo(village.timezone)
    kept_from = now.astimezone(tz).date() - timedelta(days=KEEP_PAST_DAYS)
    if has_ended(event, tz, datetime.combine(kept_from, time(), tzinfo=tz)):
        return None
    organiser = organisations.get(event.organiser) if event.organiser else None
    if not check:  # known to fit: made only if the feed is written (`build_calendar`)
        return LaterEntry(partial(_vevent, event, village, tz, organiser, now))
    vevent = _vevent(event, village, tz, organiser, now)
    vevent.to_ical()  # what cannot be written fails here, not in build_calendar's to_ical
    return vevent


@dataclass(frozen=True)
class LaterEntry:
    """The VEVENT of an event known to fit the feed, to be made when the feed is written:
    most builds leave the feed as it was (`sitegen.incremental`) and need none."""

    make: Callable[[], VEvent]


def build_calendar(
    village: Village,
    events: list[Event] | tuple[Event, ...],
    organisations: Mapping[str, Organisation],
    now: datetime,
    on_error: Callable[[Event, Exception], None] | None = None,
    entries: Mapping[str, VEvent | None] | None = None,
) -> bytes:
    """The village agenda as RFC 5545 bytes.

    `now` (aware) is the build time: it decides which events are left out (those that ended
    more than `KEEP_PAST_DAYS` ago, including recurring events whose rule has run out) and
    is the DTSTAMP of events without an `updated` time. `organisations` maps slugs to the
    village's organisations, for ORGANIZER and LOCATION. Same input, same bytes.

    With `on_error`, an event that cannot be put in the feed is left out of it and passed
    to `on_error` with the exception, so one event never takes the feed with it; without,
    the exception is raised. `entries` are the events' `feed_entry`s made already (by
    `sitegen.resolve`), by slug: they are used instead of making them again.
    """
    tz = ZoneInfo(village.timezone)
    vevents: dict[str, VEvent] = {}
    kept: list[Event] = []
    for event in events:
        try:
            vevent = (entries[event.slug] if entries is not None
                      else feed_entry(event, village, organisations, now))
            if isinstance(vevent, LaterEntry):
                vevent = vevent.make()
        except Exception as exc:
            if on_error is None:
                raise
            on_error(event, exc)
            continue
        if vevent is not None:
            vevents[event.slug] = vevent
            kept.append(event)
    kept.sort(key=lambda event: (_day(event.start, tz), event.slug))

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{village.name} agenda")
    calendar.add("x-wr-timezone", village.timezone)
    calendar.add("x-wr-caldesc", f"Activiteiten in {village.municipality} ({village.name})")
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    calendar.add_component(_timezone(tz, kept, now))
    for event in kept:
        calendar.add_component(vevents[event.slug])
    return calendar.to_ical()
