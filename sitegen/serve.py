"""A static server for built portals on localhost: `portal serve`, `portal demo` and tests.

It serves `<site root>/<village>/...` as a web server or CDN would: `index.html` for a
folder, the village's own `404.html` (status 404) for a missing page, and at `/` a short
Dutch page listing the villages that are built. It never lists a folder and never serves
a hidden one (such as `.cache/`, the build's caches), which holds build state rather
than the site.

Standard library only (no Django, no Pelican): it reads the built files and nothing else.
"""

from __future__ import annotations

import html
import mimetypes
import re
import shutil
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

__all__ = ["PortalServer", "built_villages", "make_server", "serve_forever",
           "serve_in_thread"]

HOST = "127.0.0.1"

# Types a portal has that Python's table may lack or name differently.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".ics": "text/calendar; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)

PLAIN_PAGE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;
padding:0 1rem;line-height:1.5}}a{{color:#1a4f8b}}</style>
</head>
<body>
<main>
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"""


def built_villages(site_root: Path) -> dict[str, str]:
    """The villages built under `site_root`, slug -> name shown to residents.

    A village is a visible folder with an `index.html`; its name is the `<title>` of that
    home page (the portal's name), so the server needs no content files.
    """
    villages = {}
    root = Path(site_root)
    if not root.is_dir():
        return villages
    for folder in sorted(root.iterdir()):
        home = folder / "index.html"
        if folder.name.startswith(".") or not folder.is_dir() or not home.is_file():
            continue
        match = TITLE_RE.search(home.read_text("utf-8", errors="replace")[:20000])
        title = html.unescape(match.group(1)).strip() if match else ""
        villages[folder.name] = " ".join(title.split()) or folder.name
    return villages


def villages_page(villages: dict[str, str]) -> str:
    """The page at `/`: a list of links to the built portals."""
    if villages:
        items = "\n".join(
            f'<li><a href="/{html.escape(slug)}/">{html.escape(name)}</a></li>'
            for slug, name in villages.items())
        body = (f"<p>Op deze computer draaien {len(villages)} portalen. "
                f"Kies een dorp of wijk:</p>\n<ul>\n{items}\n</ul>")
    else:
        body = "<p>Er is nog geen portaal gebouwd. Bouw eerst met <code>portal build</code>.</p>"
    return PLAIN_PAGE.format(title="Buurtportalen", body=body)


def not_found_page() -> str:
    """The 404 page outside any village."""
    return PLAIN_PAGE.format(
        title="Pagina niet gevonden",
        body='<p>Deze pagina bestaat niet. <a href="/">Naar de lijst met portalen</a></p>')


class PortalRequestHandler(BaseHTTPRequestHandler):
    """GET and HEAD of built portals; `server` is a `PortalServer`."""

    server: PortalServer
    server_version = "buurtportaal"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(send_body=False)

    def respond(self, send_body: bool) -> None:
        split = urlsplit(self.path)
        path = unquote(split.path)
        if path == "/" or path == "/index.html":
            self.send_text(HTTPStatus.OK, villages_page(built_villages(self.server.site_root)),
                           send_body)
            return
        parts = path.split("/")[1:]
        if any(p.startswith(".") or "\\" in p or "\x00" in p for p in parts):
            self.not_found(None, send_body)  # hidden build state, or an escape attempt
            return
        village = self.server.site_root / parts[0]
        if not (village / "index.html").is_file():
            self.not_found(None, send_body)
            return
        target = village.joinpath(*[p for p in parts[1:] if p])
        if target.is_dir():
            if not path.endswith("/"):
                location = split.path + "/" + (f"?{split.query}" if split.query else "")
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        if not target.is_file() or not self.inside_site(target):
            self.not_found(village, send_body)
            return
        self.send_file(HTTPStatus.OK, target, send_body)

    def inside_site(self, target: Path) -> bool:
        """False for a symbolic link that leads out of the site root."""
        return target.resolve().is_relative_to(self.server.site_root.resolve())

    def not_found(self, village: Path | None, send_body: bool) -> None:
        page = village / "404.html" if village is not None else None
        if page is not None and page.is_file():
            self.send_file(HTTPStatus.NOT_FOUND, page, send_body)
        else:
            self.send_text(HTTPStatus.NOT_FOUND, not_found_page(), send_body)

    def send_text(self, status: HTTPStatus, text: str, send_body: bool) -> None:
        body = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def send_file(self, status: HTTPStatus, path: Path, send_body: bool) -> None:
        suffix = path.suffix.lower()
        kind = CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0]
        with path.open("rb") as stream:
            size = path.stat().st_size
            self.send_response(status)
            self.send_header("Content-Type", kind or "application/octet-stream")
            self.send_header("Content-Length", str(size))
            # A rebuild replaces files in place: the browser asks again each time.
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if send_body:
                shutil.copyfileobj(stream, self.wfile)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's name
        log = self.server.log
        if log is not None:
            log.write(f"{self.address_string()} - [{self.log_date_time_string()}] "
                      f"{format % args}\n")
            log.flush()


class PortalServer(ThreadingHTTPServer):
    """A threading HTTP server for the portals under `site_root`, writing requests to `log`."""

    daemon_threads = True

    def __init__(self, site_root: Path, port: int = 0, host: str = HOST,
                 log: TextIO | None = None):
        self.site_root = Path(site_root).resolve()
        self.log = log
        super().__init__((host, port), PortalRequestHandler)

    @property
    def url(self) -> str:
        """The base address, e.g. `http://127.0.0.1:8000` (no trailing slash)."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def make_server(site_root: Path, port: int = 0, host: str = HOST,
                log: TextIO | None = None) -> PortalServer:
    """A server bound to `host:port` (0: a free port), not yet serving."""
    return PortalServer(site_root, port, host, log)


def serve_in_thread(site_root: Path, port: int = 0, log: TextIO | None = None
                    ) -> PortalServer:
    """Serve in a daemon thread (tests); stop with `server.shutdown(); server.server_close()`."""
    server = make_server(site_root, port, log=log)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def serve_forever(site_root: Path, port: int, host: str = HOST,
                  log: TextIO | None = sys.stderr) -> int:
    """`portal serve`: serve until interrupted, with the address on stderr."""
    server = make_server(site_root, port, host, log)
    print(f"De portalen in {server.site_root} staan op {server.url}/ (stoppen: Ctrl+C)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
