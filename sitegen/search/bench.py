"""``portal bench --search``: this search and Pagefind, side by side, on one built village.

One run seeds a village (1,000 organisations by default), builds it with ``portal build``,
indexes the same HTML with Pagefind (PyPI ``pagefind[extended]``: the organisation, event
and story pages, their ``<main>``, as Dutch) and then, in headless Chromium, types every
query of the query set into each search, each time in a fresh browser (nothing cached):

- bytes on disk of each index;
- bytes fetched per query (median, 95th percentile): every file of the search that a
  resident's browser fetched from opening the search to seeing ten results, as files on
  disk and as a web server that gzips text would send them; and the part fetched for the
  query itself, after the search had loaded;
- time to first results: from the keystroke (an ``input`` event on the search page;
  ``pagefind.search()`` with ``data()`` of the first ten) to the ten results there, for the
  whole query at once on a freshly opened search (a query from the header's search box);
  and the same at the last key of a query typed in, after the query minus that key has
  shown its results (searching as you type);
- recall of the query set's expected items in the top ten;
- index build time (median of three).

The site is served from localhost, so times are the browser's work, not the network's.
Timing lives here and in docs/PERFORMANCE.md, never in the test suite.
"""

from __future__ import annotations

import gzip
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as clock
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from sitegen.build import BuildOptions, build_portals
from sitegen.content import load_village
from sitegen.kinds import EVENTS, ORGANISATIONS, STORIES
from sitegen.recurrence import expand_occurrences
from sitegen.search.indexing import STATIC_DIR, build_search_index, search_documents
from sitegen.search.queryset import TOP, load_query_set, recall
from sitegen.search.ranking import search as portal_search

PAGEFIND_DIR = "pagefind"
HARNESS = "pagefind-bench.html"
# Only the pages of the items our search holds, and only their main content, so both
# searches look at the same text.
_SEARCHED_SECTIONS = ",".join(kind.section for kind in (ORGANISATIONS, EVENTS, STORIES))
PAGEFIND_GLOB = f"{{{_SEARCHED_SECTIONS}}}/*/index.html"

HARNESS_HTML = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<script type="module">
  window.pagefind = await import("./pagefind/pagefind.js");
  await window.pagefind.init();
  window.ready = true;
