"""``portal search``: thin wiring from the command line to `ranking.search`, which ranks
with the static index exactly as the browser does."""

from __future__ import annotations

import sys
from pathlib import Path


def add_search_command(commands) -> None:
    """Add ``portal search --site DIR/<village> QUERY`` to the `portal` sub-commands."""
    parser = commands.add_parser(
        "search", help="print the ranked result URLs for a query, one per line, best first")
    parser.add_argument("--site", type=Path, required=True, metavar="DIR/VILLAGE",
                        help="a built village, e.g. build/oosterlinde")
    parser.add_argument("--limit", type=int, default=10, help="most results to print")
    parser.add_argument("query", nargs="+", metavar="QUERY")
    parser.set_defaults(func=cmd_search)


def cmd_search(args) -> int:
    """Print the result URLs (relative to the site root); 2 when there is no index."""
    from sitegen.search.ranking import SearchIndexMissing, search

    if args.limit < 1:
        print("portal search: --limit must be 1 or more", file=sys.stderr)
        return 2
    try:
        urls = search(args.site, " ".join(args.query), args.limit)
    except SearchIndexMissing as err:
        print(f"portal search: {err}", file=sys.stderr)
        return 2
    for url in urls:
        print(url)
    return 0
