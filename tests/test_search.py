"""Tests of the resident search (`sitegen.search`): Dutch analysis, the query plan, the
index a build writes, the ranking against the query set in
``tests/fixtures/search_queries.yaml``, parity of the static ranking with Whoosh's own
(`WhooshReference`), and the ``portal search`` command."""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Sequence
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.matching import DisjunctionMaxMatcher, NullMatcher
from whoosh.query import And, DisjunctionMax, Or, Query, Term

from sitegen.content import load_village
from sitegen.model import (
    Address,
    Category,
    Event,
    Location,
    Occurrence,
    Organisation,
    Story,
    Village,
    VillageContent,
)
from sitegen.recurrence import expand_occurrences
from sitegen.search import build_search_index, rank, search, search_documents
from sitegen.search.analysis import (
    COMPOUND_PARTS,
    PART_BOOST,
    STOP_WORDS,
    Decompounder,
    WholeWordFrequency,
    WordAnalysis,
    damerau_within_one,
    dutch_analyzer,
    fold,
    prepare_synonyms,
    stem,
    words,
)
from sitegen.search.cli import add_search_command
from sitegen.search.indexing import (
    FIELD_BOOSTS,
    POSTINGS_SHARD_BYTES,
    STATIC_DIR,
    QuantisedBM25F,
    SearchDocument,
    Vocabulary,
    bm25f_scores,
    decode_postings,
    postings_shard,
    shard_terms,
    term_scores,
    whoosh_index,
)
from sitegen.search.query import (
    FUZZY_WEIGHT,
    PREFIX_LIMIT,
    PREFIX_WEIGHT,
    Alternative,
    QueryWord,
    decode_lexicon_shard,
    plan_query,
)
from sitegen.search.queryset import TOP, expected_urls, load_query_set, recall
from sitegen.search.ranking import RankedResult
from sitegen.seed import DEFAULT_START_DATE, seed

MIN_RECALL = 0.95


# --- analysis ----------------------------------------------------------------------------


def test_fold_strips_accents_and_case():
    assert fold("Café") == fold("cafe") == "cafe"
    assert fold("Energiecoöperatie") == "energiecooperatie"
    assert fold("ÉÉN Straße ﬁets Ĳssel") == "een strasse fiets ijssel"


def test_words_drop_stop_words_short_words_and_punctuation():
    assert words("Waar is de voedselbank? 't Is in 'De Brug', e.o.") == [
        "waar", "voedselbank", "brug"]
    assert words("koffie_ochtend 2026") == ["koffie", "ochtend", "2026"]
    assert {"de", "het", "een", "van", "voor", "bij"} <= STOP_WORDS


def test_stem_joins_singular_and_plural():
    assert stem("fiets") == stem("fietsen") == "fiet"
    assert stem("huisarts") == stem("huisartsen")
    assert stem("apotheek") == stem("apotheken")
    assert stem("kus") == "kus"  # an s after a vowel stays


@pytest.mark.parametrize(("word", "parts"), [
    ("fietsenwerkplaats", ("fietsen", "werkplaats", "werk", "plaats")),
    ("voedselbank", ("voedsel", "bank")),
    ("koffieochtend", ("koffie", "ochtend")),
    ("taalcafe", ("taal", "cafe")),
    ("buurtbus", ("buurt", "bus")),
    ("kinderen", ()),  # no known part ends it: not a compound
    ("ouderen", ()),
    ("spreekuur", ("spreek", "uur")),
])
def test_decompounder_splits_known_parts(word, parts):
    assert Decompounder(COMPOUND_PARTS).split(word) == parts


def test_decompounder_learns_parts_from_the_content():
    assert Decompounder(COMPOUND_PARTS).split("tennisclub") == ()
    docs = [["tennis", "padel"], ["tennis", "lessen"], ["padel"], ["griepprik"]]
    decompounder = Decompounder.learned_from(docs)
    assert decompounder.split("tennisclub") == ("tennis", "club")
    assert decompounder.split("padelbaan") == ()  # "baan" is no known part
    assert "griepprik" not in decompounder.parts  # in one document only


