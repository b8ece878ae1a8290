"""Incremental builds (`sitegen.incremental`): after each kind of edit a rebuild gives the
same bytes as a fresh full build, and replaces exactly the files that read what changed;
every other file of the served site is the same file (the same inode) as before.

The golden village: Fietsenwerkplaats Lindeveld (categories ontmoeting and sport)
organises the Reparatiemiddag (2026-11-28); Buurthuis Het Anker (ontmoeting) organises
the weekly Koffieochtend and is the subject of a story; Huisartsenpraktijk De Linde
(zorg-en-welzijn) has the only picture.
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from sitegen.build import BuildOptions, build_portals
from sitegen.incremental import manifest_path
from tests.conftest import FIXTURES, NOW

VILLAGE = "lindeveld"
SEARCH_INDEX = "zoeken/index/"

A_Z = "sociale-kaart/index.html"
HOME = "index.html"
SEARCH_PAGE = "zoeken/index.html"
AGENDA = "agenda/index.html"
OPEN_DATA = "open-data/organisaties.json"
CALENDAR = "agenda.ics"
SITEMAP = "sitemap.xml"
CATEGORY_PAGES = {f"sociale-kaart/categorie/{c}/index.html"
                  for c in ("ontmoeting", "sport", "zorg-en-welzijn")}
WORKSHOP = "sociale-kaart/fietsenwerkplaats-lindeveld/index.html"
ANCHOR = "sociale-kaart/buurthuis-het-anker/index.html"
PRACTICE = "sociale-kaart/huisartsenpraktijk-de-linde/index.html"
REPAIR_AFTERNOON = "agenda/reparatiemiddag/index.html"
COFFEE_MORNING = "agenda/koffieochtend/index.html"


class Site:
    """The golden content in a scratch folder, built into one output folder again and again
    as an editor's changes come in, with the files each rebuild replaced."""

    def __init__(self, root: Path, theme: Path | None = None) -> None:
        self.root = root
        self.content = root / "content"
        shutil.copytree(FIXTURES / "golden", self.content)
        self.out = root / "out"
        self.theme = theme
        self.now = NOW
        self.build()

    @property
    def served(self) -> Path:
        return self.out / VILLAGE

    def options(self, out: Path, **overrides) -> BuildOptions:
        extra = {"theme": self.theme} if self.theme else {}
        return BuildOptions(content_root=self.content, out=out, now=self.now, **extra,
                            **overrides)

    def build(self, out: Path | None = None, **overrides) -> None:
        [result] = build_portals(self.options(out or self.out, **overrides))
        assert result.built, result.error
        assert not result.problems, result.problems

    def rebuild(self) -> tuple[set[str], set[str]]:
        """Build again; (the files replaced or added, the search index files that changed)."""
        before = files(self.served)
        self.build()
        after = files(self.served)
        replaced = {p for p, (inode, _) in after.items()
                    if p not in before or before[p][0] != inode}
        index_changed = {p for p, (_, data) in after.items() if p.startswith(SEARCH_INDEX)
                         and (p not in before or before[p][1] != data)}
        return replaced, index_changed

    def fresh_build(self) -> dict[str, bytes]:
        scratch = self.root / "fresh"
        shutil.rmtree(scratch, ignore_errors=True)
        self.build(scratch, incremental=False)
        return {p: data for p, (_, data) in files(scratch / VILLAGE).items()}

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.content / VILLAGE / rel
        text = path.read_text("utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), "utf-8")


def files(site: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path)


def rebuilt_as_fresh(site: Site) -> tuple[set[str], set[str]]:
    """Rebuild `site` and check it against a fresh full build, byte for byte."""
    replaced, index_changed = site.rebuild()
    served = {p: data for p, (_, data) in files(site.served).items()}
    fresh = site.fresh_build()
    assert sorted(served) == sorted(fresh)
    assert [p for p in served if served[p] != fresh[p]] == []
    return replaced, index_changed


def test_nothing_changed_replaces_nothing(site):
    replaced, _ = rebuilt_as_fresh(site)
    assert replaced == set()


def test_a_changed_summary_replaces_the_pages_that_show_the_organisation(site):
    site.edit("organisations/fietsenwerkplaats-lindeveld.md", "summary: ",
              "summary: Nu ook op zaterdag open. ")
    replaced, index_changed = rebuilt_as_fresh(site)
    assert index_changed  # the summary is searched
    assert replaced == {
        WORKSHOP, A_Z, SEARCH_PAGE,  # its page and the A–Z lists with its card
        "sociale-kaart/categorie/ontmoeting/index.html",  # its categories
        "sociale-kaart/categorie/sport/index.html",
        REPAIR_AFTERNOON,  # the event it organises names it
        OPEN_DATA, CALENDAR,  # the calendar names organisers, and it is one
        *index_changed,
    }


def test_an_added_organisation_adds_its_page_and_changes_the_counts(site):
    (site.content / VILLAGE / "organisations" / "sportclub-lindeveld.md").write_text(
        "---\ntitle: Sportclub Lindeveld\nsummary: Voetbal en tennis voor jong en oud.\n"
        "categories: [sport]\n---\nWelkom bij de club.\n", "utf-8")
    replaced, index_changed = rebuilt_as_fresh(site)
    assert "sociale-kaart/sportclub-lindeveld/index.html" in replaced
    assert replaced == {
        "sociale-kaart/sportclub-lindeveld/index.html", A_Z, SEARCH_PAGE,
        HOME, *CATEGORY_PAGES,  # "Alles (4)", "Sport en bewegen (2)"
        OPEN_DATA, SITEMAP, *index_changed,  # not the calendar: it organises nothing
    }


def test_a_deleted_organisation_takes_its_page_and_picture_along(site):
    (site.content / VILLAGE / "organisations" / "huisartsenpraktijk-de-linde.md").unlink()
    replaced, index_changed = rebuilt_as_fresh(site)
    assert not (site.served / PRACTICE).exists()
    assert not (site.served / "media").exists()
    assert replaced == {A_Z, SEARCH_PAGE, HOME, *CATEGORY_PAGES, OPEN_DATA, SITEMAP,
                        *index_changed}


def test_a_renamed_organisation_moves_its_page_and_leaves_the_counts(site):
    old = site.content / VILLAGE / "organisations" / "huisartsenpraktijk-de-linde.md"
    old.rename(old.with_name("praktijk-de-linde.md"))
    replaced, index_changed = rebuilt_as_fresh(site)
    assert not (site.served / PRACTICE).exists()
    # Counts are the same, so the home page and the other categories stay as they were.
    assert replaced == {
        "sociale-kaart/praktijk-de-linde/index.html", A_Z, SEARCH_PAGE,
        "sociale-kaart/categorie/zorg-en-welzijn/index.html",
        OPEN_DATA, SITEMAP, *index_changed,
    }


def test_a_changed_category_changes_both_categories_and_every_count(site):
    site.edit("organisations/fietsenwerkplaats-lindeveld.md",
              "categories: [ontmoeting, sport]", "categories: [sport]")
    replaced, index_changed = rebuilt_as_fresh(site)
    assert replaced == {
        WORKSHOP, A_Z, SEARCH_PAGE, HOME, *CATEGORY_PAGES, REPAIR_AFTERNOON,
        OPEN_DATA, CALENDAR, *index_changed,
    }


def test_a_changed_picture_replaces_its_pictures_and_the_pages_listing_its_item(site):
    picture = site.content / "media" / "praktijk.jpg"
    Image.new("RGB", (1400, 900), (30, 120, 60)).save(picture, "JPEG")
    before = {p.name for p in (site.served / "media").iterdir()}
    replaced, index_changed = rebuilt_as_fresh(site)
    pictures = {f"media/{p.name}" for p in (site.served / "media").iterdir()}
    assert not before & {p.removeprefix("media/") for p in pictures}  # all new names
    assert index_changed == set()
    # An item is the unit of change: a page that lists the practice reads the practice,
    # picture and all, even where its card shows no picture.
    assert replaced == {PRACTICE, A_Z, SEARCH_PAGE,
                        "sociale-kaart/categorie/zorg-en-welzijn/index.html",
                        OPEN_DATA, *pictures}


def test_a_changed_site_yaml_replaces_every_page(site):
    site.edit("site.yaml", "tagline: Wat er", "tagline: Alles wat er")
    replaced, index_changed = rebuilt_as_fresh(site)
    pages = {p for p in files(site.served) if p.endswith(".html")}
    assert pages <= replaced
    assert replaced - pages == {
        OPEN_DATA, CALENDAR, SITEMAP, "robots.txt", "feeds/verhalen.atom.xml",
        *index_changed}


def test_a_changed_template_replaces_the_pages_made_with_it(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parent.parent / "themes" / "portal", theme)
    site = Site(tmp_path / "site", theme=theme)
    story = theme / "templates" / "pages" / "story.html"
    story.write_text(story.read_text("utf-8") + "{# a note in the template #}\n", "utf-8")
    replaced, _ = rebuilt_as_fresh(site)
    assert replaced == {"verhalen/vrijwilliger-in-het-anker/index.html"}
    css = theme / "static" / "css" / "portal.css"
    css.write_text(css.read_text("utf-8") + "\n/* one more rule */\n", "utf-8")
    replaced, _ = rebuilt_as_fresh(site)
    assert replaced == {"theme/css/portal.css"}
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text("utf-8") + "{# every page #}\n", "utf-8")
    replaced, _ = rebuilt_as_fresh(site)
    assert replaced == {p for p in files(site.served) if p.endswith(".html")}


