"""Resolving a village: from the items read to the frozen data the portal is rendered from.

The step between reading (`sitegen.content`) and rendering (the generators of
`sitegen.plugins.portal`). `resolve` applies the rules that reach beyond one file (an
organiser or an organisation that was left out, addresses the portal keeps for itself, a
story scheduled for later, an event the calendar feed cannot hold), works out every
event's dates and groups the items the way the pages list them. Out comes a `Portal`:
frozen, with every problem found, so that rendering changes nothing and the order the
generators run in does not matter. The same content at the same moment gives an equal
Portal, and the content itself is never changed (an item that changes is a copy).

Each rule is a function of one item and what it refers to (`resolve_organisation`,
`resolve_event`, …), so that a later step can keep an item's outcome by its content's
hash. Deriving images is the one piece of I/O and is passed in (`images`); the build
passes its image processor's, a check of references passes nothing. No Pelican here: the
CMS can resolve a village to check a page, a preview to render one.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from sitegen import calendar
from sitegen.budget import DEFAULT_ITEM_SECONDS, ItemBudget, OverBudget, over_budget
from sitegen.content import item_failed, organisations_left_out, organiser_left_out
from sitegen.kinds import CATEGORY_SEGMENT, KINDS
from sitegen.model import (
    Category,
    Event,
    ImageRef,
    Occurrence,
    Organisation,
    Page,
    Problem,
    Story,
    Village,
    VillageContent,
)
from sitegen.recurrence import expand_occurrences, upcoming

if TYPE_CHECKING:
    from sitegen.readcache import FeedChecks

__all__ = [
    "RESERVED_PAGE_SLUGS",
    "ImageCheck",
    "Portal",
    "Resolved",
    "feed_entry",
    "keep_images",
    "resolve",
    "resolve_event",
    "resolve_organisation",
    "resolve_page",
    "resolve_story",
    "resolve_village",
    "sort_key",
]

# Top-level paths a plain page may not take, because the portal's own sections live there.
RESERVED_PAGE_SLUGS = frozenset({kind.section for kind in KINDS if kind.section} | {
    kind.feed.split("/")[0] for kind in KINDS if "/" in kind.feed
} | {"zoeken", "theme", "media", "index", "404"})

T = TypeVar("T")

#: Derives the images of `ref` for the item in file `source` (its field `field`); returns
#: the problem when the image cannot be used, None when it can.
ImageCheck = Callable[[ImageRef, str, str], "Problem | None"]


def keep_images(ref: ImageRef, source: str, field: str) -> Problem | None:
    """An `ImageCheck` that takes every image as usable without looking at it: for
    resolving without the pictures at hand (the reader checked their paths)."""
    return None


@dataclass(frozen=True)
class Resolved(Generic[T]):
    """One item after the rules: as the portal shows it (None: left out) and the problems
    found with it (notes, when it is kept)."""

    item: T | None
    problems: tuple[Problem, ...] = ()
    occurrences: tuple[Occurrence, ...] = ()  # an event's dates, in order

    @property
    def kept(self) -> bool:
        return self.item is not None


@dataclass(frozen=True)
class Portal:
    """One village as it is rendered: what each page lists, resolved and frozen.

    The field names are the names the templates know them by (the generators publish
    every field into their context). `problems` holds everything wrong with the village's
    content: the reader's problems first, then the resolver's, in the order of the items.
    """

    village: Village  # without a logo that cannot be used
    now: datetime  # the moment the build pretends it is: it decides what is upcoming
    organisations: tuple[Organisation, ...]
    organisations_by_slug: Mapping[str, Organisation]
    categories: tuple[tuple[Category, tuple[Organisation, ...]], ...]  # with their members
    # What menus and tiles show of the social map: how many there are, per category (so
    # an edit that leaves the numbers alone leaves those pages alone, `sitegen.incremental`)
    organisation_count: int
    category_counts: tuple[tuple[Category, int], ...]
    plain_pages: tuple[Page, ...]
    menu_pages: tuple[Page, ...]  # the plain pages with a menu_order, in that order
    events: tuple[Event, ...]
    occurrences_by_event: Mapping[str, tuple[Occurrence, ...]]  # event slug -> its dates
    # event slug -> its VEVENT in the calendar feed (or a `calendar.LaterEntry`), or None
    feed_entries: Mapping[str, Any]
    upcoming: tuple[Occurrence, ...]  # every event's dates, in order
    events_by_organiser: Mapping[str, tuple[tuple[Event, Occurrence], ...]]  # next dates
    stories: tuple[Story, ...]  # published ones, newest first
    stories_by_organisation: Mapping[str, tuple[Story, ...]]
    problems: tuple[Problem, ...]

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.village.timezone)

    @property
    def today(self) -> date:
        """The village's date at `now`."""
        return self.now.astimezone(self.tz).date()