def test_decompounder_never_uses_stop_words_as_parts():
    assert Decompounder(["voor", "lezen"]).split("voorlezen") == ()


def test_analyzer_adds_compound_parts_at_half_weight():
    analyzer = dutch_analyzer(Decompounder(COMPOUND_PARTS))
    tokens = [(t.text, t.boost) for t in analyzer("De Fietsenwerkplaats", boosts=True)]
    assert tokens[0] == (stem("fietsenwerkplaats"), 1.0)
    assert ("fiet", PART_BOOST) in tokens and ("werk", PART_BOOST) in tokens
    plain = [t.text for t in dutch_analyzer()("Kerkstraat 12")]
    assert plain == [stem("kerkstraat"), "12"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([
    "Fietsenwerkplaats", "fiets", "de", "het", "Kerkstraat", "12", "a", "Één", "café",
    "voedselbank", "huisartsenpraktijk", "x!", "koffie-ochtend", "ouderen", "ßtraße",
    "wijkteam", "TAALCAFÉ", "\u0301e", "zorg\nen\twelzijn"]), max_size=12),
       st.sampled_from([1.0, 2.5, 0.7]), st.booleans())
def test_word_by_word_analysis_gives_what_whoosh_gives(chosen, boost, compound):
    text = " ".join(chosen)
    decompounder = Decompounder(COMPOUND_PARTS) if compound else None
    analyzer = dutch_analyzer(decompounder)
    whoosh = [(term, freq, weight) for term, freq, weight, _value in
              WholeWordFrequency(field_boost=boost).word_values(text, analyzer, mode="index")]
    analysis = WordAnalysis(decompounder)
    assert analysis.word_values(text, boost) == whoosh
    assert analysis.word_values(text, boost) == whoosh  # from what it remembered


@pytest.mark.parametrize(("a", "b", "within"), [
    ("huisarst", "huisarts", True),  # swapped neighbours
    ("voedselbnak", "voedselbank", True),
    ("kringlop", "kringloop", True),  # dropped letter
    ("bibliotheeek", "bibliotheek", True),  # added letter
    ("speeltuin", "speeltuim", True),  # changed letter
    ("huisarts", "huisartsen", False),
    ("fiets", "fuits", False),  # two letters changed
])
def test_one_edit(a, b, within):
    assert damerau_within_one(a, b) is within
    assert damerau_within_one(b, a) is within


def test_synonyms_become_groups_of_terms():
    groups = prepare_synonyms([["Huisarts", "dokter"], ["sociaal huis", "OCMW"], ["de", "het"]])
    assert groups == [[("huisart",), ("dokter",)], [("sociaal", "huis"), ("ocmw",)]]


# --- query plan --------------------------------------------------------------------------


class DictLexicon:
    """A lexicon from a plain dict, for plans without an index."""

    def __init__(self, words_to_terms):
        self.entries = words_to_terms

    def shard(self, key):
        return {w: t for w, t in self.entries.items() if (w[:1] if w[:1].isascii() else "_")
                == key}


LEXICON = DictLexicon({w: stem(w) for w in (
    "huisarts", "huisartsen", "dokter", "fiets", "fietsen", "fietsbieb", "fietsles",
    "fietsenwerkplaats", "voedselbank", "bank")})
SYNONYMS = [[("huisart",), ("dokter",)]]


def alternatives(text):
    return [word.alternatives for word in plan_query(text, LEXICON, SYNONYMS)]


def test_known_word_is_looked_up_as_its_term_with_synonyms():
    assert alternatives("Dokter") == [(Alternative(("dokter",), 1.0),
                                       Alternative(("huisart",), 1.0))]


def test_unknown_word_forgives_one_typo_at_lower_weight():
    [found] = alternatives("voedselbnak")
    assert Alternative(("voedselbank",), FUZZY_WEIGHT) in found
    assert Alternative((stem("voedselbnak"),), 1.0) in found


def test_typo_of_a_synonym_brings_the_synonym_in():
    [found] = alternatives("huisarst")
    assert Alternative(("dokter",), FUZZY_WEIGHT) in found


