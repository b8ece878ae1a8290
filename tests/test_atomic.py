"""The previous site stays served: staged builds, atomic swaps and killed builds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sitegen import atomic
from tests.conftest import NOW_ARG, ROOT, build_in_process


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_swap_in_replaces_the_whole_folder(tmp_path):
    target = tmp_path / "dorp"
    target.mkdir()
    (target / "oud.html").write_text("oud")
    staged = atomic.staging_dir(target)
    (staged / "nieuw.html").write_text("nieuw")
    atomic.swap_in(staged, target)
    assert sorted(p.name for p in target.iterdir()) == ["nieuw.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dorp"]


def test_write_atomically_leaves_no_temporary_files(tmp_path):
    atomic.write_atomically(tmp_path / "a" / "b.txt", "hallo")
    atomic.write_atomically(tmp_path / "a" / "b.txt", b"dag")
    assert (tmp_path / "a" / "b.txt").read_text() == "dag"
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.txt"]


def test_stale_staging_is_removed_but_nothing_else(tmp_path):
    target = tmp_path / "dorp"
    dead = tmp_path / f".dorp{atomic.STAGING_MARK}999999999-abc"
    dead.mkdir()
    alive = tmp_path / f".dorp{atomic.STAGING_MARK}{os.getppid()}-abc"
    alive.mkdir()
    mine = tmp_path / ".dorp-notities"  # someone else's folder: never touched
    mine.mkdir()
    removed = atomic.remove_stale_staging(target)
    assert removed == [dead]
    assert alive.exists() and mine.exists()


def test_a_killed_build_leaves_the_previous_site_whole(golden_content, tmp_path):
    out = tmp_path / "out"
    assert build_in_process(golden_content, out) == 0
    # Change the content, start a rebuild and kill it while it is writing its staging folder.
    page = golden_content / "lindeveld/organisations/buurthuis-het-anker.md"
    page.write_text(page.read_text().replace("Buurthuis Het Anker", "Buurthuis Gewijzigd", 1))
    killed_while_staging = False
    for _attempt in range(5):
        before = snapshot(out / "lindeveld")
        proc = subprocess.Popen(
            [sys.executable, "-m", "sitegen.cli", "build", "--content", str(golden_content),
             "--out", str(out), "--now", NOW_ARG],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if any(not (d / "theme").exists()  # still being written: theme comes last
                   for d in out.glob(f".lindeveld{atomic.STAGING_MARK}*/sociale-kaart/..")):
                proc.send_signal(signal.SIGKILL)
                killed_while_staging = True
                break
            time.sleep(0.005)
        proc.wait()
        if killed_while_staging:
            break  # otherwise the build won the race and finished: try again
    assert killed_while_staging, "could not catch the build half-way"
    assert snapshot(out / "lindeveld") == before
    assert list(out.glob(f".lindeveld{atomic.STAGING_MARK}*"))  # the killed build's leftovers
    # The next build cleans up the leftovers of the killed one and publishes the change.
    assert build_in_process(golden_content, out) == 0
    assert "Buurthuis Gewijzigd" in (out / "lindeveld/sociale-kaart/index.html").read_text()
    assert not list(out.glob(f".lindeveld{atomic.STAGING_MARK}*"))


def test_a_web_server_running_as_another_user_can_read_the_whole_site(golden_site):
    # nginx reads build/ as www-data, not as the user that built it.
    unreadable = [str(p.relative_to(golden_site)) for p in [golden_site, *golden_site.rglob("*")]
                  if p.stat().st_mode & (0o005 if p.is_dir() else 0o004)
                  != (0o005 if p.is_dir() else 0o004)]
    assert not unreadable, unreadable[:10]
