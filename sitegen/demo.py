"""`portal demo`: build the demo content and serve the portals on localhost for a newcomer."""

from __future__ import annotations

import functools
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from sitegen.build import BuildOptions, select_villages
from sitegen.cli import run_build

HOST = "127.0.0.1"


def demo_addresses(content: Path, port: int) -> dict[str, str]:
    """Each village's local address while the demo runs."""
    return {slug: f"http://{HOST}:{port}/{slug}" for slug in select_villages(content)}


def serve_demo(content: Path, out: Path, port: int) -> int:
    """Build every village with local addresses, then serve `out` until interrupted."""
    addresses = demo_addresses(content, port)
    status = run_build(BuildOptions(content_root=content, out=out,
                                    base_url_override=addresses), [], jobs=1)
    if status == 2:
        return status
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(out))
    server = ThreadingHTTPServer((HOST, port), handler)
    print("\nDe portalen draaien op:", file=sys.stderr)
    for slug, url in addresses.items():
        print(f"  {slug:<24} {url}/", file=sys.stderr)
    print("Stoppen: Ctrl+C\n", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
