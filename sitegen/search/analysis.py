"""Dutch text analysis for the resident search: how text becomes index terms.

The chain is Whoosh's ``LanguageAnalyzer('nl')`` (Dutch stop words, Snowball Dutch
stemmer) with three changes that residents notice:

- **Accents folded** before anything else, so ``café`` and ``cafe`` are one word. Folding
  is NFKD decomposition with every combining mark dropped, then lower case, then
  `EXTRA_FOLDS` for the few letters NFKD leaves alone (``ß`` → ``ss``). Unlike Whoosh's
  ``accent_map`` table this is one line in a browser, so the JavaScript client folds a
  query exactly as the index was folded.
- **Compound words split** at index time (`Decompounder`): ``Fietsenwerkplaats`` is also
  indexed as ``fietsen``, ``werkplaats``, ``werk`` and ``plaats``, each at half weight
  (`PART_BOOST`), so a resident typing ``fiets`` finds it. Parts come from a curated list
  of common Dutch compound parts (`COMPOUND_PARTS`) plus every word the village's own
  content uses on its own in at least two documents, so the splitting follows the content.
- **One more s dropped** after stemming (`stem`): Snowball stems ``fiets`` to ``fiet`` but
  ``fietsen`` to ``fiets``; a final ``s`` after a consonant other than ``j`` is removed so
  singular and plural meet again (``huisarts``/``huisartsen`` → ``huisart``).

Queries are not run through this chain as a whole: `sitegen.search.query` looks the
typed words up in the lexicon the index build wrote, which holds each indexed word with
its term. Only words the corpus never used are stemmed at query time.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

from whoosh.analysis import StopFilter, Token, Tokenizer
from whoosh.analysis.filters import Filter
from whoosh.formats import Frequency, tokens
from whoosh.lang import stemmer_for_language
from whoosh.system import pack_uint

#: A word is a run of letters and digits (``[\p{L}\p{N}]+`` in JavaScript), taken from
#: folded text; underscores and everything else separate words.
WORD_RE = re.compile(r"[^\W_]+")

#: Shorter words are dropped (Whoosh's StopFilter ``minsize``), counted in code points.
MIN_WORD_LENGTH = 2

#: Letters that NFKD does not decompose, and what they fold to.
EXTRA_FOLDS = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "þ": "th",
    "ð": "d", "ĸ": "k",
}
_EXTRA_FOLD_TABLE = str.maketrans(EXTRA_FOLDS)

#: The stop words of ``LanguageAnalyzer('nl')``: Whoosh's Dutch list plus its English
#: default list, which ``StopFilter(lang='nl')`` keeps as well.
STOP_WORDS: frozenset[str] = StopFilter(lang="nl").stops

#: Weight of a compound part relative to a whole word, given as the token's boost.
PART_BOOST = 0.5

#: Shortest compound part; parts from `COMPOUND_PARTS` may be this short, parts learned
#: from the content must have `MIN_LEARNED_PART` letters.
MIN_PART = 3
MIN_LEARNED_PART = 4

#: A compound may hold one piece that is no known part (``kerst|brunch``,
#: ``lichtjes|avond``) if that piece is this long and a known part beside it is at least
#: `MIN_PART_BESIDE_UNKNOWN` letters long.
MIN_UNKNOWN_PIECE = 5
MIN_PART_BESIDE_UNKNOWN = 5

#: A learned part must occur as a word of its own in at least this many documents.
MIN_LEARNED_DOCUMENTS = 2

#: What may join two parts of a Dutch compound: nothing, or a linking -s-, -en-, -e-, -er-.
LINKS = ("", "s", "en", "e", "er")

#: Endings the last part may carry (plural, inflection): huis|artsen, fiets|atelier|s.
PART_ENDINGS = ("en", "s", "e")

#: Common parts of Dutch compounds in the social map, the agenda and stories, folded.
#: With the words learned from the content they decide where a compound splits: only
#: where both sides are known parts, so ``fietsenwerkplaats`` splits and ``ouderen`` not.
COMPOUND_PARTS: frozenset[str] = frozenset("""
    activiteit activiteiten administratie advies afval arts artsen atelier auto avond baby
    bad bank basis beweeg bewegen beweging bezoek bibliotheek bieb boek boeken boer
    boerderij brigade buddy budget bureau bus buurt cafe centrale centrum club coach
    computer concert consult consultatie dag dans dienst diensten digitaal dorp dorps
    energie eten feest fiets fietsen film fonds formulier formulieren gezin gezondheid groen
    groep gym handel huis huisarts huiskamer huiswerk hulp informatie inloop jeugd jongeren
    kamp kerk kerst kind kinder kinderen klus koffie kook koor kring kringloop kunst leer
    lees les lessen loket loop maaltijd maatje mantel mantelzorg markt middag muziek natuur
    ochtend oefen ontmoeting opvang ouder ouderen pakket peuter plaats plein praat praktijk
    preventie punt raad repair reparatie school schuld senioren soos speel spel sport spreek
    spreekuur steun steunpunt taal tandarts team thuis thuiszorg toneel tuin uur vakantie
    val vereniging verpleging voedsel voetbal vrijwilliger vrijwilligers wandel week welzijn
    wereld werk werkplaats wijk winkel zaal zang zorg zwem
