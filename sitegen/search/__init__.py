"""Resident search of a portal: Dutch analysis, the index a build writes, and ranking.

`build_search_index` writes, per village, a static, sharded index whose scores Whoosh
computed; `search` and `rank` rank a query with it, as the browser client does. See
docs/SEARCH.md for the format and the ranking the browser client must reproduce.

The names below load their module (and Whoosh) on first use, so that ``portal`` starts
as fast for every other command.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "SearchIndexStats": "sitegen.search.indexing",
    "build_search_index": "sitegen.search.indexing",
    "search_documents": "sitegen.search.indexing",
    "SearchIndexMissing": "sitegen.search.ranking",
    "rank": "sitegen.search.ranking",
    "search": "sitegen.search.ranking",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'sitegen.search' has no attribute {name!r}")