def test_a_day_passing_replaces_what_lists_dates(site):
    # The Reparatiemiddag (28 November) becomes past; the weekly Koffieochtend moves on.
    site.now = NOW + timedelta(days=6)
    replaced, index_changed = rebuilt_as_fresh(site)
    assert replaced == {
        AGENDA, HOME, REPAIR_AFTERNOON, COFFEE_MORNING,
        WORKSHOP, ANCHOR,  # the next dates of the events they organise
        CALENDAR, *index_changed,
    }


def test_a_full_build_or_a_lost_manifest_makes_every_file_again(site):
    site.build(incremental=False)
    site.edit("organisations/buurthuis-het-anker.md", "summary: ", "summary: Open! ")
    manifest = manifest_path(site.out / ".cache" / VILLAGE, site.served)
    manifest.unlink()
    replaced, _ = rebuilt_as_fresh(site)
    assert replaced == set(files(site.served)) - {
        p for p in files(site.served) if p.startswith("media/")}  # from the image cache


def problems_of(site: Site, out: Path, **overrides) -> list[str]:
    [result] = build_portals(site.options(out, **overrides))
    assert result.built, result.error
    return [str(p) for p in result.problems]


@pytest.mark.parametrize("edit", ["picture removed", "organiser broken"])
def test_an_item_kept_from_the_last_build_gets_the_problems_a_fresh_build_finds(site, edit):
    # Neither the practice's nor the Reparatiemiddag's own file changes, but what reading
    # them checks does: the file its picture points at, the organisation it names.
    if edit == "picture removed":
        (site.content / "media" / "praktijk.jpg").unlink()
    else:
        site.edit("organisations/fietsenwerkplaats-lindeveld.md", "title: ", "title: [")
    rebuilt = problems_of(site, site.out)
    fresh = problems_of(site, site.root / "fresh", incremental=False)
    assert rebuilt == fresh
    assert any(("huisartsenpraktijk-de-linde.md" if edit == "picture removed"
                else "reparatiemiddag.md") in p for p in rebuilt), rebuilt