def test_short_words_get_no_typo_forgiveness():
    assert alternatives("bnak") == [(Alternative(("bnak",), 1.0),)]


def test_unknown_word_completes_to_the_shortest_terms_it_begins():
    [found] = alternatives("fie")
    completions = {a.terms[0] for a in found if a.weight == PREFIX_WEIGHT}
    assert completions == {stem(w) for w in LEXICON.entries if w.startswith("fie")}
    many = DictLexicon({"kamp" + "e" * n: "kamp" + "e" * n for n in range(1, 15)})
    [found] = [w.alternatives for w in plan_query("kam", many, [])]
    completions = sorted(a.terms[0] for a in found if a.weight == PREFIX_WEIGHT)
    assert completions == ["kamp" + "e" * n for n in range(1, PREFIX_LIMIT + 1)]


def test_words_with_the_same_alternatives_count_once():
    assert len(alternatives("fiets fietsen de")) == 1


# --- the index a build writes ------------------------------------------------------------


def tiny_village() -> tuple[VillageContent, dict]:
    """Two organisations, an upcoming and a past event, and a story."""
    village = Village(slug="proef", name="Proef", municipality="Proef",
                      base_url="https://proef.example",
                      categories=[Category("zorg", "Zorg en welzijn")],
                      synonyms=[["huisarts", "dokter"]])
    orgs = [
        Organisation(slug="voedselbank", title="Voedselbank Proef", categories=["zorg"],
                     summary="Voedselpakketten voor wie het nodig heeft.",
                     address=Address("Kerkstraat 1", "1234 AB", "Proef")),
        Organisation(slug="huisarts", title="Huisartsenpraktijk Proef", categories=["zorg"],
                     summary="Spreekuur op afspraak.", tags=["dokter"]),
    ]
    tz = ZoneInfo("Europe/Amsterdam")
    upcoming = Event(slug="koffie", title="Koffieochtend", start=datetime(2030, 1, 1, 10,
                     tzinfo=tz), location=Location(name="Dorpshuis"))
    over = Event(slug="oud", title="Oude bingo", start=datetime(2020, 1, 1, 10, tzinfo=tz))
    story = Story(slug="verhaal", title="Fatima over de voedselbank",
                  date=datetime(2026, 1, 1).date(), author="Anna de Vries")
    content = VillageContent(village=village, organisations=orgs, events=[upcoming, over],
                             stories=[story])
    occurrences = {"koffie": [Occurrence(upcoming, upcoming.start, None, False)], "oud": []}
    return content, occurrences


def scores_both_ways(docs) -> tuple[dict, dict]:
    """The build's scores (`bm25f_scores`) and those Whoosh gives from its own index."""
    decompounder = Vocabulary.of(docs).decompounder
    return (dict(bm25f_scores(docs, decompounder)),
            dict(term_scores(whoosh_index(docs, decompounder), docs)))


@pytest.mark.parametrize("seed_value", [1, 2])
def test_the_build_scores_every_term_as_whoosh_does(tmp_path, seed_value):
    # The build works the scores out without building a Whoosh index: for every term of
    # seeded villages (compounds, addresses, stop words, long and short fields), the same
    # integer in every document as Whoosh's index and scorer give.
    summary = seed(tmp_path, villages=2, organisations=240, events=80, interviews=16,
                   seed=seed_value)
    for slug in summary.village_slugs:
        content = load_village(tmp_path, slug)
        tz = ZoneInfo(content.village.timezone)
        now = datetime.combine(DEFAULT_START_DATE, time(0, 0), tzinfo=tz)
        docs = search_documents(content, {e.slug: expand_occurrences(e, tz, now)
                                          for e in content.events})
        ours, whoosh = scores_both_ways(docs)
        assert len(ours) > 1000
        assert ours == whoosh


