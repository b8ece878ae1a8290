"""No item can freeze, hide or leak a village (issue 11): one bad item is left out with a
``path: field: message`` problem and the rest of the village, and every other village, is
built."""

from __future__ import annotations

import signal
import tempfile
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitegen import build
from sitegen.build import BuildOptions, build_portals, exit_status
from sitegen.calendar import build_calendar
from sitegen.content import check_item, is_note, load_village
from sitegen.recurrence import expand_occurrences, has_ended
from tests.conftest import NOW, NOW_ARG, run_portal
from tests.sitetexts import site_yaml

ORGANISATION = "---\ntitle: Buurthuis\ncategories: [ontmoeten]\nsummary: Koffie.\n---\nWelkom.\n"


def event(start: str, extra: str = "") -> str:
    return f"---\ntitle: Activiteit\nstart: {start}\n{extra}---\nTekst.\n"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def village(slug: str, files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """The files of village `slug`: its site.yaml, a good event and `files`."""
    return {
        f"{slug}/site.yaml": site_yaml(slug.title(), slug),
        f"{slug}/events/goed.md": event("2026-12-01T10:00"),
        **{f"{slug}/{rel}": text for rel, text in files.items()},
    }


def test_portal_build_leaves_out_impossible_years_and_builds_every_village(tmp_path):
    # Year 1 crashed the whole run with an OverflowError; a recurring event in 9999 stopped
    # its village with "year 10009 is out of range", naming no file.
    content = write(tmp_path / "content", {
        **village("oud", {"events/jaar-een.md": event("0001-01-01T00:10")}),
        **village("ver", {"events/jaar-9999.md": event("9999-06-01T10:00",
                                                       "recurrence: FREQ=YEARLY\n")}),
        **village("heel", {}),
    })
    out = tmp_path / "build"
    result = run_portal("build", "--content", str(content), "--out", str(out),
                        "--now", NOW_ARG)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert ("oud/events/jaar-een.md: start: must lie between the years 1900 and 2200, "
            "got '0001-01-01T00:10'") in lines
    assert any(line.startswith("ver/events/jaar-9999.md: start: ") for line in lines)
    for slug in ("oud", "ver", "heel"):
        assert (out / slug / "agenda" / "goed" / "index.html").is_file()
    assert not (out / "oud" / "agenda" / "jaar-een").exists()
    assert not (out / "ver" / "agenda" / "jaar-9999").exists()


def test_a_village_whose_reading_fails_does_not_stop_the_others(tmp_path, monkeypatch):
    content = write(tmp_path / "content", {**village("a", {}), **village("b", {})})
    real = build.load_village

    def failing(root, slug, **kwargs):
        if slug == "a":
            raise OverflowError("date value out of range")
        return real(root, slug, **kwargs)

    monkeypatch.setattr(build, "load_village", failing)
    results = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert [(r.slug, r.built) for r in results] == [("a", False), ("b", True)]
    assert results[0].error == "OverflowError: date value out of range"
    assert exit_status(results) == 1  # sites were built, a village was left out
    monkeypatch.setattr(build, "load_village", lambda root, slug, **kw: failing(root, "a"))
    assert exit_status(build_portals(BuildOptions(content, tmp_path / "build2", now=NOW))) == 2


def test_an_event_whose_dates_cannot_be_worked_out_is_left_out(tmp_path, monkeypatch):
    from sitegen import resolve as resolving

    real = resolving.expand_occurrences

    def failing(event, tz, now, *args, **kwargs):
        if event.slug == "kapot":
            raise ValueError("year 10009 is out of range")
        return real(event, tz, now, *args, **kwargs)

    monkeypatch.setattr(resolving, "expand_occurrences", failing)
    content = write(tmp_path / "content", village("dorp", {
        "events/kapot.md": event("2026-12-02T10:00", "recurrence: FREQ=WEEKLY\n"),
    }))
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    assert [str(p) for p in result.problems] == [
        "dorp/events/kapot.md: recurrence: could not be processed and was left out "
        "(ValueError: year 10009 is out of range); please tell the portal's makers"
    ]
    site = tmp_path / "build" / "dorp"
    assert (site / "agenda" / "goed" / "index.html").is_file()
    assert not (site / "agenda" / "kapot").exists()
    assert "kapot" not in (site / "agenda" / "index.html").read_text("utf-8")


def test_an_event_the_calendar_cannot_hold_is_left_out_of_the_whole_site(tmp_path,
                                                                          monkeypatch):
    from sitegen import calendar

    real = calendar._vevent

    def failing(event, *args):
        if event.slug == "kapot":
            raise OverflowError("date value out of range")
        return real(event, *args)

    monkeypatch.setattr(calendar, "_vevent", failing)
    content = write(tmp_path / "content", village("dorp", {
        "events/kapot.md": event("2026-12-02T10:00"),
    }))
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    assert [(p.path, p.field) for p in result.problems] == [("dorp/events/kapot.md", "start")]
    site = tmp_path / "build" / "dorp"
    assert not (site / "agenda" / "kapot").exists()
    assert "kapot@dorp" not in (site / "agenda.ics").read_text("utf-8")
    assert "goed@dorp" in (site / "agenda.ics").read_text("utf-8")


def test_a_page_that_cannot_be_rendered_is_a_problem_of_its_file(tmp_path, monkeypatch):
    from sitegen.plugins.portal import generators

    real = generators.PortalGenerator.write_page

    def failing(self, writer, save_as, *args, **kwargs):
        if save_as == "agenda/kapot/index.html":
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, writer, save_as, *args, **kwargs)

    monkeypatch.setattr(generators.PortalGenerator, "write_page", failing)
    content = write(tmp_path / "content", village("dorp", {
        "events/kapot.md": event("2026-12-02T10:00"),
    }))
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    assert [(p.path, p.field) for p in result.problems] == [("dorp/events/kapot.md", "file")]
    assert (tmp_path / "build" / "dorp" / "agenda" / "goed" / "index.html").is_file()