def resolve(
    content: VillageContent,
    now: datetime,
    *,
    images: ImageCheck = keep_images,
    item_seconds: float | None = DEFAULT_ITEM_SECONDS,
    feed_checks: FeedChecks | None = None,
) -> Portal:
    """The `Portal` of `content` at `now` (aware), with every problem found.

    `images` derives an item's images (see `ImageCheck`): an item whose image cannot be
    used is left out, the village shown without its logo. `item_seconds` bounds the work
    of working out one event's dates (`sitegen.budget`). `feed_checks` knows the events
    an earlier build found to fit the calendar feed, as they are now, with their organiser
    and village (`sitegen.readcache.FeedChecks`): those are not written out to see again.
    """
    problems: list[Problem] = list(content.problems)
    tz = ZoneInfo(content.village.timezone)

    # The logo is on every page: one that cannot be used is a problem of site.yaml, and
    # the portal shows the village's name instead.
    village_outcome = resolve_village(content.village, images)
    village = village_outcome.item
    assert village is not None
    problems += village_outcome.problems

    organisations = _kept(
        (resolve_organisation(org, images) for org in content.organisations), problems)
    by_slug = {org.slug: org for org in organisations}
    members = _grouped(organisations, lambda org: org.categories)
    plain_pages = _kept((resolve_page(page) for page in content.pages), problems)

    occurrences: dict[str, tuple[Occurrence, ...]] = {}
    events: list[Event] = []
    for event in content.events:
        outcome = resolve_event(event, organisations=by_slug, tz=tz, now=now, images=images,
                                item_seconds=item_seconds)
        problems += outcome.problems
        if outcome.item is not None:
            events.append(outcome.item)
            occurrences[outcome.item.slug] = outcome.occurrences
    # Checked once every event is known, as the feed is made of them all: an event the
    # feed cannot hold is left out of the whole site, not only of the feed.
    # Each event's entry is kept, so the feed is written from them without making them again.
    feed_entries: dict[str, Any] = {}
    for event in list(events):
        key = None
        if feed_checks is not None:
            key = feed_checks.key(event, by_slug.get(event.organiser), village)
        entry, problem = feed_entry(event, village, by_slug, now,
                                    check=key is None or not feed_checks.fits(key))
        if problem is None and key is not None:
            feed_checks.add(key)
        if problem is not None:
            problems.append(problem)
            events.remove(event)
            del occurrences[event.slug]
        else:
            feed_entries[event.slug] = entry

    today = now.astimezone(tz).date()
    stories = _kept((resolve_story(story, organisations=by_slug, today=today, images=images)
                     for story in content.stories), problems)
    stories.sort(key=lambda s: (s.date, s.slug), reverse=True)

    return Portal(
        village=village,
        now=now,
        organisations=tuple(organisations),
        organisations_by_slug=MappingProxyType(by_slug),
        categories=tuple((category, members.get(category.slug, ()))
                         for category in village.categories),
        organisation_count=len(organisations),
        category_counts=tuple((category, len(members.get(category.slug, ())))
                              for category in village.categories),
        plain_pages=tuple(plain_pages),
        menu_pages=tuple(sorted((p for p in plain_pages if p.menu_order is not None),
                                key=lambda p: (p.menu_order, p.title))),
        events=tuple(events),
        occurrences_by_event=MappingProxyType(occurrences),
        feed_entries=MappingProxyType(feed_entries),
        upcoming=tuple(upcoming(occurrences.values())),
        events_by_organiser=_events_by_organiser(events, occurrences),
        stories=tuple(stories),
        stories_by_organisation=_grouped(stories, lambda s: s.organisations),
        problems=tuple(problems),
    )


