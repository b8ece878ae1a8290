"""Ranking a query over a built village, two ways that must agree.

`search` is the reference ranker behind ``portal search``: the query plan of
`sitegen.search.query` run as a Whoosh query (BM25F, `QuantisedBM25F`) on the Whoosh
index in ``.search/``. `search_static` ranks with the browser's files in
``zoeken/index/`` alone, exactly as the JavaScript client must: it is the executable
description of the client, and the tests hold it to `search` result for result.

The score of a document is the sum over the query words of the best of each word's
alternatives; an alternative scores its weight times the sum of its terms' scores, and
matches only documents that have all its terms. Ties go to the lower document number.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from whoosh import index
from whoosh.matching import DisjunctionMaxMatcher, NullMatcher
from whoosh.query import And, DisjunctionMax, Or, Query, Term

from sitegen.search.indexing import (
    FIELD_BOOSTS,
    STATIC_DIR,
    WHOOSH_DIR,
    QuantisedBM25F,
    decode_postings,
    postings_shard,
)
from sitegen.search.query import QueryWord, StaticLexicon, plan_query


class SearchIndexMissing(Exception):
    """The folder given is not a built village with a search index."""


@dataclass(frozen=True)
class RankedResult:
    """One result: its URL relative to the site root, score and document number."""

    url: str
    score: float
    number: int


def search(site_dir: Path, query: str, limit: int = 10) -> list[str]:
    """The URLs (relative to the site root) of the best `limit` results for `query` in the
    village built into `site_dir`, best first, as ranked by the Whoosh index."""
    return [result.url for result in rank(site_dir, query, limit)]


def rank(site_dir: Path, query: str, limit: int | None = 10) -> list[RankedResult]:
    """`search` with scores; all matches when `limit` is None."""
    site_dir = Path(site_dir)
    if not (site_dir / WHOOSH_DIR).is_dir():
        raise SearchIndexMissing(f"{site_dir} has no search index ({WHOOSH_DIR}/); "
                                 "build the village first")
    meta, lexicon = _static_meta(site_dir)
    plan = plan_query(query, lexicon, _synonyms(meta))
    if not plan:
        return []
    ix = index.open_dir(str(site_dir / WHOOSH_DIR))
    with ix.searcher(weighting=QuantisedBM25F()) as searcher:
        hits = searcher.search(whoosh_query(plan), limit=None)
        ranked = sorted(((hit.score, hit.docnum) for hit in hits),
                        key=lambda pair: (-pair[0], pair[1]))[:limit]
        return [RankedResult(searcher.stored_fields(number)["url"], score, number)
                for score, number in ranked]


def whoosh_query(plan: Sequence[QueryWord]) -> Query:
    """The Whoosh query of a plan: per word the maximum (DisjunctionMax) of its
    alternatives, the words added up (Or). An alternative's weight is the boost of each
    of its leaf terms, so that every sum Whoosh makes stays exact."""
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
    the ranker collects every match anyway."""

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


def search_static(site_dir: Path, query: str, limit: int | None = 10) -> list[RankedResult]:
    """Rank `query` with the static files of ``zoeken/index/`` only, as the browser does."""
    site_dir = Path(site_dir)
    meta, lexicon = _static_meta(site_dir)
    folder = site_dir / STATIC_DIR
    shards: dict[str, dict] = {}

    def postings(term: str) -> dict[int, int]:
        prefix = postings_shard(term, meta["postings"])
        if prefix is None:
            return {}
        if prefix not in shards:
            shards[prefix] = json.loads((folder / "postings" / f"{prefix}.json").read_text("utf-8"))
        flat = shards[prefix].get(term)
        return decode_postings(flat) if flat else {}

    totals: dict[int, float] = {}
    for word in plan_query(query, lexicon, _synonyms(meta)):
        best: dict[int, float] = {}
        for alternative in word.alternatives:
            lists = [postings(term) for term in alternative.terms]
            common = set(lists[0]).intersection(*lists[1:])
            for number in common:
                score = alternative.weight * sum(found[number] for found in lists)
                if number not in best or score > best[number]:
                    best[number] = score
        for number, score in best.items():
            totals[number] = totals.get(number, 0.0) + score
    ranked = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]
    chunk_size = meta["documents"]["chunk"]
    chunks: dict[int, list] = {}
    results = []
    for number, score in ranked:
        chunk = number // chunk_size
        if chunk not in chunks:
            chunks[chunk] = json.loads((folder / "docs" / f"{chunk}.json").read_text("utf-8"))
        results.append(RankedResult(chunks[chunk][number % chunk_size]["u"], score, number))
    return results


def _static_meta(site_dir: Path) -> tuple[dict, StaticLexicon]:
    folder = site_dir / STATIC_DIR
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
    except FileNotFoundError as err:
        raise SearchIndexMissing(f"{site_dir} has no static search index ({STATIC_DIR}/); "
                                 "build the village first") from err
    return meta, StaticLexicon(folder / "lexicon", meta["lexicon"])


def _synonyms(meta: dict) -> list[list[tuple[str, ...]]]:
    return [[tuple(entry) for entry in group] for group in meta["synonyms"]]
