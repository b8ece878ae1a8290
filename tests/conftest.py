"""Shared fixtures: fixed moments, fixture content folders and running `portal build`
(as its own process, or in this one when only the built site matters)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests run the same examples on every machine and in CI: a failure is found by
# whoever changes the code, not by chance in a later run.
hypothesis_settings.register_profile("buurtportaal", derandomize=True, deadline=None)
hypothesis_settings.load_profile("buurtportaal")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# The golden fixture is dated around this moment; builds in tests pretend it is now.
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
NOW_ARG = "2026-11-23T12:00:00+00:00"


def run_portal(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the `portal` command line as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "sitegen.cli", *args],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT,
    )


@pytest.fixture
def golden_content(tmp_path) -> Path:
    """A private copy of the small fixed fixture village 'lindeveld'."""
    dest = tmp_path / "content"
    shutil.copytree(FIXTURES / "golden", dest)
    return dest


def build_in_process(content: Path, out: Path, *args: str) -> int:
    """`portal build` with the same arguments, in this process: for tests that need a built
    site, not a separate process (those of the command line itself use `run_portal`)."""
    from sitegen.cli import main

    return main(["build", "--content", str(content), "--out", str(out), "--now", NOW_ARG,
                 *args])


@pytest.fixture(scope="session")
def golden_site(tmp_path_factory) -> Path:
    """The golden fixture built once for the whole session (read-only for tests)."""
    out = tmp_path_factory.mktemp("golden-build")
    assert build_in_process(FIXTURES / "golden", out) == 0
    return out / "lindeveld"
