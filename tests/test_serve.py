"""The static server of built portals: the list at `/`, folders, 404s, hidden build state."""

from __future__ import annotations

import io
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.serve import built_villages, serve_in_thread

VILLAGE_404 = "<!DOCTYPE html><html lang=\"nl\"><title>Niet gevonden</title>eigen 404</html>"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


@pytest.fixture
def site_root(tmp_path) -> Path:
    """Two built villages (one with a 404.html), build state beside and inside them."""
    root = tmp_path / "build"
    write(root / "lindeveld" / "index.html", "<html><title>Samen &amp; Lindeveld</title></html>")
    write(root / "lindeveld" / "404.html", VILLAGE_404)
    write(root / "lindeveld" / "sociale-kaart" / "buurthuis" / "index.html", "buurthuis")
    write(root / "lindeveld" / "agenda.ics", "BEGIN:VCALENDAR")
    write(root / "lindeveld" / ".verborgen" / "index.txt", "geheim")
    write(root / "hoogmeer" / "index.html", "<html><title>Hoogmeer\n doet mee</title></html>")
    write(root / ".cache" / "lindeveld" / "deps.json", "{}")
    write(root / "half-gebouwd" / "style.css", "")  # no index.html: not a village
    return root


@pytest.fixture
def server(site_root):
    log = io.StringIO()
    server = serve_in_thread(site_root, log=log)
    server.test_log = log
    yield server
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, str, dict]:
    """Status, body and headers of GET `url`, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), dict(err.headers)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self._href = dict(attrs)["href"]
            self.links.append((self._href, ""))

    def handle_data(self, data):
        if self._href is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None


def test_the_root_lists_the_built_villages_by_name_in_dutch(server):
    status, body, headers = get(server.url + "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="nl">' in body and "<title>Buurtportalen</title>" in body
    parsed = Links()
    parsed.feed(body)
    assert parsed.tags.count("h1") == 1
    assert parsed.links == [("/hoogmeer/", "Hoogmeer doet mee"),
                            ("/lindeveld/", "Samen & Lindeveld")]
    assert ".cache" not in body and "half-gebouwd" not in body


def test_a_folder_is_served_by_its_index_and_redirected_to_its_slash(server):
    assert get(server.url + "/lindeveld/sociale-kaart/buurthuis/")[:2] == (200, "buurthuis")
    status, _, headers = get(server.url + "/lindeveld/sociale-kaart/buurthuis?x=1")
    assert status == 301
    assert headers["Location"] == "/lindeveld/sociale-kaart/buurthuis/?x=1"
    status, _, headers = get(server.url + "/lindeveld")
    assert (status, headers["Location"]) == (301, "/lindeveld/")
    status, body, headers = get(server.url + "/lindeveld/agenda.ics")
    assert (status, body) == (200, "BEGIN:VCALENDAR")
    assert headers["Content-Type"].startswith("text/calendar")


def test_a_missing_page_of_a_village_gets_its_own_404(server):
    assert get(server.url + "/lindeveld/bestaat-niet/")[:2] == (404, VILLAGE_404)
    # A folder without index.html is missing too: never a directory listing.
    assert get(server.url + "/lindeveld/sociale-kaart/")[:2] == (404, VILLAGE_404)


@pytest.mark.parametrize("path", [
    "/.cache/", "/.cache/lindeveld/deps.json", "/lindeveld/.verborgen/index.txt",
    "/lindeveld/%2esearch/index.txt", "/lindeveld/../.cache/lindeveld/deps.json",
    "/half-gebouwd/style.css", "/hoogmeer/bestaat-niet", "/nergens/",
])
def test_build_state_and_unknown_places_get_a_plain_dutch_404(server, path):
    status, body, _ = get(server.url + path)
    assert status == 404
    assert '<html lang="nl">' in body and "<h1>Pagina niet gevonden</h1>" in body
    assert "geheim" not in body and "{}" not in body


def test_a_symbolic_link_out_of_the_site_is_not_followed(server, site_root, tmp_path):
    write(tmp_path / "elders.txt", "buiten de site")
    (site_root / "lindeveld" / "elders.txt").symlink_to(tmp_path / "elders.txt")
    assert get(server.url + "/lindeveld/elders.txt")[0] == 404


def test_requests_are_logged_to_the_given_stream_only(server):
    get(server.url + "/lindeveld/")
    assert '"GET /lindeveld/ HTTP/1.1" 200' in server.test_log.getvalue()


def test_head_sends_headers_without_a_body(server):
    request = urllib.request.Request(server.url + "/lindeveld/", method="HEAD")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert int(response.headers["Content-Length"]) > 0
        assert response.read() == b""


def test_built_villages_without_a_site_root_is_empty(tmp_path):
    assert built_villages(tmp_path / "nog-niet-gebouwd") == {}


def test_portal_serve_is_a_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    assert "--site-root" in capsys.readouterr().out