@pytest.fixture
def left_out_organiser(tmp_path) -> tuple[build.VillageResult, Path]:
    """A village whose organisation 'kapot' is left out for its own problems, with an
    event and a story that refer to it."""
    content = write(tmp_path / "content", village("dorp", {
        "organisations/kapot.md": "---\ntitle: Kapot\n---\n",
        "organisations/buurthuis.md": ORGANISATION,
        "events/met-kapot.md": event("2026-12-02T10:00", "organiser: kapot\n"),
        "stories/over-beide.md": "---\ntitle: Samen\ndate: 2026-11-01\nauthor: Ans\n"
                                 "organisations: [buurthuis, kapot]\n---\nVerhaal.\n",
    }))
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    return result, tmp_path / "build" / "dorp"


def test_an_event_whose_organiser_was_left_out_is_shown_without_the_link(left_out_organiser):
    result, site = left_out_organiser
    page = (site / "agenda" / "met-kapot" / "index.html").read_text("utf-8")
    assert "sociale-kaart/kapot" not in page
    assert "met-kapot" in (site / "agenda" / "index.html").read_text("utf-8")
    notes = [(p.path, p.field) for p in result.problems if is_note(p)]
    assert notes == [("dorp/events/met-kapot.md", "organiser"),
                     ("dorp/stories/over-beide.md", "organisations")]
    left_out = {p.path for p in result.problems if not is_note(p)}
    assert left_out == {"dorp/organisations/kapot.md"}


def test_a_story_keeps_the_organisations_that_remain(left_out_organiser):
    _result, site = left_out_organiser
    page = (site / "verhalen" / "over-beide" / "index.html").read_text("utf-8")
    assert "sociale-kaart/buurthuis/" in page
    assert "sociale-kaart/kapot" not in page
    assert "over-beide" in (site / "sociale-kaart" / "buurthuis" / "index.html").read_text(
        "utf-8")