</script></body></html>
"""

OUR_QUERY_JS = """async query => {
  const input = document.getElementById('zoekterm');
  const list = document.getElementById('search-results');
  const shown = new Promise(resolve => {
    const observer = new MutationObserver(() => {
      if (list.dataset.query === query) { observer.disconnect(); resolve(); }
    });
    observer.observe(list, {attributes: true, attributeFilter: ['data-query']});
  });
  const started = performance.now();
  input.value = query;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  await shown;
  const ms = performance.now() - started;
  return {ms, urls: [...list.querySelectorAll('a')].map(a => a.getAttribute('href').slice(3))};
}"""

PAGEFIND_QUERY_JS = """async query => {
  const started = performance.now();
  const found = await window.pagefind.search(query);
  const data = await Promise.all(found.results.slice(0, TOP).map(r => r.data()));
  const ms = performance.now() - started;
  return {ms, urls: data.map(d => d.url.replace(/^\\//, ''))};
}""".replace("TOP", str(TOP))


@dataclass
class EngineFigures:
    """What one search engine measured over the query set."""

    name: str
    disk_bytes: int = 0
    build_seconds: float = 0.0
    cold_bytes: list[int] = field(default_factory=list)  # per query, files as on disk
    cold_gzip_bytes: list[int] = field(default_factory=list)  # per query, gzipped as served
    query_bytes: list[int] = field(default_factory=list)  # per query, after the search loaded
    cold_files: list[int] = field(default_factory=list)
    first_results_ms: list[float] = field(default_factory=list)
    typing_ms: list[float] = field(default_factory=list)  # at the last key of a typed query
    recall: float = 0.0
    misses: list[str] = field(default_factory=list)
    tops: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class SearchBenchFigures:
    organisations: int
    events: int
    interviews: int
    documents: int
    queries: int
    ours: EngineFigures
    pagefind: EngineFigures
    pagefind_version: str
    same_as_portal_search: int  # queries whose top ten in the browser equal `portal search`'s

    def markdown(self, command: str) -> str:
        def kb(n: float) -> str:
            return f"{n / 1000:.1f} KB"

        def median(values) -> float:
            return statistics.median(values) if values else 0.0

        def p95(values) -> float:
            values = sorted(values)
            return values[min(len(values) - 1, round(0.95 * (len(values) - 1)))] if values else 0.0

        rows = [
            ("index on disk", lambda e: kb(e.disk_bytes)),
            ("bytes fetched per query, median (files as on disk)",
             lambda e: kb(median(e.cold_bytes))),
            ("bytes fetched per query, 95th percentile (files as on disk)",
             lambda e: kb(p95(e.cold_bytes))),
            ("bytes fetched per query, median (gzip-serving web server)",
             lambda e: kb(median(e.cold_gzip_bytes))),
            ("bytes fetched per query, 95th percentile (gzip-serving web server)",
             lambda e: kb(p95(e.cold_gzip_bytes))),
            ("of which for the query itself, median (search already loaded)",
             lambda e: kb(median(e.query_bytes))),
            ("files fetched per query, median", lambda e: f"{median(e.cold_files):.0f}"),
            ("time to results, whole query on a fresh page, median",
             lambda e: f"{median(e.first_results_ms):.1f} ms"),
            ("time to results, whole query on a fresh page, 95th percentile",
             lambda e: f"{p95(e.first_results_ms):.1f} ms"),
            ("time to results after the last key, typing, median",
             lambda e: f"{median(e.typing_ms):.1f} ms"),
            ("time to results after the last key, typing, 95th percentile",
             lambda e: f"{p95(e.typing_ms):.1f} ms"),
            ("recall in the top 10 on the query set", lambda e: f"{100 * e.recall:.1f} %"),
            ("index build time (median of 3)", lambda e: f"{e.build_seconds:.2f} s"),
        ]
        lines = [
            f"Command: `{command}`",
            "",
            f"Machine: {platform.machine()}, {platform.python_implementation()} "
            f"{platform.python_version()}, Debian chromium headless, site on localhost",
            "",
            f"Village: {self.organisations} organisations, {self.events} events, "
            f"{self.interviews} stories ({self.documents} searchable items); "
            f"{self.queries} queries; Pagefind {self.pagefind_version}.",
            "",
            "| measure | buurtportaal | Pagefind |",
            "|---|---|---|",
        ]
        lines += [f"| {label} | {value(self.ours)} | {value(self.pagefind)} |"
                  for label, value in rows]
        lines += [
            "",
            f"The search page's top ten equal `portal search`'s for {self.same_as_portal_search} "
            f"of {self.queries} queries.",
        ]
        return "\n".join(lines)


def run_search_bench(organisations: int = 1000, events: int = 300, interviews: int = 50,
                     seed: int = 11, queries: list[dict] | None = None,
                     workdir: Path | None = None,
                     progress=lambda done, total: None) -> SearchBenchFigures:
    """Seed and build one village, index it with Pagefind too, and measure both."""
    from sitegen.seed import DEFAULT_START_DATE
    from sitegen.seed import seed as write_seed

    queries = queries if queries is not None else load_query_set()["queries"]
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        content_root, out = Path(tmp) / "content", Path(tmp) / "build"
        summary = write_seed(content_root, villages=1, organisations=organisations,
                             events=events, interviews=interviews, seed=seed)
        slug = summary.village_slugs[0]
        content = load_village(content_root, slug)
        tz = ZoneInfo(content.village.timezone)
        now = datetime.combine(DEFAULT_START_DATE, clock(0, 0), tzinfo=tz)
        results = build_portals(BuildOptions(content_root=content_root, out=out, now=now))
        if not results[0].built:
            raise RuntimeError(f"building {slug} failed: {results[0].error}")
        site = out / slug
        occurrences = {e.slug: expand_occurrences(e, tz, now) for e in content.events}
        docs = search_documents(content, occurrences)

        ours = EngineFigures("buurtportaal")
        ours.build_seconds = _median_seconds(
            lambda n: build_search_index(content, occurrences, Path(tmp) / f"scratch{n}"))
        ours.disk_bytes = _folder_bytes(site / STATIC_DIR) + _theme_file(site, "search.js")
        pagefind = EngineFigures("Pagefind")
        pagefind.build_seconds = _median_seconds(lambda n: _run_pagefind(site))
        pagefind.disk_bytes = _folder_bytes(site / PAGEFIND_DIR)
        (site / HARNESS).write_text(HARNESS_HTML, "utf-8")

        _measure_in_chromium(site, queries, ours, pagefind, progress)
        for engine in (ours, pagefind):
            found = recall(queries, docs, content.village,
                           lambda text, engine=engine: engine.tops.get(text, []), all_many=True)
            engine.recall, engine.misses = found.ratio, found.misses
        same = sum(ours.tops[q["query"]] == portal_search(site, q["query"], TOP)
                   for q in queries)
        return SearchBenchFigures(
            organisations=organisations, events=events, interviews=interviews,
            documents=len(docs), queries=len(queries), ours=ours, pagefind=pagefind,
            pagefind_version=_pagefind_version(), same_as_portal_search=same)


def _measure_in_chromium(site: Path, queries: list[dict], ours: EngineFigures,
                         pagefind: EngineFigures, progress) -> None:
    from sitegen.headless import browser, serve

    with serve(site) as base, browser() as chromium:
        for done, entry in enumerate(queries):
            text = entry["query"]
            _one_query(chromium, base, site, text, ours, f"{base}/zoeken/",
                       ready="() => performance.getEntriesByType('resource')"
                             ".some(r => r.name.endsWith('/zoeken/index/meta.json'))",
                       query_js=OUR_QUERY_JS,
                       counts=lambda path: path.startswith(f"{STATIC_DIR}/")
                       or path.endswith("/js/search.js"))
            _one_query(chromium, base, site, text, pagefind, f"{base}/{HARNESS}",
                       ready="() => window.ready === true", query_js=PAGEFIND_QUERY_JS,
                       counts=lambda path: path.startswith(f"{PAGEFIND_DIR}/"))
            progress(done + 1, len(queries))


def _one_query(chromium, base: str, site: Path, text: str, engine: EngineFigures, url: str,
               ready: str, query_js: str, counts) -> None:
    """Open the search in a fresh browser context, wait until it has loaded, type `text`."""
    context = chromium.new_context()
    page = context.new_page()
    fetched: list[tuple[str, bool]] = []  # (path, fetched after the search had loaded)
    loaded = [False]

    def on_request(request):
        path = unquote(urlsplit(request.url).path).lstrip("/")
        if request.url.startswith(base) and counts(path):
            fetched.append((path, loaded[0]))

    page.on("request", on_request)
    page.goto(url, wait_until="load")
    page.wait_for_function(ready)
    page.wait_for_load_state("networkidle")
    loaded[0] = True
    result = page.evaluate(query_js, text)
    page.wait_for_load_state("networkidle")
    needed = list(fetched)  # what this query needed; typing below fetches more
    # As a resident types: the query but its last character has shown its results (and
    # fetched what it needed); then the last key.
    page.evaluate(query_js, text[:-1] or text)
    page.wait_for_load_state("networkidle")
    typed = page.evaluate(query_js, text)
    context.close()
    files = {path for path, _ in needed}
    engine.cold_bytes.append(sum(_size(site, p) for p in files))
    engine.cold_gzip_bytes.append(sum(_gzip_size(site, p) for p in files))
    engine.query_bytes.append(sum(_size(site, p) for p in {p for p, after in needed if after}))
    engine.cold_files.append(len(files))
    engine.first_results_ms.append(result["ms"])
    engine.typing_ms.append(typed["ms"])
    engine.tops[text] = result["urls"][:TOP]


def _run_pagefind(site: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", PAGEFIND_DIR,
         "--glob", PAGEFIND_GLOB, "--root-selector", "main", "--force-language", "nl",
         "--silent"],
        check=True, capture_output=True)


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "?"


def _median_seconds(run, times: int = 3) -> float:
    seconds = []
    for n in range(times):
        started = time.perf_counter()
        run(n)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _theme_file(site: Path, name: str) -> int:
    return sum(p.stat().st_size for p in (site / "theme").rglob(name))


def _size(site: Path, path: str) -> int:
    file = site / path
    return file.stat().st_size if file.is_file() else 0


def _gzip_size(site: Path, path: str) -> int:
    """What a web server that compresses responses sends: gzip unless that is larger
    (Pagefind's index files are gzip already)."""
    file = site / path
    if not file.is_file():
        return 0
    raw = file.read_bytes()
    return min(len(raw), len(gzip.compress(raw, compresslevel=6)))
