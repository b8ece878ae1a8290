"""Reading and validating content files (`sitegen.content`).

Two fixture trees under ``tests/fixtures/reader/``: ``good/`` (two villages that load
without a single problem) and ``hostile/`` (one village full of broken and malicious files
next to a few good ones). Finer cases write small villages into ``tmp_path``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen.content import (
    MAX_FILE_BYTES,
    SLUG_RE,
    ContentRootError,
    VillageError,
    check_item,
    discover_villages,
    is_note,
    load_village,
    slug_from_text,
)
from sitegen.markup import MAX_OPENERS
from sitegen.model import Address, Geo, ImageRef, Location, VillageContent
from tests.sitetexts import site_yaml

FIXTURES = Path(__file__).parent / "fixtures" / "reader"
GOOD = FIXTURES / "good"
HOSTILE = FIXTURES / "hostile"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BRUSSELS = ZoneInfo("Europe/Brussels")

SITE = site_yaml(categories=[("ontmoeten", "Ontmoeten"), ("zorg", "Zorg")])

ORGANISATION = """\
---
title: Buurthuis
categories: [ontmoeten]
summary: Een plek om elkaar te ontmoeten.
---
"""


def make_village(root: Path, files: dict[str, str | bytes], site: str | None = SITE) -> Path:
    """Write village ``testdorp`` (site.yaml plus ``files``) under ``root``."""
    village = root / "testdorp"
    village.mkdir(parents=True, exist_ok=True)
    if site is not None:
        (village / "site.yaml").write_text(site, encoding="utf-8")
    for rel, text in files.items():
        path = root / rel if rel.startswith("media/") else village / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def load(root: Path, files: dict[str, str | bytes], site: str | None = SITE) -> VillageContent:
    return load_village(make_village(root, files, site), "testdorp")


def problem_fields(content: VillageContent) -> list[tuple[str, str]]:
    return sorted((p.path, p.field) for p in content.problems)


def only_problem(content: VillageContent) -> tuple[str, str, str]:
    assert len(content.problems) == 1, [str(p) for p in content.problems]
    problem = content.problems[0]
    return problem.path, problem.field, problem.message


def event_file(**fields: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\ntitle: Activiteit\n{lines}---\nTekst\n"


def load_event(tmp_path: Path, site: str = SITE, **fields: str) -> VillageContent:
    return load(tmp_path, {"events/activiteit.md": event_file(**fields)}, site)


# ---------------------------------------------------------------------------- villages


def test_slug_pattern():
    assert SLUG_RE.match("koffie-ochtend-2")
    for bad in ("Koffie", "koffie--ochtend", "-koffie", "koffie-", "koffie_ochtend", "ké"):
        assert not SLUG_RE.match(bad)


def test_discover_villages_skips_media_bad_names_and_folders_without_site_yaml():
    assert discover_villages(GOOD) == ["baarle-hertog", "papendrecht"]


def test_discover_villages_missing_root(tmp_path):
    with pytest.raises(ContentRootError):
        discover_villages(tmp_path / "nope")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ContentRootError):
        discover_villages(tmp_path / "file")


def test_load_village_missing_root(tmp_path):
    with pytest.raises(ContentRootError):
        load_village(tmp_path / "nope", "testdorp")


def test_discover_villages_unreadable_root(tmp_path, monkeypatch):
    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    # chmod does not stop root, who may run the tests, so the refusal is simulated
    monkeypatch.setattr(Path, "iterdir", refuse)
    with pytest.raises(ContentRootError, match="cannot be read"):
        discover_villages(tmp_path)


# ---------------------------------------------------------------------------- good content


def test_good_village_loads_without_problems():
    content = load_village(GOOD, "papendrecht")
    assert content.problems == []
    village = content.village
    assert village.slug == "papendrecht"
    assert village.name == "PuurPapendrecht"
    assert village.base_url == "https://puur.papendrecht.example"  # trailing slash gone
    assert village.locale == "nl"
    assert village.timezone == "Europe/Amsterdam"
    assert [c.slug for c in village.categories] == ["zorg-en-welzijn", "sport", "ontmoeten"]
    assert village.category("sport").name == "Sport en bewegen"
    assert village.contact_email == "info@puur.papendrecht.example"
    assert village.contact_phone == "078 123 45 67"
    assert village.map_center == Geo(51.8347, 4.6921)
    assert village.map_zoom == 15
    assert village.map_tiles.startswith("https://tile.openstreetmap.org/")
    assert village.logo == ImageRef("media/logo.png", "Logo van PuurPapendrecht")
    assert village.primary_color == "#2a7d4f"
    assert village.synonyms == [["huisarts", "dokter"], ["kinderopvang", "creche", "crèche"]]
    assert village.extra == {"newsletter": "maandelijks"}


def test_good_organisation_fields():
    content = load_village(GOOD, "papendrecht")
    assert [o.slug for o in content.organisations] == ["bakkerij-van-dam", "buurthuis-de-schakel"]
    org = content.organisations[1]
    assert org.title == "Buurthuis De Schakel"
    assert org.categories == ["ontmoeten", "zorg-en-welzijn"]
    assert org.address == Address("Markt 1", "3351 AB", "Papendrecht")
    assert org.geo == Geo(51.83, 4.69)
    assert org.phone == "078 765 43 21"
    assert org.email == "schakel@example.nl"
    assert org.website == "https://deschakel.example.nl"
    assert org.opening_hours == ["Mo-Fr 09:00-17:00", "Sa 10:00-12:00", "Mo,We 19:00-21:00"]
    assert org.tags == ["koffie", "biljart", "55+"]
    assert org.image == ImageRef("media/buurthuis.jpg", "Het buurthuis met een groene deur")
    assert org.volunteers_wanted is True
    assert org.updated == datetime(2026, 3, 1, 12, 30, tzinfo=AMSTERDAM)
    assert org.source == "papendrecht/organisations/buurthuis-de-schakel.md"
    assert org.body_html.startswith("<h2>Welkom</h2>")  # the page keeps its one <h1>
    assert 'rel="noopener nofollow ugc"' in org.body_html
    assert org.body_text == "Welkom Iedere ochtend koffie. Zie ons rooster."
    assert org.extra == {"facebook": "https://facebook.example/deschakel"}
    # one bare category is a list of one; "./" is dropped from image paths
    bakery = content.organisations[0]
    assert bakery.categories == ["zorg-en-welzijn"]
    assert bakery.image.path == "media/bakkerij.jpg"


def test_good_events():
    content = load_village(GOOD, "papendrecht")
    slugs = [e.slug for e in content.events]
    assert slugs == [
        "utc-opgegeven",
        "koffie-ochtend",
        "braderie",
        "voor-de-klokwissel",
        "na-de-klokwissel",
    ]
    coffee = content.events[1]
    assert coffee.start == datetime(2026, 5, 5, 10, tzinfo=AMSTERDAM)
    assert coffee.end == datetime(2026, 5, 5, 11, 30, tzinfo=AMSTERDAM)
    assert coffee.all_day is False
    assert coffee.recurrence == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630"  # "RRULE:" dropped
    # a bare date cancels that day's occurrence at the usual time
    assert coffee.exdates == [
        datetime(2026, 12, 29, 10, tzinfo=AMSTERDAM),
        datetime(2027, 1, 5, 10, tzinfo=AMSTERDAM),
    ]
    assert coffee.location == Location(
        "Buurthuis De Schakel", Address("Markt 1", "3351 AB", "Papendrecht"), Geo(51.83, 4.69)
    )
    assert coffee.organiser == "buurthuis-de-schakel"
    assert coffee.categories == ["ontmoeten"]
    assert coffee.price == "1.5"
    assert coffee.registration_url == "https://deschakel.example.nl/aanmelden"

    fair = content.events[2]
    assert fair.all_day is True
    assert (fair.start, fair.end) == (date(2026, 6, 13), date(2026, 6, 14))


def test_offsets_are_converted_to_the_village_zone():
    content = load_village(GOOD, "papendrecht")
    online = content.events[0]
    assert online.start == datetime(2026, 1, 15, 19, tzinfo=AMSTERDAM)
    assert online.start.tzinfo is AMSTERDAM
    assert online.start.isoformat() == "2026-01-15T19:00:00+01:00"
    assert online.end.isoformat() == "2026-01-15T20:00:00+01:00"


def test_local_times_get_the_offset_of_their_own_day_around_dst():
    events = {e.slug: e for e in load_village(GOOD, "papendrecht").events}
    # Summer time ends at 03:00 on Sunday 25 October 2026.
    assert events["voor-de-klokwissel"].start.isoformat() == "2026-10-24T10:00:00+02:00"
    assert events["na-de-klokwissel"].start.isoformat() == "2026-10-25T10:00:00+01:00"
    assert events["na-de-klokwissel"].start.utcoffset() == timedelta(hours=1)


def test_belgian_village_uses_brussels_time():
    content = load_village(GOOD, "baarle-hertog")
    assert content.problems == []
    assert content.village.timezone == "Europe/Brussels"
    summer, winter = content.events
    assert summer.start == datetime(2026, 7, 4, 14, tzinfo=BRUSSELS)
    assert summer.start.tzinfo is BRUSSELS
    assert summer.end.isoformat() == "2026-07-04T22:00:00+02:00"  # 20:00 UTC
    assert winter.start.isoformat() == "2026-12-19T17:00:00+01:00"  # 16:00 UTC


def test_good_stories_and_pages_are_sorted():
    content = load_village(GOOD, "papendrecht")
    assert [(s.slug, s.date) for s in content.stories] == [
        ("de-bakker", date(2026, 5, 10)),
        ("in-gesprek-met-de-schakel", date(2026, 4, 2)),
    ]
    assert content.stories[0].organisations == ["bakkerij-van-dam"]
    assert content.stories[1].author == "Anja de Vries"
    # pages with a menu_order first, in that order; README.txt is not content
    assert [(p.slug, p.menu_order) for p in content.pages] == [
        ("over", 1),
        ("contact", 2),
        ("privacy", None),
    ]


# ---------------------------------------------------------------------------- hostile content

HOSTILE_PROBLEMS = sorted(
    [
        ("papendrecht/organisations/Hoofdletters.md", "file"),
        ("papendrecht/organisations/alias-bom.md", "front matter"),
        ("papendrecht/organisations/geen-voorwerk.md", "front matter"),
        ("papendrecht/organisations/javascript-website.md", "website"),
        ("papendrecht/organisations/latin-1.md", "file"),
        ("papendrecht/organisations/lijst.md", "front matter"),
        ("papendrecht/organisations/onbekende-categorie.md", "categories"),
        ("papendrecht/organisations/passwd.md", "image"),
        ("papendrecht/organisations/script-in-titel.md", "title"),
        ("papendrecht/organisations/titel-is-lijst.md", "title"),
        ("papendrecht/organisations/zonder-alt.md", "image_alt"),
        ("papendrecht/events/einde-voor-start.md", "end"),
        ("papendrecht/events/elke-minuut.md", "recurrence"),
        ("papendrecht/events/gemengd.md", "end"),
        ("papendrecht/events/kapotte-datum.md", "start"),
        ("papendrecht/events/onbekende-organisator.md", "organiser"),
        ("papendrecht/events/ongeldige-organisator.md", "organiser"),
        ("papendrecht/events/onmogelijke-datum.md", "start"),
        ("papendrecht/events/slechte-rrule.md", "recurrence"),
        ("papendrecht/stories/onbekende-organisatie.md", "organisations"),
        ("papendrecht/pages/menu-als-tekst.md", "menu_order"),
    ]
)


@pytest.fixture(scope="module")
def hostile() -> VillageContent:
    return load_village(HOSTILE, "papendrecht")


def test_every_hostile_file_is_reported_once_with_path_and_field(hostile):
    assert problem_fields(hostile) == HOSTILE_PROBLEMS


def test_good_items_load_next_to_hostile_ones(hostile):
    assert [o.slug for o in hostile.organisations] == ["goed-buurthuis"]
    # An event or story that refers to a left-out organisation stays, without the link.
    assert [e.slug for e in hostile.events] == ["goed-evenement", "ongeldige-organisator"]
    assert [s.slug for s in hostile.stories] == ["onbekende-organisatie", "goed-verhaal"]
    assert [p.slug for p in hostile.pages] == ["over"]
    assert [e.organiser for e in hostile.events] == ["goed-buurthuis", ""]
    assert [s.organisations for s in hostile.stories] == [["goed-buurthuis"]] * 2


def test_hostile_bodies_are_sanitised(hostile):
    org = hostile.organisations[0]
    event = hostile.events[0]
    for html in (org.body_html, event.body_html):
        lowered = html.lower()
        for needle in ("<script", "onerror", "onclick", "javascript:", "style=", "<img", "<iframe"):
            assert needle not in lowered
    assert "alert" not in org.body_text
    assert "Hallo" in org.body_text and "Klik" in org.body_text


@pytest.mark.parametrize(
    ("file", "words"),
    [
        ("events/kapotte-datum.md", "must be a date like 2026-05-14 or a date and time like"),
        ("events/kapotte-datum.md", "got 'morgen'"),
        ("events/einde-voor-start.md", "is before start"),
        ("events/elke-minuut.md", "FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY"),
        ("events/slechte-rrule.md", "is not a valid repeat rule"),
        ("events/onbekende-organisator.md", "'bestaat-niet' is not an organisation"),
        ("events/ongeldige-organisator.md", "is shown without its organiser"),
        ("stories/onbekende-organisatie.md", "the story does not link to it"),
        ("organisations/latin-1.md", "is not UTF-8"),
        ("organisations/alias-bom.md", "anchor or alias"),
        ("organisations/lijst.md", "but it is a list"),
        ("organisations/passwd.md", "without '..'"),
        ("organisations/script-in-titel.md", "must be plain text"),
        ("organisations/titel-is-lijst.md", "must be text, got a list"),
        ("organisations/javascript-website.md", "must be a web address starting with https://"),
        ("organisations/onbekende-categorie.md", "'geheim' is not a category"),
        ("organisations/zonder-alt.md", "is required when there is an image"),
        ("pages/menu-als-tekst.md", "must be a whole number, got 'eerste'"),
    ],
)
def test_hostile_messages_are_plain_words(hostile, file, words):
    messages = [p.message for p in hostile.problems if p.path == f"papendrecht/{file}"]
    assert any(words in m for m in messages), messages


def test_problem_prints_as_path_field_message(hostile):
    problem = next(p for p in hostile.problems if p.path.endswith("kapotte-datum.md"))
    assert str(problem).startswith("papendrecht/events/kapotte-datum.md: start: must be a date")


# ---------------------------------------------------------------------------- site.yaml


def test_missing_site_yaml_is_a_village_error(tmp_path):
    (tmp_path / "testdorp").mkdir()
    with pytest.raises(VillageError) as caught:
        load_village(tmp_path, "testdorp")
    assert [(p.path, p.field) for p in caught.value.problems] == [("testdorp/site.yaml", "file")]


@pytest.mark.parametrize(
    ("site", "field"),
    [
        ("name: [unclosed\n", "file"),
        ("- a list\n", "file"),
        (SITE.replace("name: Testdorp\n", ""), "name"),
        (SITE.replace("municipality: Testgemeente\n", ""), "municipality"),
        (SITE.replace("https://test.example", "javascript:alert(1)"), "base_url"),
        (SITE + "timezone: Mars/Olympus\n", "timezone"),
        (SITE + "timezone: ../../etc/passwd\n", "timezone"),
        ("name: a\nmunicipality: b\nbase_url: https://x.example\n", "categories"),
        ("name: a\nmunicipality: b\nbase_url: https://x.example\ncategories: []\n", "categories"),
        ("name: a\nmunicipality: b\nbase_url: https://x.example\ncategories: zorg\n", "categories"),
        ("a: &x 1\n" + SITE, "file"),
    ],
)
def test_unusable_site_yaml(tmp_path, site, field):
    with pytest.raises(VillageError) as caught:
        load(tmp_path, {"organisations/buurthuis.md": ORGANISATION}, site)
    assert field in [p.field for p in caught.value.problems]
    assert all(p.path == "testdorp/site.yaml" for p in caught.value.problems)


def test_bad_category_entries_are_skipped_and_reported(tmp_path):
    site = SITE + "  - {slug: Foute Slug, name: Fout}\n  - {slug: zorg, name: Dubbel}\n  - x\n"
    content = load(tmp_path, {}, site)
    assert [c.slug for c in content.village.categories] == ["ontmoeten", "zorg"]
    assert problem_fields(content) == [
        ("testdorp/site.yaml", "categories[3].slug"),
        ("testdorp/site.yaml", "categories[4].slug"),
        ("testdorp/site.yaml", "categories[5]"),
    ]


def test_bad_optional_settings_fall_back_to_defaults(tmp_path):
    site = SITE + (
        "locale: Nederlands!\n"
        "contact: {email: geen-adres, phone: 0612345670}\n"
        "map: {lat: 200, lon: 4.6, zoom: 99, tiles: 'ftp://tiles.example/{z}/{x}/{y}.png'}\n"
        "branding:\n  primary_color: #ff0000\n  logo: /etc/logo.png\n"
        "search: {synonyms: [[alleen]]}\n"
    )
    content = load(tmp_path, {"organisations/buurthuis.md": ORGANISATION}, site)
    village = content.village
    assert (village.locale, village.primary_color, village.map_zoom) == ("nl", "#1d5b8f", 14)
    assert village.map_center is None and village.map_tiles == "" and village.logo is None
    assert village.synonyms == []
    assert problem_fields(content) == sorted(
        ("testdorp/site.yaml", field)
        for field in (
            "locale",
            "contact.email",
            "contact.phone",
            "map.lat",
            "map.zoom",
            "map.tiles",
            "branding.primary_color",
            "branding.logo",
            "search.synonyms",
        )
    )
    color = next(p for p in content.problems if p.field == "branding.primary_color")
    assert "in quotes" in color.message  # an unquoted # starts a YAML comment
    assert [o.slug for o in content.organisations] == ["buurthuis"]


def test_village_logo_alt_defaults_to_the_name(tmp_path):
    content = load(
        tmp_path, {"media/logo.png": b"png"}, SITE + "branding: {logo: media/logo.png}\n"
    )
    assert content.village.logo == ImageRef("media/logo.png", "Testdorp")


# ---------------------------------------------------------------------------- events


def test_dst_parsing_directly(tmp_path):
    after = load_event(tmp_path / "a", start="2026-10-25T10:00").events[0]
    before = load_event(tmp_path / "b", start="2026-10-24T10:00").events[0]
    assert after.start.utcoffset() == timedelta(hours=1)
    assert before.start.utcoffset() == timedelta(hours=2)


def test_yaml_timestamps_and_strings_are_both_accepted(tmp_path):
    as_yaml = load_event(tmp_path / "a", start="2026-05-14 08:00:00+00:00").events[0]
    as_text = load_event(tmp_path / "b", start="'2026-05-14T10:00'").events[0]
    naive_yaml = load_event(tmp_path / "c", start="2026-05-14 10:00:00").events[0]
    assert as_yaml.start == as_text.start == naive_yaml.start
    assert as_yaml.start.tzinfo is AMSTERDAM


def test_time_skipped_by_dst_is_a_problem(tmp_path):
    content = load_event(tmp_path, start="2026-03-29T02:30")
    path, field, message = only_problem(content)
    assert (path, field) == ("testdorp/events/activiteit.md", "start")
    assert "does not exist in Europe/Amsterdam" in message
    assert content.events == []


def test_all_day_event_end_is_inclusive(tmp_path):
    event = load_event(tmp_path, start="2026-06-13", end="2026-06-13").events[0]
    assert event.all_day and event.start == event.end == date(2026, 6, 13)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"start": "2026-06-13", "end": "2026-06-12"}, "end", "is before start"),
        ({"start": "2026-06-13T10:00", "end": "2026-06-13"}, "end", "same form as start"),
        ({"start": "2026-06-13T10:00", "end": "morgen"}, "end", "got 'morgen'"),
        ({"start": "[2026-06-13]"}, "start", "got a list"),
        ({"start": "1718000000"}, "start", "got the number 1718000000"),
        ({"start": "2026-6-13"}, "start", "got '2026-6-13'"),
        ({"summary": "x" * 301, "start": "2026-06-13"}, "summary", "at most 300"),
    ],
)
def test_event_time_problems(tmp_path, fields, field, words):
    content = load_event(tmp_path, **fields)
    path, got_field, message = only_problem(content)
    assert (path, got_field) == ("testdorp/events/activiteit.md", field)
    assert words in message
    assert content.events == []


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        # Year 1 overflowed when converted to UTC; year 9999 when the calendar and the
        # expansion looked ten years ahead.
        ({"start": "0001-01-01T00:10"}, "start"),
        ({"start": "'0001-01-01T00:10'"}, "start"),
        ({"start": "0001-01-01"}, "start"),
        ({"start": "1899-12-31"}, "start"),
        ({"start": "9999-06-01T10:00", "recurrence": "FREQ=YEARLY"}, "start"),
        ({"start": "2201-01-01T10:00"}, "start"),
        ({"start": "2026-06-13T10:00", "end": "9999-12-31T23:59"}, "end"),
        ({"start": "2026-06-13T10:00", "end": "9999-12-31T23:59:59-05:00"}, "end"),
        ({"start": "0001-01-01T00:10+05:00"}, "start"),
        ({"start": "2026-06-13T10:00", "recurrence": "FREQ=WEEKLY",
          "exdates": "[0001-01-01]"}, "exdates"),
        ({"start": "2026-06-13T10:00", "updated": "0001-01-01T00:00"}, "updated"),
    ],
)
def test_dates_outside_the_years_the_portal_handles_are_refused(tmp_path, fields, field):
    content = load_event(tmp_path, **fields)
    path, got_field, message = only_problem(content)
    assert (path, got_field) == ("testdorp/events/activiteit.md", field)
    assert "must lie between the years 1900 and 2200" in message
    assert content.events == []


@pytest.mark.parametrize("until", ["99991231", "99991231T235959Z", "22010101"])
def test_a_rule_running_beyond_the_years_the_portal_handles_is_refused(tmp_path, until):
    content = load_event(tmp_path, start="2026-05-05T10:00",
                         recurrence=f"FREQ=YEARLY;UNTIL={until}")
    path, field, message = only_problem(content)
    assert field == "recurrence"
    assert "UNTIL must lie between the years 1900 and 2200" in message
    assert content.events == []


def test_the_first_and_last_years_are_accepted(tmp_path):
    content = load_event(tmp_path, start="1900-01-01T10:00", end="2200-12-31T23:00",
                         recurrence="FREQ=YEARLY;UNTIL=22001231")
    assert content.problems == []


def test_a_story_dated_in_year_one_is_refused_not_a_crash(tmp_path):
    story = "---\ntitle: Oud\ndate: 0001-01-01T00:10\nauthor: Ik\n---\n"
    content = load(tmp_path, {"stories/oud.md": story, "stories/nieuw.md":
                              story.replace("0001-01-01T00:10", "2026-05-05")})
    assert only_problem(content)[:2] == ("testdorp/stories/oud.md", "date")
    assert [s.slug for s in content.stories] == ["nieuw"]


def test_any_exception_while_reading_an_item_leaves_out_that_item_only(tmp_path, monkeypatch):
    from sitegen import content as reader

    def explode(value, zone):
        if "13" in str(value):
            raise OverflowError("date value out of range")
        return real(value, zone)

    real = reader._parse_when
    monkeypatch.setattr(reader, "_parse_when", explode)
    content = load(tmp_path, {"events/kapot.md": event_file(start="2026-06-13T10:00"),
                              "events/heel.md": event_file(start="2026-06-14T10:00")})
    path, field, message = only_problem(content)
    assert (path, field) == ("testdorp/events/kapot.md", "file")
    assert "OverflowError: date value out of range" in message
    assert "left out" in message
    assert [e.slug for e in content.events] == ["heel"]


def test_an_unreadable_front_matter_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    from sitegen import content as reader

    def explode(text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(reader, "split_front_matter", explode)
    problems = check_item("testdorp", SITE, "events", "diep", event_file(start="2026-06-13"))
    assert [(p.path, p.field) for p in problems] == [("testdorp/events/diep.md", "file")]
    assert "RecursionError" in problems[0].message


def test_an_event_whose_organiser_was_left_out_stays_without_the_link(tmp_path):
    content = load(tmp_path, {
        "organisations/kapot.md": "---\ntitle: Kapot\n---\n",
        "organisations/heel.md": ORGANISATION,
        "events/met-kapot.md": event_file(start="2026-06-13T10:00", organiser="kapot"),
        "stories/over-beide.md": "---\ntitle: Verhaal\ndate: 2026-05-05\nauthor: Ik\n"
                                 "organisations: [heel, kapot]\n---\n",
    })
    assert [e.slug for e in content.events] == ["met-kapot"]
    assert content.events[0].organiser == ""
    assert content.stories[0].organisations == ["heel"]
    notes = [p for p in content.problems if is_note(p)]
    assert sorted((p.path, p.field) for p in notes) == [
        ("testdorp/events/met-kapot.md", "organiser"),
        ("testdorp/stories/over-beide.md", "organisations"),
    ]
    assert "shown without its organiser" in notes[0].message
    # The organisation's own problems leave it out; they are no notes.
    left_out = [p for p in content.problems if not is_note(p)]
    assert left_out and all(p.path == "testdorp/organisations/kapot.md" for p in left_out)


def test_notes_on_an_item_left_out_for_its_own_problems_are_not_reported(tmp_path):
    content = load(tmp_path, {
        "organisations/kapot.md": "---\ntitle: Kapot\n---\n",
        "events/ook-kapot.md": event_file(start="morgen", organiser="kapot"),
    })
    assert content.events == []
    assert not any(is_note(p) for p in content.problems)


def test_missing_start(tmp_path):
    content = load(tmp_path, {"events/activiteit.md": "---\ntitle: Iets\n---\n"})
    assert only_problem(content)[1:] == ("start", "is required")


@pytest.mark.parametrize(
    ("rule", "stored"),
    [
        ("FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU"),
        ("rrule:freq=weekly;byday=tu", "FREQ=WEEKLY;BYDAY=TU"),
        ("FREQ=MONTHLY;BYDAY=1MO;COUNT=10", "FREQ=MONTHLY;BYDAY=1MO;COUNT=10"),
        ("FREQ=WEEKLY;UNTIL=20270630T220000Z", "FREQ=WEEKLY;UNTIL=20270630T220000Z"),
        ("FREQ=YEARLY", "FREQ=YEARLY"),
    ],
)
def test_valid_recurrence(tmp_path, rule, stored):
    content = load_event(tmp_path, start="2026-05-05T10:00", recurrence=f"'{rule}'")
    assert content.problems == []
    assert content.events[0].recurrence == stored


def test_recurrence_on_all_day_event(tmp_path):
    content = load_event(tmp_path, start="2026-05-05", recurrence="FREQ=WEEKLY;UNTIL=20260630")
    assert content.problems == []
    assert content.events[0].all_day


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("BYDAY=TU", "FREQ="),
        ("FREQ=HOURLY", "FREQ must be one of"),
        ("FREQ=SECONDLY", "FREQ must be one of"),
        ("FREQ=FORTNIGHTLY", "FREQ must be one of"),
        ("FREQ=WEEKLY;BYDAY=XX", "is not a valid repeat rule"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "COUNT or UNTIL"),
        ("FREQ=WEEKLY;UNTIL=2027", "UNTIL must be a date like 20270630"),
        ("FREQ=WEEKLY;UNTIL=20271340", "UNTIL must be a date like 20270630"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never produces a date"),
        ("FREQ=WEEKLY;UNTIL=20200101", "never produces a date"),
        ("FREQ=WEEKLY\\nRDATE:20260101", "must be a repeat rule"),
        ("[FREQ=WEEKLY]", "must be text"),
    ],
)
def test_bad_recurrence(tmp_path, rule, words):
    value = rule if rule.startswith("[") else f'"{rule}"'
    content = load_event(tmp_path, start="2026-05-05T10:00", recurrence=value)
    path, field, message = only_problem(content)
    assert field == "recurrence"
    assert words in message
    assert content.events == []


def test_exdates(tmp_path):
    content = load_event(
        tmp_path,
        start="2026-05-05T10:00",
        recurrence="FREQ=WEEKLY",
        exdates="[2026-06-02T10:00, 2026-05-12, '2026-05-19T08:00:00Z', 2026-05-12]",
    )
    assert content.problems == []
    assert content.events[0].exdates == [
        datetime(2026, 5, 12, 10, tzinfo=AMSTERDAM),
        datetime(2026, 5, 19, 10, tzinfo=AMSTERDAM),
        datetime(2026, 6, 2, 10, tzinfo=AMSTERDAM),
    ]


def test_exdates_of_all_day_event_are_dates(tmp_path):
    content = load_event(
        tmp_path, start="2026-05-05", recurrence="FREQ=DAILY", exdates="2026-05-07"
    )
    assert content.events[0].exdates == [date(2026, 5, 7)]


def test_bad_exdate(tmp_path):
    content = load_event(
        tmp_path, start="2026-05-05T10:00", recurrence="FREQ=WEEKLY", exdates="[volgende week]"
    )
    assert only_problem(content)[1] == "exdates"


def test_event_location_forms(tmp_path):
    text = load_event(tmp_path / "a", start="2026-05-05", location="Het dorpsplein").events[0]
    assert text.location == Location(name="Het dorpsplein")
    content = load_event(
        tmp_path / "b", start="2026-05-05", location="{name: Plein, geo: {lat: 95, lon: 4}}"
    )
    assert only_problem(content)[1] == "location.geo.lat"


def test_event_price_number_becomes_text(tmp_path):
    assert load_event(tmp_path, start="2026-05-05", price="5").events[0].price == "5"


def test_event_registration_url_must_be_web_address(tmp_path):
    content = load_event(tmp_path, start="2026-05-05", registration_url="'javascript:alert(1)'")
    assert only_problem(content)[1] == "registration_url"


def test_event_categories_must_be_declared(tmp_path):
    content = load_event(tmp_path, start="2026-05-05", categories="[sport]")
    assert only_problem(content)[1] == "categories"


# ---------------------------------------------------------------------------- organisations


def organisation(**fields: str) -> str:
    """An organisation file: the valid minimum, with ``fields`` added or replaced."""
    values = {
        "title": "Buurthuis",
        "categories": "[ontmoeten]",
        "summary": "Een plek om elkaar te ontmoeten.",
        **fields,
    }
    lines = "".join(f"{key}: {value}\n" for key, value in values.items())
    return f"---\n{lines}---\n"


def test_minimal_organisation(tmp_path):
    content = load(tmp_path, {"organisations/buurthuis.md": ORGANISATION})
    assert content.problems == []
    org = content.organisations[0]
    assert (org.slug, org.title, org.body_html, org.image) == ("buurthuis", "Buurthuis", "", None)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"title": "''"}, "title", "is required"),
        ({"title": "'   '"}, "title", "is empty"),
        ({"title": "42"}, "title", "must be text, got the number 42"),
        ({"title": "x" * 201}, "title", "at most 200"),
        ({"title": "'<b>Vet</b>'"}, "title", "must be plain text"),
        ({"summary": "x" * 301}, "summary", "at most 300"),
        ({"categories": "[]"}, "categories", "is required"),
        ({"categories": "[ontmoeten, 3]"}, "categories", "item 2 must be text"),
        ({"address": "Markt 1"}, "address", "group of 'key: value' lines"),
        ({"address": "{street: [a]}"}, "address.street", "must be text"),
        ({"geo": "{lat: 51.8}"}, "geo.lon", "is required"),
        ({"geo": "{lat: 91, lon: 4}"}, "geo.lat", "between -90 and 90"),
        ({"geo": "{lat: 51, lon: -181}"}, "geo.lon", "between -180 and 180"),
        ({"geo": "{lat: '51.8', lon: 4}"}, "geo.lat", "must be a number"),
        ({"geo": "{lat: .nan, lon: 4}"}, "geo.lat", "must be a number"),
        ({"geo": "{lat: true, lon: 4}"}, "geo.lat", "must be a number"),
        ({"phone": "0612345670"}, "phone", "in quotes"),
        ({"phone": "bellen maar"}, "phone", "must hold a phone number"),
        ({"email": "info(at)example.nl"}, "email", "must be an email address"),
        ({"email": "'\"><script>@x.nl'"}, "email", "must be"),
        ({"website": "www.example.nl"}, "website", "add https:// in front"),
        ({"website": "'ftp://example.nl'"}, "website", "https://"),
        ({"website": "'https://'"}, "website", "https://"),
        ({"website": "'https://exa mple.nl'"}, "website", "https://"),
        ({"opening_hours": "['ma-vr 9:00-17:00']"}, "opening_hours", "Mo-Fr 09:00-17:00"),
        ({"opening_hours": "['Mo-Fr 09:00-25:00']"}, "opening_hours", "item 1"),
        ({"opening_hours": "['Mo-Fr']"}, "opening_hours", "item 1"),
        ({"tags": "[koffie, {a: b}]"}, "tags", "item 2 must be text"),
        ({"volunteers_wanted": "ja"}, "volunteers_wanted", "true or false, got 'ja'"),
        ({"updated": "gisteren"}, "updated", "got 'gisteren'"),
        ({"Title": "Hoofdletter", "title": "''"}, "title", "found 'Title'"),
    ],
)
def test_organisation_problems(tmp_path, fields, field, words):
    content = load(tmp_path, {"organisations/buurthuis.md": organisation(**fields)})
    path, got_field, message = only_problem(content)
    assert (path, got_field) == ("testdorp/organisations/buurthuis.md", field)
    assert words in message
    assert content.organisations == []


def test_organisation_lenient_forms(tmp_path):
    content = load(
        tmp_path,
        {
            "organisations/buurthuis.md": organisation(
                address="{street: Markt 1, postcode: 1234, city: Baarle}",
                geo="{lat: 51, lon: 4}",
                opening_hours="'Mo-Fr   09:00-17:00'",
                tags="[koffie, koffie, 2026]",
                updated="2026-03-01",
                volunteers_wanted="false",
            )
        },
    )
    assert content.problems == []
    org = content.organisations[0]
    assert org.address.postcode == "1234"
    assert org.geo == Geo(51.0, 4.0)
    assert org.opening_hours == ["Mo-Fr 09:00-17:00"]
    assert org.tags == ["koffie", "2026"]
    assert org.updated == datetime(2026, 3, 1, tzinfo=AMSTERDAM)


def test_control_characters_are_stripped(tmp_path):
    content = load(
        tmp_path,
        {"organisations/buurthuis.md": organisation(title='"Buurt\\u0000huis\\u001b\\u0085 Oost"')},
    )
    assert content.organisations[0].title == "Buurthuis Oost"


def test_organisations_sort_by_title_ignoring_case(tmp_path):
    files = {
        f"organisations/{slug}.md": ORGANISATION.replace("Buurthuis", title)
        for slug, title in (("a", "zwembad"), ("b", "Apotheek"), ("c", "bakker"))
    }
    content = load(tmp_path, files)
    assert [o.title for o in content.organisations] == ["Apotheek", "bakker", "zwembad"]


# ---------------------------------------------------------------------------- images


@pytest.mark.parametrize(
    ("image", "words"),
    [
        ("/etc/passwd", "inside the content folder"),
        ("../../etc/passwd.jpg", "without '..'"),
        ("media/../../x.jpg", "without '..'"),
        ("'C:\\\\foto.jpg'", "inside the content folder"),
        ("https://evil.example/x.jpg", "inside the content folder"),
        ("media/bestaat-niet.jpg", "there is no such file"),
        ("media/notes.txt", "must be a picture file"),
        ("media/logo.svg", "must be a picture file"),
    ],
)
def test_bad_images(tmp_path, image, words):
    files = {
        "organisations/buurthuis.md": organisation(image=image, image_alt="Een foto"),
        "media/notes.txt": "x",
        "media/logo.svg": "<svg/>",
    }
    path, field, message = only_problem(load(tmp_path, files))
    assert field == "image"
    assert words in message


def test_image_symlink_leading_outside_the_content_root(tmp_path):
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(b"jpg")
    root = tmp_path / "content"
    make_village(
        root, {"organisations/buurthuis.md": organisation(image="media/link.jpg", image_alt="x")}
    )
    (root / "media").mkdir()
    (root / "media" / "link.jpg").symlink_to(outside)
    path, field, message = only_problem(load_village(root, "testdorp"))
    assert field == "image"
    # The path is inside the folder; what it links to is not, and the message says so.
    assert message == ("is a link to a file outside the content folder; put the picture "
                       "itself in the content folder, got 'media/link.jpg'")
    [problem] = load_village(root, "testdorp").problems
    assert problem.translated("nl").startswith(
        "is een koppeling naar een bestand buiten de inhoudsmap; zet de afbeelding zelf")


def test_logo_symlink_leading_outside_the_content_root(tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"png")
    root = tmp_path / "content"
    make_village(root, {}, SITE + "branding: {logo: media/logo.png}\n")
    (root / "media").mkdir()
    (root / "media" / "logo.png").symlink_to(outside)
    content = load_village(root, "testdorp")
    assert content.village.logo is None
    assert [str(p) for p in content.problems] == [
        "testdorp/site.yaml: branding.logo: is a link to a file outside the content folder; "
        "put the picture itself in the content folder, got 'media/logo.png'"]


@pytest.mark.parametrize("logo", ["media/logo.svg", "media/LOGO.SVG"])
def test_an_svg_logo_is_refused_with_what_to_do_instead(tmp_path, logo):
    content = load(tmp_path, {"media/logo.svg": "<svg/>"}, SITE + f"branding: {{logo: {logo}}}\n")
    assert content.village.logo is None
    [problem] = content.problems
    assert (problem.path, problem.field) == ("testdorp/site.yaml", "branding.logo")
    assert "PNG, JPEG or WebP" in problem.message
    assert "PNG-, JPEG- of WebP" in problem.translated("nl")


def test_image_needs_alt_text(tmp_path):
    files = {
        "organisations/buurthuis.md": organisation(image="media/foto.jpg", image_alt="'  '"),
        "media/foto.jpg": b"jpg",
    }
    assert only_problem(load(tmp_path, files))[1] == "image_alt"


def test_image_with_alt_text(tmp_path):
    files = {
        "organisations/buurthuis.md": organisation(image="media/foto.JPG", image_alt="Foto"),
        "media/foto.JPG": b"jpg",
    }
    content = load(tmp_path, files)
    assert content.organisations[0].image == ImageRef("media/foto.JPG", "Foto")


# ---------------------------------------------------------------------------- files


def test_file_over_one_megabyte(tmp_path):
    big = ORGANISATION + "x" * (MAX_FILE_BYTES + 1)
    path, field, message = only_problem(load(tmp_path, {"organisations/buurthuis.md": big}))
    assert field == "file"
    assert "at most 1 MB" in message


def test_content_file_symlink_leading_outside_the_root(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(ORGANISATION)
    root = tmp_path / "content"
    make_village(root, {})
    (root / "testdorp" / "organisations").mkdir()
    (root / "testdorp" / "organisations" / "geheim.md").symlink_to(secret)
    path, field, message = only_problem(load_village(root, "testdorp"))
    assert (path, field) == ("testdorp/organisations/geheim.md", "file")
    assert "outside the content folder" in message


def test_hidden_and_other_files_are_ignored(tmp_path):
    files = {
        "organisations/.buurthuis.md.swp": "x",
        "organisations/.verborgen.md": "x",
        "organisations/notities.txt": "x",
        "organisations/buurthuis.md": ORGANISATION,
    }
    content = load(tmp_path, files)
    assert content.problems == []
    assert len(content.organisations) == 1


def test_body_too_complex_to_render(tmp_path):
    text = ORGANISATION + "[" * (MAX_OPENERS + 1)
    path, field, message = only_problem(load(tmp_path, {"organisations/buurthuis.md": text}))
    assert (path, field) == ("testdorp/organisations/buurthuis.md", "body")
    assert f"more than {MAX_OPENERS} '['" in message


def test_duplicate_front_matter_key(tmp_path):
    text = ORGANISATION.replace("summary:", "title: Nog een titel\nsummary:")
    path, field, message = only_problem(load(tmp_path, {"organisations/buurthuis.md": text}))
    assert field == "front matter"
    assert "'title' twice" in message


def test_unknown_keys_are_kept_as_extra(tmp_path):
    content = load(tmp_path, {"organisations/buurthuis.md": organisation(kvk="12345678")})
    assert content.organisations[0].extra == {"kvk": 12345678}


# ---------------------------------------------------------------------------- stories, pages


def test_story_problems(tmp_path):
    files = {
        "organisations/buurthuis.md": ORGANISATION,
        "stories/zonder-datum.md": "---\ntitle: Verhaal\nauthor: Anja\n---\n",
        "stories/zonder-auteur.md": "---\ntitle: Verhaal\ndate: 2026-04-01\n---\n",
        "stories/kapotte-datum.md": "---\ntitle: V\ndate: 1 april\nauthor: A\n---\n",
        "stories/goed.md": "---\ntitle: V\ndate: 2026-04-01T23:30:00Z\nauthor: A\n"
        "organisations: buurthuis\n---\nTekst",
    }
    content = load(tmp_path, files)
    assert problem_fields(content) == [
        ("testdorp/stories/kapotte-datum.md", "date"),
        ("testdorp/stories/zonder-auteur.md", "author"),
        ("testdorp/stories/zonder-datum.md", "date"),
    ]
    story = content.stories[0]
    # 23:30 UTC on 1 April is 2 April in Amsterdam
    assert (story.slug, story.date, story.organisations) == (
        "goed",
        date(2026, 4, 2),
        ["buurthuis"],
    )


def test_pages(tmp_path):
    files = {
        "pages/b.md": "---\ntitle: Bravo\n---\n",
        "pages/a.md": "---\ntitle: Alfa\n---\n",
        "pages/z.md": "---\ntitle: Zulu\nmenu_order: 1\n---\n",
        "pages/y.md": "---\ntitle: Yankee\nmenu_order: true\n---\n",
        "pages/x.md": "---\ntitle: X-ray\nmenu_order: 1.5\n---\n",
    }
    content = load(tmp_path, files)
    assert [p.slug for p in content.pages] == ["z", "a", "b"]
    assert problem_fields(content) == [
        ("testdorp/pages/x.md", "menu_order"),
        ("testdorp/pages/y.md", "menu_order"),
    ]


# ------------------------------------------------------- one item, as the CMS checks it


@pytest.mark.parametrize("title, slug", [
    ("Op de fiets naar het Repair Café …", "op-de-fiets-naar-het-repair-cafe"),
    ("Straße der Begegnung", "strasse-der-begegnung"),
    ("Ærø Ørsted Œuvre", "aero-orsted-oeuvre"),
    ("Koffie ☕ en taart 🎂!", "koffie-en-taart"),
    ("'t Hoekje", "t-hoekje"),
    ("ĳsclub De Ĳzeren Man", "ijsclub-de-ijzeren-man"),
])
def test_slug_from_text_gives_slugs_the_build_accepts(title, slug):
    assert slug_from_text(title) == slug
    assert SLUG_RE.match(slug)


def test_a_title_without_letters_or_digits_gives_no_slug():
    # The build refuses an empty slug, so the CMS asks for a letter or a digit instead.
    assert slug_from_text("🎉🎉") == ""
    assert not SLUG_RE.match("")


def test_check_item_reports_what_the_build_would_and_nothing_for_good_items(tmp_path):
    bad_event = event_file(start="2026-13-45")
    from_disk = load(tmp_path, {"events/activiteit.md": bad_event})
    checked = check_item("testdorp", SITE, "events", "activiteit", bad_event)
    assert [str(p) for p in checked] == [str(p) for p in from_disk.problems]
    assert check_item("testdorp", SITE, "organisations", "buurthuis", ORGANISATION) == []


def test_check_item_knows_the_organisations_an_item_may_name():
    story = ("---\ntitle: Verhaal\ndate: 2026-11-01\nauthor: Anna\n"
             "organisations: [buurthuis]\n---\n")
    assert check_item("testdorp", SITE, "stories", "verhaal", story,
                      organisation_slugs={"buurthuis"}) == []
    [problem] = check_item("testdorp", SITE, "stories", "verhaal", story)
    assert problem.field.startswith("organisations")


def test_check_item_refuses_file_names_and_sites_the_build_refuses():
    [problem] = check_item("testdorp", SITE, "organisations", "café", ORGANISATION)
    assert problem.field == "file"
    [problem] = check_item("testdorp", "name: Testdorp\n", "organisations", "buurthuis",
                           ORGANISATION)[:1]
    assert problem.path == "testdorp/site.yaml"


def test_check_item_applies_the_rules_of_the_resolve_step_too():
    """What `portal build` leaves out after reading (an address the portal keeps, the
    category pages' segment) is refused before the CMS saves the page, in the same words."""
    page = "---\ntitle: Agenda\n---\n"
    [problem] = check_item("testdorp", SITE, "pages", "agenda", page)
    assert (problem.field, problem.message) == (
        "file", "the address /agenda/ belongs to the portal itself; rename the file")
    [problem] = check_item("testdorp", SITE, "organisations", "categorie", ORGANISATION)
    assert problem.message.startswith("the name 'categorie' is taken by the category pages")
    assert check_item("testdorp", SITE, "pages", "over-ons", page) == []


def test_check_item_takes_pictures_by_their_path_without_a_disk():
    site = SITE + "branding:\n  logo: media/testdorp/logo.png\n"
    organisation = ORGANISATION.replace(
        "---\n", "---\nimage: media/testdorp/zaal.jpg\nimage_alt: De zaal\n", 1)
    assert check_item("testdorp", site, "organisations", "buurthuis", organisation) == []
    bad = ORGANISATION.replace("---\n", "---\nimage: ../geheim.jpg\nimage_alt: x\n", 1)
    [problem] = check_item("testdorp", site, "organisations", "buurthuis", bad)
    assert problem.field == "image"


@pytest.mark.parametrize("postcode", ["4157 AB", "4157AB", "9872", 9872])
def test_dutch_and_belgian_postcodes_are_read(postcode):
    assert check_item("testdorp", SITE, "organisations", "bakker",
                      organisation_with_postcode(postcode)) == []


@pytest.mark.parametrize("postcode", ["0157 AB", "4157 ab", "B-9872", "12345", "4157 ABC"])
def test_anything_else_as_a_postcode_is_refused_with_an_example(postcode):
    problems = check_item("testdorp", SITE, "organisations", "bakker",
                          organisation_with_postcode(postcode))
    assert [(p.field, p.message) for p in problems] == [
        ("address.postcode", "must be a postcode like '1234 AB' (the Netherlands) or '1234' "
                             f"(Belgium), got '{postcode}'")]


def organisation_with_postcode(postcode) -> str:
    value = f'"{postcode}"' if isinstance(postcode, str) else postcode
    return ORGANISATION.replace("---\n", "---\naddress:\n  postcode: " + str(value) + "\n", 1)
