"""The search index of one village, written at build time: the static, sharded index
that the browser and `portal search` rank with.

`build_search_index` runs after the pages are written. Whoosh's analysers read the
documents, and each term gets the score Whoosh's BM25F gives it in each document over the
fields in `FIELD_BOOSTS` (`bm25f_scores`, which works them out as Whoosh's index and scorer
do, without building an index; the tests hold it equal to Whoosh's own, `whoosh_index` and
`term_scores`). Nothing of Whoosh is left in the site. It adds one folder:

``zoeken/index/``
    What the browser fetches, in small files, so that a query downloads only the parts
    it needs, and what `portal search` reads (`sitegen.search.ranking`). Every score in
    it is a score Whoosh computed. Format version 1, all files UTF-8 JSON:

    ``meta.json``
        Read first. ``format`` (``"buurtportaal-search/1"``); ``documents``:
        ``{"count", "chunk", "kinds": [[kind, first, end], ...]}`` (documents are
        numbered organisations first, then events, then stories; ``end`` is exclusive);
        ``categories``: ``[{"slug", "name"}]`` of the village; ``analysis``: the stop
        words, the extra folds and the shortest word length; ``query``: the constants of
        `sitegen.search.query`; ``synonyms``: groups of entries, each entry a list of
        terms; ``lexicon``: the keys of the lexicon shards that exist; ``postings``: the
        prefixes of the postings shards that exist; ``score_scale``.
    ``lexicon/<key>.json``
        Every word the index knows whose first character has shard key ``<key>``
        (`query.lexicon_key`: the character itself for ``a-z0-9``, else ``_``), mapped
        to its term; ``0`` means the term is the word itself. Words are folded, as
        typed in the content, plus the compound parts the index added. The browser
        needs no stemmer for these words, and the pairs are test cases for the stemmer
        it needs for the rest.
    ``postings/<prefix>.json``
        ``{term: [doc, score, doc, score, ...]}``: per term the documents containing it
        (by number, ascending, each but the first given as the difference to the one
        before) and the term's score in that document, an integer: the sum over all
        fields of Whoosh's BM25F score for the term in that field, each rounded to
        ``1 / score_scale`` (`QuantisedBM25F`). A term lives in the shard whose prefix
        is the longest listed prefix of `query.safe_key(term)`; shards are split by one
        more character until they are at most `POSTINGS_SHARD_BYTES` (or cannot split).
    ``docs/<n>.json``
        Documents ``n * chunk`` to ``n * chunk + chunk - 1``, a list of
        ``{"u": url relative to the site root, "t": title, "k": kind, "s": snippet,
        "c": [category numbers], "d": next date of an event (ISO 8601)}``.
    ``facets.json``
        ``{"categories": [[category numbers] per document]}``, for filtering all
        matches by category without fetching their documents.
"""

from __future__ import annotations

import json
import shutil
import time
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from math import log
from pathlib import Path

from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.index import FileIndex
from whoosh.scoring import BM25F, BM25FScorer, bm25
from whoosh.util.numeric import byte_to_length, length_to_byte

from sitegen.kinds import EVENTS, KINDS, SEARCH_BOOSTS, Kind
from sitegen.model import VillageContent
from sitegen.search import query as q
from sitegen.search.analysis import (
    EXTRA_FOLDS,
    MIN_WORD_LENGTH,
    STOP_WORDS,
    Decompounder,
    WholeWordFrequency,
    WordAnalysis,
    dutch_analyzer,
    prepare_synonyms,
    stem,
    words,
)

FORMAT = "buurtportaal-search/1"
STATIC_DIR = "zoeken/index"

#: Fields searched, with their boost: the kinds' (`sitegen.kinds.SEARCH_BOOSTS`).
FIELD_BOOSTS = SEARCH_BOOSTS
#: Fields whose compound words are split. Addresses and names are not: ``kerk`` should
#: not find everything on the Kerkstraat.
COMPOUND_FIELDS = ("title", "tags", "categories", "summary", "body")

#: Scores are kept as integers in units of 1 / SCORE_SCALE (see `QuantisedBM25F`).
SCORE_SCALE = 100
#: BM25 parameters, Whoosh's defaults.
BM25_B = 0.75
BM25_K1 = 1.2

