"""`portal bench` at a tiny scale: it measures what it says (timing itself is only in
docs/PERFORMANCE.md, never asserted)."""

from __future__ import annotations

from sitegen.bench import run_build_bench


def test_the_bench_rebuilds_after_each_edit_and_counts_the_files_made(tmp_path):
    figures = run_build_bench(villages=1, organisations=30, events=10, interviews=3, jobs=1,
                              workdir=tmp_path, runs=2)
    made = {what: files for what, _seconds, files, _problems in figures.rebuilds}
    assert list(made) == [
        "rebuild, nothing changed",
        "rebuild, nothing changed, every village read again",
        "rebuild after editing one organisation's summary",
        "rebuild after adding one event",
        "rebuild after deleting one organisation",
        "preview of one organisation's draft, beside the live site",
        "preview of one organisation's draft, its page only",
    ]
    # Built at the real moment, yet nothing is new: every seeded event has its `updated`
    # time, so not even the calendar's DTSTAMPs depend on the moment of the build.
    assert made["rebuild, nothing changed"] == 0
    assert made["rebuild, nothing changed, every village read again"] == 0
    # Each edit was made and built without problems, and changed more than the calendar.
    assert figures.problems == 0
    assert [problems for *_, problems in figures.rebuilds] == [0] * 7
    # The draft's page and the lists it is on; its page alone.
    assert made["preview of one organisation's draft, its page only"] == 1
    assert all(files > 1 for what, files in made.items()
               if not what.startswith("rebuild, nothing changed") and "page only" not in what)
    assert ("| `portal build`, rebuild after adding one event, median of 2 |"
            in figures.markdown("x"))
