"""Resolving a village (`sitegen.resolve`): the rules between items, as frozen data.

Each rule on small content made in memory; then what the step promises as a whole: the
same input gives an equal Portal and stays unchanged, no Pelican is needed, and the
generators that render the Portal give the same bytes in whatever order they run.
"""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen import calendar
from sitegen.build import BuildOptions, build_portals
from sitegen.content import is_note
from sitegen.model import (
    Category,
    Event,
    ImageRef,
    Organisation,
    Page,
    Problem,
    Story,
    Village,
    VillageContent,
)
from sitegen.resolve import Portal, resolve, resolve_event, resolve_story
from tests.conftest import FIXTURES, NOW, ROOT

AMS = ZoneInfo("Europe/Amsterdam")
NEXT_WEEK = datetime(2026, 11, 30, 10, 0, tzinfo=AMS)


def org(slug: str, *categories: str, **fields) -> Organisation:
    return Organisation(slug=slug, title=slug.title(), categories=list(categories or ["zorg"]),
                        summary="Samenvatting.", source=f"dorp/organisations/{slug}.md",
                        **fields)


def event(slug: str, start: datetime = NEXT_WEEK, **fields) -> Event:
    return Event(slug=slug, title=slug.title(), start=start, end=start + timedelta(hours=2),
                 source=f"dorp/events/{slug}.md", **fields)


def story(slug: str, day: date = date(2026, 11, 1), **fields) -> Story:
    return Story(slug=slug, title=slug.title(), date=day, author="Ans",
                 source=f"dorp/stories/{slug}.md", **fields)


def page(slug: str, **fields) -> Page:
    return Page(slug=slug, title=slug.title(), source=f"dorp/pages/{slug}.md", **fields)


def content(**items) -> VillageContent:
    village = Village(slug="dorp", name="Dorp", municipality="Gemeente",
                      base_url="https://dorp.example",
                      categories=[Category("zorg", "Zorg"), Category("sport", "Sport")],
                      logo=items.pop("logo", None))
    return VillageContent(village, **items)


def every_rule() -> VillageContent:
    """A village on which each rule of the resolver has something to do."""
    return content(
        organisations=[org("anker"), org("categorie"), org("club", "sport", "zorg")],
        pages=[page("over", menu_order=2), page("agenda"), page("contact", menu_order=1),
               page("privacy")],
        events=[event("markt", organiser="weg"), event("koffie", organiser="anker"),
                event("later", start=NEXT_WEEK + timedelta(days=3), organiser="anker")],
        stories=[story("samen", organisations=["anker", "weg"]), story("oud", date(2026, 1, 5)),
                 story("morgen", date(2026, 11, 24))],
        problems=[Problem("dorp/events/kapot.md", "start", "is not a date")],
    )


def messages(portal: Portal) -> list[tuple[str, str]]:
    return [(p.path, p.field) for p in portal.problems]


# --- the rules ------------------------------------------------------------------------------


def test_a_plain_page_may_not_take_an_address_of_the_portal():
    portal = resolve(content(pages=[page("agenda"), page("zoeken"), page("over")]), NOW)
    assert [p.slug for p in portal.plain_pages] == ["over"]
    assert [str(p) for p in portal.problems] == [
        "dorp/pages/agenda.md: file: the address /agenda/ belongs to the portal itself; "
        "rename the file",
        "dorp/pages/zoeken.md: file: the address /zoeken/ belongs to the portal itself; "
        "rename the file",
    ]


def test_an_organisation_may_not_take_the_category_pages_segment():
    portal = resolve(content(organisations=[org("categorie"), org("anker")]), NOW)
    assert [o.slug for o in portal.organisations] == ["anker"]
    assert [str(p) for p in portal.problems] == [
        "dorp/organisations/categorie.md: file: the name 'categorie' is taken by the category "
        "pages; rename the file"]


def test_an_event_whose_organiser_was_left_out_stays_without_it():
    read = content(organisations=[org("anker")], events=[event("markt", organiser="weg")])
    portal = resolve(read, NOW)
    [kept] = portal.events
    assert kept.organiser == "" and read.events[0].organiser == "weg"  # a copy changed
    assert all(o.event is kept for o in portal.occurrences_by_event["markt"])
    assert messages(portal) == [("dorp/events/markt.md", "organiser")]
    assert is_note(portal.problems[0])
    assert dict(portal.events_by_organiser) == {}


def test_a_story_keeps_the_organisations_that_remain():
    read = content(organisations=[org("anker")],
                   stories=[story("samen", organisations=["weg", "anker", "ook-weg"])])
    portal = resolve(read, NOW)
    assert portal.stories[0].organisations == ["anker"]
    assert read.stories[0].organisations == ["weg", "anker", "ook-weg"]
    assert messages(portal) == [("dorp/stories/samen.md", "organisations")]
    assert "'weg', 'ook-weg'" in portal.problems[0].message
    assert list(portal.stories_by_organisation) == ["anker"]


def test_a_scheduled_story_is_held_back_until_its_date():
    read = content(stories=[story("morgen", date(2026, 11, 24)), story("gisteren",
                                                                       date(2026, 11, 22))])
    today = resolve(read, NOW)
    assert [s.slug for s in today.stories] == ["gisteren"]
    assert today.problems == ()  # scheduled is not wrong
    tomorrow = resolve(read, NOW + timedelta(days=1))
    assert [s.slug for s in tomorrow.stories] == ["morgen", "gisteren"]
    # The date is the village's: half past midnight in Amsterdam is still the 23rd in UTC.
    past_midnight = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert [s.slug for s in resolve(read, past_midnight).stories] == ["morgen", "gisteren"]
    assert resolve_story(read.stories[0], organisations=(), today=date(2026, 11, 23)).problems == ()


