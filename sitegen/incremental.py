"""Incremental builds: each output of a village is keyed by everything it reads, so a
rebuild renders only the outputs whose key changed and hard-links the others from the
site being served into the new generation.

A page's key (`Generation.page_key`) is a digest of the code (`code_version`), the
template and every template it includes or extends (their sources), the page's path, and
the value of every name those templates read (found in the templates themselves with
Jinja's own analysis, `TemplateReads`), taken from the page's own values, the generator's
context or the template globals. A file's key (`Generation.file_key`) is the digest of the
values it is made from, which its writer names. Values are digested in full, field by
field (`Digester`); an image reference counts with the derivatives made of it, so a
changed picture changes the key of every page that shows it.

The keys of the files of a built site are kept in the build cache, in a manifest named
after the inode of the site's folder (`manifest_path`). The manifest is written before
the new generation is swapped in, and the swap moves the folder (its inode) as a whole,
so the manifest found for the served folder always describes exactly that folder. A
build whose manifest is missing or unreadable renders everything.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import fcntl
import hashlib
import io
import json
import os
import pickle
import shutil
import struct
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock_time
from functools import cache
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, meta

from sitegen.atomic import write_atomically
from sitegen.model import ImageRef

MANIFEST_FORMAT = "buurtportaal-generation/1"
#: The libraries whose versions change what the build writes.
RENDERING_PACKAGES = ("pelican", "jinja2", "markdown", "nh3", "whoosh", "icalendar",
                      "feedgenerator", "pillow", "pyyaml", "python-dateutil", "babel")
MANIFESTS_KEPT_SECONDS = 3600  # another build's manifest may be about to be swapped in


@cache
def code_version() -> str:
    """A digest of the generator's own code and the versions of the libraries it renders
    with: any change to them makes every key new (a fresh full build)."""
    h = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    for name in RENDERING_PACKAGES:
        try:
            h.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} absent".encode())
    return h.hexdigest()


class Undigestable(TypeError):
    """A value the digester does not know how to read completely: its page is rendered."""


class Digester:
    """Digests of values as the build holds them: the same value gives the same digest in
    every process (sets are sorted, dictionaries kept in their order, which rendering
    sees). An item is digested once per build, however many pages read it."""

    def __init__(self, image_derivatives: Callable[[ImageRef], Any] | None = None) -> None:
        self._image_derivatives = image_derivatives or (lambda ref: None)
        self._memo: dict[int, bytes] = {}
        self._shared: dict[int, bytes] = {}
        self._kept: list[Any] = []  # keeps memoised objects alive so their ids stay theirs

    def digest(self, value: Any) -> bytes:
        h = hashlib.blake2b(digest_size=16)
        self._feed(h, value)
        return h.digest()

    def shared(self, value: Any) -> bytes:
        """The digest of a value many outputs read as one object (a field of the Portal, a
        template global), worked out once per build."""
        key = id(value)
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = self.digest(value)
            self._kept.append(value)
        return found

    def memoised(self, value: Any) -> bytes:
        key = id(value)
        found = self._memo.get(key)
        if found is None:
            self._memo[key] = b"cycle:" + type(value).__qualname__.encode()
            found = self.digest_of_parts(value)
            self._memo[key] = found
            self._kept.append(value)
        return found

    def digest_of_parts(self, value: Any) -> bytes:
        h = hashlib.blake2b(digest_size=16)
        h.update(type(value).__qualname__.encode())
        if isinstance(value, ImageRef):
            self._feed(h, value.path)
            self._feed(h, value.alt)
            self._feed(h, self._image_derivatives(value))
            return h.digest()
        try:
            h.update(_ValuePickler.dumps(self, value))
        except (pickle.PicklingError, TypeError, AttributeError):
            # Something pickle cannot take (a function in a field): field by field.
            for f in dataclasses.fields(value):
                h.update(f.name.encode())
                self._feed(h, getattr(value, f.name))
        return h.digest()

    def _feed(self, h, value: Any) -> None:  # noqa: C901, PLR0912 - one branch per type
        if value is None or isinstance(value, bool):
            h.update(b"N" if value is None else (b"T" if value else b"F"))
        elif isinstance(value, str):
            raw = value.encode("utf-8", "surrogatepass")
            h.update(b"s" + struct.pack("<Q", len(raw)) + raw)
        elif isinstance(value, int | float):
            h.update(b"n" + repr(value).encode())
        elif isinstance(value, datetime | date | clock_time):
            h.update(b"d" + value.isoformat().encode())
            if getattr(value, "tzinfo", None) is not None:
                h.update(str(value.tzinfo).encode())
        elif isinstance(value, enum.Enum):
            h.update(b"e" + type(value).__qualname__.encode() + repr(value.value).encode())
        elif isinstance(value, ImageRef):
            # Not memoised: its derivatives may be made after it was first digested.
            h.update(b"i" + self.digest_of_parts(value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            h.update(b"o" + self.memoised(value))
        elif isinstance(value, list | tuple):
            h.update(b"l" + struct.pack("<Q", len(value)))
            for part in value:
                self._feed(h, part)
        elif isinstance(value, dict | MappingProxyType):
            h.update(b"m" + struct.pack("<Q", len(value)))
            for key, part in value.items():
                self._feed(h, key)
                self._feed(h, part)
        elif isinstance(value, set | frozenset):
            parts = sorted(self.digest(part) for part in value)
            h.update(b"S" + struct.pack("<Q", len(parts)) + b"".join(parts))
        elif isinstance(value, bytes):
            h.update(b"b" + struct.pack("<Q", len(value)) + value)
        elif isinstance(value, ZoneInfo):
            h.update(b"z" + str(value.key).encode())
        elif isinstance(value, Path):
            h.update(b"p" + value.as_posix().encode())
        elif callable(value):
            # A helper of the templates: its code is in `code_version`; what it reads is
            # digested where it reads it (images with their references, the village as a
            # name the templates read).
            h.update(b"f" + getattr(value, "__qualname__", type(value).__qualname__).encode())
        elif hasattr(value, "name") and type(value).__module__ == "sitegen.kinds":
            h.update(b"k" + type(value).__qualname__.encode() + value.name.encode())
        else:
            raise Undigestable(f"cannot digest a {type(value).__qualname__}")


class _ValuePickler(pickle.Pickler):
    """Pickles one dataclass value for its digest at C speed: the values inside it that
    are dataclasses themselves count by their own (memoised) digests, an image reference
    with its derivatives, a kind by its name. Pickle keeps the order of dictionaries and
    lists; only sets may come out in another order in another process, which costs a
    render, never a wrong page."""

    def __init__(self, digester: Digester, root: Any, buffer: io.BytesIO) -> None:
        super().__init__(buffer, protocol=5)
        self.digester = digester
        self.root = root

    @classmethod
    def dumps(cls, digester: Digester, value: Any) -> bytes:
        buffer = io.BytesIO()
        cls(digester, value, buffer).dump(value)
        return buffer.getvalue()

    def reducer_override(self, obj: Any) -> Any:
        if obj is self.root:
            return NotImplemented
        if isinstance(obj, ImageRef):
            return _digested, ("image", self.digester.digest_of_parts(obj))
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return _digested, (type(obj).__qualname__, self.digester.memoised(obj))
        if type(obj).__module__ == "sitegen.kinds":
            return _digested, ("kind", getattr(obj, "name", type(obj).__qualname__))
        return NotImplemented


def _digested(*parts: Any) -> None:
    """Stands in a pickled value for a part counted by its digest (never unpickled)."""


@dataclass
class TemplateReads:
    """What each template of a theme reads: the digest of its source and of every template
    it includes, imports or extends, and the names it looks up in its context. A template
    that names another by a variable reads anything: its pages are always rendered."""

    env: Environment
    _found: dict[str, tuple[bytes, frozenset[str]] | None] = field(default_factory=dict)
    _parsed: dict[str, tuple[bytes, frozenset[str], tuple[str | None, ...]]] = field(
        default_factory=dict)

    def __post_init__(self) -> None:
        # Jinja's analysis leaves out the names of the environment's globals (the village,
        # the brand colours, ...), which pages read as much as their own values: analyse
        # with an environment that has the same loader and filters and no globals.
        self.env = self.env.overlay()
        self.env.globals = {}

    def of(self, name: str) -> tuple[bytes, frozenset[str]] | None:
        if name not in self._found:
            self._found[name] = self._closure(name)
        return self._found[name]

    def _closure(self, name: str) -> tuple[bytes, frozenset[str]] | None:
        h = hashlib.blake2b(digest_size=16)
        names: set[str] = set()
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            source_digest, own_names, referenced = self._one(current)
            h.update(current.encode() + b"\0" + source_digest)
            names |= own_names
            if None in referenced:
                return None
            todo.extend(referenced)
        return h.digest(), frozenset(names)

    def _one(self, name: str) -> tuple[bytes, frozenset[str], tuple[str | None, ...]]:
        """One template on its own: the digest of its source, the names it reads and the
        templates it names (None for one named by a variable); each parsed once."""
        if name not in self._parsed:
            source, _filename, _uptodate = self.env.loader.get_source(self.env, name)
            ast = self.env.parse(source, name)
            self._parsed[name] = (
                hashlib.blake2b(source.encode(), digest_size=16).digest(),
                frozenset(meta.find_undeclared_variables(ast)),
                tuple(meta.find_referenced_templates(ast)))
        return self._parsed[name]


def manifest_path(cache: Path, site: Path | int) -> Path | None:
    """Where the manifest of the site folder `site` (a path, or an open descriptor of the
    folder) is kept, or None if there is no such folder."""
    try:
        inode = os.fstat(site).st_ino if isinstance(site, int) else site.stat().st_ino
    except OSError:
        return None
    return cache / "generations" / f"{inode}.json"


@dataclass
class Generation:
    """One build of a village's site, made beside the site being served (`previous`): the
    keys of the files written into it, and which were rendered anew and which were linked
    from the previous generation because their key did not change.

    Its folder is new and empty, or `recycled`: the site served before the one served now
    (`atomic.claim`), whose own files (`present`, by its manifest) stay where their key is
    the same, so that neither its folders nor those files are made again. A file of it that
    is to change is unlinked first and made as a new file, never written into: it may be
    the very file the served site shows (unchanged files are hard links)."""

    output: Path
    cache: Path
    # The served folder as it was when its manifest was read, held open (with a shared
    # lock, so no build recycles it meanwhile): another build may swap a newer site in
    # meanwhile, and files are linked from this one, which the manifest describes, never
    # from whatever the path holds by then.
    previous_site: int | None = None
    previous: Mapping[str, str] = field(default_factory=dict)
    recycled: bool = False
    present: Mapping[str, str] = field(default_factory=dict)  # a recycled folder's files
    keys: dict[str, str] = field(default_factory=dict)
    written: set[str] = field(default_factory=set)
    linked: set[str] = field(default_factory=set)  # from the served site, or kept as present
    placed: set[str] = field(default_factory=set)  # put in place by others (the images)

    @classmethod
    def beside(cls, site: Path, output: Path, cache: Path, *, incremental: bool = True,
               manifests: Path | None = None, recycled: bool = False) -> Generation:
        """A new generation in `output` (its manifest to go into `cache`) that may reuse
        the files of the served `site`, whose manifest is in `manifests` (default:
        `cache`), unless not `incremental`; `recycled`: `output` holds an earlier site of
        the village (its manifest in `cache`), whose files the build may keep."""
        generation = cls(output=output, cache=cache, recycled=recycled)
        if recycled:
            found = _manifest(manifest_path(cache, output)) if incremental else {}
            if found is None or not incremental:
                _empty(output)  # nothing tells what its files are: start empty
            else:
                generation.present = found
        if not incremental:
            return generation
        try:
            folder = os.open(site, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return generation  # nothing served yet
        try:
            fcntl.flock(folder, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(folder)  # a build is recycling it: it describes nothing any more
            return generation
        except OSError:
            pass  # no locks on this file system: then no build recycles a site either
        found = _manifest(manifest_path(manifests or cache, folder))
        if found is not None:
            generation.previous = found
            generation.previous_site = folder
        else:
            os.close(folder)
        return generation

    def close(self) -> None:
        """Let go of the served folder (after the build, whatever its outcome)."""
        if self.previous_site is not None:
            os.close(self.previous_site)
            self.previous_site = None

    def reuse(self, save_as: str, key: str | None) -> bool:
        """Keep `save_as` of a recycled folder, or link it from the previous generation,
        if it was made with the same `key`; True when it was (and so need not be made).
        Else the recycled folder's file is gone, for a new one to be made."""
        if key is not None and self.present.get(save_as) == key:
            self.keys[save_as] = key
            self.linked.add(save_as)
            return True
        target = self.output / save_as
        if self.recycled:
            try:
                target.unlink(missing_ok=True)  # never write into a file another site shares
            except IsADirectoryError:
                shutil.rmtree(target)
        if key is None or self.previous_site is None or self.previous.get(save_as) != key:
            return False
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(save_as, target, src_dir_fd=self.previous_site)
        except OSError:
            return False  # gone, e.g. swapped out by another build: make it anew
        self.keys[save_as] = key
        self.linked.add(save_as)
        return True

    def reuse_folder(self, folder: str, key: str | None) -> bool:
        """`reuse` for every file the previous generation had under `folder`, all made
        with one `key` (e.g. the search index): all of them or none."""
        prefix = folder.rstrip("/") + "/"
        kept = [p for p in self.present if p.startswith(prefix)]
        if key is not None and kept and all(self.present[p] == key for p in kept):
            for p in kept:
                self.keys[p] = key
                self.linked.add(p)
            return True
        files = [p for p in self.previous if p.startswith(prefix)]
        if key is None or not files or any(self.previous[p] != key for p in files):
            return False
        if all(self.reuse(p, key) for p in files):
            return True
        for p in files:  # a half-linked folder would mix two versions of it
            if p in self.linked:
                (self.output / p).unlink(missing_ok=True)
                self.forget(p)
        return False

    def made(self, save_as: str, key: str | None) -> None:
        """`save_as` was written anew; remember its key (None: never reused)."""
        self.written.add(save_as)
        self.linked.discard(save_as)
        if key is None:
            self.keys.pop(save_as, None)
        else:
            self.keys[save_as] = key

    def settle(self, save_as: str, key: str | None) -> None:
        """`save_as` was written anew as part of a whole made at once (the search index):
        if its bytes are those of the previous generation's file, keep that file instead,
        so what did not change is not replaced in the served site."""
        self.made(save_as, key)
        if self.previous_site is None:
            return
        new = self.output / save_as
        try:
            with open(save_as, "rb", opener=self._in_previous) as old:
                if os.fstat(old.fileno()).st_size != new.stat().st_size \
                        or old.read() != new.read_bytes():
                    return
            spare = new.with_name(f".{new.name}.link")
            spare.unlink(missing_ok=True)
            os.link(save_as, spare, src_dir_fd=self.previous_site)
            os.replace(spare, new)
        except OSError:
            return  # the new file stays: the same bytes either way
        self.written.discard(save_as)
        self.linked.add(save_as)

    def settled(self, kept: Iterable[str]) -> None:
        """Files `settle` kept as the previous generation's (in a child process): linked."""
        for save_as in kept:
            self.written.discard(save_as)
            self.linked.add(save_as)

    def _in_previous(self, path: str, flags: int) -> int:
        return os.open(path, flags, dir_fd=self.previous_site)

    def forget(self, save_as: str) -> None:
        self.keys.pop(save_as, None)
        self.written.discard(save_as)
        self.linked.discard(save_as)

    def place_copy(self, save_as: str, source: Path) -> None:
        """Put a copy of the file `source` at `save_as`, keyed by its bytes."""
        key = hashlib.blake2b(source.read_bytes(), digest_size=16).hexdigest()
        if not self.reuse(save_as, key):
            target = self.output / save_as
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            self.made(save_as, key)

    def place(self, save_as: Iterable[str]) -> None:
        """Files others put into the folder (the images): part of this generation."""
        self.placed.update(save_as)

    def finish(self) -> None:
        """Remove from a recycled folder every file this build did not make, keep, link or
        have placed, and the folders that leaves empty: it then holds what a new folder
        would."""
        if not self.recycled:
            return
        wanted = self.written | self.linked | self.placed
        root = str(self.output)
        for directory, _folders, files in os.walk(root, topdown=False):
            base = os.path.relpath(directory, root)
            for name in files:
                if (name if base == "." else f"{base}/{name}") not in wanted:
                    os.unlink(os.path.join(directory, name))
            if directory != root:
                with contextlib.suppress(OSError):  # not empty: it holds files wanted
                    os.rmdir(directory)

    def write_manifest(self) -> None:
        """Record the keys of this generation, under the inode of its folder (which the
        swap keeps), before it is swapped in; forget manifests of folders long gone, but
        not the served site's (a later build may recycle it)."""
        path = manifest_path(self.cache, self.output)
        if path is None:
            return
        data = {"format": MANIFEST_FORMAT, "code": code_version(),
                "files": dict(sorted(self.keys.items()))}
        write_atomically(path, json.dumps(data, separators=(",", ":")))
        kept = {path}
        if self.previous_site is not None:
            kept.add(manifest_path(self.cache, self.previous_site))
        cutoff = time.time() - MANIFESTS_KEPT_SECONDS
        for other in path.parent.glob("*.json"):
            try:
                if other not in kept and other.stat().st_mtime < cutoff:
                    other.unlink()
            except OSError:
                pass


