"""`portal bench --engines` at a tiny scale: each engine builds the same village's pages
from the same Markdown (timing itself is only in docs/PERFORMANCE.md, never asserted).
Needs Debian's `hugo`, which `.ci/run` installs."""

from __future__ import annotations

import shutil

from sitegen.enginebench import ENGINES, PAGE_TYPES, markdown, run_engine_bench


def test_every_engine_builds_a_page_for_every_item_and_the_table_says_so(tmp_path):
    assert shutil.which("hugo"), "the bench needs Debian's hugo (apt install hugo; .ci/run does)"
    figures = run_engine_bench(organisations=12, events=5, interviews=2, runs=1,
                               workdir=tmp_path)
    items = 12 + 5 + 2 + 3  # organisations, events, stories and the seed's three pages
    for engine in ENGINES:
        found = figures[engine]
        assert len(found.runs) == 1 and found.runs[0].cpu > 0 and found.runs[0].peak_kib > 0
        # A page per item, plus lists and home (more of them for the portal).
        assert found.pages > items, engine
        assert set(found.page_weight) == set(PAGE_TYPES)
        assert all(weight > 100 for weight in found.page_weight.values()), engine
    table = markdown(figures, "portal bench --engines", 1)
    assert "| cold build, CPU s (median) |" in table and "buurtportaal ÷ Hugo" in table
    assert "| rebuild after editing one organisation, wall s" in table
    # Each engine built the edit (undone after, with nothing built since).
    for engine in ENGINES:
        assert len(figures[engine].rebuilds) == 1
        assert figures[engine].edit_shown, engine
