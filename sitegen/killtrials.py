"""Kill trials: `kill -9` a running `portal build` at random moments and check the site.

Residents must always get a whole site: either the one before the edit or the one after,
never a mix, a half-written page or nothing. This command builds a village twice from
two versions of its content (A and B) to know both whole sites, then, trial after trial,
starts a rebuild to the other version, kills it with SIGKILL after a random delay within
the time a build takes, and compares what is served, file by file and byte by byte, with
A and with B. The rebuilds are incremental, as every `portal build` into a built site is:
unchanged files are hard-linked from the site being served. After each kill a normal
build must bring the site to the new version and clean up the killed build's leftovers.

    .venv/bin/python -m sitegen.killtrials --trials 50

prints the counts (trials, killed mid-build, finished before the kill, site whole after
the kill, recovered by the next build) and exits 1 if any trial left a site that is not
whole. `tests/test_kill_trials.py` runs a few trials of it in the suite.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from sitegen import atomic
from sitegen.kinds import ORGANISATIONS

ROOT = Path(__file__).resolve().parent.parent
NOW_ARG = "2026-11-23T12:00:00+00:00"


@dataclass
class KillTrials:
    """What a run of kill trials saw; `whole` must equal `trials` for the site to be safe."""

    trials: int = 0
    killed_mid_build: int = 0
    killed_while_writing: int = 0  # of those: its staging folder was being written
    finished_before_kill: int = 0
    whole: int = 0
    recovered: int = 0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.trials} kill trials: {self.killed_mid_build} killed mid-build "
                f"({self.killed_while_writing} while writing the new site), "
                f"{self.finished_before_kill} finished before the kill; site whole after "
                f"{self.whole} of {self.trials}; the next build recovered {self.recovered} "
                f"of {self.trials}")


def snapshot(site: Path) -> dict[str, str]:
    """Every file of a built site with a hash of its bytes (two builds of the same content
    give the same bytes, the search index included)."""
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def build_command(content: Path, out: Path, village: str) -> list[str]:
    return [sys.executable, "-m", "sitegen.cli", "build", "--content", str(content),
            "--out", str(out), "--village", village, "--now", NOW_ARG]


def build(content: Path, out: Path, village: str) -> None:
    result = subprocess.run(build_command(content, out, village), cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"portal build failed: {result.stderr[-2000:]}")


def edit_version(content: Path, village: str, version: str, originals: dict) -> None:
    """Put version A or B of the content in place: an organisation's changed title.

    B changes an organisation's title, which shows on its page, the social map, the
    search index and the pages that link to it, so A and B differ in many files at once.
    """
    organisations = sorted((content / village / ORGANISATIONS.folder).glob("*.md"))
    if not organisations:
        raise RuntimeError(f"{village} has no organisations to change")
    first = organisations[0]
    text = originals.setdefault(first, first.read_text("utf-8"))
    if version == "B":
        marker = "title: "
        start = text.index(marker) + len(marker)
        text = text[:start] + "Gewijzigd " + text[start:]
    first.write_text(text, "utf-8")


def run_trials(source: Path, village: str, trials: int, seed: int = 1,
               work: Path | None = None) -> KillTrials:
    """Run `trials` kill trials on a copy of `source` (a content folder) for `village`."""
    chance = random.Random(seed)
    seen = KillTrials()
    with tempfile.TemporaryDirectory(dir=work) as scratch:
        scratch = Path(scratch)
        content = scratch / "content"
        shutil.copytree(source, content)
        wholes, originals = {}, {}
        started = time.monotonic()
        for version in ("A", "B"):
            edit_version(content, village, version, originals)
            build(content, scratch / f"site-{version}", village)
            wholes[version] = snapshot(scratch / f"site-{version}" / village)
        duration = (time.monotonic() - started) / 2
        if wholes["A"] == wholes["B"]:
            raise RuntimeError("versions A and B build the same site: the trial would prove "
                               "nothing")
        out = scratch / "out"
        edit_version(content, village, "A", originals)
        build(content, out, village)
        # The rebuilds killed below are incremental (`sitegen.incremental`): most files are
        # linked from the served site, the new generation gets its manifest, then the swap.
        # Kill within the time such a rebuild takes, not a fresh build's.
        started = time.monotonic()
        edit_version(content, village, "B", originals)
        build(content, out, village)
        duration = time.monotonic() - started
        edit_version(content, village, "A", originals)
        build(content, out, village)
        served = "A"
        for number in range(1, trials + 1):
            target = "B" if served == "A" else "A"
            edit_version(content, village, target, originals)
            proc = subprocess.Popen(build_command(content, out, village), cwd=ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(chance.uniform(0.05, duration * 1.1))
            if proc.poll() is None:
                writing = any(out.glob(f".{village}{atomic.STAGING_MARK}*"))
                proc.send_signal(signal.SIGKILL)
                seen.killed_mid_build += 1
                seen.killed_while_writing += writing
            else:
                seen.finished_before_kill += 1
            proc.wait()
            seen.trials += 1
            after = snapshot(out / village)
            if after == wholes[served] or after == wholes[target]:
                seen.whole += 1
            else:
                seen.failures.append(f"trial {number}: the served site is neither version")
            build(content, out, village)
            leftovers = list(out.glob(f".{village}{atomic.STAGING_MARK}*"))
            if snapshot(out / village) == wholes[target] and not leftovers:
                seen.recovered += 1
            else:
                seen.failures.append(f"trial {number}: the next build did not recover")
            served = target
    return seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen.killtrials",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=ROOT / "tests/fixtures/golden")
    parser.add_argument("--village", default="lindeveld")
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.monotonic()
    seen = run_trials(args.content, args.village, args.trials, args.seed)
    print(seen.summary())
    for failure in seen.failures:
        print(failure, file=sys.stderr)
    print(f"({time.monotonic() - started:.0f} s)")
    return 0 if not seen.failures and seen.whole == seen.trials else 1


if __name__ == "__main__":
    sys.exit(main())
