"""The CMS on PostgreSQL, as in production: `portal import` creates the schema on an empty
database selected by DATABASE_URL, and `portal export` gives the seeded files back.

The test starts a throwaway PostgreSQL cluster of its own (Debian's `postgresql` package,
installed by .ci/run) on a free localhost port, and removes it afterwards.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sitegen.seed import seed

REPO = Path(__file__).resolve().parents[3]


def postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("PostgreSQL is not installed: apt-get install postgresql (see .ci/run)")
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


@pytest.fixture
def postgres_url():
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
                                    str(port), "-U", "portal", "buurtportaal"]),
                       check=True, capture_output=True)
        yield f"postgres://portal@127.0.0.1:{port}/buurtportaal"
    finally:
        subprocess.run(as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast",
                                    "-w", "stop"]), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_import_then_export_on_postgresql_gives_the_same_files(postgres_url, tmp_path):
    content = tmp_path / "seeded"
    seed(content, villages=2, organisations=20, events=20, interviews=4, seed=5)
    env = {**os.environ, "DATABASE_URL": postgres_url,
           "DJANGO_SETTINGS_MODULE": "cms.settings.test",
           "PORTAL_MEDIA_ROOT": str(tmp_path / "media"),
           "PORTAL_CONTENT_ROOT": str(tmp_path / "published"),
           "PORTAL_BUILD_ROOT": str(tmp_path / "build")}
    portal = [sys.executable, "-m", "sitegen.cli"]
    imported = subprocess.run([*portal, "import", "--content", str(content)], env=env,
                              cwd=REPO, capture_output=True, text=True, timeout=600)
    assert imported.returncode == 0, imported.stderr[-3000:]
    exported = subprocess.run([*portal, "export", "--out", str(tmp_path / "exported")],
                              env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert exported.returncode == 0, exported.stderr[-3000:]
    assert files_of(tmp_path / "exported") == files_of(content)