""".split())


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents: ``Café Één`` → ``cafe een``.

    JavaScript: ``text.normalize("NFKD").replace(/\\p{M}/gu, "").toLowerCase()`` and then
    `EXTRA_FOLDS`.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = _NON_ASCII_RE.sub(_drop_mark, decomposed)
    return decomposed.lower().translate(_EXTRA_FOLD_TABLE)


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _drop_mark(match: re.Match) -> str:
    char = match.group()
    return "" if unicodedata.category(char).startswith("M") else char


def words(text: str) -> list[str]:
    """The folded words of `text` that can be searched: no stop words, none too short."""
    return [w for w in WORD_RE.findall(fold(text))
            if len(w) >= MIN_WORD_LENGTH and w not in STOP_WORDS]


_snowball_dutch = stemmer_for_language("nl")
_VOWELS_AND_J = frozenset("aeiouyj")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The index term of one folded word: Snowball Dutch, then a final s after a consonant
    (other than j) removed, so that ``fiets`` and ``fietsen`` both give ``fiet``."""
    term = _snowball_dutch(word)
    if len(term) >= 3 and term[-1] == "s" and term[-2] not in _VOWELS_AND_J:
        term = term[:-1]
    return term


def damerau_within_one(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by at most one edit: a letter added, dropped, changed,
    or two neighbouring letters swapped (``huisarst`` ↔ ``huisarts``)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True  # one letter changed
        return (i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i]
                and a[i + 2:] == b[i + 2:])  # two letters swapped
    if la > lb:
        return a[i + 1:] == b[i:]  # a letter dropped from a
    return a[i:] == b[i + 1:]  # a letter added to a