def test_an_event_the_calendar_cannot_hold_is_left_out(monkeypatch):
    real = calendar._vevent

    def failing(event, *args):
        if event.slug == "kapot":
            raise OverflowError("date value out of range")
        return real(event, *args)

    monkeypatch.setattr(calendar, "_vevent", failing)
    portal = resolve(content(events=[event("kapot"), event("goed")]), NOW)
    assert [e.slug for e in portal.events] == ["goed"]
    assert set(portal.occurrences_by_event) == {"goed"}
    assert {o.event.slug for o in portal.upcoming} == {"goed"}
    assert [str(p) for p in portal.problems] == [
        "dorp/events/kapot.md: start: could not be processed and was left out "
        "(OverflowError: date value out of range); please tell the portal's makers"]


def test_an_event_whose_dates_cannot_be_worked_out_is_left_out_after_its_note(monkeypatch):
    import sitegen.resolve as resolving

    def failing(event, tz, now):
        raise ValueError("year 10009 is out of range")

    monkeypatch.setattr(resolving, "expand_occurrences", failing)
    outcome = resolve_event(event("kapot", organiser="weg", recurrence="FREQ=WEEKLY"),
                            organisations=(), tz=AMS, now=NOW)
    assert outcome.item is None and not outcome.kept
    assert [(p.field, is_note(p)) for p in outcome.problems] == [("organiser", True),
                                                                 ("recurrence", False)]


def test_an_image_that_cannot_be_used_leaves_the_item_out_and_the_logo_off():
    broken = {"media/kapot.jpg"}
    asked = []

    def images(ref, source, field):
        asked.append((ref.path, source, field))
        if ref.path in broken:
            return Problem.worded(source, field, "{path} {problem}", path=ref.path,
                                  problem="is not an image")
        return None

    logo = ImageRef("media/kapot.jpg", "Logo")
    read = content(logo=logo,
                   organisations=[org("anker", image=ImageRef("media/goed.jpg", "Goed")),
                                  org("club", image=ImageRef("media/kapot.jpg", "Kapot"))],
                   stories=[story("samen", image=ImageRef("media/kapot.jpg", "Kapot"))])
    portal = resolve(read, NOW, images=images)
    assert portal.village.logo is None and read.village.logo == logo
    assert [o.slug for o in portal.organisations] == ["anker"]
    assert portal.stories == ()
    assert messages(portal) == [("dorp/site.yaml", "branding.logo"),
                                ("dorp/organisations/club.md", "image"),
                                ("dorp/stories/samen.md", "image")]
    assert asked[0] == ("media/kapot.jpg", "dorp/site.yaml", "branding.logo")


# --- groupings and order --------------------------------------------------------------------


def test_groupings_are_the_lists_the_pages_show():
    portal = resolve(every_rule(), NOW)
    assert [(c.slug, [o.slug for o in members]) for c, members in portal.categories] == [
        ("zorg", ["anker", "club"]), ("sport", ["club"])]
    assert [p.slug for p in portal.menu_pages] == ["contact", "over"]
    assert [p.slug for p in portal.plain_pages] == ["over", "contact", "privacy"]
    assert [s.slug for s in portal.stories] == ["samen", "oud"]  # newest first
    assert [(e.slug, o.start) for e, o in portal.events_by_organiser["anker"]] == [
        ("koffie", NEXT_WEEK), ("later", NEXT_WEEK + timedelta(days=3))]
    assert [o.event.slug for o in portal.upcoming] == ["koffie", "markt", "later"]
    assert portal.today == date(2026, 11, 23)


def test_problems_come_reader_first_then_item_by_item():
    portal = resolve(every_rule(), NOW)
    assert messages(portal) == [
        ("dorp/events/kapot.md", "start"),  # the reader's
        ("dorp/organisations/categorie.md", "file"),
        ("dorp/pages/agenda.md", "file"),
        ("dorp/events/markt.md", "organiser"),
        ("dorp/stories/samen.md", "organisations"),
    ]


# --- what the step promises ------------------------------------------------------------------


def test_resolving_is_pure_and_the_portal_frozen():
    read = every_rule()
    before = copy.deepcopy(read)
    first, second = resolve(read, NOW), resolve(read, NOW)
    assert first == second
    assert read == before  # the content read is never changed
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.events = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        first.occurrences_by_event["markt"] = ()  # type: ignore[index]
    assert isinstance(first.organisations, tuple) and isinstance(first.problems, tuple)


def test_a_village_resolves_without_pelican():
    script = (
        "import sys\n"
        "from sitegen.content import load_village\n"
        "from sitegen.resolve import resolve\n"
        "from tests.conftest import NOW\n"
        f"portal = resolve(load_village({str(FIXTURES / 'golden')!r}, 'lindeveld'), NOW)\n"
        "assert portal.organisations and portal.events and portal.stories\n"
        "print(sorted(m for m in sys.modules if m == 'pelican' or m.startswith('pelican.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def test_the_order_of_the_generators_does_not_matter(tmp_path, monkeypatch):
    import sitegen.plugins.portal as plugin

    built = {}
    for name, order in (("as-registered", plugin.GENERATORS),
                        ("reversed", tuple(reversed(plugin.GENERATORS)))):
        monkeypatch.setattr(plugin, "GENERATORS", order)
        [result] = build_portals(BuildOptions(FIXTURES / "golden", tmp_path / name, now=NOW))
        assert result.built, result.error
        built[name] = (result.problems, result.pages, _files(tmp_path / name / "lindeveld"))
    assert built["as-registered"][2], "nothing was built"
    assert built["reversed"] == built["as-registered"]
