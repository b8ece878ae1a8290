"""`portal build` on real content: the files of a built portal and what residents read in them."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr
from PIL import Image

from tests.conftest import FIXTURES, NOW_ARG, ROOT, run_portal

SPEC_PATHS = [
    "index.html", "sociale-kaart/index.html", "agenda/index.html", "agenda.ics",
    "verhalen/index.html", "zoeken/index.html", "feeds/verhalen.atom.xml", "sitemap.xml",
    "robots.txt", "404.html", "open-data/organisaties.json",
]
AMS = ZoneInfo("Europe/Amsterdam")


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def jsonld_blocks(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in blocks]


class TextOf(HTMLParser):
    """The visible text of a page, to assert on what a resident reads."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def text(html: str) -> str:
    parser = TextOf()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


def test_every_spec_path_exists_and_the_spec_checker_agrees(golden_site):
    for rel in SPEC_PATHS:
        assert (golden_site / rel).is_file(), rel
    for rel in ["sociale-kaart/categorie/zorg-en-welzijn/index.html",
                "sociale-kaart/huisartsenpraktijk-de-linde/index.html",
                "agenda/koffieochtend/index.html", "verhalen/vrijwilliger-in-het-anker/index.html",
                "over/index.html", "privacy/index.html"]:
        assert (golden_site / rel).is_file(), rel
    checker = ROOT.parent / "shared" / "tools" / "spec_check.py"
    assert checker.is_file(), "the SPEC checker from ../shared/tools is needed beside the repo"
    import subprocess
    import sys

    result = subprocess.run([sys.executable, str(checker), str(golden_site)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_home_shows_upcoming_events_newest_stories_and_the_ways_in(golden_site):
    home = text(read(golden_site, "index.html"))
    assert "Lindeveld Verbindt" in home
    assert "Koffieochtend" in home and "Reparatiemiddag" in home
    assert "Zomerfeest" not in home  # past
    assert "Ria schenkt al twintig jaar koffie" in home
    assert "Nog niet gepubliceerd" not in home  # dated in the future: scheduled
    assert 'href="./sociale-kaart/"' in read(golden_site, "index.html")
    assert 'action="./zoeken/"' in read(golden_site, "index.html")


def test_social_map_lists_a_to_z_with_categories(golden_site):
    page = read(golden_site, "sociale-kaart/index.html")
    names = re.findall(r'<h3 class="card-title"><a href="[^"]+">([^<]+)</a>', page)
    assert names == ["Buurthuis Het Anker", "Fietsenwerkplaats Lindeveld",
                     "Huisartsenpraktijk De Linde"]
    assert 'href="../sociale-kaart/categorie/sport/"' in page
    category = text(read(golden_site, "sociale-kaart/categorie/sport/index.html"))
    assert "Fietsenwerkplaats Lindeveld" in category and "Buurthuis" not in category


def test_organisation_page_has_details_events_stories_and_jsonld(golden_site):
    page = read(golden_site, "sociale-kaart/buurthuis-het-anker/index.html")
    visible = text(page)
    assert "Dorpsplein 3" in visible and "3351 CD Lindeveld" in visible
    assert "ma t/m vr 09:30–16:30" in visible
    assert "Zoekt vrijwilligers" in visible
    assert "Koffieochtend" in visible  # its event
    assert "Ria schenkt al twintig jaar koffie" in visible  # the story about it
    (org,) = jsonld_blocks(page)
    assert org["@type"] == "Organization"
    assert org["name"] == "Buurthuis Het Anker"
    assert org["address"]["postalCode"] == "3351 CD"
    assert org["geo"]["latitude"] == pytest.approx(51.8349)
    assert org["openingHours"] == ["Mo-Fr 09:30-16:30"]


def test_agenda_groups_upcoming_occurrences_by_day_without_the_past(golden_site):
    page = read(golden_site, "agenda/index.html")
    days = re.findall(r'<h2 id="dag-([0-9-]+)">', page)
    # From the first Tuesday after now (23 November 2026) to 60 days ahead: the weekly
    # coffee morning, the repair afternoon and the Christmas market. The coffee morning of
    # 29 December is cancelled (an exdate) and nothing else falls on that day, so the day
    # is not listed at all.
    assert days == ["2026-11-24", "2026-11-28", "2026-12-01", "2026-12-08", "2026-12-12",
                    "2026-12-15", "2026-12-22", "2027-01-05", "2027-01-12", "2027-01-19"]
    visible = text(page)
    assert "Zomerfeest" not in visible
    assert "Kerstmarkt op het Dorpsplein" in visible
    assert "zaterdag 28 november 2026" in visible


def test_event_page_lists_next_dates_in_local_time_across_dst(golden_site):
    page = read(golden_site, "agenda/koffieochtend/index.html")
    visible = text(page)
    assert "dinsdag 24 november 2026" in visible
    assert "10:00" in visible
    assert "29 december" not in visible  # cancelled by exdates
    events = jsonld_blocks(page)
    assert events[0]["@type"] == "Event"
    assert events[0]["startDate"] == "2026-11-24T10:00:00+01:00"
    assert events[0]["eventStatus"] == "https://schema.org/EventScheduled"
    assert events[0]["organizer"]["name"] == "Buurthuis Het Anker"
    past = text(read(golden_site, "agenda/voorbij/index.html"))
    assert "Deze activiteit is voorbij" in past


def test_all_day_and_multi_day_events_read_as_such(golden_site):
    visible = text(read(golden_site, "agenda/kerstmarkt/index.html"))
    assert "12" in visible and "13 december 2026" in visible
    assert "hele dag" in visible.lower()
    (event,) = jsonld_blocks(read(golden_site, "agenda/kerstmarkt/index.html"))
    assert event["startDate"] == "2026-12-12" and event["endDate"] == "2026-12-13"


def test_ics_is_valid_with_rrule_exdate_timezone_and_url(golden_site):
    cal = icalendar.Calendar.from_ical((golden_site / "agenda.ics").read_bytes())
    tzids = [tz["TZID"] for tz in cal.walk("VTIMEZONE")]
    assert "Europe/Amsterdam" in tzids
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    koffie = events["koffieochtend@lindeveld.buurtportaal"]
    assert koffie["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert koffie["DTSTART"].dt == datetime(2026, 10, 6, 10, 0, tzinfo=AMS)
    assert "https://lindeveld.buurtportaal.example/agenda/koffieochtend/" in str(
        koffie["DESCRIPTION"])
    assert str(koffie["URL"]) == "https://lindeveld.buurtportaal.example/agenda/koffieochtend/"
    # A calendar app expands the rule in local time: 10:00 before and after the clocks change.
    start = koffie["DTSTART"].dt
    rule = rrulestr(koffie["RRULE"].to_ical().decode(), dtstart=start)
    exdates = {d.dt for ex in [koffie["EXDATE"]] for d in ex.dts}
    dates = [d for d in rule if d not in exdates]
    before = next(d for d in dates if d.date() == date(2026, 10, 20))
    after = next(d for d in dates if d.date() == date(2026, 11, 3))
    assert before.hour == after.hour == 10
    assert before.utcoffset().total_seconds() == 7200 and after.utcoffset().total_seconds() == 3600
    assert datetime(2026, 12, 29, 10, 0, tzinfo=AMS) in exdates
    assert not [d for d in dates if d.date() == date(2026, 12, 29)]
    kerst = events["kerstmarkt@lindeveld.buurtportaal"]
    assert kerst["DTSTART"].dt == date(2026, 12, 12) and kerst["DTEND"].dt == date(2026, 12, 14)


def test_images_become_webp_and_jpeg_derivatives_without_exif(golden_site):
    page = read(golden_site, "sociale-kaart/huisartsenpraktijk-de-linde/index.html")
    assert re.search(r'<source type="image/webp" sizes="[^"]+" srcset="[^"]+ 320w, ', page)
    assert 'alt="De ingang van de praktijk met een groene deur"' in page
    files = sorted((golden_site / "media").iterdir())
    assert {f.suffix for f in files} == {".webp", ".jpg"}
    for f in files:
        with Image.open(f) as im:
            assert not im.getexif(), f"{f.name} still carries EXIF"
            assert "exif" not in im.info
        assert b"GPS" not in f.read_bytes()


def test_open_data_sitemap_feed_and_robots(golden_site):
    data = json.loads(read(golden_site, "open-data/organisaties.json"))
    assert [o["name"] for o in data["organizations"]][0] == "Buurthuis Het Anker"
    assert {s["organization_id"] for s in data["services"]} == {
        "buurthuis-het-anker", "fietsenwerkplaats-lindeveld", "huisartsenpraktijk-de-linde"}
    sitemap = read(golden_site, "sitemap.xml")
    assert "<loc>https://lindeveld.buurtportaal.example/</loc>" in sitemap
    assert "https://lindeveld.buurtportaal.example/agenda/koffieochtend/" in sitemap
    assert "zoeken" not in sitemap
    feed = read(golden_site, "feeds/verhalen.atom.xml")
    assert "Ria schenkt al twintig jaar koffie" in feed and "Nog niet gepubliceerd" not in feed
    assert "Sitemap: https://lindeveld.buurtportaal.example/sitemap.xml" in read(
        golden_site, "robots.txt")


def test_every_page_has_lang_one_h1_skip_link_and_no_third_party(golden_site):
    for page in golden_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert '<html lang="nl">' in html, page
        assert html.count("<h1") == 1, page
        assert 'class="skip-link" href="#inhoud"' in html, page
        assert not re.search(r'(src|href)="(https?:)?//(?!lindeveld\.buurtportaal\.example)',
                             html.split("<body>")[0]), page


def test_search_page_works_without_javascript(golden_site):
    page = read(golden_site, "zoeken/index.html")
    assert 'id="search-results"' in page
    assert "Huisartsenpraktijk De Linde" in text(page)  # the A–Z list as fallback
    titles = {doc["t"] for chunk in (golden_site / "zoeken/index/docs").iterdir()
              for doc in json.loads(chunk.read_text("utf-8"))}
    assert titles >= {"Koffieochtend", "Buurthuis Het Anker"}
    assert "Zomerfeest" not in titles  # its only date has passed


def test_hostile_and_broken_items_are_reported_and_left_out(tmp_path):
    out = tmp_path / "out"
    result = run_portal("build", "--content", str(FIXTURES / "hostile"), "--out", str(out),
                        "--now", NOW_ARG)
    assert result.returncode == 1, result.stderr
    report = result.stderr
    for expected in [
        "kwaadaardig/events/kapotte-datum.md: start:",
        "kwaadaardig/events/einde-voor-begin.md: end:",
        "kwaadaardig/events/slechte-regel.md: recurrence:",
        "kwaadaardig/organisations/onbekende-categorie.md: categories:",
        "kwaadaardig/organisations/zonder-alt.md: image_alt:",
        "kwaadaardig/organisations/kapot-plaatje.md: image:",
        "kwaadaardig/organisations/bom.md: image:",
        "kwaadaardig/organisations/ontsnapping.md: image:",
        "kwaadaardig/stories/onbekende-organisatie.md: organisations:",
        "kwaadaardig/organisations/alias-bom.md: front matter:",
    ]:
        assert expected in report, expected
    site = out / "kwaadaardig"
    assert (site / "sociale-kaart/goede-buur/index.html").is_file()
    assert not (site / "sociale-kaart/kapot-plaatje").exists()
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        body = html.split("<body>", 1)[1]
        assert "<script>alert" not in html, page
        assert not re.search(r"<[^>]+\son\w+\s*=", body), page
        assert "javascript:" not in html.lower(), page
    assert "kwaadaardig/organisations/html-in-titel.md: title:" in report
    evil = read(site, "sociale-kaart/scripts-overal/index.html")
    # Quotes cannot end an attribute: the text is shown as text, harmless.
    markup = re.sub(r'<script type="application/ld\+json">.*?</script>', "", evil, flags=re.S)
    assert 'onmouseover="alert' not in markup and "onfocus='alert" not in markup
    assert "Buurt&#34; onmouseover=&#34;alert(1)" in evil
    assert "Kinderen &lt; 12 jaar &amp; ouders &gt; 65 jaar" in evil
    (ld,) = jsonld_blocks(evil)
    assert ld["name"] == 'Buurt" onmouseover="alert(1)'  # the data itself is kept


def test_unusable_content_root_or_village_is_exit_2_and_touches_nothing(tmp_path):
    out = tmp_path / "out"
    result = run_portal("build", "--content", str(tmp_path / "missing"), "--out", str(out))
    assert result.returncode == 2 and not out.exists()
    result = run_portal("build", "--content", str(FIXTURES / "golden"), "--out", str(out),
                        "--village", "bestaat-niet")
    assert result.returncode == 2 and "bestaat-niet" in result.stderr
    assert not (out / "bestaat-niet").exists()


def test_a_rebuild_replaces_the_site_and_a_removed_item_disappears(golden_content, tmp_path):
    out = tmp_path / "out"
    assert run_portal("build", "--content", str(golden_content), "--out", str(out),
                      "--now", NOW_ARG).returncode == 0
    (golden_content / "lindeveld/organisations/fietsenwerkplaats-lindeveld.md").unlink()
    (golden_content / "lindeveld/events/reparatiemiddag.md").unlink()
    assert run_portal("build", "--content", str(golden_content), "--out", str(out),
                      "--now", NOW_ARG).returncode == 0
    site = out / "lindeveld"
    assert not (site / "sociale-kaart/fietsenwerkplaats-lindeveld").exists()
    assert "Fietsenwerkplaats" not in read(site, "sociale-kaart/index.html")
    assert "Fietsenwerkplaats" not in read(site, "open-data/organisaties.json")
    assert not [p for p in out.iterdir() if ".building-" in p.name or ".retired-" in p.name]


def test_jobs_and_village_options(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "golden", content)
    shutil.copytree(content / "lindeveld", content / "tweede-dorp")
    out = tmp_path / "out"
    result = run_portal("build", "--content", str(content), "--out", str(out), "--jobs", "2",
                        "--now", NOW_ARG)
    assert result.returncode == 0, result.stderr
    assert (out / "lindeveld/index.html").is_file() and (out / "tweede-dorp/index.html").is_file()
    shutil.rmtree(out)
    result = run_portal("build", "--content", str(content), "--out", str(out),
                        "--village", "tweede-dorp", "--now", NOW_ARG)
    assert result.returncode == 0
    assert (out / "tweede-dorp/index.html").is_file() and not (out / "lindeveld").exists()
    assert result.stdout == ""  # quiet when not on a terminal: nothing but the report on stderr


def test_a_renamed_page_leaves_a_redirect_at_its_old_address(golden_content, tmp_path):
    (golden_content / "lindeveld/redirects.yaml").write_text(
        "- {from: sociale-kaart/het-anker/, to: sociale-kaart/buurthuis-het-anker/}\n"
        "- {from: 'javascript:alert(1)', to: sociale-kaart/}\n"
        "- {from: over/, to: sociale-kaart/}\n"  # a real page lives there: it wins
    )
    out = tmp_path / "out"
    result = run_portal("build", "--content", str(golden_content), "--out", str(out),
                        "--now", NOW_ARG)
    assert result.returncode == 1  # the hostile entry is reported, the rest is built
    assert "lindeveld/redirects.yaml: [1].from:" in result.stderr
    page = read(out / "lindeveld", "sociale-kaart/het-anker/index.html")
    assert 'content="0; url=../../sociale-kaart/buurthuis-het-anker/"' in page
    assert 'href="../../sociale-kaart/buurthuis-het-anker/"' in page
    assert "Deze pagina is verhuisd" not in read(out / "lindeveld", "over/index.html")
    assert "/sociale-kaart/het-anker/" not in read(out / "lindeveld", "sitemap.xml")