TEST_WORDS = ["voedselbank", "voedsel", "bank", "huisartsenpraktijk", "huisarts", "praktijk",
              "de", "het", "een", "koffieochtend", "koffie", "ochtend", "fietsen", "fiets",
              "zorg", "ab", "x", "beweging", "bewegen", "taal", "taalcafé", "café"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(
    st.lists(st.sampled_from(TEST_WORDS), max_size=6),
    st.lists(st.sampled_from(TEST_WORDS), max_size=40),
    st.sampled_from(["", "Kerkstraat 1 1234 AB Proef", "Dorpshuis"])), min_size=1, max_size=12))
def test_any_documents_are_scored_as_whoosh_scores_them(texts):
    docs = [SearchDocument(url=f"d/{n}/", kind="organisation", title=" ".join(title),
                           body=" ".join(body), place=place)
            for n, (title, body, place) in enumerate(texts)]
    ours, whoosh = scores_both_ways(docs)
    assert ours == whoosh


def test_documents_leave_out_events_without_upcoming_dates():
    content, occurrences = tiny_village()
    docs = search_documents(content, occurrences)
    assert [d.url for d in docs] == ["sociale-kaart/voedselbank/", "sociale-kaart/huisarts/",
                                     "agenda/koffie/", "verhalen/verhaal/"]
    assert docs[0].categories == ("Zorg en welzijn",) and docs[0].category_numbers == (0,)
    assert docs[2].date == "2030-01-01" and docs[2].place == "Dorpshuis"
    assert docs[3].people == "Anna de Vries"


def test_build_writes_the_static_index(tmp_path):
    content, occurrences = tiny_village()
    stats = build_search_index(content, occurrences, tmp_path)
    assert stats.documents == 4
    static = tmp_path / STATIC_DIR
    meta = json.loads((static / "meta.json").read_text())
    assert meta["format"] == "buurtportaal-search/1"
    assert meta["documents"]["kinds"] == [["organisation", 0, 2], ["event", 2, 3],
                                          ["story", 3, 4]]
    assert meta["synonyms"] == [[["huisart"], ["dokter"]]]
    lexicon = decode_lexicon_shard(json.loads((static / "lexicon" / "v.json").read_text()))
    assert lexicon["voedselbank"] == "voedselbank" and lexicon["voedsel"] == "voedsel"
    prefix = postings_shard("voedselbank", meta["postings"])
    shard = json.loads((static / "postings" / f"{prefix}.json").read_text())
    assert set(decode_postings(shard["voedselbank"])) == {0, 3}
    docs = json.loads((static / "docs" / "0.json").read_text())
    assert docs[2] == {"u": "agenda/koffie/", "t": "Koffieochtend", "k": "event",
                       "s": "", "c": [], "d": "2030-01-01"}
    facets = json.loads((static / "facets.json").read_text())
    assert facets["categories"] == [[0], [0], [], []]
    assert set(stats.files) >= {f"{STATIC_DIR}/meta.json", f"{STATIC_DIR}/facets.json"}
    assert all(f.startswith(f"{STATIC_DIR}/") for f in stats.files)
    assert search(tmp_path, "dokter") == ["sociale-kaart/huisarts/"]
    assert search(tmp_path, "koffie")[0] == "agenda/koffie/"


def test_whoosh_indexes_in_memory_and_leaves_nothing_behind(tmp_path, monkeypatch):
    # Whoosh's RamStorage would put a writer's spill files in <temp folder>/MAIN.tmp,
    # shared by every process; the site gets the static index and nothing else.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    site = tmp_path / "site"
    build_search_index(*tiny_village(), site)
    assert list(scratch.iterdir()) == []
    assert [p.name for p in site.iterdir()] == ["zoeken"]
    assert [p.name for p in (site / "zoeken").iterdir()] == ["index"]


def test_a_built_site_holds_only_what_browsers_fetch(golden_site):
    # `portal build` writes the search index a browser reads, and no index of its own
    # (issue 12: the Whoosh index that used to sit in .search/ stays in memory).
    assert (golden_site / STATIC_DIR / "meta.json").is_file()
    hidden = [str(p.relative_to(golden_site)) for p in golden_site.rglob(".*")]
    assert hidden == []


