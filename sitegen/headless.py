"""Headless Chromium for the browser tests and the search benchmark: Debian's chromium
driven by Playwright (installed with the ``test`` extra), and a tiny static file server on
localhost (a portal needs nothing else at request time)."""

from __future__ import annotations

import contextlib
import functools
import shutil
import sys
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def fetch(url: str, timeout: float = 10) -> tuple[int, str]:
    """Status and text of a GET of `url`, 4xx and 5xx included; (0, reason) when nothing
    answered. For tests and benchmarks that read a running server as a browser would."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()
    except OSError as err:
        return 0, str(err)


def chromium_path() -> str:
    """Debian's chromium; never a browser downloaded by a test tool."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    raise RuntimeError("chromium is not installed: apt-get install chromium (see .ci/run)")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    """No traceback on stderr each time a browser drops a connection by moving on."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path):
    """Serve `folder` on a free localhost port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser():
    """A headless Chromium browser through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), headless=True,
                               args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