#: Documents per ``docs/<n>.json``. Ten results spread over few files: a browser opens
#: at most six connections per host over HTTP/1.1, so every file past six waits a round.
#: 32 (≈ 9 KB, ≈ 2.5 KB gzipped) took a fresh page's first results from 127 to 87–107 ms
#: (median of two runs, 1,000-organisation village) for 59 instead of 44 KB per query; see
#: docs/PERFORMANCE.md.
DOCS_PER_CHUNK = 32
POSTINGS_SHARD_BYTES = 8_000
SNIPPET_LENGTH = 200

SEARCHED = tuple(kind for kind in KINDS if kind.searched)  # organisations, events, stories


@dataclass(frozen=True)
class SearchDocument:
    """One searchable item: an organisation, an upcoming event or a story."""

    url: str  # relative to the site root, e.g. "sociale-kaart/voedselbank/"
    kind: str  # the name of one of the SEARCHED kinds
    title: str
    summary: str = ""
    body: str = ""
    categories: tuple[str, ...] = ()  # names, as residents read them
    tags: tuple[str, ...] = ()
    place: str = ""  # street, postcode, city, name of the location
    people: str = ""  # the author of a story
    category_numbers: tuple[int, ...] = ()  # positions in the village's categories
    date: str = ""  # next occurrence of an event, ISO 8601

    def fields(self) -> dict[str, str]:
        """The text of each searched field."""
        return {
            "title": self.title, "tags": "\n".join(self.tags),
            "categories": "\n".join(self.categories), "summary": self.summary,
            "body": self.body, "place": self.place, "people": self.people,
        }

    def snippet(self) -> str:
        """A short text to show under the title in a list of results."""
        text = self.summary or " ".join(self.body.split())
        if len(text) <= SNIPPET_LENGTH:
            return text
        return text[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class SearchIndexStats:
    """What `build_search_index` wrote, and how long it took."""

    documents: int
    terms: int
    words: int  # entries in the lexicon
    postings: int  # (term, document) pairs
    static_bytes: int
    seconds: float
    files: tuple[str, ...] = field(default=(), repr=False)  # relative to the site


def search_documents(content: VillageContent, occurrences_by_event: dict) -> list[SearchDocument]:
    """The documents of a village: the items of each searched kind (organisations, then
    events, then stories), each field's text in the search field its kind names for it
    (`sitegen.kinds.Field.search`), the body in "body".

    Events without an upcoming occurrence in `occurrences_by_event` (slug → list of
    occurrences) are left out: the agenda no longer shows them.
    """
    numbers = {c.slug: n for n, c in enumerate(content.village.categories)}
    docs = []
    for kind in SEARCHED:
        for item in content.items_of(kind):
            extra = {}
            if kind is EVENTS:
                occurrences = occurrences_by_event.get(item.slug)
                if not occurrences:
                    continue
                extra["date"] = occurrences[0].day.isoformat()
            docs.append(_document(kind, item, content.village, numbers, **extra))
    return docs


def _document(kind: Kind, item, village, numbers: dict[str, int], **extra) -> SearchDocument:
    """The search document of one item of `kind`."""
    texts: dict = {"body": item.body_text}
    for spec in kind.fields:
        if not spec.search:
            continue
        value = getattr(item, spec.key)
        match spec.check:
            case "categories":
                known = [slug for slug in value if slug in numbers]
                texts[spec.search] = tuple(village.categories[numbers[s]].name for s in known)
                extra["category_numbers"] = tuple(numbers[s] for s in known)
            case "words":
                texts[spec.search] = tuple(value)
            case "address":
                texts[spec.search] = _address_text(value)
            case "location":
                texts[spec.search] = " ".join(
                    p for p in (value.name, _address_text(value.address)) if p) if value else ""
            case _:
                texts[spec.search] = value
    return SearchDocument(url=item.url, kind=kind.name, **texts, **extra)


def _address_text(address) -> str:
    return " ".join(p for p in (address.street, address.postcode, address.city) if p)


class QuantisedBM25F(BM25F):
    """Whoosh's BM25F with every per-field term score rounded to an integer number of
    1 / `SCORE_SCALE`. Sums of such scores, and their products with the dyadic weights
    of `sitegen.search.query`, are exact in any floating point, so the browser's sums of
    the stored scores equal Whoosh's to the last bit and both break ties alike."""

    def __init__(self):
        super().__init__(B=BM25_B, K1=BM25_K1)

    def scorer(self, searcher, fieldname, text, qf=1):
        return QuantisedBM25FScorer(searcher, fieldname, text, self.B, self.K1, qf=qf)


class QuantisedBM25FScorer(BM25FScorer):
    """The scorer of `QuantisedBM25F`."""

    def _score(self, weight, length):
        return float(round(bm25(self.idf, weight, length, self.avgfl, self.B, self.K1)
                           * SCORE_SCALE))


def build_search_index(content: VillageContent, occurrences_by_event: dict,
                       site_dir: Path, docs: list[SearchDocument] | None = None,
                       ) -> SearchIndexStats:
    """Write the static index (``site_dir/zoeken/index/``) of one village; returns what
    was written. `docs` are its `search_documents`, if the caller made them already.

    The folder is replaced if it exists. The format is described in this module's
    docstring and in docs/SEARCH.md.
    """
    started = time.perf_counter()
    site_dir = Path(site_dir)
    if docs is None:
        docs = search_documents(content, occurrences_by_event)
    vocabulary = Vocabulary.of(docs)
    postings = bm25f_scores(docs, vocabulary.decompounder)
    static_dir = _fresh_folder(site_dir / STATIC_DIR)
    written = _write_static(static_dir, content, docs, vocabulary, postings)
    return SearchIndexStats(
        documents=len(docs), terms=len(postings), words=vocabulary.size,
        postings=sum(len(p) for p in postings.values()),
        static_bytes=sum(p.stat().st_size for p in written),
        seconds=time.perf_counter() - started,
        files=tuple(str(p.relative_to(site_dir)) for p in sorted(written)),
    )


def _fresh_folder(folder: Path) -> Path:
    # Only ever our own folder, recognised by its fixed name inside the site.
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


@dataclass(frozen=True)
class Vocabulary:
    """What a village's documents teach the analysis: the compound parts to split by, and
    every word the index holds (compound parts included) with its term, grouped as the
    lexicon shards of the static index. It is a `query.Lexicon`, as the shards are."""

    decompounder: Decompounder
    shards: Mapping[str, Mapping[str, str]]  # lexicon key → {word: term}

    @classmethod
    def of(cls, docs: Sequence[SearchDocument]) -> Vocabulary:
        doc_words = [{name: words(text) for name, text in doc.fields().items()}
                     for doc in docs]
        decompounder = Decompounder.learned_from(
            [w for name in COMPOUND_FIELDS for w in per_field[name]] for per_field in doc_words)
        shards: dict[str, dict[str, str]] = defaultdict(dict)
        seen = {True: set(), False: set()}  # words done, as compound field words or not
        for per_field in doc_words:
            for name, found in per_field.items():
                compound = name in COMPOUND_FIELDS
                done = seen[compound]
                for word in found:
                    if word in done:
                        continue
                    done.add(word)
                    for indexed in (word, *(decompounder.split(word) if compound else ())):
                        shard = shards[q.lexicon_key(indexed)]
                        if indexed not in shard:
                            shard[indexed] = stem(indexed)
        return cls(decompounder, dict(shards))

    def shard(self, key: str) -> Mapping[str, str]:
        """Word → term of the words whose `query.lexicon_key` is `key`."""
        return self.shards.get(key, {})

    @property
    def size(self) -> int:
        """How many words the index holds."""
        return sum(len(shard) for shard in self.shards.values())


def schema(decompounder: Decompounder) -> Schema:
    """The Whoosh schema: the stored url and one scored text field per `FIELD_BOOSTS`
    entry (no positions: the search has no phrase queries)."""
    compound = dutch_analyzer(decompounder)
    plain = dutch_analyzer()
    text_fields = {}
    for name, boost in FIELD_BOOSTS.items():
        text_fields[name] = TEXT(analyzer=compound if name in COMPOUND_FIELDS else plain,
                                 phrase=False)
        text_fields[name].format = WholeWordFrequency(field_boost=boost)
    return Schema(url=ID(stored=True, unique=True), **text_fields)


class MemoryStorage(RamStorage):
    """Whoosh's `RamStorage` with a writer's temporary files in memory as well.
    `RamStorage` keeps them in a folder of one fixed name in the system's temporary folder
    (``MAIN.tmp``), which every process indexing at the same time would share."""

    def temp_storage(self, name=None):
        return RamStorage()


def whoosh_index(docs: Sequence[SearchDocument], decompounder: Decompounder) -> FileIndex:
    """`docs` indexed by Whoosh in memory, numbered in the order given: what scores the
    static index (`term_scores`), and what the tests run whole queries on to check the
    static ranking against Whoosh's. Nothing is written to disk."""
    ix = MemoryStorage().create_index(schema(decompounder))
    with ix.writer() as writer:
        for doc in docs:
            writer.add_document(url=doc.url, **{name: text for name, text
                                                in doc.fields().items() if text})
    return ix


def term_scores(ix: FileIndex, docs: Sequence[SearchDocument]) -> dict[str, dict[int, int]]:
    """term → {document number: score}, the score summed over fields as Whoosh scores
    each field (`QuantisedBM25F`)."""
    weighting = QuantisedBM25F()
    scores: dict[str, dict[int, int]] = defaultdict(dict)
    with ix.searcher(weighting=weighting) as searcher:
        reader = searcher.reader()
        for number, doc in enumerate(docs):
            # Whoosh numbers the documents of a fresh one-segment index in the order added.
            if reader.stored_fields(number)["url"] != doc.url:
                raise RuntimeError("search index: Whoosh numbered the documents differently")
        for name in FIELD_BOOSTS:
            fieldobj = ix.schema[name]
            for term in reader.field_terms(name):
                matcher = searcher.postings(name, fieldobj.to_bytes(term), weighting=weighting)
                per_doc = scores[term]
                while matcher.is_active():
                    number = matcher.id()
                    per_doc[number] = per_doc.get(number, 0) + int(matcher.score())
                    matcher.next()
    return scores


def bm25f_scores(docs: Sequence[SearchDocument], decompounder: Decompounder,
                 ) -> dict[str, dict[int, int]]:
    """term → {document number: score}: what `term_scores` reads from `whoosh_index`,
    worked out from the analysis alone, about three times as fast.

    It does what Whoosh does on the way (the schema's analyzers, word by word as
    `WordAnalysis`; `SegmentWriter.add_document`, the W3 codec, `BM25FScorer`): a field's
    length in a document is the sum of its words' frequencies,
    kept as one byte (`length_to_byte`), and its average is the exact total over every
    document; a weight is kept as a 32-bit float; the idf is ``log(N / (df + 1)) + 1``;
    each field's score is rounded as `QuantisedBM25FScorer` rounds it, then summed.
    `tests/test_search.py` holds the two equal, score for score.
    """
    count = len(docs)
    scores: dict[str, dict[int, int]] = defaultdict(dict)
    texts = [doc.fields() for doc in docs]
    analyses = {True: WordAnalysis(decompounder), False: WordAnalysis()}
    for name, boost in FIELD_BOOSTS.items():
        analysis = analyses[name in COMPOUND_FIELDS]
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        lengths: dict[int, int] = {}
        total = 0
        for number, values in enumerate(texts):
            text = values.get(name)
            if not text:
                continue
            length = 0
            for word, freq, weight in analysis.word_values(text, boost):
                postings[word].append((number, array("f", [weight])[0]))
                length += freq
            if length:
                lengths[number] = byte_to_length(length_to_byte(length))
                total += length
        average = total / (count or 1) or 1
        for term, found in postings.items():
            idf = log(count / (len(found) + 1)) + 1
            per_doc = scores[term]
            for number, weight in found:
                # Whoosh's scorer takes 1 for a field no document has a length in.
                length = lengths.get(number, 1) if total else 1
                score = round(bm25(idf, weight, length, average, BM25_B, BM25_K1) * SCORE_SCALE)
                per_doc[number] = per_doc.get(number, 0) + int(score)
    return scores


def _write_static(folder: Path, content: VillageContent, docs: list[SearchDocument],
                  vocabulary: Vocabulary, postings: dict[str, dict[int, int]]) -> list[Path]:
    written: list[Path] = []

    def write(relative: str, value) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                                    sort_keys=True).encode("utf-8"))
        written.append(path)

    for key, shard in vocabulary.shards.items():
        write(f"lexicon/{key}.json", {word: 0 if term == word else term
                                      for word, term in shard.items()})

    encoded = {term: _encode_postings(per_doc) for term, per_doc in postings.items()}
    shards = shard_terms({term: len(json.dumps(v)) + len(term) + 4
                          for term, v in encoded.items()}, POSTINGS_SHARD_BYTES)
    for prefix, terms in shards.items():
        write(f"postings/{prefix}.json", {term: encoded[term] for term in terms})

    for start in range(0, len(docs), DOCS_PER_CHUNK):
        chunk = [_doc_record(doc) for doc in docs[start:start + DOCS_PER_CHUNK]]
        write(f"docs/{start // DOCS_PER_CHUNK}.json", chunk)
    write("facets.json", {"categories": [list(doc.category_numbers) for doc in docs]})

    kinds = []
    for kind in SEARCHED:
        numbers = [n for n, doc in enumerate(docs) if doc.kind == kind.name]
        if numbers:
            kinds.append([kind.name, numbers[0], numbers[-1] + 1])
    village = content.village
    write("meta.json", {
        "format": FORMAT,
        "documents": {"count": len(docs), "chunk": DOCS_PER_CHUNK, "kinds": kinds},
        "categories": [{"slug": c.slug, "name": c.name} for c in village.categories],
        "analysis": {
            "min_word_length": MIN_WORD_LENGTH,
            "stop_words": sorted(STOP_WORDS),
            "extra_folds": EXTRA_FOLDS,
        },
        "query": {
            "fuzzy_min_length": q.FUZZY_MIN_LENGTH, "prefix_min_length": q.PREFIX_MIN_LENGTH,
            "prefix_limit": q.PREFIX_LIMIT, "exact_weight": q.EXACT_WEIGHT,
            "fuzzy_weight": q.FUZZY_WEIGHT, "prefix_weight": q.PREFIX_WEIGHT,
            "synonym_weight": q.SYNONYM_WEIGHT,
        },
        "synonyms": [[list(entry) for entry in group]
                     for group in prepare_synonyms(village.synonyms)],
        "lexicon": sorted(vocabulary.shards),
        "postings": sorted(shards),
        "score_scale": SCORE_SCALE,
    })
    return written


