"""Writing output so that readers never see half of it.

A site is built in a staging folder beside its target and swapped in with one rename, so
the web server keeps serving the previous site until the new one is complete, and a build
that is killed half-way leaves the old site whole.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

STAGING_MARK = ".building-"  # staging folders are named ".<village>.building-<pid>"
RETIRED_MARK = ".retired-"

_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100


def write_atomically(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp's 0600 would hide the file from the web server
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def staging_dir(target: Path) -> Path:
    """Make and return a fresh staging folder beside `target` (same file system)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{target.name}{STAGING_MARK}{os.getpid()}-"
    staged = Path(tempfile.mkdtemp(dir=target.parent, prefix=prefix))
    # mkdtemp makes the folder private (0700), but the swap turns it into the public site
    # that a web server running as another user (www-data) must read.
    staged.chmod(0o755)
    return staged


def claim(spare: Path, staged: Path) -> int | None:
    """Take the folder `spare` (the site served before the one served now) as the staging
    folder `staged` (an empty one from `staging_dir`), unless a build or preview still
    links from it (they hold a shared `flock` on it, `incremental.Generation.beside`):
    lock it exclusively without waiting, then rename it over `staged`. Returns the open,
    locked folder, to close once the build is swapped in or has failed; None when it was
    not taken (there is none, or it is in use), and `staged` stays as it was."""
    try:
        folder = os.open(spare, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.rename(spare, staged)
        if os.stat(staged).st_ino == os.fstat(folder).st_ino:
            return folder
        # Another build put another folder there between the open and the rename: it
        # is not locked, so nothing of it may be trusted; start empty.
        shutil.rmtree(staged)
        staged.mkdir(mode=0o755)
    except OSError:
        pass
    os.close(folder)
    return None


def remove_stale_staging(target: Path) -> list[Path]:
    """Remove staging and retired folders that an interrupted build of `target` left.

    Only folders carrying this module's own marks, made by a process that no longer runs,
    are touched: a clean step must never delete what the build did not create, nor the
    work of a build still running beside this one.
    """
    removed = []
    if not target.parent.is_dir():
        return removed
    for mark in (STAGING_MARK, RETIRED_MARK):
        for stale in target.parent.glob(f".{target.name}{mark}*"):
            if stale.is_dir() and not _maker_runs(stale.name[len(f".{target.name}{mark}"):]):
                shutil.rmtree(stale, ignore_errors=True)
                removed.append(stale)
    return removed


def _maker_runs(suffix: str) -> bool:
    """True when the pid at the start of a staging folder's suffix is a running process."""
    pid_text = suffix.split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # our own leftovers from an earlier build in this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux renameat2(RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    res = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return res == 0


def swap_in(staged: Path, target: Path, keep_as: Path | None = None) -> None:
    """Put the complete site in `staged` at `target`, then move the previous site to
    `keep_as` (for the next build to `claim`) or, without one or when that place is
    taken, discard it.

    With an existing target the two folders are exchanged in one atomic step, so at no
    instant is there no site. Where the kernel cannot exchange, the old site is renamed
    aside and the new one renamed in: two renames, a window of microseconds.
    """
    if not target.exists():
        os.rename(staged, target)
        return
    prefix = f".{target.name}{RETIRED_MARK}{os.getpid()}-"
    retired = Path(tempfile.mkdtemp(dir=target.parent, prefix=prefix))
    if _exchange(staged, target):
        os.rename(staged, retired / "site")  # `staged` now holds the previous site
    else:
        os.rename(target, retired / "site")
        os.rename(staged, target)
    if keep_as is not None:
        try:
            keep_as.parent.mkdir(parents=True, exist_ok=True)
            os.rename(retired / "site", keep_as)  # fails if another build's is there
        except OSError:
            pass
    shutil.rmtree(retired, ignore_errors=True)
