"""Tests of `portal seed`'s generator: deterministic, complete, and valid content.

The same structural checks also run over the repository's hand-written demo content in
``content/``, since both must follow SPEC.md's content format.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from dateutil.rrule import rrulestr
from PIL import ExifTags, Image

from sitegen.content import load_village
from sitegen.kinds import EVENTS, ORGANISATIONS, PAGES, STORIES, VILLAGE
from sitegen.seed import DEFAULT_START_DATE, SeedSummary, seed
from sitegen.seed.generator import dump_yaml, slugify, split_evenly

SLUG = re.compile(r"[a-z0-9-]+")
NL_POSTCODE = re.compile(r"[1-9][0-9]{3} [A-Z]{2}")
BE_POSTCODE = re.compile(r"[1-9][0-9]{3}")
REPO_CONTENT = Path(__file__).resolve().parent.parent / "content"
SMALL = {"villages": 3, "organisations": 31, "events": 40, "interviews": 7}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _read(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    front, body = text[4:].split("\n---\n", 1)
    data = yaml.safe_load(front)
    assert isinstance(data, dict), path
    return data, body


def _villages(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/site.yaml"))


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SeedSummary]:
    out = tmp_path_factory.mktemp("seed-a")
    return out, seed(out, seed=7, **SMALL)


def test_same_seed_gives_identical_bytes(seeded, tmp_path: Path) -> None:
    out, _ = seeded
    again = tmp_path / "again"
    seed(again, seed=7, **SMALL)
    assert _files(again) == _files(out)


def test_other_seed_gives_other_content(seeded, tmp_path: Path) -> None:
    out, _ = seeded
    other = tmp_path / "other"
    seed(other, seed=8, **SMALL)
    assert _files(other) != _files(out)


def test_totals_are_honoured(seeded) -> None:
    out, summary = seeded
    villages = _villages(out)
    assert len(villages) == summary.villages == 3
    assert [v.name for v in villages] == sorted(summary.village_slugs)
    for kind, expected in (("organisations", 31), ("events", 40), ("stories", 7),
                           ("pages", 9)):
        found = sum(len(list((v / kind).glob("*.md"))) for v in villages)
        assert found == expected == getattr(summary, kind), kind
    assert summary.images == len(list((out / "media").rglob("*.*")))
    per_village = [len(list((v / "organisations").glob("*.md"))) for v in villages]
    assert max(per_village) - min(per_village) <= 1


def _check_village(root: Path, village: Path) -> None:
    """Assert that one village folder is what `portal build` reads without a problem (the
    kinds' own checkers, references included), with each file's keys in its kind's order,
    plus what the seed promises beyond the format."""
    content = load_village(root, village.name)
    assert [str(problem) for problem in content.problems] == []
    site = yaml.safe_load((village / "site.yaml").read_text(encoding="utf-8"))
    assert list(site) == [key for key in VILLAGE.keys if key in site]
    assert "tiles" not in site.get("map", {})  # no third-party requests unless configured
    belgian = content.village.timezone == "Europe/Brussels"
    for kind in (ORGANISATIONS, EVENTS, STORIES, PAGES):
        for path in (village / kind.folder).glob("*.md"):
            data, body = _read(path)
            assert list(data) == [key for key in kind.keys if key in data], path
            if "image" in data:  # each village's pictures in its own folder
                assert data["image"].startswith(f"media/{village.name}/"), path
    assert len(content.organisations) == len(list((village / "organisations").glob("*.md")))
    for org in content.organisations:
        assert org.body_text.strip(), org.source
        if org.address.postcode:
            assert (BE_POSTCODE if belgian else NL_POSTCODE).fullmatch(org.address.postcode)
        if org.geo is not None:
            assert 49.5 < org.geo.lat < 53.7 and 2.5 < org.geo.lon < 7.3, org.source
    for story in content.stories:
        assert "<strong>" in story.body_html, story.source  # interview questions are bold
    pages = {page.slug: page for page in content.pages}
    assert [pages[s].menu_order for s in ("over", "contact", "privacy")] == [1, 2, 3]


def test_seeded_villages_are_valid_and_self_contained(seeded) -> None:
    out, _ = seeded
    for village in _villages(out):
        _check_village(out, village)


def test_every_kind_of_event_is_written(seeded) -> None:
    out, _ = seeded
    events = [_read(p)[0] for p in out.glob("*/events/*.md")]
    timed = [e for e in events if isinstance(e["start"], datetime) and "recurrence" not in e]
    all_day = [e for e in events if not isinstance(e["start"], datetime) and "end" not in e]
    multi_day = [e for e in events if not isinstance(e["start"], datetime) and "end" in e]
    weekly = [e for e in events if e.get("recurrence", "").startswith("FREQ=WEEKLY")]
    monthly = [e for e in events if e.get("recurrence", "").startswith("FREQ=MONTHLY")]
    assert timed and all_day and multi_day and weekly and monthly
    assert any(e.get("exdates") for e in weekly + monthly)
    assert any("registration_url" in e for e in events)
    assert any("location" in e and "geo" in e["location"] for e in events)
    # Some weekly series run through the change to summer time on 28 March 2027.
    assert any(e["start"].date() < date(2027, 3, 28)
               and (m := re.search(r"UNTIL=(\d{8})", e["recurrence"]))
               and m.group(1) > "20270328" for e in weekly)
    # One-off events fall in the three months after the anchor date.
    for e in timed:
        assert DEFAULT_START_DATE <= e["start"].date() <= date(2027, 2, 2)


def _check_recurrences(root: Path) -> int:
    """Assert that recurring events start on their own rule, cancel only real occurrences,
    and never end (UNTIL) on an occurrence day, where readers disagree about inclusion."""
    checked = 0
    for path in root.glob("*/events/*.md"):
        data, _ = _read(path)
        if "recurrence" not in data:
            continue
        start = data["start"].replace(tzinfo=None)
        rule = data["recurrence"]
        occurrences = list(rrulestr(rule, dtstart=start)[:80])
        assert occurrences[0] == start, path
        days = {o.date() for o in occurrences}
        for cancelled in data.get("exdates", []):
            found = cancelled in occurrences if isinstance(cancelled, datetime) \
                else cancelled in days
            assert found, (path, cancelled)
        if m := re.search(r"UNTIL=(\d{8})\b", rule):
            until = datetime.strptime(m.group(1), "%Y%m%d").date()
            inclusive = rrulestr(rule.replace(m.group(0), f"UNTIL={m.group(1)}T235959"),
                                 dtstart=start)
            assert until not in {o.date() for o in inclusive}, path
        checked += 1
    return checked


def test_recurring_events_are_consistent(seeded) -> None:
    out, _ = seeded
    assert _check_recurrences(out) > 0


def test_belgian_villages_use_brussels_time_and_flemish_details(seeded) -> None:
    out, _ = seeded
    sites = {v.name: yaml.safe_load((v / "site.yaml").read_text()) for v in _villages(out)}
    belgian = [s for s in sites.values() if s["timezone"] == "Europe/Brussels"]
    dutch = [s for s in sites.values() if s["timezone"] == "Europe/Amsterdam"]
    assert belgian and dutch
    for site in belgian:
        assert re.fullmatch(r"0\d{1,2}( \d{2,3})( \d{2}){2}", site["contact"]["phone"])
    for site in dutch:
        assert re.fullmatch(r"0\d{2,3}-\d{6,7}", site["contact"]["phone"])


def test_some_jpeg_carries_gps_exif_and_an_orientation(seeded) -> None:
    out, _ = seeded
    gps_found = turned_found = False
    for path in out.glob("media/*/*.jpg"):
        with Image.open(path) as img:
            exif = img.getexif()
            gps_found |= bool(exif.get_ifd(ExifTags.IFD.GPSInfo))
            turned_found |= exif.get(ExifTags.Base.Orientation, 1) != 1
    assert gps_found and turned_found
    sizes = set()
    for path in out.glob("media/*/*.*"):
        with Image.open(path) as img:
            sizes.add((img.format, img.width > img.height, img.width == img.height))
    assert {s[0] for s in sizes} == {"JPEG", "PNG"}


def test_progress_reaches_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    seed(tmp_path / "p", villages=1, organisations=4, events=5, interviews=1,
         progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_start_date_moves_the_agenda(tmp_path: Path) -> None:
    seed(tmp_path / "s", villages=1, organisations=3, events=8, interviews=0,
         start_date=date(2030, 5, 6))
    starts = [_read(p)[0]["start"] for p in (tmp_path / "s").glob("*/events/*.md")]
    assert all(s.year >= 2030 for s in starts)


def test_refuses_a_non_empty_folder_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    args = {"villages": 1, "organisations": 2, "events": 2, "interviews": 1}
    with pytest.raises(FileExistsError):
        seed(tmp_path, **args)
    seed(tmp_path, force=True, **args)
    seed(tmp_path, force=True, **args)  # a second forced run replaces its own villages
    assert (tmp_path / "keep.txt").read_text() == "mine"
    assert len(list(tmp_path.glob("*/organisations/*.md"))) == 2


def test_rejects_impossible_counts(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        seed(tmp_path / "x", villages=0)
    with pytest.raises(ValueError):
        seed(tmp_path / "y", events=-1)


def test_more_villages_than_places_get_unique_slugs(tmp_path: Path) -> None:
    summary = seed(tmp_path, villages=45, organisations=0, events=0, interviews=0)
    assert len(set(summary.village_slugs)) == 45
    assert all(SLUG.fullmatch(s) for s in summary.village_slugs)


@pytest.mark.parametrize("value", [
    "10:00", "yes", "No", "null", "~", "2460", "1.5", "2026-11-23", "'t Anker", "Wat: dit",
    "#1d5b8f", "€ 3,50", "- item", "a #b", "eindigt met:", "[lijst]", "Mo-Fr 09:00-17:00",
    "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630", "https://example.org/a?b=c", "Babbelonië", "",
])
def test_front_matter_strings_read_back_unchanged(value: str) -> None:
    data = {"title": value, "tags": [value], "address": {"street": value}}
    assert yaml.safe_load(dump_yaml(data)) == data


def test_front_matter_dates_read_back_as_dates() -> None:
    data = {"start": datetime(2026, 11, 23, 10, 0), "day": date(2026, 11, 23), "n": 3,
            "on": True, "lat": 51.95}
    text = dump_yaml(data)
    assert "start: 2026-11-23T10:00:00\n" in text
    assert yaml.safe_load(text) == data


def test_helpers() -> None:
    assert slugify("Café 't Anker – Ameide") == "cafe-t-anker-ameide"
    assert split_evenly(10, 3) == [4, 3, 3]
    assert split_evenly(2, 3) == [1, 1, 0]


def test_repository_demo_content_is_valid() -> None:
    villages = _villages(REPO_CONTENT)
    timezones = {yaml.safe_load((v / "site.yaml").read_text())["timezone"] for v in villages}
    assert timezones == {"Europe/Amsterdam", "Europe/Brussels"}
    for village in villages:
        _check_village(REPO_CONTENT, village)
    assert _check_recurrences(REPO_CONTENT) >= 4
    size = sum(p.stat().st_size for p in REPO_CONTENT.rglob("*") if p.is_file())
    assert size < 1_600_000
