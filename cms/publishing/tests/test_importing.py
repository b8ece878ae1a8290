"""`portal import`: content files become villages, pages, categories and pictures in the
CMS; what the build would refuse is reported the way the build reports it."""

from __future__ import annotations

import builtins
import io
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from PIL import Image
from wagtail.models import Page, Site

from cms.agenda.models import AgendaIndexPage, EventPage
from cms.core.models import PortalImage
from cms.publishing.importing import import_content
from cms.socialmap.models import OrganisationPage, SocialMapIndexPage
from cms.stories.models import AuthorProfile, StoryIndexPage, StoryPage
from cms.villages.models import Category, PlainPage, VillageHomePage
from sitegen.content import load_village

SITE_YAML = """\
# Lindeveld, met de hand geschreven
name: Lindeveld Samen
municipality: Papendrecht
base_url: https://lindeveld.example/
timezone: Europe/Amsterdam
tagline: "Voor en door Lindeveld"
contact: {email: redactie@lindeveld.example, phone: "078 123 45 67"}
map: {lat: 51.83, lon: 4.69, zoom: 15}
branding:
  logo: media/lindeveld/logo.png
  logo_alt: Logo van Lindeveld Samen
  primary_color: '#2e7d32'
categories:
  - {slug: zorg, name: Zorg en welzijn}
  - {slug: sport, name: Sport}
  - {slug: ontmoeting, name: Ontmoeting}
analytics: {provider: geen}
"""

FILES = {
    "organisations/buurthuis.md": """\
---
title: Buurthuis De Linde
categories: [ontmoeting, zorg]
summary: >-
  Koffie, soep en
  een luisterend oor.
address: {street: Lindeplein 1, postcode: 3351 AA, city: Papendrecht, country: NL}
geo: {lat: 51.83, lon: 4.69}
phone: "078-1234567"
opening_hours: Mo-Fr 09:00-17:00
tags: [koffie, soep]
image: ./media/lindeveld/plein.png
image_alt: Het plein voor het buurthuis
volunteers_wanted: yes
updated: 2026-10-06T10:00:00Z
fundraiser:
  iban: NL00TEST0123456789
  deadline: 2027-03-01
---
Elke dag **koffie**.
""",
    "organisations/sportclub.md": """\
---
title: Sportclub Lindeveld
categories: [sport]
summary: Voetbal en tennis.
---

Train mee.
""",
    "events/koffie.md": """\
---
title: Koffieochtend
start: '2026-10-06T10:00'
end: 2026-10-06T12:00:00+02:00
recurrence: rrule:freq=weekly;byday=tu
exdates: [2026-12-29, 2027-01-05T10:00:00]
location: Buurthuis De Linde
organiser: buurthuis
price: 3.5
categories: [ontmoeting]
---

Iedereen welkom.
""",
    "events/markt.md": """\
---
title: Wintermarkt
start: 2026-12-12
end: 2026-12-13
location:
  name: Lindeplein
  geo: {lat: 51.831, lon: 4.691}
---

Kraampjes.
""",
    "stories/even-voorstellen.md": """\
---
title: Even voorstellen
date: 2026-09-01
author: Anna de Vries
organisations: [sportclub, buurthuis]
tags: [vrijwilligers]
---

Anna vertelt.
""",
    "pages/over.md": """\
---
title: Over Lindeveld Samen
menu_order: 1
---

Wie wij zijn.
""",
}