def test_rebuild_replaces_the_index_and_leaves_the_rest(tmp_path):
    content, occurrences = tiny_village()
    (tmp_path / "index.html").write_text("home")
    build_search_index(content, occurrences, tmp_path)
    stale = tmp_path / STATIC_DIR / "postings" / "stale.json"
    stale.write_text("{}")
    content.organisations.pop(0)
    build_search_index(content, occurrences, tmp_path)
    assert not stale.exists()
    assert (tmp_path / "index.html").read_text() == "home"
    assert "sociale-kaart/voedselbank/" not in search(tmp_path, "voedselbank")


def test_postings_shards_split_until_small():
    sizes = {"fiets": 5000, "fietsen": 5000, "fietsles": 100, "fa": 10, "f": 3, "zorg": 10}
    shards = shard_terms(sizes, 6000)
    assert shards["z"] == ["zorg"]
    for prefix, terms in shards.items():
        assert all(postings_shard(term, shards) == prefix for term in terms)
    assert postings_shard("fietsles", shards) != postings_shard("fa", shards)


# --- the Whoosh reference -----------------------------------------------------------------


class WhooshReference:
    """Whoosh's own ranking of the query plan over `docs`, indexed in memory as the build
    indexes them: what the tests hold `rank` and the browser client to, score for score.

    The static index keeps per term the score Whoosh gave it; this runs the whole query
    in Whoosh instead (`whoosh_query`), so it proves that the rankers combine those
    scores as Whoosh does. The plan is made from the documents' own `Vocabulary`, not
    from the site's lexicon files."""

    def __init__(self, docs: Sequence[SearchDocument], synonyms: list[list[str]]):
        self.vocabulary = Vocabulary.of(docs)
        self.index = whoosh_index(docs, self.vocabulary.decompounder)
        self.synonyms = prepare_synonyms(synonyms)

    def rank(self, text: str, limit: int | None = None) -> list[RankedResult]:
        plan = plan_query(text, self.vocabulary, self.synonyms)
        if not plan:
            return []
        with self.index.searcher(weighting=QuantisedBM25F()) as searcher:
            hits = searcher.search(whoosh_query(plan), limit=None)
            ranked = sorted(((hit.score, hit.docnum) for hit in hits),
                            key=lambda pair: (-pair[0], pair[1]))[:limit]
            return [RankedResult(searcher.stored_fields(number)["url"], score, number)
                    for score, number in ranked]


def whoosh_query(plan: Sequence[QueryWord]) -> Query:
    """The Whoosh query of a plan: per word the maximum (`BestOf`) of its alternatives,
    the words added up (Or). An alternative's weight is the boost of each of its leaf
    terms, so that every sum Whoosh makes stays exact."""
    per_word = []
    for word in plan:
        options: list[Query] = []
        for alternative in word.alternatives:
            per_term = [Or([Term(name, term, boost=alternative.weight) for name in FIELD_BOOSTS])
                        for term in alternative.terms]
            options.append(per_term[0] if len(per_term) == 1 else And(per_term))
        per_word.append(options[0] if len(options) == 1 else BestOf(options))
    return Or(per_word)


class BestOf(DisjunctionMax):
    """Whoosh's DisjunctionMax (a document scores its best sub-query), with its matcher
    fixed: in Whoosh 2.7.4 ``DisjunctionMaxMatcher.score()`` takes the maximum over both
    sub-matchers even when only one of them is on the current document."""

    def _matcher(self, subs, searcher, context):
        reader = searcher.reader()
        return self._tree_matcher(subs, BestOfMatcher, searcher, context,
                                  lambda sub: sub.estimate_size(reader))


class BestOfMatcher(DisjunctionMaxMatcher):
    """The matcher of `BestOf`: the higher score of the sub-matchers on this document.

    It never prunes by quality (Whoosh's `replace` can drop a live sub-matcher there);
    the reference collects every match anyway."""

    def supports_block_quality(self):
        return False

    def score(self):
        a, b = self.a, self.b
        if not a.is_active():
            return b.score()
        if not b.is_active():
            return a.score()
        a_id, b_id = a.id(), b.id()
        if a_id != b_id:
            return a.score() if a_id < b_id else b.score()
        return max(a.score(), b.score())

    def replace(self, minquality=0):
        a, b = self.a.replace(), self.b.replace()
        if not a.is_active():
            return b if b.is_active() else NullMatcher()
        if not b.is_active():
            return a
        if a is self.a and b is self.b:
            return self
        return BestOfMatcher(a, b)