class Decompounder:
    """Splits Dutch compound words into known parts: ``voedselbank`` → voedsel, bank.

    A word splits only where every piece is a known part (`parts`), joined by nothing or
    one of the `LINKS`; the last piece may carry one of the `PART_ENDINGS`. Of the ways to
    split, the one with the fewest pieces wins, and then the one with the longest first
    piece. Pieces that are compounds themselves split again (``werkplaats`` → werk,
    plaats). Results are remembered per word, for the length of one build.
    """

    def __init__(self, parts: Iterable[str]):
        self.parts = frozenset(p for p in parts if len(p) >= MIN_PART and p not in STOP_WORDS)
        self._cache: dict[str, tuple[str, ...]] = {}
        self._segments: dict[tuple[str, int], list[str] | None] = {}

    @classmethod
    def learned_from(cls, document_words: Iterable[Iterable[str]]) -> Decompounder:
        """A decompounder knowing `COMPOUND_PARTS` and every word that stands on its own in
        at least `MIN_LEARNED_DOCUMENTS` of the documents (each an iterable of its folded
        words, stop words already removed)."""
        seen: dict[str, int] = {}
        for doc in document_words:
            for word in set(doc):
                seen[word] = seen.get(word, 0) + 1
        learned = {w for w, n in seen.items()
                   if n >= MIN_LEARNED_DOCUMENTS and len(w) >= MIN_LEARNED_PART and w.isalpha()
                   and w not in STOP_WORDS}
        return cls(COMPOUND_PARTS | learned)

    def __getstate__(self):
        # Whoosh pickles the analyzer into the index; the cache need not go with it.
        return {"parts": self.parts}

    def __setstate__(self, state):
        self.parts = state["parts"]
        self._cache = {}
        self._segments = {}

    def split(self, word: str) -> tuple[str, ...]:
        """Every part of `word` at every level, in order, without `word` itself; ``()`` when
        it is no compound."""
        found = self._cache.get(word)
        if found is None:
            pieces = self._segment(word, 0) or self._segment(word, 1) or []
            result: list[str] = []
            for piece in pieces:
                for part in (piece, *self.split(piece)):
                    if part != word and part not in result:
                        result.append(part)
            found = self._cache[word] = tuple(result)
        return found

    def _segment(self, word: str, unknown: int) -> list[str] | None:
        """The best split of `word` into two or more pieces with at most `unknown` pieces
        that are no known part, or None. An unknown piece needs `MIN_UNKNOWN_PIECE` letters
        and a known piece of `MIN_PART_BESIDE_UNKNOWN` letters in the same word, so that
        ``kerstbrunch`` splits but ``sportieve`` (sport + ieve) does not."""
        key = (word, unknown)
        if key in self._segments:
            return self._segments[key]
        best: list[str] | None = None
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head = word[:cut]
            head_unknown = head not in self.parts
            if head_unknown and not (unknown and _plausible_piece(head)):
                continue
            rest = word[cut:]
            for link in LINKS:
                if not rest.startswith(link) or len(rest) - len(link) < MIN_PART:
                    continue
                tail = self._cover(rest[len(link):], unknown - head_unknown)
                if tail is None or (best is not None and 1 + len(tail) >= len(best)):
                    continue
                pieces = [head, *tail]
                if all(map(self._known, pieces)) or any(
                        len(p) >= MIN_PART_BESIDE_UNKNOWN and self._known(p) for p in pieces):
                    best = pieces
        self._segments[key] = best
        return best

    def _known(self, piece: str) -> bool:
        """Whether `piece` is a known part, perhaps with one of the `PART_ENDINGS`."""
        return piece in self.parts or any(
            piece.endswith(end) and len(piece) - len(end) >= MIN_PART
            and piece[:-len(end)] in self.parts for end in PART_ENDINGS)

    def _cover(self, word: str, unknown: int) -> list[str] | None:
        """`word` as one piece (a known part, perhaps with an ending, or an unknown piece
        if allowed), else as a split, else None."""
        if self._known(word):
            return [word]
        split = self._segment(word, unknown)
        if split is None and unknown and _plausible_piece(word):
            return [word]
        return split


def _plausible_piece(text: str) -> bool:
    """Whether `text` could be a word of its own inside a compound."""
    return (len(text) >= MIN_UNKNOWN_PIECE and text.isalpha()
            and any(vowel in text for vowel in "aeiouy") and text not in STOP_WORDS)


class FoldingTokenizer(Tokenizer):
    """Whoosh tokenizer: the words (`WORD_RE`) of the folded text, each with boost 1."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for number, match in enumerate(WORD_RE.finditer(fold(value))):
            token.text = match.group()
            token.boost = 1.0
            token.part = False
            token.stopped = False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = start_pos + number
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


class DecompoundFilter(Filter):
    """Whoosh filter: after each word, its compound parts at `PART_BOOST` times its boost,
    marked ``part`` so that `WholeWordFrequency` leaves them out of the field's length."""

    def __init__(self, decompounder: Decompounder):
        self.decompounder = decompounder

    def __eq__(self, other):
        return (other.__class__ is self.__class__
                and self.decompounder.parts == other.decompounder.parts)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            word, boost = token.text, token.boost
            yield token
            for part in self.decompounder.split(word):
                token.text = part
                token.boost = boost * PART_BOOST
                token.part = True
                yield token
            token.part = False


