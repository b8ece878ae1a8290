"""`portal bench --search` on a small village: both engines are measured on the same site and
the figures reach the Markdown table. Only what the run found is checked, never how fast it
was: timing is for the benchmark itself."""

from __future__ import annotations

import pytest

from sitegen.search.bench import run_search_bench
from sitegen.search.queryset import TOP, load_query_set

pytestmark = pytest.mark.browser

QUERIES = ("huisarts", "voedselbank", "fietsenwerkplaast", "dokter", "bibliotheek")


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    chosen = [q for q in load_query_set()["queries"] if q["query"] in QUERIES]
    assert len(chosen) == len(QUERIES), "a query of this test left the query set"
    steps = []
    result = run_search_bench(organisations=150, events=20, interviews=5, queries=chosen,
                              workdir=tmp_path_factory.mktemp("bench"),
                              progress=lambda done, total: steps.append((done, total)))
    return result, steps


def test_both_engines_answer_every_query(figures):
    result, steps = figures
    assert steps[-1] == (len(QUERIES), len(QUERIES))
    for engine in (result.ours, result.pagefind):
        assert set(engine.tops) == set(QUERIES), engine.name
        assert all(0 < len(urls) <= TOP for urls in engine.tops.values()), engine.name
        assert len(engine.cold_bytes) == len(engine.first_results_ms) == len(QUERIES)
        assert len(engine.typing_ms) == len(QUERIES)
        # Every query fetched part of that engine's own index, and a fresh browser context
        # fetched more than a query on a search that had already loaded.
        assert all(b > 0 for b in engine.cold_bytes), engine.name
        assert all(q <= c for q, c in zip(engine.query_bytes, engine.cold_bytes, strict=True))
        assert all(g < c for g, c in zip(engine.cold_gzip_bytes, engine.cold_bytes, strict=True))
        assert engine.disk_bytes > max(engine.cold_bytes) / 2
        assert engine.build_seconds > 0


def test_our_search_finds_and_matches_portal_search(figures):
    result, _ = figures
    assert result.ours.recall == 1.0, result.ours.misses
    assert result.same_as_portal_search == len(QUERIES)
    # Pagefind indexed the same pages: its results are pages of the built portal.
    urls = [u for urls in result.pagefind.tops.values() for u in urls]
    assert urls and all(u.startswith(("sociale-kaart/", "agenda/", "verhalen/")) for u in urls)


def test_the_table_names_the_command_and_both_engines(figures):
    result, _ = figures
    table = result.markdown("portal bench --search --organisations 150")
    assert "Command: `portal bench --search --organisations 150`" in table
    assert "| measure | buurtportaal | Pagefind |" in table
    assert f"{result.documents} searchable items" in table
    assert "recall in the top 10 on the query set | 100.0 % |" in table