def test_an_event_is_written_out_to_check_the_calendar_only_when_it_changed(site, monkeypatch):
    from sitegen import calendar

    checked = []
    original = calendar.feed_entry

    def spy(event, village, organisations, now, check=True):
        checked.append((event.slug, check))
        return original(event, village, organisations, now, check=check)

    monkeypatch.setattr(calendar, "feed_entry", spy)
    site.build()
    assert checked and not any(check for _slug, check in checked)
    checked.clear()
    site.edit("events/koffieochtend.md", "title: Koffieochtend", "title: Koffie-ochtend")
    site.build()
    assert [slug for slug, check in checked if check] == ["koffieochtend"]
    checked.clear()
    # The organiser is part of the entry: a change to it checks its events again.
    site.edit("organisations/fietsenwerkplaats-lindeveld.md", "title: ", "title: De ")
    site.build()
    assert [slug for slug, check in checked if check] == ["reparatiemiddag"]


def test_a_full_build_reads_every_file_and_leaves_them_for_the_next(site, monkeypatch):
    from sitegen import content

    parsed = []
    original = content.split_front_matter
    monkeypatch.setattr(content, "split_front_matter",
                        lambda text: parsed.append(text) or original(text))
    site.build(incremental=False)
    assert len(parsed) == 11  # every organisation, event, story and page
    parsed.clear()
    site.edit("events/koffieochtend.md", "title: Koffieochtend", "title: Koffie-ochtend")
    site.build()
    assert len(parsed) == 1 and "Koffie-ochtend" in parsed[0]


