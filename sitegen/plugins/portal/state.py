"""The state of one village's build, shared by the portal's generators through Pelican settings.

One `BuildState` is made per Pelican run and handed in as the `PORTAL_STATE` setting, so
nothing lives at module level and two builds never see each other's data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.budget import DEFAULT_ITEM_SECONDS, ItemBudget, OverBudget, over_budget
from sitegen.images import ImageError, ImageProcessor, ImageSet
from sitegen.model import ImageRef, Problem, VillageContent


@dataclass
class BuildState:
    """Content, derived data, problems and the pages written of one village's build."""

    content: VillageContent
    content_root: Path
    now: datetime
    image_cache: Path
    banner: str = ""
    search_index: bool = True  # write zoeken/index/ and .search/ after the pages
    item_seconds: float | None = DEFAULT_ITEM_SECONDS  # per item's images, per page
    problems: list[Problem] = field(default_factory=list)
    images: dict[str, ImageSet] = field(default_factory=dict)  # ImageRef.path -> derivatives
    pages: set[str] = field(default_factory=set)  # save_as of every HTML page written
    sitemap: list[str] = field(default_factory=list)  # site-relative URLs of public pages
    _processor: ImageProcessor | None = None

    @property
    def pages_written(self) -> int:
        return len(self.pages)

    @property
    def village(self):
        return self.content.village

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.content.village.timezone)

    def image(self, ref: ImageRef | None, source: str, field_name: str = "image") -> bool:
        """Derive `ref`'s images; on failure record a problem for `source` and return False."""
        if ref is None:
            return True
        if ref.path in self.images:
            return True
        if self._processor is None:
            self._processor = ImageProcessor(self.content_root, self.image_cache)
        try:
            with ItemBudget(self.item_seconds):
                self.images[ref.path] = self._processor.derive(ref.path)
        except OverBudget as exc:
            self.problems.append(over_budget(source, field_name, "render", exc))
            return False
        except ImageError as err:
            # "media/x.jpg is too large (...)": the path, then what is wrong with it.
            self.problems.append(Problem.worded(source, field_name, "{path} {problem}",
                                                path=ref.path, problem=err.phrase))
            return False
        return True

    def publish_images(self, site_root: Path) -> None:
        """Place every derived image into the site being built."""
        if self._processor is None:
            return
        for image_set in self.images.values():
            self._processor.publish(image_set, site_root)


def group_by(items, key) -> dict:
    """Group items into a dict of lists by `key(item)`, which may return several keys."""
    groups: dict = defaultdict(list)
    for item in items:
        for k in key(item):
            groups[k].append(item)
    return groups
