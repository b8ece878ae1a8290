"""Previews: one village built with a draft in place of (or beside) its content file.

The CMS shows an editor how a draft will look on the portal. Rather than render the draft
with templates of its own, it hands the draft's content file to `build_preview`, which
builds the whole village from a cheap copy of the content root (hard links) with that one
file replaced. So the preview page is the page the portal will publish, with the lists,
links and related items it will have, and only the banner differs. If the draft does not
validate, the editor gets a short page listing the problems instead.

Pure Python and no Django: the CMS calls it with its own paths and permissions.
"""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path, PurePosixPath

from markupsafe import escape

from sitegen.build import CACHE_DIRNAME, BuildOptions, build_village
from sitegen.content import SLUG_RE
from sitegen.kinds import STORIES, VILLAGE, kind_for_folder
from sitegen.model import Problem
from sitegen.yamlsafe import ContentError, split_front_matter

DUTCH = "nl"  # the problems page is read by editors, in the CMS

__all__ = [
    "Preview",
    "PreviewPathError",
    "build_preview",
    "page_output_path",
    "problems_page",
    "render_preview",
    "with_banner",
]

# Files that are content rather than pictures: never copied from other villages.
CONTENT_FILES = ("*.md", "*.yaml", "*.yml")


class PreviewPathError(ValueError):
    """The path of the draft is not one of a village's content files."""


@dataclass
class Preview:
    """One built preview: the page's HTML (or the problems page) and where the site lies."""

    html: str
    page: str  # output path of the page in the site, e.g. "sociale-kaart/x/index.html"
    site: Path | None = None  # the built village; None once a temporary build is gone
    problems: list[Problem] = field(default_factory=list)  # those of the draft's file
    ok: bool = True  # False: `html` is the problems page, not a page of the portal


def page_output_path(village: str, rel_path: str) -> str:
    """The site path of the page a content file produces.

    ``lindeveld/organisations/x.md`` gives ``sociale-kaart/x/index.html`` and
    ``lindeveld/site.yaml`` the home page ``index.html``. Raises `PreviewPathError` for
    any other path, so a draft can never be written outside the village's folders.
    """
    pure = PurePosixPath(rel_path)
    parts = pure.parts
    if (
        pure.is_absolute() or "\\" in rel_path or "\x00" in rel_path
        or not parts or parts[0] != village or not SLUG_RE.match(village)
    ):
        raise PreviewPathError(f"{rel_path} is not a content file of village {village}")
    if parts[1:] == ("site.yaml",):
        return VILLAGE.save_as
    kind = kind_for_folder(parts[1]) if len(parts) == 3 else None
    if kind is not None and pure.suffix == ".md" and SLUG_RE.match(pure.stem):
        return kind.save_as_for(pure.stem)
    raise PreviewPathError(f"{rel_path} is not a content file of village {village}")


def render_preview(
    content_root: Path,
    village: str,
    rel_path: str,
    file_text: str,
    banner: str,
    now: datetime | None = None,
    cache_dir: Path | None = None,
    extra_files: dict[str, bytes] | None = None,
) -> str:
    """The HTML of the page `file_text` would become as ``rel_path`` of `village`.

    The village is read and resolved with the draft in a temporary folder that is removed
    again, and only the draft's page is rendered (`BuildOptions.only`); the HTML is that
    page with `banner` shown, or a problems page when the draft is invalid.
    `cache_dir` is an output folder of ``portal build`` (or any folder kept between
    previews): its ``.cache/images`` holds the resized images, so they are made once.
    """
    parent = Path(cache_dir) if cache_dir is not None else None
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="preview-", dir=parent) as tmp:
        preview = build_preview(
            content_root, village, rel_path, file_text, banner, Path(tmp),
            now=now, image_cache=_image_cache_of(parent), extra_files=extra_files,
            whole_site=False,
        )
    return preview.html


