"""A village whose files did not change since its last build, at a moment that shows the
same, is not read or built again (`sitegen.readcache.LastBuild`); any change to what it
reads, or time passing a moment that changes what it shows, builds it again."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from sitegen import build
from sitegen.build import THEME_DIR, BuildOptions, build_portals
from tests.conftest import NOW
from tests.sitetexts import site_yaml
from tests.test_robust_build import ORGANISATION, write

HOUR = timedelta(hours=1)
# 13:00 in Amsterdam on the day of NOW (12:00 UTC, 13:00 local), two hours long.
EVENT = ("---\ntitle: Koffie\nstart: 2026-11-23T15:00\nend: 2026-11-23T17:00\n"
         "updated: 2026-11-20T09:00:00+01:00\n---\nKoffie en koek.\n")
OLD = 1_700_000_000  # a modification time long before any build of the tests


def settle(root: Path) -> None:
    """Date every file under `root` long ago, as content is that was not just edited."""
    for path in root.rglob("*"):
        os.utime(path, (OLD, OLD))


@pytest.fixture
def content(tmp_path) -> Path:
    root = write(tmp_path / "content", {
        "dorp/site.yaml": site_yaml("Dorp", "dorp"),
        "dorp/events/koffie.md": EVENT,
        "dorp/organisations/buurthuis.md": ORGANISATION.replace(
            "summary: Koffie.\n", "summary: Koffie.\nimage: media/dorp/huis.png\n"
            "image_alt: Het buurthuis\n"),
        "dorp/organisations/kapot.md": "---\ntitle: [\n---\n",
    })
    (root / "media" / "dorp").mkdir(parents=True)
    Image.new("RGB", (40, 30), "green").save(root / "media" / "dorp" / "huis.png")
    settle(root)
    return root


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The villages each build read."""
    read: list[str] = []
    real = build.load_village

    def load_village(root, slug, **kwargs):
        read.append(slug)
        return real(root, slug, **kwargs)

    monkeypatch.setattr(build, "load_village", load_village)
    return read


def run(content: Path, out: Path, now=NOW, **options):
    [result] = build_portals(BuildOptions(content, out, now=now, **options))
    assert result.built, result.error
    return result


def test_nothing_changed_nothing_read_and_the_same_problems_told(content, tmp_path, reads):
    out = tmp_path / "out"
    first = run(content, out)
    site = out / "dorp" / "sociale-kaart" / "buurthuis" / "index.html"
    inode = site.stat().st_ino
    again = run(content, out, now=NOW + HOUR / 2)
    assert reads == ["dorp"]
    assert (again.written, again.linked, again.pages) == (0, first.written, first.pages)
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
    assert [p.path for p in again.problems] == ["dorp/organisations/kapot.md"]
    assert site.stat().st_ino == inode
    run(content, out, now=NOW + HOUR / 2, incremental=False)  # --full reads all again
    assert reads == ["dorp", "dorp"]


def edit_text(content: Path, _out: Path, _options: dict) -> None:
    path = content / "dorp" / "organisations" / "buurthuis.md"
    path.write_text(path.read_text("utf-8").replace("Koffie.", "Thee!!"), "utf-8")
    os.utime(path, (OLD + 60, OLD + 60))  # same size; only the time tells


def add_file(content: Path, _out: Path, _options: dict) -> None:
    write(content, {"dorp/organisations/nieuw.md": ORGANISATION})


def replace_picture(content: Path, _out: Path, _options: dict) -> None:
    picture = content / "media" / "dorp" / "huis.png"
    fresh = picture.with_name("nieuw.png")
    Image.new("RGB", (40, 30), "red").save(fresh)
    os.utime(fresh, (OLD, OLD))
    fresh.replace(picture)  # as the CMS writes: a new file renamed over (a new inode)


def change_theme(_content: Path, out: Path, options: dict) -> None:
    css = options["theme"] / "static" / "css" / "portal.css"
    css.write_text(css.read_text("utf-8") + "\n/* nieuw */\n", "utf-8")


def remove_served_site(_content: Path, out: Path, _options: dict) -> None:
    shutil.rmtree(out / "dorp")


def other_address(_content: Path, _out: Path, options: dict) -> None:
    options["base_url_override"] = {"dorp": "http://localhost:9999"}


@pytest.mark.parametrize("change", [edit_text, add_file, replace_picture, change_theme,
                                    remove_served_site, other_address])
def test_a_change_to_anything_the_build_reads_builds_the_village(content, tmp_path, reads,
                                                                  change):
    theme = tmp_path / "theme"
    shutil.copytree(THEME_DIR, theme)
    settle(theme)
    options = {"theme": theme}
    out = tmp_path / "out"
    run(content, out, **options)
    change(content, out, options)
    again = run(content, out, now=NOW + HOUR / 2, **options)
    assert reads == ["dorp", "dorp"]
    fresh = run(content, tmp_path / "fresh", now=NOW + HOUR / 2, incremental=False, **options)
    assert again.pages == fresh.pages
    for page in (out / "dorp").rglob("*.html"):
        twin = tmp_path / "fresh" / "dorp" / page.relative_to(out / "dorp")
        assert page.read_bytes() == twin.read_bytes(), page


@pytest.mark.parametrize(("later", "built_again"), [
    (HOUR, False),  # 13:00 → 14:00 local: nothing starts or ends in between
    (2 * HOUR + timedelta(minutes=1), True),  # 15:01: the coffee has started
    (11 * HOUR + timedelta(minutes=1), True),  # 00:01: a new day
])
def test_time_builds_the_village_again_only_when_it_changes_what_it_shows(
        content, tmp_path, reads, later, built_again):
    out = tmp_path / "out"
    run(content, out)
    run(content, out, now=NOW + later)
    assert reads == ["dorp", "dorp"] if built_again else ["dorp"]


def test_an_event_stamped_with_the_build_moment_builds_every_time(content, tmp_path, reads):
    koffie = content / "dorp" / "events" / "koffie.md"
    koffie.write_text(EVENT.replace("updated: 2026-11-20T09:00:00+01:00\n", ""), "utf-8")
    settle(content)
    out = tmp_path / "out"
    run(content, out)
    run(content, out)  # the very same moment: still its calendar says when it was made
    assert reads == ["dorp", "dorp"]


def test_a_file_changed_just_before_a_build_is_read_again_even_if_it_looks_the_same(
        content, tmp_path, reads):
    # A file system's clock ticks coarsely: an edit right after the build may leave the
    # size, time and inode as they were.
    path = content / "dorp" / "organisations" / "buurthuis.md"
    path.write_text(path.read_text("utf-8"), "utf-8")  # just edited
    stat = path.stat()
    out = tmp_path / "out"
    run(content, out)
    path.write_text(path.read_text("utf-8").replace("Koffie.", "Thee!!!"), "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_ino) == (stat.st_size, stat.st_ino)
    run(content, out, now=NOW + HOUR / 2)
    assert reads == ["dorp", "dorp"]
    assert "Thee!!!" in (out / "dorp" / "sociale-kaart" / "buurthuis" / "index.html").read_text()
