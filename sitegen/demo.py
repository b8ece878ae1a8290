"""`portal demo`: build the demo content and serve the portals on localhost for a newcomer.

Used when the CMS is not installed (with it, `cms.publishing.demo` takes the command over).
The portals are served by `sitegen.serve`, as `portal serve` does: the list of villages at
`/`, each village's own 404 page, and never the build state in hidden folders.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitegen.build import EXIT_NOTHING_PUBLISHED, BuildOptions, select_villages
from sitegen.cli import run_build
from sitegen.content import ContentRootError
from sitegen.serve import HOST, PortalServer, make_server


def demo_addresses(content: Path, port: int) -> dict[str, str]:
    """Each village's local address while the demo runs."""
    return {slug: f"http://{HOST}:{port}/{slug}" for slug in select_villages(content)}


def serve_demo(content: Path, out: Path, port: int) -> int:
    """Build every village with local addresses, then serve `out` until interrupted."""
    # The port first: a taken one is reported before a build of several minutes.
    try:
        server = make_server(out, port, log=sys.stderr)
    except OSError as err:
        print(f"portal demo: poort {port} is niet beschikbaar ({err.strerror}). Kies een "
              f"andere met --port.", file=sys.stderr)
        return EXIT_NOTHING_PUBLISHED
    try:
        return _build_and_serve(server, content, out)
    except KeyboardInterrupt:
        return 0
    finally:
        server.server_close()


def _build_and_serve(server: PortalServer, content: Path, out: Path) -> int:
    try:
        addresses = demo_addresses(content, server.server_address[1])
    except ContentRootError as err:
        print(f"portal demo: {err}", file=sys.stderr)
        return EXIT_NOTHING_PUBLISHED
    status = run_build(BuildOptions(content_root=content, out=out,
                                    base_url_override=addresses), [], jobs=1)
    if status == EXIT_NOTHING_PUBLISHED:
        return status
    print("\nDe portalen draaien op:", file=sys.stderr)
    for slug, url in addresses.items():
        print(f"  {slug:<24} {url}/", file=sys.stderr)
    print(f"Alle portalen: {server.url}/\nStoppen: Ctrl+C\n", file=sys.stderr, flush=True)
    server.serve_forever()
    return 0