def build_preview(
    content_root: Path,
    village: str,
    rel_path: str,
    file_text: str | None,
    banner: str,
    work: Path,
    now: datetime | None = None,
    image_cache: Path | None = None,
    page: str | None = None,
    extra_files: dict[str, bytes] | None = None,
    replaces: str | None = None,
    whole_site: bool = True,
    live: Path | None = None,
) -> Preview:
    """Build `village` with the draft into `work` and return the draft's page.

    `work` is an empty or earlier preview folder owned by the caller; afterwards it holds
    ``content/`` (hard links to `content_root`'s files plus the draft) and ``site/<village>/``,
    the complete built site, so a web view can serve its style sheets, images and the
    other pages the preview links to. `file_text` None builds the content as it is (to
    preview a listing); `page` then names the site page to return. `image_cache` is a
    folder kept between previews for the resized images. `extra_files` (path relative to
    the content root -> bytes) are pictures the draft has chosen that are not published
    yet. `replaces` is the content path of the file the
    draft takes the place of when its slug (so its file name) changed: it is left out.
    `whole_site` False renders the draft's page only, from the whole village read and
    resolved (its lists and links as the portal will have them), and no other page.
    `live` is the output root of ``portal build`` (the CMS's build folder): where the
    village is built there, the preview is a new generation of that site
    (`sitegen.incremental`), so only the pages the draft changes are rendered and the
    rest are links to the live files, and the items are read from the live build's cache.

    The pages in ``site/`` are the portal's pages byte for byte; the banner is put in the
    page returned here, and a web view serving the other pages puts it in with
    `with_banner`.
    """
    target = page or page_output_path(village, rel_path)
    work = Path(work)
    content = work / "content"
    out = work / "site"
    if content.exists():
        shutil.rmtree(content)
    _mirror_content(Path(content_root), content, village)
    if replaces and replaces != rel_path:
        page_output_path(village, replaces)  # refuses anything but a content file
        (content / PurePosixPath(replaces)).unlink(missing_ok=True)
    if file_text is not None:
        draft = content / PurePosixPath(rel_path)
        draft.parent.mkdir(parents=True, exist_ok=True)
        draft.unlink(missing_ok=True)  # a hard link: never write through to content_root
        draft.write_text(file_text, "utf-8")
    for name, data in (extra_files or {}).items():
        pure = PurePosixPath(name)
        if (pure.is_absolute() or not pure.parts or ".." in pure.parts or "\\" in name
                or any(pure.match(pattern) for pattern in CONTENT_FILES)):
            raise PreviewPathError(f"{name} is not a picture's path inside the content root")
        extra = content / pure
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.unlink(missing_ok=True)
        extra.write_bytes(data)
    if image_cache is not None:
        _link_image_cache(out, Path(image_cache))
    reuse = Path(live) / village if live is not None else None
    if reuse is not None and not reuse.is_dir():
        reuse = None  # not built there yet: the preview is a whole build of its own
    options = BuildOptions(content_root=content, out=out, now=now, search_index=False,
                           only=None if whole_site else target, reuse_from=reuse,
                           keep_items=reuse is None)
    result = build_village(options, village)
    own = [p for p in result.problems if p.path == rel_path] if file_text is not None else []
    built = out / village / target
    if result.built and not built.is_file() and not own and file_text is not None:
        # A story dated in the future is published on its date: show it as it will be then.
        go_live = _future_story_moment(rel_path, file_text)
        if go_live is not None and (now is None or go_live > now):
            options.now = go_live
            result = build_village(options, village)
            own = [p for p in result.problems if p.path == rel_path]
    if result.built and built.is_file():
        # Built despite a remark (say, an organiser that was left out): the portal would
        # show it like this, so the preview does too.
        return Preview(with_banner(built.read_text("utf-8"), banner), target, out / village,
                       own)
    if own:
        problems = own
    elif not result.built:
        problems = list(result.problems) or [Problem.worded(
            rel_path, "build", "the village could not be built: {error}", error=result.error)]
    else:
        problems = [Problem.worded(rel_path, "file", "the build left this item out")]
    return Preview(problems_page(problems), target, out / village if result.built else None,
                   problems, ok=False)


