"""A throwaway PostgreSQL cluster for tests: Debian's `postgresql` package (installed by
.ci/run) started on a free localhost port in a temporary folder, removed afterwards.

Used by the PostgreSQL import/export test and by the editors' acceptance suite, which runs
the demo's processes against it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


class PostgresMissing(RuntimeError):
    """Debian's PostgreSQL server is not installed on this machine."""


def postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise PostgresMissing("PostgreSQL is not installed: apt-get install postgresql "
                              "(see .ci/run)")
    return Path(found[-1]).parent


def as_postgres(args: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the `postgres` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def throwaway_postgres(database: str = "buurtportaal") -> Iterator[str]:
    """Start a fresh cluster with one empty database; yields its `DATABASE_URL`."""
    bin_dir = postgres_bin()
    # Not under pytest's tmp_path: that folder is private to root, and PostgreSQL runs as
    # the `postgres` user when the tests run as root (as in CI).
    base = Path(tempfile.mkdtemp(prefix="buurtportaal-pg-"))
    data, log = base / "data", base / "postgres.log"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    port = free_port()
    try:
        subprocess.run(as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-U", "portal",
                                    "--auth=trust", "-E", "UTF8"]),
                       check=True, capture_output=True)
        subprocess.run(as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log),
                                    "-w", "-o", f"-p {port} -c listen_addresses=127.0.0.1 "
                                    f"-k {base}", "start"]), check=True, capture_output=True)
        subprocess.run(as_postgres([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p",
                                    str(port), "-U", "portal", database]),
                       check=True, capture_output=True)
        yield f"postgres://portal@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run(as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast",
                                    "-w", "stop"]), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