# ------------------------------------------------------------------------------------
# The rules, one item at a time


def resolve_village(village: Village, images: ImageCheck) -> Resolved[Village]:
    """The village, without its logo when that cannot be used (a problem of site.yaml)."""
    if village.logo is None:
        return Resolved(village)
    problem = images(village.logo, f"{village.slug}/site.yaml", "branding.logo")
    if problem is None:
        return Resolved(village)
    return Resolved(replace(village, logo=None), (problem,))


def resolve_organisation(org: Organisation, images: ImageCheck) -> Resolved[Organisation]:
    """The organisation, or nothing when its slug is the category pages' segment or its
    image cannot be used."""
    if org.slug == CATEGORY_SEGMENT:
        return Resolved(None, (Problem.worded(
            org.source, "file", "the name 'categorie' is taken by the category pages; "
            "rename the file"),))
    problem = _image_problem(org.image, org.source, images)
    return Resolved(None, (problem,)) if problem else Resolved(org)


def resolve_page(page: Page) -> Resolved[Page]:
    """The plain page, or nothing when its address belongs to the portal itself."""
    if page.slug in RESERVED_PAGE_SLUGS:
        return Resolved(None, (Problem.worded(
            page.source, "file",
            "the address /{slug}/ belongs to the portal itself; rename the file",
            slug=page.slug),))
    return Resolved(page)


def resolve_event(
    event: Event,
    *,
    organisations: Container[str],
    tz: ZoneInfo,
    now: datetime,
    images: ImageCheck = keep_images,
    item_seconds: float | None = DEFAULT_ITEM_SECONDS,
) -> Resolved[Event]:
    """The event with its dates from `now` on, or nothing when its image cannot be used or
    its dates cannot be worked out (in `item_seconds`). An organiser that is not among
    `organisations` (slugs) is a note: the event stays, without the link."""
    problem = _image_problem(event.image, event.source, images)
    if problem:
        return Resolved(None, (problem,))
    notes: tuple[Problem, ...] = ()
    if event.organiser and event.organiser not in organisations:
        notes = (organiser_left_out(event.source, event.organiser),)
        event = replace(event, organiser="")
    try:
        with ItemBudget(item_seconds):
            dates = tuple(expand_occurrences(event, tz, now))
    except OverBudget as exc:
        return Resolved(None, (*notes, over_budget(event.source, _dates_field(event), "render",
                                                   exc)))
    except Exception as exc:  # noqa: BLE001 - one event never stops its village
        return Resolved(None, (*notes, item_failed(event.source, _dates_field(event), exc)))
    return Resolved(event, notes, dates)


def feed_entry(event: Event, village: Village, organisations: Mapping[str, Organisation],
               now: datetime, check: bool = True) -> tuple[Any, Problem | None]:
    """`event`'s entry in the calendar feed (`calendar.feed_entry`: its VEVENT, or None
    when it ended long ago), or why the feed cannot hold it (then it is left out).
    `check` False: the event is known to fit (`FeedChecks`), it is not written out to see."""
    try:
        return calendar.feed_entry(event, village, organisations, now, check=check), None
    except Exception as exc:  # noqa: BLE001 - one event never stops its village
        return None, item_failed(event.source, _dates_field(event), exc)


