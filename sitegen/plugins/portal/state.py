"""What one village's build renders from and what rendering it leaves behind.

A `BuildState` is made per Pelican run and handed in as the `PORTAL_STATE` setting, so
nothing lives at module level and two builds never see each other's data. It holds the
resolved `Portal` (frozen: the generators only read it) and what rendering collects: the
pages written, the sitemap's URLs and the problems of pages that could not be rendered.
`SiteImages` derives the images while the village is resolved and places them in the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.budget import DEFAULT_ITEM_SECONDS, ItemBudget, OverBudget, over_budget
from sitegen.images import ImageError, ImageProcessor, ImageSet
from sitegen.incremental import Digester, Generation, TemplateReads
from sitegen.model import ImageRef, Problem
from sitegen.plugins.portal.pages import PageRenderer
from sitegen.resolve import Portal


@dataclass
class SiteImages:
    """The images of one build: derived into the image cache (`derive`, the `images` of
    `sitegen.resolve.resolve`), then published into the site being built."""

    content_root: Path
    cache: Path
    item_seconds: float | None = DEFAULT_ITEM_SECONDS  # per item's images
    derived: dict[str, ImageSet] = field(default_factory=dict)  # ImageRef.path -> derivatives
    asked: set[str] = field(default_factory=set)  # every ImageRef.path derived or tried
    _processor: ImageProcessor | None = None

    def derive(self, ref: ImageRef, source: str, field_name: str = "image") -> Problem | None:
        """Derive `ref`'s images; the problem of `source` when that fails, else None."""
        self.asked.add(ref.path)
        if ref.path in self.derived:
            return None
        if self._processor is None:
            self._processor = ImageProcessor(self.content_root, self.cache)
        try:
            with ItemBudget(self.item_seconds):
                self.derived[ref.path] = self._processor.derive(ref.path)
        except OverBudget as exc:
            return over_budget(source, field_name, "render", exc)
        except ImageError as err:
            # "media/x.jpg is too large (...)": the path, then what is wrong with it.
            return Problem.worded(source, field_name, "{path} {problem}",
                                  path=ref.path, problem=err.phrase)
        return None

    def of(self, ref: ImageRef) -> ImageSet | None:
        """The derivatives of `ref`, if they were made."""
        return self.derived.get(ref.path)

    def publish(self, site_root: Path) -> list[str]:
        """Place every derived image into the site being built; their paths in it."""
        if self._processor is None:
            return []
        for image_set in self.derived.values():
            self._processor.publish(image_set, site_root)
        return [rel for image_set in self.derived.values()
                for derivative in image_set.derivatives
                for rel in (derivative.webp, derivative.jpeg)]


@dataclass
class BuildState:
    """The resolved village one Pelican run renders, and what rendering it collects."""

    portal: Portal
    images: SiteImages
    content_root: Path  # for the village's redirects
    # The site being made, with the keys of the one served (`sitegen.incremental`): what
    # did not change is linked from there instead of rendered.
    generation: Generation
    digester: Digester  # of this build's values (resolved items, what pages read)
    renderer: PageRenderer  # renders the pages the generators choose, on the build's workers
    search: Any = None  # the search index being made (`generators.SearchIndexWork`)
    search_index: bool = True  # write the search index zoeken/index/ after the pages
    only: str | None = None  # the one page to render (a preview); None: every page and file
    item_seconds: float | None = DEFAULT_ITEM_SECONDS  # per page
    problems: list[Problem] = field(default_factory=list)  # of pages that failed to render
    pages: set[str] = field(default_factory=set)  # save_as of every HTML page written
    sitemap: list[str] = field(default_factory=list)  # site-relative URLs of public pages
    generators: int = 0  # the portal's generators of this run
    finished: int = 0  # those that have written their pages
    template_reads: TemplateReads | None = None  # of the run's templates, found once

    def wants(self, save_as: str) -> bool:
        """Whether this build writes the file `save_as` (every file, unless `only`)."""
        return self.only is None or save_as == self.only

    @property
    def pages_written(self) -> int:
        return len(self.pages)
