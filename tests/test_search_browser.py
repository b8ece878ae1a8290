"""The search page in headless Chromium on a built seeded village: the JavaScript client
finds what residents look for (recall on the query set), ranks as ``portal search`` does
and as Whoosh does (parity, score for score), stems as Whoosh does, and can be used with
filters, keyboard and screen reader."""

from __future__ import annotations

import json
import random
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from sitegen.content import load_village
from sitegen.headless import browser, serve
from sitegen.recurrence import expand_occurrences
from sitegen.search import rank, search_documents
from sitegen.search.analysis import stem
from sitegen.search.indexing import STATIC_DIR
from sitegen.search.queryset import TOP, recall
from sitegen.seed import DEFAULT_START_DATE, seed
from tests.conftest import run_portal
from tests.test_search import MIN_RECALL, WhooshReference, query_set, run_cli  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built(tmp_path_factory, query_set):  # noqa: F811
    """The query set's seeded village built by `portal build`: (site folder, documents,
    village)."""
    root = tmp_path_factory.mktemp("search-site")
    summary = seed(root / "content", **query_set["village"])
    slug = summary.village_slugs[0]
    content = load_village(root / "content", slug)
    tz = ZoneInfo(content.village.timezone)
    now = datetime.combine(DEFAULT_START_DATE, time(0, 0), tzinfo=tz)
    result = run_portal("build", "--content", str(root / "content"), "--out", str(root / "out"),
                        "--now", now.isoformat())
    assert result.returncode == 0, result.stderr
    occurrences = {e.slug: expand_occurrences(e, tz, now) for e in content.events}
    return root / "out" / slug, search_documents(content, occurrences), content.village


@pytest.fixture(scope="module")
def whoosh(built) -> WhooshReference:
    _site, docs, village = built
    return WhooshReference(docs, village.synonyms)


@pytest.fixture(scope="module")
def search_tab(built):
    """One tab on the built village's search page, kept for the module: (page, address)."""
    with serve(built[0]) as url, browser() as chromium:
        page = chromium.new_page()
        errors = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        yield page, f"{url}/zoeken/"
        assert not errors


@pytest.fixture
def search_page(search_tab):
    """The search page as a resident opens it: no query, no filter left by another test."""
    page, address = search_tab
    page.goto(address)
    return page


def shows(page, urls: list[str]) -> None:
    """Wait until the results shown are `urls` (relative to the site root), in order: the
    list is redrawn after the address changes, so a count alone can match the old list."""
    page.wait_for_function(
        """urls => JSON.stringify([...document.querySelectorAll('#search-results a')]
                     .map(a => a.getAttribute('href').slice(3))) === JSON.stringify(urls)""",
        arg=urls)


def typed(page, query: str) -> list[str]:
    """Type `query` into the search box as a resident does; the result URLs, relative to
    the site root, in the order shown."""
    page.fill("#zoekterm", query)
    page.wait_for_function(
        "q => document.getElementById('search-results').dataset.query === q", arg=query)
    hrefs = page.eval_on_selector_all("#search-results a",
                                      "links => links.map(a => a.getAttribute('href'))")
    assert all(h.startswith("../") for h in hrefs)
    return [h.removeprefix("../") for h in hrefs]


def test_browser_recall_on_the_query_set(query_set, built, search_page):  # noqa: F811
    site, docs, village = built
    found = recall(query_set["queries"], docs, village, lambda text: typed(search_page, text))
    assert not found.skipped
    assert found.ratio >= MIN_RECALL, f"recall {found.ratio:.3f}: " + "; ".join(found.misses)


def portal_search(capsys, site, text: str) -> list[str]:
    """What ``portal search --site SITE TEXT`` prints, one URL a line."""
    capsys.readouterr()
    assert run_cli("--site", str(site), "--limit", str(TOP), text) == 0
    return capsys.readouterr().out.splitlines()


def test_browser_shows_what_portal_search_prints_for_every_query(
        query_set, built, search_page, capsys):  # noqa: F811
    site = built[0]
    for entry in query_set["queries"]:
        text = entry["query"]
        shown = typed(search_page, text)[:TOP]
        printed = portal_search(capsys, site, text)
        assert shown, text
        assert shown[0] == printed[0], text
        # The ranking is designed to be the same, not merely close: hold it to that.
        assert shown == printed, text


def random_queries(site, count: int, seed_value: int = 5) -> list[str]:
    """Queries made from the village's own words: whole words, beginnings, typos, pairs
    and inflections nobody wrote."""
    words = []
    for shard in (site / STATIC_DIR / "lexicon").iterdir():
        words += sorted(json.loads(shard.read_text("utf-8")))
    rng = random.Random(seed_value)
    queries = []
    for _ in range(count):
        word = rng.choice(words)
        kind = rng.randrange(5)
        if kind == 1 and len(word) > 4:
            word = word[:rng.randrange(3, len(word))]
        elif kind == 2 and len(word) >= 5:
            i = rng.randrange(1, len(word))
            word = word[:i] + rng.choice("aeiklnrst") + word[i + 1:]
        elif kind == 3:
            word = f"{word} {rng.choice(words)}"
        elif kind == 4:
            word = word + rng.choice(["en", "je", "jes", "tje", "heden", "ing", "lijk", "e"])
        queries.append(word)
    return queries


