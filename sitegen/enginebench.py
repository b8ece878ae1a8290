"""`portal bench --engines`: buurtportaal beside Hugo and plain Pelican on the same content.

One seeded village is written three ways: as our content (built with ``portal build
--full``), as a Hugo site with the minimal theme kept in ``bench/hugo/`` (a page per
organisation, event, story and plain page, a list per section and a home page; Debian's
``hugo``), and as plain Pelican articles and pages with Pelican's default theme (the same
Markdown bodies). Each engine builds into a fresh folder, in turns (buurtportaal, Hugo,
Pelican, then again), and each run is measured from outside: wall time, CPU time (user +
system of the process and its children) and peak memory (`os.wait4`). Medians are
reported, with our ratio to each. What the pages weigh is measured on the output: an
organisation's, an event's and a story's page and the home page with the style sheets and
scripts they load, gzip-compressed as a web server sends them.

Timing belongs here and in docs/PERFORMANCE.md, never in the test suite.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from sitegen.content import load_village
from sitegen.kinds import EVENTS, ORGANISATIONS, PAGES, STORIES
from sitegen.model import ITEM_TYPES
from sitegen.yamlsafe import split_front_matter

ROOT = Path(__file__).resolve().parent.parent
HUGO_THEME = ROOT / "bench" / "hugo"
ENGINES = ("buurtportaal", "Hugo", "plain Pelican")
SECTION_TITLES = {ORGANISATIONS: "Sociale kaart", EVENTS: "Agenda", STORIES: "Verhalen"}
PAGE_TYPES = ("organisation", "event", "story", "home")
PELICAN_PAGES = "pages"  # plain Pelican's own folder of pages (PAGE_PATHS' default)
UNDATED = date(2026, 11, 23)  # what Pelican's articles need and organisations lack
EDIT = "Nieuw telefoonnummer: 0123 45 67 89."  # added to one organisation, for the rebuilds


@dataclass
class Run:
    """One measured build by one engine."""

    wall: float
    cpu: float
    peak_kib: int


@dataclass
class EngineFigures:
    """What one engine did over all its runs, and what its output weighs."""

    runs: list[Run] = field(default_factory=list)
    # Built again after one organisation's text changed: ours incrementally, Hugo and
    # plain Pelican as they build (in full).
    rebuilds: list[Run] = field(default_factory=list)
    edit_shown: bool = False  # the last rebuild's site shows the edit
    pages: int = 0
    output_bytes: int = 0
    page_weight: dict[str, int] = field(default_factory=dict)  # page type -> gzip bytes

    def median(self, what: str, runs: str = "runs") -> float:
        return statistics.median(getattr(run, what) for run in getattr(self, runs))


@dataclass
class Item:
    """One item as every engine gets it: where, its title, summary, date and Markdown."""

    kind: object
    slug: str
    title: str
    summary: str
    date: str
    body: str


def village_items(content: Path, village: str) -> list[Item]:
    """The village's valid items (as our reader reads them), with their Markdown bodies."""
    texts: dict[str, str] = {}
    loaded = load_village(content, village, texts=texts)
    items = []
    for kind in ITEM_TYPES:
        for thing in loaded.items_of(kind):
            _data, body = split_front_matter(texts[thing.source])
            when = getattr(thing, "start", None) or getattr(thing, "date", None)
            day = when.date() if isinstance(when, datetime) else when
            items.append(Item(kind, thing.slug, thing.title, getattr(thing, "summary", "") or "",
                              (day or UNDATED).isoformat(), body))
    return items


