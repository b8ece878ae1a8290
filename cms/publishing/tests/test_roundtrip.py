"""`portal import` then `portal export` gives the seeded content back byte for byte:
unknown front-matter keys, hand-written files and pictures included."""

from __future__ import annotations

import difflib
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cms.publishing.exporting import export_content
from cms.publishing.importing import import_content
from cms.socialmap.models import OrganisationPage
from cms.villages.models import Category
from sitegen.content import load_village
from sitegen.seed import seed

REPO_CONTENT = Path(__file__).resolve().parents[3] / "content"
FUNDRAISER = "fundraiser:\n  iban: NL00TEST0123456789\n  goal: 2500\n  deadline: 2027-03-01\n"

HANDWRITTEN = {
    "maurik/organisations/repair-cafe.md": """\
---
# Met de hand geschreven, niet door de seed
title: "Repair Café Maurik"
categories: [wonen-en-buurt, werk-en-vrijwilligerswerk]
summary: >-
  Kapotte spullen samen repareren,
  elke laatste zaterdag.
address: {street: Dorpsstraat 1, postcode: 4021 AA, city: Maurik, country: NL}
geo: {lat: 51.96, lon: 5.42}
opening_hours: "Sa 10:00-13:00"
image: media/maurik/logo.png
image_alt: "Logo"
updated: 2026-10-06T10:00:00Z
fundraiser: {iban: NL00TEST0123456789, deadline: 2027-03-01}
---
Neem je kapotte **broodrooster** mee.
""",
    "maurik/events/repair-cafe-oktober.md": """\
---
title: Repair Café
start: '2026-10-31T10:00'
end: 2026-10-31T13:00:00+01:00
exdates: [2026-12-26]
location: Dorpshuis
organiser: repair-cafe
price: 3.5
tags: repareren
volunteers: [Kees, Ans]
---

Gratis koffie.
""",
}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media-root"


def seeded(root: Path) -> Path:
    seed(root, villages=2, organisations=40, events=40, interviews=6, seed=3)
    return root


def files_of(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def add_unknown_key(path: Path, lines: str = FUNDRAISER) -> None:
    """Put a key the CMS does not know at the end of a file's front matter."""
    text = path.read_text("utf-8")
    if path.suffix == ".yaml":
        path.write_text(text + lines, "utf-8")
        return
    end = text.index("\n---\n", 4) + 1
    path.write_text(text[:end] + lines + text[end:], "utf-8")


def run(function, root: Path) -> int:
    report = io.StringIO()
    status = function(root, report=report)
    assert status == 0, report.getvalue()
    return status


def test_import_then_export_gives_the_same_files_byte_for_byte(
        db, media_root, tmp_path):
    a = seeded(tmp_path / "A")
    with_unknown = [*sorted(a.glob("maurik/organisations/*.md"))[:2],
                    sorted(a.glob("bornem/events/*.md"))[0],
                    sorted(a.glob("maurik/stories/*.md"))[0], a / "bornem" / "site.yaml"]
    for path in with_unknown:
        add_unknown_key(path)
    for rel, text in HANDWRITTEN.items():
        (a / rel).write_text(text, "utf-8")
    assert not load_village(a, "maurik").problems  # everything is valid for the build

    run(import_content, a)
    b = tmp_path / "B"
    run(export_content, b)

    want, got = files_of(a), files_of(b)
    assert len(want) == 2 + 40 + 40 + 6 + 6 + 10 + len(HANDWRITTEN)  # 10 pictures
    assert sorted(got) == sorted(want)  # no file missing, none extra
    assert [rel for rel in want if got[rel] != want[rel]] == []
    for path in with_unknown:
        assert b"iban: NL00TEST0123456789" in got[path.relative_to(a).as_posix()]


def test_the_repositorys_demo_content_comes_back_byte_for_byte(db, media_root, tmp_path):
    """Whatever writer made the files: what did not change is written back as it was."""
    assert sorted(REPO_CONTENT.glob("*/site.yaml"))  # the demo content is in git
    run(import_content, REPO_CONTENT)
    run(export_content, tmp_path / "B")
    want, got = files_of(REPO_CONTENT), files_of(tmp_path / "B")
    assert sorted(got) == sorted(want)
    assert [rel for rel in want if got[rel] != want[rel]] == []


def test_exporting_twice_gives_the_same_files(db, media_root, tmp_path):
    run(import_content, seeded(tmp_path / "A"))
    run(export_content, tmp_path / "B")
    run(export_content, tmp_path / "C")
    assert files_of(tmp_path / "B") == files_of(tmp_path / "C")


def test_an_edit_in_the_cms_changes_its_own_lines_and_keeps_the_rest(
        db, media_root, tmp_path):
    a = seeded(tmp_path / "A")
    rel = "maurik/organisations/bibliotheek-maurik.md"
    add_unknown_key(a / rel)
    run(import_content, a)
    page = OrganisationPage.objects.get(slug="bibliotheek-maurik")
    page.summary = "Boeken, kranten en koffie: voor iedereen."
    page.categories.add(Category.objects.get(village=page.get_village(),
                                             slug="zorg-en-welzijn"))
    page.save_revision().publish()
    page.refresh_from_db()

    run(export_content, tmp_path / "B")

    before = (a / rel).read_text("utf-8").splitlines()
    after = (tmp_path / "B" / rel).read_text("utf-8").splitlines()
    changes = [line for line in difflib.ndiff(before, after) if line[:2] in ("- ", "+ ")]
    published = page.last_published_at.astimezone(ZoneInfo("Europe/Amsterdam"))
    assert [line[2:] for line in changes if line.startswith("- ")] == [
        "summary: 'Boeken lenen, de krant lezen, een digitaal spreekuur of gewoon even "
        "rustig zitten: de bibliotheek is er voor iedereen.'",
        "updated: 2026-08-01T15:30:00+02:00",
    ]
    assert [line[2:] for line in changes if line.startswith("+ ")] == [
        "- zorg-en-welzijn",
        "summary: 'Boeken, kranten en koffie: voor iedereen.'",
        f"updated: {published.replace(microsecond=0).isoformat()}",  # when it was published
    ]
    # the new category comes after the ones the file had, in the file's own order
    at = after.index("categories:")
    assert after[at + 1:at + 4] == ["- cultuur-en-ontmoeting", "- onderwijs", "- zorg-en-welzijn"]
    assert "fundraiser:" in after  # the unknown key is still there, in its place