def test_the_reference_ranks_the_tiny_village_as_its_static_index(tmp_path):
    content, occurrences = tiny_village()
    build_search_index(content, occurrences, tmp_path)
    whoosh = WhooshReference(search_documents(content, occurrences), content.village.synonyms)
    for text in ("dokter", "voedselbank", "voedsel bank", "koffie", "fie", "kerkstraat"):
        assert rank(tmp_path, text, limit=None) == whoosh.rank(text), text
    assert [r.url for r in whoosh.rank("dokter")] == ["sociale-kaart/huisarts/"]


# --- ranking over seeded content ---------------------------------------------------------


@pytest.fixture(scope="module")
def query_set() -> dict:
    return load_query_set()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, query_set):
    """A seeded village built into a search index: (site folder, indexed documents)."""
    root = tmp_path_factory.mktemp("search")
    summary = seed(root / "content", **query_set["village"])
    slug = summary.village_slugs[0]
    content = load_village(root / "content", slug)
    tz = ZoneInfo(content.village.timezone)
    now = datetime.combine(DEFAULT_START_DATE, time(0, 0), tzinfo=tz)
    occurrences = {e.slug: expand_occurrences(e, tz, now) for e in content.events}
    site = root / "site"
    build_search_index(content, occurrences, site)
    return site, search_documents(content, occurrences), content.village


@pytest.fixture(scope="module")
def whoosh(seeded) -> WhooshReference:
    _site, docs, village = seeded
    return WhooshReference(docs, village.synonyms)


def test_query_set_is_large_and_every_rule_finds_items(query_set, seeded):
    site, docs, village = seeded
    queries = query_set["queries"]
    assert len(queries) >= 50
    assert {q["why"] for q in queries} >= {"exact", "inflection", "compound", "typo",
                                           "synonym", "category", "street"}
    for entry in queries:
        expected = expected_urls(entry["expect"], docs, village)
        assert expected, f"{entry['query']!r} expects nothing in the seeded content"
        if not entry.get("many"):
            assert len(expected) <= TOP, (
                f"{entry['query']!r} expects {len(expected)} items; mark it many: true")


def test_recall_of_portal_search_on_the_query_set(query_set, seeded):
    site, docs, village = seeded
    found = recall(query_set["queries"], docs, village, lambda text: search(site, text))
    assert not found.skipped
    assert found.ratio >= MIN_RECALL, f"recall {found.ratio:.3f}:\n" + "\n".join(found.misses)


def test_static_index_ranks_exactly_as_whoosh(query_set, seeded, whoosh):
    site = seeded[0]
    extra = ["fie", "huisar", "vrijwil", "kerkstr", "zorg welzijn hulp", "dokter fiets",
             "sociaal huis", "xyzzy", "de het een"]
    for text in [q["query"] for q in query_set["queries"]] + extra:
        assert rank(site, text, limit=None) == whoosh.rank(text), text


def test_static_postings_are_small(seeded):
    folder = seeded[0] / STATIC_DIR / "postings"
    sizes = [p.stat().st_size for p in folder.iterdir()]
    assert sum(s <= POSTINGS_SHARD_BYTES * 1.5 for s in sizes) >= 0.95 * len(sizes)


# --- portal search -----------------------------------------------------------------------


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="portal")
    add_search_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["search", *argv])
    return args.func(args)


def test_portal_search_prints_ranked_urls(seeded, capsys):
    site = seeded[0]
    assert run_cli("--site", str(site), "voedsel", "bank") == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == search(site, "voedsel bank")
    assert printed and all(url.endswith("/") for url in printed)


def test_portal_search_without_an_index_fails_clearly(tmp_path, capsys):
    assert run_cli("--site", str(tmp_path), "fiets") == 2
    assert f"no search index ({STATIC_DIR}/)" in capsys.readouterr().err