def _manifest(path: Path | None) -> dict[str, str] | None:
    """The files and keys of the manifest at `path`, if it is one this code wrote."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, AttributeError):
        return None
    if data.get("format") == MANIFEST_FORMAT and data.get("code") == code_version():
        return data.get("files", {})
    return None


def _empty(folder: Path) -> None:
    """Remove everything inside `folder`, which stays."""
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


def key_of(digester: Digester, *parts: Any) -> str | None:
    """The key of an output made from `parts`, or None when one of them cannot be digested
    (the output is then always made)."""
    try:
        return digester.digest((code_version(), *parts)).hex()
    except Undigestable:
        return None


def page_key(digester: Digester, reads: TemplateReads, template: str, save_as: str,
             sources: Iterable[Mapping[str, Any]]) -> str | None:
    """The key of the page `save_as` rendered with `template`: the template's sources and
    the value of each name it reads, looked up in `sources` in order (as Jinja does: the
    page's values, the context, the globals)."""
    found = reads.of(template)
    if found is None:
        return None
    template_digest, names = found
    own, *shared = sources
    h = hashlib.blake2b(code_version().encode() + template_digest, digest_size=16)
    h.update(save_as.encode() + b"\0")
    try:
        for name in sorted(names):
            h.update(name.encode() + b"\0")
            if name in own:
                h.update(digester.digest(own[name]))
                continue
            for source in shared:
                if name in source:
                    # The same value for every page of the build: digested once.
                    h.update(digester.shared(source[name]))
                    break
            else:
                h.update(b"-")
    except Undigestable:
        return None
    return h.hexdigest()
