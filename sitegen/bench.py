"""`portal bench`: how long seeding and building take at a realistic scale, and how big the
result is. Timing lives here and in docs/PERFORMANCE.md, never in the test suite."""

from __future__ import annotations

import platform
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.build import BuildOptions, build_portals


@dataclass
class BenchFigures:
    """The measurements of one benchmark run."""

    villages: int
    organisations: int
    events: int
    interviews: int
    jobs: int
    seed_seconds: float
    cold_build_seconds: float
    warm_build_seconds: float
    pages: int
    site_bytes: int
    problems: int
    # Incremental rebuilds (`sitegen.incremental`): what changed, seconds, files made anew
    # and problems reported.
    rebuilds: list[tuple[str, float, int, int]] = field(default_factory=list)
    runs: int = 1  # of each rebuild and preview, whose median is reported

    def markdown(self, command: str) -> str:
        per_page = 1000 * self.warm_build_seconds / max(1, self.pages)
        return "\n".join([
            f"Command: `{command}`",
            "",
            f"Machine: {platform.machine()}, {platform.python_implementation()} "
            f"{platform.python_version()}, --jobs {self.jobs}",
            "",
            "| measure | value |",
            "|---|---|",
            f"| content | {self.villages} villages, {self.organisations} organisations, "
            f"{self.events} events, {self.interviews} stories |",
            f"| `portal seed` | {self.seed_seconds:.1f} s |",
            f"| `portal build`, cold (no image cache) | {self.cold_build_seconds:.1f} s |",
            f"| `portal build --full`, warm (images cached) | {self.warm_build_seconds:.1f} s "
            f"({per_page:.1f} ms per page) |",
            *(f"| {what}, median of {self.runs} | {seconds:.2f} s ({made} pages rendered) |"
              if "preview" in what else
              f"| `portal build`, {what}, median of {self.runs} | {seconds:.2f} s "
              f"({made} files made) |"
              for what, seconds, made, _problems in self.rebuilds),
            f"| pages written | {self.pages} |",
            f"| size of all built sites | {self.site_bytes / 1e6:.1f} MB |",
            f"| content problems reported | {self.problems} |",
        ])


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run_build_bench(villages: int, organisations: int, events: int, interviews: int,
                    jobs: int, seed: int = 7, workdir: Path | None = None,
                    runs: int = 3) -> BenchFigures:
    """Seed content, build it twice (cold, then with the image cache warm) and measure."""
    from sitegen.seed import seed as write_seed

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        content, out = Path(tmp) / "content", Path(tmp) / "build"
        started = time.perf_counter()
        write_seed(content, villages=villages, organisations=organisations, events=events,
                   interviews=interviews, seed=seed)
        seeded = time.perf_counter()
        options = BuildOptions(content_root=content, out=out, incremental=False)
        results = build_portals(options, jobs=jobs)
        cold = time.perf_counter()
        results = build_portals(options, jobs=jobs)
        warm = time.perf_counter()
        sites = sum(folder_bytes(out / r.slug) for r in results if r.built)
        rebuilds = measure_rebuilds(content, out, jobs, runs)
        rebuilds += measure_previews(content, out, Path(tmp), runs)
        return BenchFigures(
            villages=villages, organisations=organisations, events=events,
            interviews=interviews, jobs=jobs,
            seed_seconds=seeded - started, cold_build_seconds=cold - seeded,
            warm_build_seconds=warm - cold, pages=sum(r.pages for r in results),
            site_bytes=sites, problems=sum(len(r.problems) for r in results),
            rebuilds=rebuilds, runs=runs,
        )


