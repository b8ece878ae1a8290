"""`portal bench`: how long seeding and building take at a realistic scale, and how big the
result is. Timing lives here and in docs/PERFORMANCE.md, never in the test suite."""

from __future__ import annotations

import platform
import tempfile
import time
from dataclasses import dataclass
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
            f"| `portal build`, warm (images cached) | {self.warm_build_seconds:.1f} s "
            f"({per_page:.1f} ms per page) |",
            f"| pages written | {self.pages} |",
            f"| size of all built sites | {self.site_bytes / 1e6:.1f} MB |",
            f"| content problems reported | {self.problems} |",
        ])


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run_build_bench(villages: int, organisations: int, events: int, interviews: int,
                    jobs: int, seed: int = 7, workdir: Path | None = None) -> BenchFigures:
    """Seed content, build it twice (cold, then with the image cache warm) and measure."""
    from sitegen.seed import seed as write_seed

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        content, out = Path(tmp) / "content", Path(tmp) / "build"
        started = time.perf_counter()
        write_seed(content, villages=villages, organisations=organisations, events=events,
                   interviews=interviews, seed=seed)
        seeded = time.perf_counter()
        options = BuildOptions(content_root=content, out=out)
        results = build_portals(options, jobs=jobs)
        cold = time.perf_counter()
        results = build_portals(options, jobs=jobs)
        warm = time.perf_counter()
        sites = sum(folder_bytes(out / r.slug) for r in results if r.built)
        return BenchFigures(
            villages=villages, organisations=organisations, events=events,
            interviews=interviews, jobs=jobs,
            seed_seconds=seeded - started, cold_build_seconds=cold - seeded,
            warm_build_seconds=warm - cold, pages=sum(r.pages for r in results),
            site_bytes=sites, problems=sum(len(r.problems) for r in results),
        )