def test_an_organisation_the_build_leaves_out_keeps_its_events(tmp_path):
    # The generator leaves out an organisation whose picture cannot be made; its event
    # stays, without the link, with a note instead of a second refusal.
    content = write(tmp_path / "content", village("dorp", {
        "organisations/buurthuis.md": ORGANISATION.replace(
            "summary:", "image: media/kapot.jpg\nimage_alt: Het huis\nsummary:"),
        "events/koffie.md": event("2026-12-02T10:00", "organiser: buurthuis\n"),
    }))
    write(content, {"media/kapot.jpg": b"geen plaatje"})
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    notes = [str(p) for p in result.problems if is_note(p)]
    assert len(notes) == 1 and notes[0].startswith("dorp/events/koffie.md: organiser: ")
    site = tmp_path / "build" / "dorp"
    assert (site / "agenda" / "koffie" / "index.html").is_file()
    assert not (site / "sociale-kaart" / "buurthuis").exists()


# ------------------------------------------------------------------ any front matter at all

DATE_TEXTS = ["0001-01-01T00:10", "0001-01-01", "9999-12-31T23:59", "9999-12-31",
              "1899-12-31T23:59:59+01:00", "2200-12-31T23:59:59-12:00", "2026-03-29T02:30",
              "2026-10-25T02:30", "2026-12-01T10:00", "2026-12-01", "1900-01-01T00:00+14:00"]
rule_parts = st.fixed_dictionaries(
    {"FREQ": st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "X"])},
    optional={
        "INTERVAL": st.integers(-1, 10**12).map(str),
        "COUNT": st.integers(-1, 10**12).map(str),
        "UNTIL": st.one_of(
            st.dates(date(1, 1, 1), date(9999, 12, 31)).map(lambda d: d.strftime("%Y%m%d")),
            st.sampled_from(["99991231T235959Z", "00010101T000000Z", "20270630T220000"])),
        "BYDAY": st.sampled_from(["MO", "1MO", "-1FR", "53SU", "TU,TH", "XX"]),
        "BYMONTHDAY": st.sampled_from(["31", "-1", "30", "0", "32"]),
        "BYMONTH": st.sampled_from(["2", "12", "13"]),
        "BYYEARDAY": st.sampled_from(["366", "-366", "1"]),
        "BYWEEKNO": st.sampled_from(["53", "-53", "1"]),
        "BYSETPOS": st.sampled_from(["1", "-1", "400"]),
        "WKST": st.sampled_from(["MO", "SU"]),
    },
)
rules = rule_parts.map(lambda parts: ";".join(f"{k}={v}" for k, v in parts.items()))
moments = st.one_of(
    st.dates(date(1, 1, 1), date(9999, 12, 31)),
    st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31)),
    st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30),
                 timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)),
                                            timezone(timedelta(hours=-12))])),
    st.sampled_from(DATE_TEXTS),
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                    moments)
values = st.one_of(scalars, st.lists(scalars, max_size=4),
                   st.dictionaries(st.sampled_from(["name", "lat", "lon", "street"]), scalars,
                                   max_size=3))
EVENT_KEYS = {
    "title": st.one_of(st.just("Activiteit"), values),
    "start": st.one_of(moments, values),
    "end": st.one_of(moments, values),
    "recurrence": st.one_of(rules, values),
    "exdates": st.one_of(st.lists(moments, max_size=4), values),
    "organiser": st.one_of(st.sampled_from(["buurthuis", "kapot", "niemand"]), values),
    "location": values, "categories": values, "tags": values, "summary": values,
    "price": values, "registration_url": values, "updated": st.one_of(moments, values),
}
ORGANISATION_KEYS = {
    "title": st.one_of(st.just("Kapot"), values),
    "categories": st.one_of(st.just(["ontmoeten"]), values),
    "summary": st.one_of(st.just("Iets."), values),
    "address": values, "geo": values, "phone": values, "email": values, "website": values,
    "opening_hours": values, "tags": values, "volunteers_wanted": values,
    "updated": st.one_of(moments, values),
}
in_range = st.one_of(st.dates(date(1900, 1, 1), date(2200, 12, 31)),
                   st.datetimes(datetime(1900, 1, 1), datetime(2200, 12, 31)))