def measure_rebuilds(content: Path, out: Path, jobs: int, runs: int = 3,
                     ) -> list[tuple[str, float, int, int]]:
    """Incremental rebuilds after an editor's everyday changes in the first village: the
    median of `runs` rebuilds after each change (wall seconds, every village rebuilt; the
    change is undone and built again between runs), the files made anew and the problems
    reported."""
    from sitegen.kinds import EVENTS, ORGANISATIONS
    from sitegen.readcache import LAST_BUILD_FILE

    options = BuildOptions(content_root=content, out=out)
    village = sorted(p for p in content.iterdir() if (p / "site.yaml").is_file())[0]
    organisations = sorted((village / ORGANISATIONS.folder).glob("*.md"))
    events = sorted((village / EVENTS.folder).glob("*.md"))
    edited = organisations[len(organisations) // 2]

    # Each run's edit differs from the last one's: the site a rebuild recycles (the one
    # served before) holds the previous run's edit, which would leave nothing to make.
    edits = iter(range(1, 1_000_000))

    def edit_summary():
        text = edited.read_text("utf-8")
        edited.write_text(text.replace(
            "summary: ", f"summary: Nieuw telefoonnummer ({next(edits)}). ", 1), "utf-8")
        return lambda: edited.write_text(text, "utf-8")

    def add_event():
        added = events[0].parent / "extra-bijeenkomst.md"
        added.write_text(events[0].read_text("utf-8").replace(
            "title: ", f"title: Nog een keer ({next(edits)}) ", 1), "utf-8")
        return added.unlink

    named = "\n".join(p.read_text("utf-8") for p in village.rglob("*.md")
                       if p.parent.name != ORGANISATIONS.folder)
    # Ones that no event or story names, so nothing else is left out with them.
    free = iter([p for p in organisations if p.stem not in named and p != edited])

    def delete_organisation():
        deleted = next(free)
        text = deleted.read_text("utf-8")
        deleted.unlink()
        return lambda: deleted.write_text(text, "utf-8")

    def forget_last_builds():
        # As after an edit undone: every village is read, resolved and keyed again.
        for record in (out / ".cache").glob(f"*/{LAST_BUILD_FILE}"):
            record.unlink()
        return lambda: None

    figures = []
    for what, change in (("rebuild, nothing changed", lambda: (lambda: None)),
                         ("rebuild, nothing changed, every village read again",
                          forget_last_builds),
                         ("rebuild after editing one organisation's summary", edit_summary),
                         ("rebuild after adding one event", add_event),
                         ("rebuild after deleting one organisation", delete_organisation)):
        seconds, made, problems = [], [], 0
        for _run in range(runs):
            undo = change()
            started = time.perf_counter()
            results = build_portals(options, jobs=jobs)
            seconds.append(time.perf_counter() - started)
            made.append(sum(r.written for r in results))
            problems += sum(len(r.problems) for r in results)
            undo()
            build_portals(options, jobs=jobs)  # back as it was, for the next run
        figures.append((what, statistics.median(seconds), int(statistics.median(made)),
                        problems))
    return figures


def measure_previews(content: Path, out: Path, work: Path, runs: int = 3,
                     ) -> list[tuple[str, float, int, int]]:
    """A draft of one organisation of the first village previewed as the CMS does it:
    beside the live site (the pages the draft changes rendered, the rest linked), and one
    page only; the median of `runs` previews (each in a folder of its own, as each editor's
    first preview of a page is) and the pages rendered."""
    from sitegen.kinds import ORGANISATIONS
    from sitegen.preview import build_preview

    village = sorted(p for p in content.iterdir() if (p / "site.yaml").is_file())[0]
    draft = sorted((village / ORGANISATIONS.folder).glob("*.md"))[0]
    rel = draft.relative_to(content).as_posix()
    text = draft.read_text("utf-8") + "\nEen nieuwe zin in de beschrijving.\n"
    figures = []
    for what, whole in (("preview of one organisation's draft, beside the live site", True),
                        ("preview of one organisation's draft, its page only", False)):
        seconds = []
        for run in range(runs):
            folder = work / f"preview-{len(figures)}-{run}"
            started = time.perf_counter()
            preview = build_preview(content, village.name, rel, text, "Voorvertoning", folder,
                                    image_cache=out / ".cache" / "images", live=out,
                                    whole_site=whole)
            seconds.append(time.perf_counter() - started)
        live = out / village.name
        rendered = sum(1 for p in preview.site.rglob("*.html")
                       if not (live / p.relative_to(preview.site)).exists()
                       or (live / p.relative_to(preview.site)).stat().st_ino != p.stat().st_ino)
        figures.append((what, statistics.median(seconds), rendered, len(preview.problems)))
    return figures