class WholeWordFrequency(Frequency):
    """Whoosh's Frequency format, counting only whole words: the parts `DecompoundFilter`
    adds raise a term's weight but not the field's length, so a title made of one
    compound is not scored as a long title."""

    def word_values(self, value, analyzer, **kwargs):
        freqs: dict[str, int] = defaultdict(int)
        weights: dict[str, float] = defaultdict(float)
        kwargs["boosts"] = True
        for token in tokens(value, analyzer, kwargs):
            freqs[token.text] += 0 if getattr(token, "part", False) else 1
            weights[token.text] += token.boost
        return ((word, freqs[word], weights[word] * self.field_boost, pack_uint(freqs[word]))
                for word in weights)


class WordAnalysis:
    """What `WholeWordFrequency.word_values` gives over `dutch_analyzer(decompounder)`,
    worked out word by word with each word's terms remembered: the analyzer treats every
    word on its own (fold, stop words, compound parts, stem), so a word met again costs a
    lookup. The terms, frequencies and weights are the same, added up in the same order
    (`tests/test_search.py` holds them equal on seeded villages and generated text)."""

    def __init__(self, decompounder: Decompounder | None = None) -> None:
        self.decompounder = decompounder
        self._terms: dict[str, tuple[tuple[str, float, bool], ...]] = {}

    def word_values(self, text: str, field_boost: float = 1.0,
                    ) -> list[tuple[str, int, float]]:
        """(term, frequency of whole words, weight × `field_boost`) per term of `text`,
        in the order the analyzer first gives each term."""
        freqs: dict[str, int] = defaultdict(int)
        weights: dict[str, float] = defaultdict(float)
        known = self._terms
        for word in WORD_RE.findall(fold(text)):
            found = known.get(word)
            if found is None:
                found = known[word] = self._analyse(word)
            for term, boost, part in found:
                freqs[term] += 0 if part else 1
                weights[term] += boost
        return [(term, freqs[term], weights[term] * field_boost) for term in weights]

    def _analyse(self, word: str) -> tuple[tuple[str, float, bool], ...]:
        """The (term, boost, is a compound part) the analyzer makes of one folded word."""
        if len(word) < MIN_WORD_LENGTH or word in STOP_WORDS:
            return ()
        found = [(stem(word), 1.0, False)]
        if self.decompounder is not None:
            found += [(stem(part), 1.0 * PART_BOOST, True)
                      for part in self.decompounder.split(word)]
        return tuple(found)


class DutchStemFilter(Filter):
    """Whoosh filter: replaces each word by its term (`stem`)."""

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = stem(token.text)
            yield token


def dutch_analyzer(decompounder: Decompounder | None = None):
    """The index analyzer: fold, split into words, drop stop words and short words,
    optionally add compound parts, stem. Without `decompounder` no compound is split
    (used for addresses and names, where ``Kerkstraat`` should not be found by ``kerk``).
    """
    chain = FoldingTokenizer() | StopFilter(lang="nl", minsize=MIN_WORD_LENGTH)
    if decompounder is not None:
        chain = chain | DecompoundFilter(decompounder)
    return chain | DutchStemFilter()


def prepare_synonyms(groups: Iterable[Iterable[str]]) -> list[list[tuple[str, ...]]]:
    """A village's synonym groups (``site.yaml`` ``search: synonyms``) as groups of terms.

    Each entry becomes the tuple of the terms of its words (``huisarts`` → ``("huisart",)``,
    ``sociaal huis`` → ``("sociaal", "huis")``); entries without any searchable word are
    dropped, and so are groups left with fewer than two different entries.
    """
    prepared = []
    for group in groups:
        entries: list[tuple[str, ...]] = []
        for entry in group:
            terms = tuple(stem(w) for w in words(entry))
            if terms and terms not in entries:
                entries.append(terms)
        if len(entries) >= 2:
            prepared.append(entries)
    return prepared