# Mostly good items with a few odd values, so that many load and reach the dates; and
# items of anything at all.
good_events = st.fixed_dictionaries(
    {"title": st.just("Activiteit"), "start": in_range},
    optional={"end": in_range, "recurrence": rules, "exdates": st.lists(in_range, max_size=3),
              "organiser": st.sampled_from(["buurthuis", "kapot"])},
)


def merged(base: st.SearchStrategy, keys: dict) -> st.SearchStrategy:
    odd = st.dictionaries(st.sampled_from(sorted(keys)), st.none(), max_size=2).flatmap(
        lambda chosen: st.fixed_dictionaries({key: keys[key] for key in chosen}))
    return st.tuples(base, odd).map(lambda pair: {**pair[0], **pair[1]})


events = st.one_of(good_events, merged(good_events, EVENT_KEYS),
                   st.fixed_dictionaries({}, optional=EVENT_KEYS))
organisations = st.one_of(
    merged(st.just({"title": "Kapot", "categories": ["ontmoeten"], "summary": "Iets."}),
           ORGANISATION_KEYS),
    st.fixed_dictionaries({}, optional=ORGANISATION_KEYS))
ZONES = st.sampled_from(["Europe/Amsterdam", "Pacific/Kiritimati", "Etc/GMT+12"])


def front_matter(data: dict) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\nTekst.\n"


# Found by this test in CI: rules whose numbers dateutil or the calendar cannot take.
_KAPOT = {"title": "Kapot", "categories": ["ontmoeten"], "summary": "Iets."}
_EXAMPLES = [[{"title": "Activiteit", "start": date(2000, 1, 1), "recurrence": rule}]
             for rule in ("FREQ=YEARLY;INTERVAL=-1", "FREQ=YEARLY;INTERVAL=2147483648",
                          "FREQ=MONTHLY;BYMONTHDAY=9999999999", "FREQ=DAILY;COUNT=0")]


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(organisation=organisations, events=st.lists(events, min_size=1, max_size=3),
       zone=ZONES)
@example(organisation=_KAPOT, events=_EXAMPLES[0], zone="Europe/Amsterdam")
@example(organisation=_KAPOT, events=_EXAMPLES[1], zone="Europe/Amsterdam")
@example(organisation=_KAPOT, events=_EXAMPLES[2], zone="Europe/Amsterdam")
@example(organisation=_KAPOT, events=_EXAMPLES[3], zone="Europe/Amsterdam")
def test_no_front_matter_raises_out_of_the_reader_or_the_dates(organisation, events, zone):
    site = site_yaml("Dorp", "dorp") + f"timezone: {zone}\n"
    files = {"dorp/site.yaml": site, "dorp/organisations/buurthuis.md": ORGANISATION,
             "dorp/organisations/kapot.md": front_matter(organisation)}
    for number, data in enumerate(events):
        files[f"dorp/events/e{number}.md"] = front_matter(data)
        # What the CMS asks before it saves: problems, never an exception.
        check_item("dorp", site, "events", f"e{number}", files[f"dorp/events/e{number}.md"],
                   ["buurthuis", "kapot"])
    check_item("dorp", site, "organisations", "kapot", files["dorp/organisations/kapot.md"])
    with tempfile.TemporaryDirectory() as root:
        content = load_village(write(Path(root), files), "dorp")
    # Whatever the reader accepts, the agenda and the feed can work out.
    tz = ZoneInfo(content.village.timezone)
    orgs = {org.slug: org for org in content.organisations}
    for event in content.events:
        expand_occurrences(event, tz, NOW)
        has_ended(event, tz, NOW)
    build_calendar(content.village, content.events, orgs, NOW)