def test_browser_and_portal_search_score_every_match_as_whoosh(
        query_set, built, whoosh, search_page):  # noqa: F811
    # The query set and 300 random queries; every match, every score, in order: the
    # browser's engine, `rank` (portal search) and Whoosh's own ranking are one ranking.
    site = built[0]
    queries = [q["query"] for q in query_set["queries"]] + random_queries(site, 300)
    ranked = search_page.evaluate(
        """async queries => {
             const engine = BuurtportaalSearch.open('index/');
             const out = [];
             for (const q of queries) out.push(await engine.rank(q));
             return out;
           }""", queries)
    for text, browser_ranking in zip(queries, ranked, strict=True):
        reference = whoosh.rank(text)
        assert rank(site, text, limit=None) == reference, text
        assert browser_ranking == [[r.number, r.score] for r in reference], text


def test_browser_stemmer_equals_whoosh_snowball_dutch(built, search_page):
    site = built[0]
    lexicon = {}
    for shard in (site / STATIC_DIR / "lexicon").iterdir():
        for word, term in json.loads(shard.read_text("utf-8")).items():
            lexicon[word] = word if term == 0 else term
    endings = ["", "en", "s", "e", "heden", "heid", "ene", "se", "baar", "lijk", "bar", "end",
               "ing", "ig", "ingen", "elijk", "je", "tjes", "ieën"]
    words = sorted({w + e for w in lexicon for e in endings}
                   | {"yoga", "kaaiman", "ooievaar", "gemene", "geheden", "y", "aa", "ei",
                      "zeeën", "ƀoek", "𝔞bc", "ijsje", "uu"})
    stems = search_page.evaluate("words => words.map(BuurtportaalSearch.stem)", words)
    differ = [(w, s, stem(w)) for w, s in zip(words, stems, strict=True) if s != stem(w)]
    assert not differ, differ[:10]
    assert len(words) > 5000


# --- what a resident does on the page -----------------------------------------------------


def test_filters_by_kind_and_category_with_counts(built, search_page):
    site, docs = built[0], {doc.url: doc for doc in built[1]}
    meta = json.loads((site / STATIC_DIR / "meta.json").read_text("utf-8"))
    ranking = [r.url for r in rank(site, "koffie", limit=None)]
    typed(search_page, "koffie")
    assert search_page.text_content("[data-kind-count='']") == f"({len(ranking)})"
    events = [u for u in ranking if docs[u].kind == "event"]
    assert search_page.text_content("[data-kind-count='event']") == f"({len(events)})"

    search_page.check("input[name='soort'][value='event']")
    search_page.wait_for_url("**/zoeken/?q=koffie&soort=event")
    shows(search_page, events[:TOP])

    search_page.check("input[name='soort'][value='']")
    number = next(n for u in ranking for n in docs[u].category_numbers)
    category = meta["categories"][number]["slug"]
    in_category = [u for u in ranking if number in docs[u].category_numbers]
    search_page.select_option("#zoek-categorie", category)
    search_page.wait_for_url(f"**/zoeken/?q=koffie&categorie={category}")
    shows(search_page, in_category[:TOP])


def test_matched_words_are_highlighted_and_the_count_is_announced(search_page):
    typed(search_page, "koffie")
    marks = search_page.eval_on_selector_all("#search-results mark",
                                             "ms => ms.map(m => m.textContent.toLowerCase())")
    assert marks and all(m.startswith("koffie") for m in marks)
    status = search_page.locator("[data-search-status]")
    assert status.get_attribute("aria-live") == "polite"
    search_page.wait_for_function(
        "document.querySelector('[data-search-status]').textContent.includes('koffie')")
    assert "resultaten voor" in status.text_content()
    typed(search_page, "xyzzyqq")
    search_page.wait_for_function(
        "document.querySelector('[data-search-status]').textContent.startsWith('Niets gevonden')")
    assert search_page.locator("[data-search-fallback]").is_visible()


def test_results_and_more_results_by_keyboard(search_page):
    typed(search_page, "zorg")
    search_page.focus("#zoekterm")
    search_page.keyboard.press("ArrowDown")
    first = search_page.evaluate("document.activeElement.getAttribute('href')")
    assert first == search_page.get_attribute("#search-results a", "href")
    search_page.keyboard.press("ArrowDown")
    second = search_page.evaluate("document.activeElement.getAttribute('href')")
    assert second == search_page.eval_on_selector_all(
        "#search-results a", "links => links[1].getAttribute('href')")
    search_page.keyboard.press("ArrowUp")
    search_page.keyboard.press("ArrowUp")
    assert search_page.evaluate("document.activeElement.id") == "zoekterm"
    more = search_page.locator("[data-search-more]")
    assert more.is_visible()
    more.focus()
    search_page.keyboard.press("Enter")
    search_page.wait_for_function("document.querySelectorAll('#search-results li').length > 10")
    # Focus lands on the first new result, so a keyboard user reads on where they were.
    assert search_page.evaluate(
        "document.activeElement === document.querySelectorAll('#search-results a')[10]")
