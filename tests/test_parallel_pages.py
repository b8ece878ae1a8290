"""A village's pages rendered on several processes (`sitegen.plugins.portal.pages`): the
same site byte for byte as one process makes, the same problems in the same order, and a
worker that dies or fails costs no page and publishes no half site."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

import pytest
from pelican.writers import Writer

from sitegen.build import BuildOptions, build_portals
from sitegen.plugins.portal import pages
from tests.conftest import NOW
from tests.test_robust_build import ORGANISATION, village, write


def content_of(root: Path, organisations: int = 30) -> Path:
    files = {f"organisations/org-{n:02}.md": ORGANISATION.replace("Buurthuis", f"Club {n}")
             for n in range(organisations)}
    files["organisations/kapot.md"] = ORGANISATION.replace("Buurthuis", "Kapot")
    return write(root, village("dorp", files))


def tree(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))


def same_sites(a: Path, b: Path) -> None:
    assert tree(a) == tree(b)
    files = [rel for rel in tree(a) if (a / rel).is_file()]
    _match, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    assert (mismatch, errors) == ([], [])


@pytest.fixture
def writers(tmp_path, monkeypatch):
    """Record which process wrote each page, and make one item's page fail to render."""
    log = tmp_path / "writers.log"
    real = Writer.write_file

    def write_file(self, name, *args, **kwargs):
        if name == "sociale-kaart/kapot/index.html":
            raise ValueError("kapotte sjabloonwaarde")
        real(self, name, *args, **kwargs)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {name}\n")

    monkeypatch.setattr(Writer, "write_file", write_file)
    monkeypatch.setattr(pages, "PARALLEL_PAGES", 4)
    return log


def build(content: Path, out: Path, jobs: int):
    [result] = build_portals(BuildOptions(content, out, now=NOW, incremental=False),
                             jobs=jobs)
    assert result.built, result.error
    return result


def test_two_workers_make_the_site_one_makes_with_the_same_problems(tmp_path, writers):
    content = content_of(tmp_path / "content")
    alone = build(content, tmp_path / "one", jobs=1)
    writers.unlink()
    shared = build(content, tmp_path / "two", jobs=2)
    by_pid: dict[str, set[str]] = {}
    for line in writers.read_text("utf-8").splitlines():
        pid, name = line.split(" ", 1)
        by_pid.setdefault(pid, set()).add(name)
    assert len(by_pid) == 2, "both processes rendered pages"
    assert str(os.getpid()) in by_pid
    assert set().union(*by_pid.values()) == {
        rel for rel in tree(tmp_path / "two" / "dorp") if rel.endswith(".html")}
    same_sites(tmp_path / "one" / "dorp", tmp_path / "two" / "dorp")
    assert [str(p) for p in shared.problems] == [str(p) for p in alone.problems]
    assert [p.path for p in shared.problems] == ["dorp/organisations/kapot.md"]
    assert not (tmp_path / "two" / "dorp" / "sociale-kaart" / "kapot").exists()
    assert "sociale-kaart/kapot/" not in (tmp_path / "two" / "dorp" / "sitemap.xml").read_text()


def test_pages_of_a_worker_that_dies_are_rendered_by_the_build(tmp_path, writers,
                                                                monkeypatch):
    content = content_of(tmp_path / "content")
    build(content, tmp_path / "one", jobs=1)
    parent = os.getpid()
    real = Writer.write_file  # the fixture's: records, and fails the one item

    def dies_in_the_worker(self, name, *args, **kwargs):
        if os.getpid() != parent and name.startswith("sociale-kaart/org-"):
            os._exit(9)  # killed half-way through its share
        real(self, name, *args, **kwargs)

    monkeypatch.setattr(Writer, "write_file", dies_in_the_worker)
    writers.unlink()
    result = build(content, tmp_path / "two", jobs=2)
    same_sites(tmp_path / "one" / "dorp", tmp_path / "two" / "dorp")
    assert [p.path for p in result.problems] == ["dorp/organisations/kapot.md"]
    lines = [line.split(" ", 1) for line in writers.read_text("utf-8").splitlines()]
    assert len({pid for pid, _name in lines}) == 2, "the worker wrote pages before it died"
    assert {name for pid, name in lines if pid == str(parent)} == {
        rel for rel in tree(tmp_path / "two" / "dorp") if rel.endswith(".html")}


