"""Building portals: one Pelican run per village, staged beside the live site and swapped in.

`build_portals` is what `portal build` calls. It reads and validates each village with
`sitegen.content`, resolves it with `sitegen.resolve`, renders it with one Pelican run with
this village's own settings (no module-level state, so villages can be built in parallel
processes and twice in one process), and swaps the finished site into place with
`sitegen.atomic`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sitegen import atomic
from sitegen.budget import DEFAULT_ITEM_SECONDS
from sitegen.content import ContentRootError, VillageError, discover_villages, load_village
from sitegen.incremental import Digester, Generation
from sitegen.model import Problem
from sitegen.readcache import BuildRecord, FeedChecks, LastBuild, file_stamps, stamps
from sitegen.resolve import resolve, settled_until

THEME_DIR = Path(__file__).resolve().parent.parent / "themes" / "portal"
CACHE_DIRNAME = ".cache"  # beside the villages in the output folder; never served content
SPARE_DIRNAME = "spare"  # in a village's cache: its site served before, for the next build

EXIT_OK, EXIT_ITEMS_LEFT_OUT, EXIT_NOTHING_PUBLISHED = 0, 1, 2


class BuildError(Exception):
    """The build itself failed (not an item of content): nothing is published."""


@dataclass
class VillageResult:
    """What building one village produced."""

    slug: str
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    built: bool = False
    written: int = 0  # files made anew
    linked: int = 0  # files unchanged since the site served before, linked from it
    error: str = ""


@dataclass
class BuildOptions:
    """Settings of one build that are not content: where, when and how."""

    content_root: Path
    out: Path
    now: datetime | None = None  # the moment "upcoming" is measured from; default: now
    theme: Path = THEME_DIR
    base_url_override: dict[str, str] = field(default_factory=dict)  # e.g. for `portal demo`
    search_index: bool = True  # a preview has no use for the search indexes
    # Render this one page (its save_as) and no other page, feed or index: a preview of
    # one page, from the whole village read and resolved. None: the whole site.
    only: str | None = None
    # Longest one item may take to read, or to render (sitegen.budget); None: no limit.
    item_seconds: float | None = DEFAULT_ITEM_SECONDS
    # Link what did not change from the site being served instead of making it again
    # (`sitegen.incremental`); False: make every file (`portal build --full`).
    incremental: bool = True
    # Another build's site of this village to link unchanged files from instead of the
    # target (a preview made beside the live site, `sitegen.preview`): the folder
    # `<root>/<village>` of an output root whose `.cache/` holds its manifests and items.
    reuse_from: Path | None = None
    # Keep the items read for the next build (a preview reads the live build's, and
    # leaves them as they are).
    keep_items: bool = True
    # Processes that render one village's pages (`PageRenderer`); `build_portals` gives a
    # village built on its own all of its --jobs.
    page_workers: int = 1

    def moment(self) -> datetime:
        return self.now or datetime.now(UTC)

    def items_of(self, slug: str) -> Path:
        """The folder of the item cache of `slug` this build uses (reads it only when
        `incremental`; a full build reads every file and leaves the cache for the next)."""
        root = self.reuse_from.parent if self.reuse_from is not None else self.out
        return root / CACHE_DIRNAME / slug


def select_villages(content_root: Path, wanted: Iterable[str] = ()) -> list[str]:
    """The villages to build: all under `content_root`, or the named ones (which must exist)."""
    available = discover_villages(content_root)
    wanted = list(wanted)
    if not wanted:
        return available
    missing = [w for w in wanted if w not in available]
    if missing:
        raise ContentRootError(
            f"no village {', '.join(missing)} in {content_root} "
            f"(there are: {', '.join(available) or 'none'})"
        )
    return wanted


def build_portals(
    options: BuildOptions,
    villages: Iterable[str] = (),
    jobs: int = 1,
    progress: Callable[[VillageResult], None] | None = None,
) -> list[VillageResult]:
    """Build the named villages (default: all) and return one result per village."""
    slugs = select_villages(options.content_root, villages)
    results: list[VillageResult] = []
    if jobs <= 1 or len(slugs) <= 1:
        options = dataclasses.replace(options, page_workers=max(1, jobs))
        for slug in slugs:
            result = build_village(options, slug)
            results.append(result)
            if progress:
                progress(result)
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_village, options, slug): slug for slug in slugs}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as err:  # noqa: BLE001 - e.g. a worker process that died
                result = VillageResult(futures[future], error=f"{type(err).__name__}: {err}")
            results.append(result)
            if progress:
                progress(result)
    results.sort(key=lambda r: slugs.index(r.slug))
    return results


def exit_status(results: list[VillageResult]) -> int:
    """The SPEC's exit status for a set of village results: 2 when no village was built,
    1 when some were built but an item or a whole village was left out, 0 otherwise."""
    if not results or not any(r.built for r in results):
        return EXIT_NOTHING_PUBLISHED
    if any(r.problems or not r.built for r in results):
        return EXIT_ITEMS_LEFT_OUT
    return EXIT_OK


def build_village(options: BuildOptions, slug: str) -> VillageResult:
    """Build one village into `options.out/<slug>`, replacing the old site only when done;
    or, when nothing it reads changed since the last build and no time passed that changes
    what it shows (`LastBuild`), leave the served site as it is without reading anything."""
    result = VillageResult(slug)
    target = options.out / slug
    whole = options.only is None and options.reuse_from is None  # not a preview
    last = LastBuild(options.out / CACHE_DIRNAME / slug, keep=whole and options.keep_items,
                     read=whole and options.incremental)
    stamped_at = time.time_ns()
    inputs = build_inputs(options, slug)
    record = last.unchanged(inputs, options.content_root, target, options.moment())
    if record is not None:
        return VillageResult(slug, problems=list(record.problems), pages=record.pages,
                             built=True, linked=record.files)
    try:
        content = load_village(options.content_root, slug, item_seconds=options.item_seconds,
                               cache=options.items_of(slug), keep_cache=options.keep_items,
                               read_cache=options.incremental, workers=options.page_workers)
    except VillageError as err:
        result.problems.extend(err.problems)
        result.error = "site.yaml is not usable; the village was not built"
        return result
    except Exception as err:  # noqa: BLE001 - one village never stops the others
        logging.getLogger(__name__).debug("reading %s failed", slug, exc_info=True)
        result.error = f"{type(err).__name__}: {err}"
        return result
    if slug in options.base_url_override:
        content.village.base_url = options.base_url_override[slug].rstrip("/")
    result.problems.extend(content.problems)

    cache = options.out / CACHE_DIRNAME / slug
    atomic.remove_stale_staging(target)
    staged = atomic.staging_dir(target)
    # The site served before the one served now becomes the new generation where it is
    # free: what did not change since is neither made nor linked again.
    spare = cache / SPARE_DIRNAME if whole else None
    claimed = atomic.claim(spare, staged) if spare and options.incremental else None
    generation = None
    try:
        reused = options.reuse_from or target
        generation = Generation.beside(
            reused, staged, cache, incremental=options.incremental,
            manifests=reused.parent / CACHE_DIRNAME / slug, recycled=claimed is not None)
        state = run_pelican(content, options, staged, cache, generation)
        # The reader's problems, the resolver's, then those of rendering.
        result.problems = [*state.portal.problems, *state.problems]
        result.pages = state.pages_written
        result.written, result.linked = len(generation.written), len(generation.linked)
        generation.finish()
        generation.write_manifest()
        atomic.swap_in(staged, target, keep_as=spare)
        result.built = True
        last.save(BuildRecord(
            inputs=inputs, stamped_at=stamped_at,
            pictures=file_stamps(options.content_root, state.images.asked),
            site=target.stat().st_ino, moment=state.portal.now,
            settled_until=settled_until(state.portal), problems=tuple(result.problems),
            pages=result.pages, files=len(generation.keys)))
    except Exception as err:  # noqa: BLE001 - any failure must leave the old site served
        logging.getLogger(__name__).debug("build of %s failed", slug, exc_info=True)
        result.error = f"{type(err).__name__}: {err}"
    finally:
        if generation is not None:
            generation.close()
        if claimed is not None:
            os.close(claimed)
        if staged.exists():
            shutil.rmtree(staged, ignore_errors=True)
    return result


def build_inputs(options: BuildOptions, slug: str) -> tuple:
    """What a build of `slug` reads besides the pictures its content names: the files of
    the village's folder and of its `media/` folder (`stamps`), the theme, and the
    settings that change its pages. The code is part of every record (`LastBuild`)."""
    root = options.content_root
    return (stamps(root / slug, root / "media" / slug, options.theme),
            options.base_url_override.get(slug), options.search_index, options.item_seconds)


def run_pelican(content, options: BuildOptions, output: Path, cache: Path,
                generation: Generation):
    """Resolve one village and render it with one Pelican run into `output`, the new
    `generation` of its site; return the build state, which holds the `Portal` and what
    rendering it collected."""
    from jinja2 import FileSystemBytecodeCache
    from pelican import Pelican
    from pelican.settings import read_settings

    from sitegen.plugins.portal.pages import PageRenderer
    from sitegen.plugins.portal.state import BuildState, SiteImages

    cache.mkdir(parents=True, exist_ok=True)
    images = SiteImages(options.content_root, options.out / CACHE_DIRNAME / "images",
                        item_seconds=options.item_seconds)
    digester = Digester(images.of)
    feed_checks = FeedChecks(options.items_of(content.village.slug), digester,
                             keep=options.keep_items, read=options.incremental)
    portal = resolve(content, options.moment(), images=images.derive,
                     item_seconds=options.item_seconds, feed_checks=feed_checks)
    feed_checks.save()
    village = portal.village
    state = BuildState(
        portal=portal,
        images=images,
        content_root=options.content_root,
        generation=generation,
        digester=digester,
        renderer=PageRenderer(workers=options.page_workers, item_seconds=options.item_seconds),
        search_index=options.search_index,
        only=options.only,
        item_seconds=options.item_seconds,
    )
    empty = cache / "empty"  # Pelican's own article and page readers get nothing to read
    empty.mkdir(exist_ok=True)
    settings = read_settings(
        override={
            "PATH": str(empty),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(cache / "pelican"),
            "THEME": str(options.theme),
            "SITEURL": village.base_url,
            "SITENAME": village.name,
            "DEFAULT_LANG": village.locale,
            "TIMEZONE": village.timezone,
            "ARTICLE_PATHS": [],
            "PAGE_PATHS": [],
            "STATIC_PATHS": [],
            "DIRECT_TEMPLATES": [],
            "PAGINATED_TEMPLATES": {},
            "FEED_ALL_ATOM": None,
            "FEED_ALL_RSS": None,
            "CATEGORY_FEED_ATOM": None,
            "TRANSLATION_FEED_ATOM": None,
            "AUTHOR_FEED_ATOM": None,
            "AUTHOR_FEED_RSS": None,
            "DELETE_OUTPUT_DIRECTORY": False,
            "LOAD_CONTENT_CACHE": False,
            "CACHE_CONTENT": False,
            "THEME_STATIC_PATHS": [],  # placed by the portal's generators, incrementally
            "JINJA_ENVIRONMENT": {
                # Templates compiled once, not on every build (keyed by their source).
                "bytecode_cache": FileSystemBytecodeCache(
                    str(_made(options.out / CACHE_DIRNAME / "jinja"))),
                "autoescape": True,  # every field is untrusted: escape unless sanitised
                "trim_blocks": True,
                "lstrip_blocks": True,
                "extensions": [],
            },
            "PLUGINS": ["sitegen.plugins.portal"],
            "PORTAL_STATE": state,
        }
    )
    # Pelican prints a summary line per run; `portal build` reports on its own.
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            Pelican(settings).run()
    finally:
        if state.search is not None:
            state.search.close()  # waited for unless the run failed
    return settings["PORTAL_STATE"]


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_jobs() -> int:
    """A sensible default for --jobs: the machine's cores."""
    return max(1, os.cpu_count() or 1)
