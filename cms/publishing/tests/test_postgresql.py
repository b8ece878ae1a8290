"""The CMS on PostgreSQL, as in production: `portal import` creates the schema on an empty
database selected by DATABASE_URL, and `portal export` gives the seeded files back.

The test starts a throwaway PostgreSQL cluster of its own (cms.testing_postgres) on a free
localhost port, and removes it afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sitegen.seed import seed

REPO = Path(__file__).resolve().parents[3]


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