def write_hugo_site(items: list[Item], name: str, dest: Path) -> None:
    """`items` as a Hugo site in `dest` using the theme in ``bench/hugo/``."""
    (dest / "content").mkdir(parents=True)
    (dest / "config.toml").write_text(
        'baseURL = "http://localhost/"\n'
        f'title = "{name}"\n'
        'languageCode = "nl"\n'
        f'themesDir = "{HUGO_THEME.parent}"\n'
        f'theme = "{HUGO_THEME.name}"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n', "utf-8")
    for kind, title in SECTION_TITLES.items():
        folder = dest / "content" / kind.section
        folder.mkdir()
        (folder / "_index.md").write_text(f"---\ntitle: {title}\n---\n", "utf-8")
    for item in items:
        folder = dest / "content" / (item.kind.section if item.kind is not PAGES else "")
        meta = {"title": item.title, "summary": item.summary, "date": item.date,
                "slug": item.slug}
        (folder / f"{item.slug}.md").write_text(
            "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + item.body, "utf-8")


def write_pelican_site(items: list[Item], name: str, dest: Path) -> None:
    """`items` as plain Pelican content in `dest`: articles by section, plain pages as
    pages, Pelican's default theme and settings but for the pages' addresses."""
    content = dest / "content"
    (content / PELICAN_PAGES).mkdir(parents=True)
    for item in items:
        folder = content / PELICAN_PAGES if item.kind is PAGES else content / item.kind.section
        folder.mkdir(exist_ok=True)
        meta = [f"Title: {_one_line(item.title)}", f"Date: {item.date}",
                f"Slug: {item.slug}", f"Summary: {_one_line(item.summary)}"]
        if item.kind is not PAGES:
            meta.append(f"Category: {item.kind.section}")
        (folder / f"{item.slug}.md").write_text("\n".join(meta) + "\n\n" + item.body, "utf-8")
    (dest / "pelicanconf.py").write_text(
        f"SITENAME = {name!r}\nAUTHOR = 'buurtportaal'\nPATH = 'content'\n"
        "TIMEZONE = 'Europe/Amsterdam'\nDEFAULT_LANG = 'nl'\nSITEURL = ''\n"
        "ARTICLE_URL = '{category}/{slug}/'\nARTICLE_SAVE_AS = '{category}/{slug}/index.html'\n"
        "PAGE_URL = '{slug}/'\nPAGE_SAVE_AS = '{slug}/index.html'\n"
        "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n", "utf-8")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def measured(command: list[str], cwd: Path) -> Run:
    """Run `command` and measure it from outside: wall time, CPU time, peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode not in (0, 1):  # `portal build` says 1 for items left out
        raise RuntimeError(f"{command[0]} failed ({process.returncode}): {errors[-2000:]}")
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, peak_kib=usage.ru_maxrss)


def commands(work: Path, village: str) -> dict[str, tuple[list[str], Path, Path]]:
    """Each engine's build command, its working folder and its output folder (ours holds
    the village's site, `site_of`)."""
    return {
        "buurtportaal": ([sys.executable, "-m", "sitegen.cli", "build", "--full",
                          "--content", str(work / "ours"), "--out", str(work / "ours-out")],
                         ROOT, work / "ours-out"),
        "Hugo": (["hugo", "--quiet", "--source", str(work / "hugo"), "--destination",
                  str(work / "hugo-out")], work, work / "hugo-out"),
        "plain Pelican": ([sys.executable, "-m", "pelican", "content", "-o",
                           str(work / "pelican-out"), "-s", "pelicanconf.py", "-q"],
                          work / "pelican", work / "pelican-out"),
    }


def page_weight(site: Path, page: Path) -> int:
    """Bytes a browser receives, gzip-compressed, for `page` and the style sheets and
    scripts it loads from the site."""
    html = page.read_bytes()
    total = len(gzip.compress(html))
    for ref in re.findall(rb'<(?:link[^>]+rel="stylesheet"[^>]*href|script[^>]+src)="([^"]+)"',
                          html):
        path = urlsplit(ref.decode()).path
        file = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
        if file.is_file():
            total += len(gzip.compress(file.read_bytes()))
    return total


def pages_of_each_type(site: Path, items: list[Item]) -> dict[str, Path]:
    """One page of each type in an engine's output (all three use the portal's addresses)."""
    first = {kind: next(i for i in items if i.kind is kind) for kind in SECTION_TITLES}
    return {
        "organisation": site / ORGANISATIONS.section / first[ORGANISATIONS].slug / "index.html",
        "event": site / EVENTS.section / first[EVENTS].slug / "index.html",
        "story": site / STORIES.section / first[STORIES].slug / "index.html",
        "home": site / "index.html",
    }


def run_engine_bench(organisations: int, events: int, interviews: int, runs: int = 3,
                     seed: int = 7, workdir: Path | None = None) -> dict[str, EngineFigures]:
    """Seed one village, write it for each engine and build it `runs` times each, in
    turns; the figures per engine."""
    from sitegen.seed import seed as write_seed

    figures = {engine: EngineFigures() for engine in ENGINES}
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        work = Path(tmp)
        summary = write_seed(work / "ours", villages=1, organisations=organisations,
                             events=events, interviews=interviews, seed=seed)
        village = summary.village_slugs[0]
        items = village_items(work / "ours", village)
        write_hugo_site(items, village, work / "hugo")
        write_pelican_site(items, village, work / "pelican")
        plan = commands(work, village)
        organisations = sorted(p.name for p in
                               (work / "ours" / village / ORGANISATIONS.folder).glob("*.md"))
        edited = organisations[len(organisations) // 2]
        sources = {"buurtportaal": work / "ours", "Hugo": work / "hugo",
                   "plain Pelican": work / "pelican"}
        for _round in range(runs):
            for engine, (command, cwd, out) in plan.items():
                shutil.rmtree(out, ignore_errors=True)  # a cold build: no cache, no output
                figures[engine].runs.append(measured(command, cwd))
            for engine, (command, cwd, _out) in plan.items():
                # ours as an editor's publish builds (incremental: no --full)
                again = [c for c in command if c != "--full"]
                [source] = sources[engine].rglob(edited)
                text = source.read_text("utf-8")
                source.write_text(text + f"\n{EDIT}\n", "utf-8")
                figures[engine].rebuilds.append(measured(again, cwd))
                source.write_text(text, "utf-8")
        for engine, (_command, _cwd, out) in plan.items():
            site = out / village if engine == "buurtportaal" else out
            found = figures[engine]
            found.pages = sum(1 for _ in site.rglob("*.html"))
            found.edit_shown = any(EDIT in page.read_text("utf-8")
                                   for page in site.rglob("*.html"))
            found.output_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
            for kind, page in pages_of_each_type(site, items).items():
                found.page_weight[kind] = page_weight(site, page)
    return figures


def markdown(figures: dict[str, EngineFigures], command: str, runs: int) -> str:
    ours = figures["buurtportaal"]

    def ratio(engine: str, what: str, runs: str) -> str:
        return f"{ours.median(what, runs) / figures[engine].median(what, runs):.2f}×"

    rows = [
        ("cold build, wall s (median)", "wall", "runs", 1),
        ("cold build, CPU s (median)", "cpu", "runs", 1),
        ("peak memory, MiB (median)", "peak_kib", "runs", 1024),
        ("rebuild after editing one organisation, wall s (median; ours incremental)",
         "wall", "rebuilds", 1),
        ("rebuild after editing one organisation, CPU s (median)", "cpu", "rebuilds", 1),
    ]
    lines = [f"Command: `{command}` ({runs} runs each, in turns)", "",
             "| measure | buurtportaal | Hugo | plain Pelican | buurtportaal ÷ Hugo "
             "| buurtportaal ÷ Pelican |", "|---|---|---|---|---|---|"]
    for label, what, which, unit in rows:
        shown = (f"{figures[e].median(what, which) / unit:.{0 if unit > 1 else 2}f}"
                 for e in ENGINES)
        lines.append(f"| {label} | " + " | ".join(shown)
                     + f" | {ratio('Hugo', what, which)} | "
                     f"{ratio('plain Pelican', what, which)} |")
    lines.append("| HTML pages written | " + " | ".join(str(figures[e].pages) for e in ENGINES)
                 + " | | |")
    lines.append("| output size, MB | " + " | ".join(
        f"{figures[e].output_bytes / 1e6:.1f}" for e in ENGINES) + " | | |")
    for kind in PAGE_TYPES:
        lines.append(f"| {kind} page with its CSS and JS, gzip KB | " + " | ".join(
            f"{figures[e].page_weight[kind] / 1024:.1f}" for e in ENGINES) + " | | |")
    return "\n".join(lines)
