"""Ranking a query over a built village with its static index (``zoeken/index/``).

`rank` is the one ranker: ``portal search`` runs it, and the browser client
(``themes/portal/static/js/search.js``) is a port of it, reading the same files. It is
the executable description of the client; the tests hold the two to each other, and both
to Whoosh's own ranking of the same query, for every match and every score.

The score of a document is the sum over the query words of the best of each word's
alternatives; an alternative scores its weight times the sum of its terms' scores, and
matches only documents that have all its terms. Ties go to the lower document number.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sitegen.search.indexing import STATIC_DIR, decode_postings, postings_shard
from sitegen.search.query import StaticLexicon, plan_query


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
    village built into `site_dir`, best first."""
    return [result.url for result in rank(site_dir, query, limit)]


def rank(site_dir: Path, query: str, limit: int | None = 10) -> list[RankedResult]:
    """`search` with scores; all matches when `limit` is None. Reads only the files of
    ``zoeken/index/`` a browser would fetch for `query`."""
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

    synonyms = [[tuple(entry) for entry in group] for group in meta["synonyms"]]
    totals: dict[int, float] = {}
    for word in plan_query(query, lexicon, synonyms):
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
        raise SearchIndexMissing(f"{site_dir} has no search index ({STATIC_DIR}/); "
                                 "build the village first") from err
    return meta, StaticLexicon(folder / "lexicon", meta["lexicon"])
