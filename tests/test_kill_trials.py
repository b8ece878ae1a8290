"""Kill trials in the suite: a few `kill -9`s of `portal build` leave a whole site.

The full run (`python -m sitegen.killtrials --trials 50`) is in docs/RELIABILITY.md; here a
few trials keep it honest, and a self-check shows the comparison catches a mixed site.
"""

from __future__ import annotations

import shutil

from sitegen import killtrials
from tests.conftest import FIXTURES


def test_a_few_kill_trials_leave_a_whole_site_and_the_next_build_recovers(tmp_path):
    seen = killtrials.run_trials(FIXTURES / "golden", "lindeveld", trials=3, seed=3,
                                 work=tmp_path)
    assert seen.failures == []
    assert seen.trials == seen.whole == seen.recovered == 3


def test_the_snapshot_tells_a_mixed_site_from_a_whole_one(golden_site, tmp_path):
    # What a kill trial compares: a site with one page from another build is not whole.
    copy = tmp_path / "site"
    shutil.copytree(golden_site, copy)
    whole = killtrials.snapshot(copy)
    assert killtrials.snapshot(copy) == whole
    page = copy / "sociale-kaart" / "index.html"
    page.write_text(page.read_text("utf-8").replace("Buurthuis Het Anker", "Gewijzigd"), "utf-8")
    assert killtrials.snapshot(copy) != whole
    shutil.rmtree(copy / "zoeken" / "index")
    assert set(killtrials.snapshot(copy)) != set(whole)
