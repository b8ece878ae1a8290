"""The query set: queries residents type and the items each must find, written as rules
over the content (see the header of ``tests/fixtures/search_queries.yaml``), and recall
against it. Shared by the tests and ``portal bench --search``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sitegen.search.analysis import fold
from sitegen.search.indexing import SearchDocument

#: Where the repository keeps the query set.
QUERY_SET = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "search_queries.yaml"
TOP = 10


def load_query_set(path: Path = QUERY_SET) -> dict:
    return yaml.safe_load(Path(path).read_text("utf-8"))


def expected_urls(rules: list[dict], docs: Iterable[SearchDocument], village) -> set[str]:
    """The URLs of the documents that match any of `rules`."""
    category_numbers = {c.slug: n for n, c in enumerate(village.categories)}

    def as_list(value):
        return [value] if isinstance(value, str) else list(value)

    def matches(doc, rule: dict) -> bool:
        for key, value in rule.items():
            if key == "title":
                ok = any(fold(v) in fold(doc.title) for v in as_list(value))
            elif key == "tag":
                ok = bool({fold(v) for v in as_list(value)} & {fold(t) for t in doc.tags})
            elif key == "street":  # in the address or the location, as whole words
                ok = re.search(rf"(^|\s){re.escape(fold(value))}[a-z]?(\s|$)",
                               fold(doc.place)) is not None
            elif key == "category":
                ok = category_numbers.get(value) in doc.category_numbers
            elif key == "kind":
                ok = doc.kind == value
            else:
                raise ValueError(f"unknown rule {key!r} in the query set")
            if not ok:
                return False
        return True

    return {doc.url for doc in docs if any(matches(doc, rule) for rule in rules)}


@dataclass
class Recall:
    """Found / wanted over a query set, and a line per query that missed."""

    found: int = 0
    wanted: int = 0
    misses: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # queries that expect nothing here

    @property
    def ratio(self) -> float:
        return self.found / self.wanted if self.wanted else 0.0


def recall(queries: list[dict], docs: list[SearchDocument], village,
           ranked: Callable[[str], list[str]], *, all_many: bool = False) -> Recall:
    """Recall of the expected items in the top `TOP` of `ranked(query)`.

    Normally all of a query's expected items must be in its top ten; a query marked
    ``many`` (or every query, with `all_many`, for content larger than the query set was
    written for) needs its top ten filled with expected items."""
    result = Recall()
    for entry in queries:
        expected = expected_urls(entry["expect"], docs, village)
        if not expected:
            result.skipped.append(entry["query"])
            continue
        top = ranked(entry["query"])[:TOP]
        if entry.get("many") or all_many:
            wanted = min(TOP, len(expected))
            found = min(wanted, len(set(top) & expected))
        else:
            wanted, found = len(expected), len(set(top) & expected)
        result.found += found
        result.wanted += wanted
        if found < wanted:
            result.misses.append(f"{entry['query']!r} ({entry.get('why')}): {found}/{wanted},"
                                 f" missing {sorted(expected - set(top))[:3]}")
    return result