def _logo_village(tmp_path: Path, logo: str) -> Path:
    from PIL import Image

    content = write(tmp_path / "content", {
        **village("dorp", {}),
        "media/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>',
    })
    Image.new("RGB", (300, 100), (200, 30, 30)).save(content / "media" / "logo.png")
    site = content / "dorp" / "site.yaml"
    site.write_text(site.read_text("utf-8") + f"branding: {{logo: {logo}}}\n", "utf-8")
    return content


def test_an_svg_logo_is_refused_and_the_village_builds(tmp_path):
    # An SVG logo was accepted by the reader and then silently missing from the portal.
    content = _logo_village(tmp_path, "media/logo.svg")
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    [problem] = result.problems
    assert (problem.path, problem.field) == ("dorp/site.yaml", "branding.logo")
    assert "PNG, JPEG or WebP" in problem.message
    assert problem.translated("nl") != problem.message
    assert exit_status([result]) == 1
    home = (tmp_path / "build" / "dorp" / "index.html").read_text("utf-8")
    assert "brand-logo" not in home and "logo.svg" not in home
    assert (tmp_path / "build" / "dorp" / "agenda" / "goed" / "index.html").is_file()


def test_a_png_logo_is_on_every_page(tmp_path):
    # The reader accepted a logo, but nothing made its sizes, so no page showed it.
    content = _logo_village(tmp_path, "media/logo.png")
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built and result.problems == [], result.problems
    for page in ("index.html", "agenda/goed/index.html"):
        html = (tmp_path / "build" / "dorp" / page).read_text("utf-8")
        assert 'class="brand-logo"' in html and 'alt="Dorp"' in html


# -- bounded work per item (sitegen.budget) ----------------------------------------------