def resolve_story(story: Story, *, organisations: Container[str], today: date,
                  images: ImageCheck = keep_images) -> Resolved[Story]:
    """The story, or nothing while it is scheduled (dated after `today`: the build on its
    date publishes it) or when its image cannot be used. Organisations that are not among
    `organisations` (slugs) are a note: the story keeps the others."""
    if story.date > today:
        return Resolved(None)
    problem = _image_problem(story.image, story.source, images)
    if problem:
        return Resolved(None, (problem,))
    gone = [slug for slug in story.organisations if slug not in organisations]
    if not gone:
        return Resolved(story)
    kept = [slug for slug in story.organisations if slug in organisations]
    return Resolved(replace(story, organisations=kept),
                    (organisations_left_out(story.source, gone),))


def settled_until(portal: Portal) -> datetime | None:
    """Until when resolving the same content again gives `portal` (but for its `now`): the
    village's next midnight (what is today, the agenda's days, stories scheduled for a day,
    the whole days of the repeat horizon and of the calendar feed's past events), or the
    first moment before it at which a date of an event starts or ends (it is running, or
    over). None when the calendar feed is stamped with the build's moment itself (an event
    in it has no `updated` time): then no later moment gives the same site."""
    tz = portal.tz
    if any(event.updated is None and portal.feed_entries.get(event.slug) is not None
           for event in portal.events):
        return None
    midnight = datetime.combine(portal.today + timedelta(days=1), time(), tzinfo=tz)
    until = midnight
    for occurrence in portal.upcoming:
        if occurrence.day >= midnight.date():
            break  # in order: every later one starts after midnight
        for moment in (occurrence.start, occurrence.end):
            if isinstance(moment, datetime) and portal.now < moment < until:
                until = moment
    return until


def sort_key(moment: datetime | date) -> tuple:
    """Order dates and datetimes together: an all-day date sorts at the start of its day."""
    if isinstance(moment, datetime):
        return (moment.date(), 1, moment.timestamp())
    return (moment, 0, 0.0)


# ------------------------------------------------------------------------------------


def _kept(outcomes: Iterable[Resolved[T]], problems: list[Problem]) -> list[T]:
    """The items kept of `outcomes`; their problems are added to `problems` in order."""
    kept = []
    for outcome in outcomes:
        problems += outcome.problems
        if outcome.item is not None:
            kept.append(outcome.item)
    return kept


def _image_problem(ref: ImageRef | None, source: str, images: ImageCheck) -> Problem | None:
    return images(ref, source, "image") if ref is not None else None


def _dates_field(event: Event) -> str:
    """The field of an event whose dates could not be worked out."""
    return "recurrence" if event.recurrence else "start"


def _events_by_organiser(events: list[Event], occurrences: Mapping[str, tuple[Occurrence, ...]]
                         ) -> Mapping[str, tuple[tuple[Event, Occurrence], ...]]:
    """Each organiser's events that have a date to come, with the next one, soonest first."""
    by_organiser: dict[str, list[tuple[Event, Occurrence]]] = {}
    for event in events:
        if event.organiser and occurrences[event.slug]:
            by_organiser.setdefault(event.organiser, []).append(
                (event, occurrences[event.slug][0]))
    return MappingProxyType({
        slug: tuple(sorted(pairs, key=lambda pair: sort_key(pair[1].start)))
        for slug, pairs in by_organiser.items()})


def _grouped(items: Iterable[T], keys: Callable[[T], Iterable[str]]
             ) -> Mapping[str, tuple[T, ...]]:
    """`items` by each of their `keys`, in the order the items come."""
    groups: dict[str, list[T]] = {}
    for item in items:
        for key in keys(item):
            groups.setdefault(key, []).append(item)
    return MappingProxyType({key: tuple(group) for key, group in groups.items()})