def test_a_page_no_item_owns_failing_in_a_worker_keeps_the_served_site(tmp_path, writers,
                                                                       monkeypatch):
    content = content_of(tmp_path / "content")
    out = tmp_path / "out"
    build(content, out, jobs=2)
    served = {rel: (out / "dorp" / rel).read_bytes() for rel in tree(out / "dorp")
              if (out / "dorp" / rel).is_file()}
    parent = os.getpid()
    real = Writer.write_file

    def fails_in_the_worker(self, name, *args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("sjabloon stuk")
        real(self, name, *args, **kwargs)

    monkeypatch.setattr(Writer, "write_file", fails_in_the_worker)
    (content / "dorp" / "organisations" / "org-03.md").write_text(
        ORGANISATION.replace("Buurthuis", "Nieuwe naam"), "utf-8")
    [result] = build_portals(BuildOptions(content, out, now=NOW, incremental=False), jobs=2)
    assert not result.built
    assert "sjabloon stuk" in result.error
    assert {rel: (out / "dorp" / rel).read_bytes() for rel in tree(out / "dorp")
            if (out / "dorp" / rel).is_file()} == served


def test_a_rebuild_on_two_workers_makes_the_search_index_beside_the_pages(tmp_path):
    content = content_of(tmp_path / "content", organisations=80)
    out = tmp_path / "out"
    options = BuildOptions(content, out, now=NOW)
    build_portals(options, jobs=2)
    index = out / "dorp" / "zoeken" / "index"
    before = {p.relative_to(index): (p.stat().st_ino, p.read_bytes()) for p in index.rglob("*")
              if p.is_file()}
    organisation = content / "dorp" / "organisations" / "org-07.md"
    organisation.write_text(organisation.read_text("utf-8").replace(
        "summary: Koffie.", "summary: Koffie en een fietsenwerkplaats."), "utf-8")
    [result] = build_portals(options, jobs=2)
    assert result.built, result.error
    fresh = build(content, tmp_path / "fresh", jobs=1)
    same_sites(tmp_path / "fresh" / "dorp", out / "dorp")
    after = {p.relative_to(index): (p.stat().st_ino, p.read_bytes()) for p in index.rglob("*")
             if p.is_file()}
    unchanged = [rel for rel in after if rel in before and before[rel][1] == after[rel][1]]
    assert unchanged and all(before[rel][0] == after[rel][0] for rel in unchanged)
    [again] = build_portals(options, jobs=2)  # nothing changed: every key was recorded
    assert (again.written, again.pages) == (0, fresh.pages)


def test_a_search_index_worker_that_dies_leaves_the_index_to_the_build(tmp_path, monkeypatch):
    from sitegen.plugins.portal import generators

    content = content_of(tmp_path / "content")
    build(content, tmp_path / "one", jobs=1)
    parent = os.getpid()
    real = generators.build_search_index

    def dies_in_the_worker(*args, **kwargs):
        if os.getpid() != parent:
            os._exit(9)
        return real(*args, **kwargs)

    monkeypatch.setattr(generators, "build_search_index", dies_in_the_worker)
    build(content, tmp_path / "two", jobs=2)
    same_sites(tmp_path / "one" / "dorp", tmp_path / "two" / "dorp")


def test_a_folder_read_on_two_workers_reads_as_on_one(tmp_path, monkeypatch):
    from sitegen import content as reading

    monkeypatch.setattr(reading, "PARALLEL_FILES", 4)
    root = content_of(tmp_path / "content", organisations=12)
    write(root, {"dorp/organisations/zonder-titel.md": "---\nsummary: Geen titel.\n---\n",
                 "dorp/events/bij-kapot.md": "---\ntitle: Bij kapot\n"
                 "start: 2026-12-01T10:00\norganiser: kapot\n---\n",
                 "dorp/events/bij-weg.md": "---\ntitle: Bij weg\nstart: 2026-12-01T10:00\n"
                 "organiser: zonder-titel\n---\n"})
    (root / "dorp" / "organisations" / "kapot.md").write_text("---\ntitle: [\n---\n")
    read = {}
    for workers in (1, 2):
        texts: dict[str, str] = {}
        cache = tmp_path / f"cache-{workers}"
        loaded = reading.load_village(root, "dorp", texts=texts, cache=cache, workers=workers)
        again = reading.load_village(root, "dorp", cache=cache, workers=workers)
        read[workers] = (loaded.organisations, loaded.events, [str(p) for p in loaded.problems],
                         texts, again.organisations, [str(p) for p in again.problems])
    assert read[2] == read[1]
    assert any("organiser" in problem for problem in read[1][2])  # a left-out organiser