def with_banner(page: str, banner: str) -> str:
    """A portal page with the preview's banner at the top of its body, after the link
    that skips to the content (so a keyboard user meets that link first)."""
    if not banner:
        return page
    div = f'<div class="preview-banner" role="status">{escape(banner)}</div>'
    skip = page.find('<a class="skip-link"')
    end = page.find("</a>\n", skip) if skip >= 0 else -1
    if end >= 0:
        at = end + len("</a>\n")
    else:
        body = page.find("<body>")
        at = body + len("<body>") if body >= 0 else 0
    return page[:at] + div + page[at:]


def problems_page(problems: list[Problem], title: str = "Voorvertoning niet mogelijk") -> str:
    """A plain Dutch page listing why a draft cannot be shown (``path: field: message``)."""
    rows = "\n".join(
        f"<li><code>{html.escape(f'{p.path}: {p.field}: {p.translated(DUTCH)}')}</code></li>"
        for p in problems)
    return (
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(title)}</title>\n"
        "<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5}li{margin:.4rem 0}code{white-space:pre-wrap}</style>\n"
        "</head>\n<body>\n"
        f"<h1>{html.escape(title)}</h1>\n"
        "<p>Deze versie kan het portaal nog niet tonen. Pas het volgende aan en bekijk de "
        "voorvertoning opnieuw:</p>\n"
        f"<ul>\n{rows}\n</ul>\n</body>\n</html>\n"
    )


# ------------------------------------------------------------------------------------
# The private copy of the content root


def _mirror_content(source: Path, dest: Path, village: str) -> None:
    """Give `dest` the village's folder and every picture of `source`, as hard links.

    The reader refuses symbolic links that leave the content root (a safety rule for
    hostile content), so the copy is made of hard links: as cheap as links, yet real files
    inside `dest`. Where the file system has no hard links (another disk), files are
    copied. Of other villages only pictures are taken (an item may show one from anywhere
    under content/), not their content files: a build reads only its own village.
    """
    dest.mkdir(parents=True)
    try:
        entries = sorted(source.iterdir())
    except OSError:
        entries = []  # the build reports a missing content root in its own words
    for entry in entries:
        if entry.name == village:
            ignore = None
        elif entry.is_dir():
            ignore = shutil.ignore_patterns(*CONTENT_FILES)
        else:
            continue
        shutil.copytree(entry, dest / entry.name, symlinks=True, ignore=ignore,
                        copy_function=_link_or_copy)
    (dest / village).mkdir(exist_ok=True)


def _link_or_copy(src: str, dst: str) -> str:
    try:
        os.link(src, dst)
    except FileNotFoundError:
        pass  # unpublished while we copied: it is not part of the portal any more
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            shutil.copy2(src, dst)
    return dst


def _image_cache_of(build_out: Path | None) -> Path | None:
    return build_out / CACHE_DIRNAME / "images" if build_out is not None else None


def _link_image_cache(out: Path, image_cache: Path) -> None:
    """Point the build's image cache at a lasting one (made on the first preview)."""
    image_cache.mkdir(parents=True, exist_ok=True)
    link = out / CACHE_DIRNAME / "images"
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() or link.exists():
        if link.is_symlink() and Path(os.readlink(link)) == image_cache.resolve():
            return
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)
        else:
            link.unlink()
    link.symlink_to(image_cache.resolve(), target_is_directory=True)


def _future_story_moment(rel_path: str, file_text: str) -> datetime | None:
    """Noon (UTC) of a story's date, which is that date in every European time zone."""
    if PurePosixPath(rel_path).parent.name != STORIES.folder:
        return None
    try:
        data, _body = split_front_matter(file_text)
        day = data.get("date") if isinstance(data, dict) else None
        if isinstance(day, str):
            day = date.fromisoformat(day.strip())
    except (ContentError, ValueError):
        return None
    if not isinstance(day, date) or isinstance(day, datetime):
        return None
    return datetime.combine(day, time(12, 0), tzinfo=UTC)