def _encode_postings(per_doc: dict[int, int]) -> list[int]:
    flat, previous = [], 0
    for number in sorted(per_doc):
        flat += [number - previous, per_doc[number]]
        previous = number
    return flat


def decode_postings(flat: list[int]) -> dict[int, int]:
    """Document number → score, from a term's list in a postings shard."""
    decoded, number = {}, 0
    for i in range(0, len(flat), 2):
        number += flat[i]
        decoded[number] = flat[i + 1]
    return decoded


def shard_terms(sizes: dict[str, int], limit: int) -> dict[str, list[str]]:
    """Group terms into shards by prefix of their `query.safe_key`: one character first,
    one more for every shard above `limit` bytes. Terms no longer than the prefix of a
    shard that is split stay in that shard."""
    shards: dict[str, list[str]] = {}
    pending: dict[str, list[str]] = defaultdict(list)
    for term in sizes:
        pending[q.safe_key(term)[:1]].append(term)
    stack = list(pending.items())
    while stack:
        prefix, terms = stack.pop()
        if sum(sizes[t] for t in terms) <= limit or all(len(t) <= len(prefix) for t in terms):
            shards[prefix] = sorted(terms)
            continue
        longer: dict[str, list[str]] = defaultdict(list)
        for term in terms:
            if len(term) <= len(prefix):
                shards.setdefault(prefix, []).append(term)
            else:
                longer[q.safe_key(term)[:len(prefix) + 1]].append(term)
        stack.extend(longer.items())
    return {prefix: sorted(terms) for prefix, terms in shards.items()}


def postings_shard(term: str, prefixes: Iterable[str]) -> str | None:
    """The prefix of the postings shard that holds `term` if it is indexed."""
    key = q.safe_key(term)
    listed = set(prefixes)
    for length in range(len(key), 0, -1):
        if key[:length] in listed:
            return key[:length]
    return None


def _doc_record(doc: SearchDocument) -> dict:
    record = {"u": doc.url, "t": doc.title, "k": doc.kind, "s": doc.snippet(),
              "c": list(doc.category_numbers)}
    if doc.date:
        record["d"] = doc.date
    return record