def test_files_are_linked_from_the_site_the_manifest_describes_never_a_newer_one(site):
    # A build reads the served site's manifest; before it links, other builds (a second
    # worker) swap newer sites in. The first must not take a newer site's file for the
    # one its manifest describes: it links from the folder it read, which no other build
    # may recycle while it is read.
    from sitegen.incremental import Generation

    staged = site.root / "staged"
    staged.mkdir()
    generation = Generation.beside(site.served, staged, site.out / ".cache" / VILLAGE)
    try:
        key = generation.previous[WORKSHOP]
        described = (site.served / WORKSHOP).read_bytes()
        assert generation.reuse(A_Z, generation.previous[A_Z])  # the site it read is there
        for summary in ("Nieuw adres. ", "Nog nieuwer. "):
            # The first swaps a newer site in and keeps the one read aside for the next
            # build, which would recycle it, but may not: it is being read.
            site.edit("organisations/fietsenwerkplaats-lindeveld.md", "summary: ",
                      f"summary: {summary}")
            site.build()
            assert summary in (site.served / WORKSHOP).read_text("utf-8")
        assert generation.reuse(WORKSHOP, key)
        assert (staged / WORKSHOP).read_bytes() == described
    finally:
        generation.close()


def test_a_recycled_site_is_never_written_into_where_the_served_site_shares_a_file(site):
    site.build()  # the first site is kept aside now, for the next build to recycle
    spare = site.out / ".cache" / VILLAGE / "spare"
    recycled = spare.stat().st_ino
    shown = dict(files(site.served).values())
    site.edit("organisations/fietsenwerkplaats-lindeveld.md", "summary: ",
              "summary: Nieuw adres. ")
    site.edit("events/reparatiemiddag.md", "title: ", "title: Grote ")
    replaced, _ = rebuilt_as_fresh(site)
    assert site.served.stat().st_ino == recycled
    assert WORKSHOP in replaced and REPAIR_AFTERNOON in replaced
    for folder in (site.served, spare):
        for inode, data in files(folder).values():
            assert shown.get(inode, data) == data


def test_the_calendar_is_written_again_for_the_moment_only_when_an_event_has_no_updated(site):
    # The golden events carry no `updated`, so their DTSTAMP is the moment of the build.
    site.now = NOW + timedelta(hours=1)
    replaced, _ = rebuilt_as_fresh(site)
    assert replaced == {CALENDAR}
    # Stamped as the CMS stamps every event, an hour later changes nothing at all.
    for event in (site.content / VILLAGE / "events").glob("*.md"):
        text = event.read_text("utf-8")
        event.write_text(text.replace("title: ", "updated: 2026-11-01T09:00:00+01:00\ntitle: ",
                                      1), "utf-8")
    rebuilt_as_fresh(site)
    site.now = NOW + timedelta(hours=2)
    replaced, _ = rebuilt_as_fresh(site)
    assert replaced == set()
