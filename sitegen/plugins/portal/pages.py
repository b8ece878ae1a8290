"""Rendering a village's pages, on every core the build is given.

The generators decide which pages to render (`PortalGenerator.write_page`: those whose key
changed since the served site) and hand each to `PageRenderer.add`; `render` renders them
all once the generators are done. With one worker it renders them in order. With more, and
enough pages to be worth it, it forks the build process: each child renders its share of
the pages into the new generation's folder and sends back how each went, and the build
process renders its own share meanwhile. A fork shares the resolved village, the templates
and the keys without copying or pickling them, and rendering changes nothing of them (read,
resolve, render), so each page comes out byte for byte as the build would render it alone.

What each page's rendering came to is taken in the order the pages were added, so the
problems of a parallel build are those of a serial one, in the same order. A child that
dies (killed, out of memory) has its share rendered by the build process itself; a child
whose build process died stops before its next page.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from sitegen.background import side_by_side
from sitegen.budget import ItemBudget, OverBudget, over_budget
from sitegen.content import item_failed
from sitegen.model import Problem

# Below this many pages a fork costs more than it saves (it takes a few milliseconds and the
# child's pages are written while the parent writes its own).
PARALLEL_PAGES = 64


@dataclass(frozen=True)
class PageJob:
    """One page to render: where, with what template and values, and whose file it is (an
    item's page that fails to render is that file's problem; any other page failing fails
    the build)."""

    save_as: str
    render: Callable[[], None]  # renders and writes the page
    source: str | None = None  # the item's content file, for an item's page


@dataclass(frozen=True)
class Outcome:
    """How rendering one page went: nothing to say, a problem of the item's file (the page
    is left out), or the error of a page that is no item's (the build fails)."""

    problem: Problem | None = None
    error: str | None = None


class PageFailed(Exception):
    """A page that is not one item's could not be rendered: the village is not built."""


@dataclass
class PageRenderer:
    """The pages of one build still to render, and the workers to render them on."""

    workers: int = 1
    item_seconds: float | None = None  # per item's page (`sitegen.budget`)
    jobs: list[PageJob] = field(default_factory=list)

    def add(self, job: PageJob) -> None:
        self.jobs.append(job)

    def render(self) -> list[tuple[PageJob, Outcome]]:
        """Render every page added, each once, and return how each went, in order."""
        jobs, self.jobs = self.jobs, []
        workers = min(self.workers, max(1, len(jobs) // (PARALLEL_PAGES // 2)))
        if workers <= 1 or len(jobs) < PARALLEL_PAGES:
            return [(job, self._render_one(job)) for job in jobs]
        build = os.getpid()

        def render(share: list[PageJob]) -> list[Outcome]:
            done = []
            for job in share:
                if os.getpid() != build and os.getppid() != build:
                    raise SystemExit(1)  # the build was stopped: write nothing more
                done.append(self._render_one(job))
            return done

        return list(zip(jobs, side_by_side(jobs, workers, render), strict=True))

    def _render_one(self, job: PageJob) -> Outcome:
        if job.source is None:
            try:
                job.render()
            except Exception as exc:  # noqa: BLE001 - reported, and the build fails
                return Outcome(error=f"{job.save_as}: {type(exc).__name__}: {exc}")
            return Outcome()
        try:
            with ItemBudget(self.item_seconds):
                job.render()
        except OverBudget as exc:
            return Outcome(problem=over_budget(job.source, "file", "render", exc))
        except Exception as exc:  # noqa: BLE001 - one item never stops its village
            return Outcome(problem=item_failed(job.source, "file", exc))
        return Outcome()