def png_bytes(colour: str = "#c05621", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def write_lindeveld(root: Path) -> Path:
    """A small hand-written village that uses most of what the content format allows."""
    village = root / "lindeveld"
    for rel, text in {"site.yaml": SITE_YAML, **FILES}.items():
        (village / rel).parent.mkdir(parents=True, exist_ok=True)
        (village / rel).write_text(text, "utf-8")
    media = root / "media" / "lindeveld"
    media.mkdir(parents=True)
    (media / "logo.png").write_bytes(png_bytes("#2e7d32", (120, 40)))
    (media / "plein.png").write_bytes(png_bytes())
    (media / ".DS_Store").write_bytes(b"\x00\x01")  # left alone: an editor's leftover
    return root


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media-root"
    return settings.MEDIA_ROOT


@pytest.fixture
def content(tmp_path) -> Path:
    return write_lindeveld(tmp_path / "content")


def run_import(root: Path) -> tuple[int, list[str]]:
    report = io.StringIO()
    status = import_content(root, report=report)
    return status, report.getvalue().splitlines()


def test_a_village_becomes_a_site_with_its_home_index_pages_and_categories(
        db, media_root, content):
    status, lines = run_import(content)
    assert status == 0, lines
    home = VillageHomePage.objects.get(slug="lindeveld")
    assert home.live and home.depth == 2 and home.title == "Lindeveld Samen"
    assert (home.municipality, home.language, home.timezone) == (
        "Papendrecht", "nl", "Europe/Amsterdam")
    assert (home.contact_email, home.contact_phone) == ("redactie@lindeveld.example",
                                                        "078 123 45 67")
    assert (home.map_lat, home.map_lon, home.map_zoom) == (51.83, 4.69, 15)
    assert home.primary_color == "#2e7d32" and home.logo.content_path == "media/lindeveld/logo.png"
    assert home.extra["analytics"] == {"provider": "geen"}

    site = Site.objects.get(root_page=home)
    assert (site.hostname, site.port, site.is_default_site) == ("lindeveld.example", 80, True)
    # Wagtail's welcome page made way for the village.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()

    children = [(type(p.specific).__name__, p.title, p.slug, p.live)
                for p in home.get_children()]
    assert children[:3] == [("SocialMapIndexPage", "Sociale kaart", "sociale-kaart", True),
                            ("AgendaIndexPage", "Agenda", "agenda", True),
                            ("StoryIndexPage", "Verhalen", "verhalen", True)]
    assert list(Category.objects.filter(village=home).order_by("sort_order")
                .values_list("slug", "name")) == [("zorg", "Zorg en welzijn"),
                                                  ("sport", "Sport"),
                                                  ("ontmoeting", "Ontmoeting")]
    # The connectors' group, collection and workflow of the village exist.
    assert Group.objects.filter(name="Buurtverbinders Lindeveld Samen").exists()
    assert home.roles.collection.name == "Lindeveld Samen"
    assert home.get_workflow().name == "Goedkeuring Lindeveld Samen"


def test_every_file_becomes_a_published_page_with_its_values(db, media_root, content):
    status, _lines = run_import(content)
    assert status == 0
    home = VillageHomePage.objects.get(slug="lindeveld")
    socialmap = SocialMapIndexPage.objects.child_of(home).get()

    org = OrganisationPage.objects.child_of(socialmap).get(slug="buurthuis")
    assert org.live and org.live_revision is not None and not org.has_unpublished_changes
    assert org.title == "Buurthuis De Linde"
    assert org.summary == "Koffie, soep en een luisterend oor."
    assert sorted(c.slug for c in org.categories.all()) == ["ontmoeting", "zorg"]
    assert (org.street, org.postcode, org.city, org.lat, org.lon) == (
        "Lindeplein 1", "3351 AA", "Papendrecht", 51.83, 4.69)
    assert org.opening_hours == ["Mo-Fr 09:00-17:00"] and org.tags == ["koffie", "soep"]
    assert org.volunteers_wanted and org.image.content_path == "media/lindeveld/plein.png"
    assert org.content_updated == datetime(2026, 10, 6, 10, tzinfo=UTC)
    assert org.body == "Elke dag **koffie**."
    assert org.extra["fundraiser"] == {"iban": "NL00TEST0123456789",
                                       "deadline": {"$date": "2027-03-01"}}

    event = EventPage.objects.child_of(AgendaIndexPage.objects.child_of(home).get()).get(
        slug="koffie")
    assert (event.start_date, event.start_time) == (date(2026, 10, 6), time(10, 0))
    assert (event.end_date, event.end_time) == (date(2026, 10, 6), time(12, 0))
    assert event.recurrence == "FREQ=WEEKLY;BYDAY=TU"
    assert event.exdates == ["2026-12-29", "2027-01-05T10:00:00"]
    assert event.location_name == "Buurthuis De Linde" and event.organiser == org
    assert event.price == "3.5"
    market = EventPage.objects.get(slug="markt")
    assert (market.start_date, market.start_time, market.end_date) == (
        date(2026, 12, 12), None, date(2026, 12, 13))
    assert (market.location_lat, market.location_lon) == (51.831, 4.691)

    story = StoryPage.objects.child_of(StoryIndexPage.objects.child_of(home).get()).get()
    assert story.author == AuthorProfile.objects.get(village=home, name="Anna de Vries")
    assert sorted(o.slug for o in story.organisations.all()) == ["buurthuis", "sportclub"]
    assert PlainPage.objects.child_of(home).get(slug="over").menu_order == 1


def test_pictures_keep_their_path_and_bytes_and_join_the_villages_collection(
        db, media_root, content):
    run_import(content)
    home = VillageHomePage.objects.get(slug="lindeveld")
    images = {i.content_path: i for i in PortalImage.objects.all()}
    assert sorted(images) == ["media/lindeveld/logo.png", "media/lindeveld/plein.png"]
    for rel, image in images.items():
        with image.file.open("rb") as handle:
            assert handle.read() == (content / rel).read_bytes()
        assert image.collection == home.roles.collection
    assert (images["media/lindeveld/logo.png"].width, images["media/lindeveld/logo.png"].height) \
        == (120, 40)
    assert (images["media/lindeveld/plein.png"].width,
            images["media/lindeveld/plein.png"].height) == (40, 30)


def test_invalid_items_are_reported_like_the_build_and_the_rest_is_imported(
        db, media_root, content):
    village = content / "lindeveld"
    (village / "organisations" / "zonder-titel.md").write_text(
        "---\ncategories: [zorg]\nsummary: Geen titel.\n---\n", "utf-8")
    (village / "events" / "onbekend.md").write_text(
        "---\ntitle: Feest\nstart: 2026-13-45\ncategories: [dansen]\n---\n", "utf-8")
    # A German postcode: the build refuses it, and so does the CMS.
    (village / "organisations" / "grenswinkel.md").write_text(
        "---\ntitle: Grenswinkel\ncategories: [zorg]\nsummary: Over de grens.\n"
        "address: {street: Hauptstraße 1, postcode: '46325', city: Borken}\n---\n", "utf-8")
    (content / "media" / "lindeveld" / "prijslijst.txt").write_text("geen plaatje", "utf-8")
    build_problems = [str(p) for p in load_village(content, "lindeveld").problems]
    assert sorted(":".join(problem.split(": ")[:2]) for problem in build_problems) == [
        "lindeveld/events/onbekend.md:categories", "lindeveld/events/onbekend.md:start",
        "lindeveld/organisations/grenswinkel.md:address.postcode",
        "lindeveld/organisations/zonder-titel.md:title"]

    status, lines = run_import(content)

    assert status == 1
    for problem in build_problems:  # word for word what `portal build` says
        assert problem in lines
    assert any(line.startswith("lindeveld/organisations/grenswinkel.md: address.postcode: ")
               for line in lines), lines
    assert any(line.startswith("media/lindeveld/prijslijst.txt: file: is not a picture")
               for line in lines), lines
    assert sorted(OrganisationPage.objects.values_list("slug", flat=True)) == [
        "buurthuis", "sportclub"]
    assert sorted(EventPage.objects.values_list("slug", flat=True)) == ["koffie", "markt"]
    assert StoryPage.objects.count() == 1 and PlainPage.objects.count() == 1


def test_a_village_with_an_unusable_site_yaml_is_reported_and_others_still_come_in(
        db, media_root, content):
    broken = content / "kapot"
    broken.mkdir()
    (broken / "site.yaml").write_text("name: Kapot\n", "utf-8")
    status, lines = run_import(content)
    assert status == 1
    assert "kapot/site.yaml: municipality: is required" in lines
    assert list(VillageHomePage.objects.values_list("slug", flat=True)) == ["lindeveld"]


def test_importing_again_updates_what_is_there(db, media_root, content):
    run_import(content)
    org_file = content / "lindeveld" / "organisations" / "sportclub.md"
    org_file.write_text(org_file.read_text("utf-8").replace("Voetbal en tennis.",
                                                            "Voetbal, tennis en padel."))
    (content / "media" / "lindeveld" / "plein.png").write_bytes(png_bytes("#1d5b8f"))

    status, _lines = run_import(content)

    assert status == 0
    assert VillageHomePage.objects.count() == 1 and Site.objects.count() == 1
    assert OrganisationPage.objects.count() == 2 and Category.objects.count() == 3
    assert OrganisationPage.objects.get(slug="sportclub").summary == "Voetbal, tennis en padel."
    assert PortalImage.objects.count() == 2
    plein = PortalImage.objects.get(content_path="media/lindeveld/plein.png")
    with plein.file.open("rb") as handle:
        assert handle.read() == png_bytes("#1d5b8f")


def test_every_content_file_is_read_once(db, media_root, content, monkeypatch):
    root = content.resolve()
    reads: Counter[str] = Counter()
    real_open = io.open

    def counting_open(file, *args, **kwargs):
        if isinstance(file, str | os.PathLike):
            path = Path(os.fsdecode(file)).resolve()
            if path.suffix in (".md", ".yaml") and path.is_relative_to(root):
                reads[path.relative_to(root).as_posix()] += 1
        return real_open(file, *args, **kwargs)

    # Path.read_text and Path.read_bytes open through io.open, plain open() is builtins'.
    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(builtins, "open", counting_open)
    status, lines = run_import(content)

    assert status == 0, lines
    assert dict(reads) == dict.fromkeys(["lindeveld/site.yaml",
                                         *(f"lindeveld/{rel}" for rel in FILES)], 1)


def test_a_missing_content_folder_imports_nothing(db, tmp_path):
    status, lines = run_import(tmp_path / "nergens")
    assert status == 2 and "does not exist" in lines[0]


def test_portal_import_on_an_empty_database_creates_the_schema(tmp_path):
    content = write_lindeveld(tmp_path / "content")
    database = tmp_path / "nieuw.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}",
           "DJANGO_SETTINGS_MODULE": "cms.settings.test",
           "PORTAL_MEDIA_ROOT": str(tmp_path / "media-root"),
           "PORTAL_CONTENT_ROOT": str(tmp_path / "published"),
           "PORTAL_BUILD_ROOT": str(tmp_path / "build")}
    portal = Path(sys.executable).with_name("portal")
    result = subprocess.run([str(portal), "import", "--content", str(content)], env=env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=600,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "1 of 1 villages imported" in result.stderr
    with sqlite3.connect(database) as db:
        pages = dict(db.execute("SELECT slug, title FROM wagtailcore_page WHERE depth = 2"))
        organisations = db.execute("SELECT count(*) FROM socialmap_organisationpage").fetchone()
    assert pages == {"lindeveld": "Lindeveld Samen"} and organisations == (2,)

    exported = tmp_path / "export"
    again = subprocess.run([str(portal), "export", "--out", str(exported)], env=env,
                           cwd=tmp_path, capture_output=True, text=True, timeout=600,
                           check=False)
    assert again.returncode == 0, again.stderr
    assert (exported / "lindeveld" / "site.yaml").read_text("utf-8") == SITE_YAML