def test_an_item_slow_to_read_is_left_out_and_the_village_builds(tmp_path, monkeypatch):
    from sitegen import content as reader

    real = reader.render_markdown

    def slow(body, *args, **kwargs):
        if "TRAAG" in body:
            time.sleep(5)  # stands for any work the reader's limits did not foresee
        return real(body, *args, **kwargs)

    monkeypatch.setattr(reader, "render_markdown", slow)
    content = write(tmp_path / "content", village("dorp", {
        "events/traag.md": "---\ntitle: Traag\nstart: 2026-12-02T10:00\n---\nTRAAG\n",
        "organisations/buurthuis.md": ORGANISATION,
    }))
    options = BuildOptions(content, tmp_path / "build", now=NOW, item_seconds=0.2)
    [result] = build_portals(options)
    assert result.built, result.error
    assert [str(p) for p in result.problems] == [
        "dorp/events/traag.md: body: took longer than 0.2 s to read and was left out; make it "
        "shorter or simpler, or tell the portal's makers"]
    assert result.problems[0].translated("nl").startswith("kostte meer dan 0.2 s om te lezen")
    site = tmp_path / "build" / "dorp"
    assert not (site / "agenda" / "traag").exists()
    assert (site / "agenda" / "goed" / "index.html").is_file()
    assert (site / "sociale-kaart" / "buurthuis" / "index.html").is_file()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_item_slow_to_render_is_left_out_and_the_village_builds(tmp_path, monkeypatch):
    from pelican.writers import Writer

    real = Writer.write_file

    def slow(self, name, *args, **kwargs):
        real(self, name, *args, **kwargs)
        if name == "sociale-kaart/traag/index.html":
            time.sleep(5)  # after the page was written: it must go again
        return None

    monkeypatch.setattr(Writer, "write_file", slow)
    content = write(tmp_path / "content", village("dorp", {
        "organisations/traag.md": ORGANISATION.replace("Buurthuis", "Traag"),
        "organisations/buurthuis.md": ORGANISATION,
    }))
    options = BuildOptions(content, tmp_path / "build", now=NOW, item_seconds=0.2)
    [result] = build_portals(options)
    assert result.built, result.error
    assert [str(p) for p in result.problems] == [
        "dorp/organisations/traag.md: file: took longer than 0.2 s to render and was left "
        "out; make it shorter or simpler, or tell the portal's makers"]
    site = tmp_path / "build" / "dorp"
    assert not (site / "sociale-kaart" / "traag" / "index.html").exists()
    assert "sociale-kaart/traag/" not in (site / "sitemap.xml").read_text("utf-8")
    assert (site / "sociale-kaart" / "buurthuis" / "index.html").is_file()
    assert (site / "agenda" / "goed" / "index.html").is_file()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_budget_restores_the_handler_and_timer_it_found():
    from sitegen.budget import ItemBudget, OverBudget

    def mine(signum, frame):  # pragma: no cover - never due during the test
        raise AssertionError("the earlier timer fired early")

    before = signal.signal(signal.SIGALRM, mine)
    try:
        signal.setitimer(signal.ITIMER_REAL, 60)
        with ItemBudget(5) as budget:
            # Its own handler, and a timer due at its 5 s (before the earlier 60 s).
            assert budget.limited
            assert signal.getsignal(signal.SIGALRM) == budget._on_alarm
            assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 5
        assert signal.getsignal(signal.SIGALRM) is mine
        assert 5 < signal.getitimer(signal.ITIMER_REAL)[0] <= 60
        with pytest.raises(OverBudget), ItemBudget(0.05):
            time.sleep(5)
        assert signal.getsignal(signal.SIGALRM) is mine
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 60
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def test_nested_budgets_stop_the_one_that_ran_out():
    from sitegen.budget import ItemBudget, OverBudget

    # The inner one runs out: the outer one goes on.
    with ItemBudget(30) as outer:
        with pytest.raises(OverBudget), ItemBudget(0.05):
            time.sleep(5)
        assert signal.getsignal(signal.SIGALRM) == outer._on_alarm
    # The outer one runs out inside an inner one: the inner block does not catch it.
    inner_caught = []
    with pytest.raises(OverBudget) as caught, ItemBudget(0.05) as outer:
        try:
            with ItemBudget(30):
                time.sleep(5)
        except OverBudget:  # pragma: no cover - would be the wrong budget
            inner_caught.append(True)
    assert caught.value.seconds == 0.05 and inner_caught == []
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize("seconds", [None, 0])
def test_a_budget_without_seconds_sets_no_timer_and_leaves_the_handler(seconds):
    from sitegen.budget import ItemBudget

    handler = signal.getsignal(signal.SIGALRM)
    with ItemBudget(seconds) as budget:
        assert not budget.limited
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler


def test_outside_the_main_thread_a_budget_sets_no_timer_and_stops_nothing():
    import threading

    from sitegen.budget import ItemBudget

    seen = []

    def work():
        with ItemBudget(0.01) as budget:
            seen.append(budget.limited)
            time.sleep(0.05)  # past the budget: only a timer could stop it, and none is set
            seen.append("finished")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [False, "finished"]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_event_whose_dates_take_too_long_is_left_out(tmp_path, monkeypatch):
    from sitegen import resolve as resolving

    real = resolving.expand_occurrences

    def slow(event, *args, **kwargs):
        if event.slug == "traag":
            time.sleep(5)
        return real(event, *args, **kwargs)

    monkeypatch.setattr(resolving, "expand_occurrences", slow)
    content = write(tmp_path / "content", village("dorp", {
        "events/traag.md": event("2026-12-02T10:00", "recurrence: FREQ=WEEKLY\n"),
    }))
    options = BuildOptions(content, tmp_path / "build", now=NOW, item_seconds=0.2)
    [result] = build_portals(options)
    assert result.built, result.error
    assert [(p.path, p.field) for p in result.problems] == [("dorp/events/traag.md",
                                                            "recurrence")]
    assert "took longer than 0.2 s" in result.problems[0].message
    site = tmp_path / "build" / "dorp"
    assert not (site / "agenda" / "traag").exists()
    assert "traag" not in (site / "agenda.ics").read_text("utf-8").lower()
    assert (site / "agenda" / "goed" / "index.html").is_file()
