"""From what a resident typed to what is looked up: the query plan both rankers share.

`plan_query` is the one definition of query analysis. `portal search` (`ranking.rank`)
and the browser client (a JavaScript port of this module and of `ranking.rank`) both run
it on the same data, the lexicon shards of the static index, so they look up the same
terms with the same weights. Each typed word becomes a `QueryWord` with
alternatives; a document's score for the word is the best of its alternatives, and the
words' scores add up (see docs/SEARCH.md, "Ranking").
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sitegen.search.analysis import damerau_within_one, stem, words

#: Words at least this long forgive one typo (counted in code points).
FUZZY_MIN_LENGTH = 5
#: Words at least this long that the content never uses match the words they begin.
PREFIX_MIN_LENGTH = 3
#: At most this many completions per word, the shortest terms first.
PREFIX_LIMIT = 10

# Weights of alternatives. They must be dyadic fractions (k / 2**n), so that multiplying
# the integer term scores by them is exact in every language and both rankers agree to
# the last bit.
EXACT_WEIGHT = 1.0
FUZZY_WEIGHT = 0.5
PREFIX_WEIGHT = 0.5
SYNONYM_WEIGHT = 1.0  # times the weight of the alternative that brought the synonym in


class Lexicon(Protocol):
    """The indexed words by first letter: ``shard(key)`` maps each word whose
    `lexicon_key` is `key` to its term."""

    def shard(self, key: str) -> Mapping[str, str]: ...


@dataclass(frozen=True)
class Alternative:
    """Terms that together stand for a typed word (several only for a synonym of more
    than one word: then a document must contain all of them), and their weight."""

    terms: tuple[str, ...]
    weight: float


@dataclass(frozen=True)
class QueryWord:
    """One typed word (folded) and the alternatives it is looked up by."""

    word: str
    alternatives: tuple[Alternative, ...]


def safe_key(text: str) -> str:
    """`text` with every character outside ``a-z0-9`` replaced by ``_``: safe in a file
    name and a URL."""
    return "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else "_" for c in text)


def lexicon_key(word: str) -> str:
    """The lexicon shard of a folded word: its first character, made safe."""
    return safe_key(word[:1])


def plan_query(text: str, lexicon: Lexicon,
               synonyms: Sequence[Sequence[tuple[str, ...]]]) -> list[QueryWord]:
    """What to look up for `text`: one `QueryWord` per searchable typed word.

    For each word (folded, no stop words, at least two letters; see `analysis.words`):

    1. If the lexicon holds the word, its term, weight `EXACT_WEIGHT`.
    2. Otherwise its stem (`analysis.stem`) at `EXACT_WEIGHT`, and
       - if it has `FUZZY_MIN_LENGTH` letters or more: every lexicon word with the same
         first letter within one edit (`damerau_within_one`), at `FUZZY_WEIGHT`;
       - if it has `PREFIX_MIN_LENGTH` letters or more: the terms of the lexicon words
         that begin with it, shortest term first (ties by code point) and at most
         `PREFIX_LIMIT` of them, at `PREFIX_WEIGHT`.
    3. Every single-term alternative that is an entry of a synonym group brings in the
       group's other entries at its own weight times `SYNONYM_WEIGHT`.

    A term reached twice keeps its highest weight. A word whose alternatives equal an
    earlier word's is dropped (``fiets fietsen`` counts once).
    """
    plan: list[QueryWord] = []
    seen: set[tuple[Alternative, ...]] = set()
    for word in words(text):
        alternatives = word_alternatives(word, lexicon, synonyms)
        if alternatives not in seen:
            seen.add(alternatives)
            plan.append(QueryWord(word, alternatives))
    return plan


def word_alternatives(word: str, lexicon: Lexicon,
                      synonyms: Sequence[Sequence[tuple[str, ...]]]) -> tuple[Alternative, ...]:
    """The alternatives of one folded word (steps 1 to 3 of `plan_query`), sorted by terms."""
    weights: dict[tuple[str, ...], float] = {}

    def add(terms: tuple[str, ...], weight: float) -> None:
        weights[terms] = max(weight, weights.get(terms, 0.0))

    entries = lexicon.shard(lexicon_key(word))
    known = entries.get(word)
    if known is not None:
        add((known,), EXACT_WEIGHT)
    else:
        add((stem(word),), EXACT_WEIGHT)
        if len(word) >= FUZZY_MIN_LENGTH:
            for other, term in entries.items():
                if other[0] == word[0] and damerau_within_one(word, other):
                    add((term,), FUZZY_WEIGHT)
        if len(word) >= PREFIX_MIN_LENGTH:
            completions = sorted({term for other, term in entries.items()
                                  if other.startswith(word)}, key=lambda t: (len(t), t))
            for term in completions[:PREFIX_LIMIT]:
                add((term,), PREFIX_WEIGHT)
    for terms, weight in list(weights.items()):
        if len(terms) == 1:
            for group in synonyms:
                if terms in group:
                    for entry in group:
                        add(entry, weight * SYNONYM_WEIGHT)
    return tuple(Alternative(terms, weight) for terms, weight in sorted(weights.items()))


class StaticLexicon:
    """The lexicon shards of a built static index (``zoeken/index/lexicon/``), read as
    they are needed, as the browser reads them."""

    def __init__(self, folder: Path, keys: Sequence[str]):
        self.folder = folder
        self.keys = frozenset(keys)
        self._shards: dict[str, dict[str, str]] = {}

    def shard(self, key: str) -> Mapping[str, str]:
        """Word → term of shard `key`; empty when the index has no such shard."""
        if key not in self._shards:
            raw = {}
            if key in self.keys:
                raw = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            self._shards[key] = decode_lexicon_shard(raw)
        return self._shards[key]


def decode_lexicon_shard(raw: Mapping[str, str | int]) -> dict[str, str]:
    """Word → term from a shard file, where ``0`` stands for "the term is the word"."""
    return {word: word if term == 0 else term for word, term in raw.items()}
