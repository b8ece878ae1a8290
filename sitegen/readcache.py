"""Items read by an earlier build, kept in the build cache by the digest of everything
reading them used: the file's text, the code (`sitegen.incremental.code_version`), the
village's time zone and categories, and, for a kind that refers to organisations, which
organisations there are and which were left out. An item that refers to a picture is
taken from the cache only while the picture is still there.

Only items read without a problem are kept; one with a problem is read again on every
build, so its messages always describe the files as they are now. The cache holds what
the last build of the village read, nothing older, so it does not grow.

Beside the items, the record of the village's last build (`LastBuild`): when no file it
read has changed since and no time has passed that changes what it shows, the village is
not built again at all.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sitegen.atomic import write_atomically
from sitegen.incremental import code_version
from sitegen.kinds import ORGANISATIONS, Kind
from sitegen.model import ImageRef, Problem

CACHE_FILE = "items.pickle"
FEED_CHECKS_FILE = "feed-checks.pickle"
LAST_BUILD_FILE = "last-build.pickle"
RACY_NS = 2_000_000_000  # a file changed this shortly before its stamp may change unseen
_REFERS_TO_ORGANISATIONS = {"organisation", "organisation_slugs"}

logger = logging.getLogger(__name__)


class _KeptForNextBuild:
    """What one build leaves in the build cache for the next, made with the same code: read
    at the start (unless not `read`: a full build) and written at the end when it changed
    (unless not `keep`: a preview reads the live build's and leaves it as it is). A
    missing or damaged file is only slower, never wrong."""

    def __init__(self, path: Path, keep: bool, read: bool) -> None:
        self.path = path
        self.keep = keep
        self.read = read

    def load(self) -> Any:
        """What the last build kept, or None."""
        if not self.read:
            return None
        try:
            with self.path.open("rb") as fh:
                found = pickle.load(fh)  # the build's own cache, written by `store`
            if isinstance(found, dict) and found.get("code") == code_version():
                return found["kept"]
        except FileNotFoundError:
            pass
        except Exception:  # noqa: BLE001 - a damaged cache is only slower, never wrong
            logger.debug("%s is not usable", self.path, exc_info=True)
        return None

    def store(self, kept: Any, before: Any) -> None:
        """Keep `kept` for the next build, if it is not what was read (`before`)."""
        if not self.keep or (self.read and kept == before):
            return
        try:
            write_atomically(self.path, pickle.dumps({"code": code_version(), "kept": kept},
                                                     protocol=pickle.HIGHEST_PROTOCOL))
        except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
            logger.debug("%s could not be written", self.path, exc_info=True)


class ItemCache(_KeptForNextBuild):
    """The items of one village read by the last build, and those this build read (`put`),
    which `save` keeps for the next."""

    def __init__(self, folder: Path, keep: bool = True, read: bool = True) -> None:
        super().__init__(Path(folder) / CACHE_FILE, keep, read)
        self.before: dict[str, tuple[Any, list[Problem]]] = self.load() or {}
        self.now: dict[str, tuple[Any, list[Problem]]] = {}

    @staticmethod
    def context(kind: Kind, reader: Any) -> Any:
        """What reading any file of `kind` depends on besides its text (the code, the
        village's time zone and categories, and for a kind that names organisations, which
        organisations there are and which were left out): worked out once per kind."""
        h = hashlib.blake2b(digest_size=20)
        for part in (code_version(), kind.name, str(reader.zone),
                     *sorted(reader.category_slugs)):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        if any(f.check in _REFERS_TO_ORGANISATIONS for f in kind.fields):
            h.update(b"organisations\0" + "\0".join(sorted(reader.organisation_slugs)).encode())
            left_out = reader.left_out.get(ORGANISATIONS.folder, ())
            h.update(b"left out\0" + "\0".join(sorted(left_out)).encode())
        return h

    @staticmethod
    def key(context: Any, rel: str, text: str) -> str:
        """The key of the file `rel` with `text`, read in `context` (`ItemCache.context`)."""
        h = context.copy()
        h.update(rel.encode("utf-8", "surrogatepass") + b"\0")
        h.update(b"text\0" + text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def get(self, key: str, root: Path) -> tuple[Any, list[Problem]] | None:
        """The item read before with `key` and its notes, if its pictures are still
        there (under `root`)."""
        found = self.before.get(key)
        if found is None:
            return None
        item, notes = found
        for value in vars(item).values():
            if isinstance(value, ImageRef) and value.path:
                full = (root / value.path).resolve()
                if not full.is_relative_to(root) or not full.is_file():
                    return None
        self.now[key] = found
        return copy.copy(item), list(notes)

    def put(self, key: str, item: Any, notes: list[Problem]) -> None:
        self.now[key] = (copy.copy(item), list(notes))

    def save(self) -> None:
        """Keep what this build read for the next one (an item taken from the cache is the
        very entry read, so comparing the two is cheap)."""
        self.store(self.now, self.before)


class FeedChecks(_KeptForNextBuild):
    """The events an earlier build found to fit the calendar feed: the digests of each
    event with its organiser and village (`sitegen.incremental.Digester`) whose VEVENT was
    written out without an error. The same event, organiser and village fit again, so the
    build does not write them out only to see (`sitegen.resolve.resolve`)."""

    def __init__(self, folder: Path, digester: Any, keep: bool = True,
                 read: bool = True) -> None:
        super().__init__(Path(folder) / FEED_CHECKS_FILE, keep, read)
        self.digester = digester
        self.before: set[str] = self.load() or set()
        self.now: set[str] = set()

    def key(self, event: Any, organiser: Any, village: Any) -> str:
        return self.digester.digest((code_version(), event, organiser, village)).hex()

    def fits(self, key: str) -> bool:
        return key in self.before

    def add(self, key: str) -> None:
        self.now.add(key)

    def save(self) -> None:
        self.store(self.now, self.before)


@dataclass(frozen=True)
class BuildRecord:
    """What the last build of a village read and made: enough to tell that building it
    again now would make the same site, and to report that build's problems again."""

    inputs: tuple  # `stamps` of the files it read (content, theme) and its settings
    stamped_at: int  # when `inputs` were taken (time.time_ns())
    pictures: tuple  # `stamps` of every picture it derived or tried to
    site: int  # the inode of the site folder it made (the swap keeps it)
    moment: datetime  # the moment it was built as
    settled_until: datetime | None  # `sitegen.resolve.settled_until` of what it resolved
    problems: tuple[Problem, ...]
    pages: int
    files: int


class LastBuild(_KeptForNextBuild):
    """The `BuildRecord` of a village's last build. A build whose inputs have the same
    stamps (path, size, modification time and inode of every file, as `make` and git
    tell a file changed), at a moment before the site's content could change by time
    alone, whose site is still the one served, makes nothing: the village is not read
    at all."""

    def __init__(self, folder: Path, keep: bool = True, read: bool = True) -> None:
        super().__init__(Path(folder) / LAST_BUILD_FILE, keep, read)

    def unchanged(self, inputs: tuple, content_root: Path, site: Path,
                  moment: datetime) -> BuildRecord | None:
        """The last build's record if building now would make the same site, else None."""
        record = self.load()
        if not isinstance(record, BuildRecord) or record.inputs != inputs:
            return None
        if _racy(record.inputs[0], record.stamped_at) or _racy(record.pictures,
                                                                record.stamped_at):
            return None
        if record.settled_until is None or not record.moment <= moment < record.settled_until:
            return None
        try:
            if site.stat().st_ino != record.site:
                return None  # the served folder is not the one that build made
        except OSError:
            return None
        if file_stamps(content_root, (path for path, *_stamp in record.pictures)) \
                != record.pictures:
            return None
        return record

    def save(self, record: BuildRecord) -> None:
        self.store(record, None)


def _racy(found: tuple, stamped_at: int) -> bool:
    """Whether a file of `found` was changed so shortly before its stamp was taken that a
    change after it might keep the same modification time (a file system's clock ticks
    in milliseconds, or seconds): such a stamp proves nothing, as git knows of its index."""
    return any(stamp[1] is not None and stamp[2] >= stamped_at - RACY_NS for stamp in found)


def stamps(*folders: Path) -> tuple:
    """Every file under `folders`, each with its size, modification time and inode, in
    order; a folder that is missing is marked so."""
    found: list[tuple] = []
    for folder in folders:
        if not folder.is_dir():
            found.append((str(folder), None))
            continue
        for directory, subfolders, files in os.walk(folder):
            subfolders.sort()
            found.extend(_stamp(path, path) for path in
                         (os.path.join(directory, name) for name in sorted(files)))
    return tuple(found)


def file_stamps(root: Path, paths: Iterable[str]) -> tuple:
    """`stamps` of the files at `paths` (relative to `root`), missing ones marked."""
    return tuple(_stamp(path, root / path) for path in sorted(set(paths)))


def _stamp(name: str, path: str | Path) -> tuple:
    try:
        st = os.stat(path)
    except OSError:
        return (name, None)
    return (name, st.st_size, st.st_mtime_ns, st.st_ino)
