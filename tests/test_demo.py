"""`portal demo` without the CMS (sitegen.demo): build, then serve with sitegen.serve."""

from __future__ import annotations

import shutil
import socket
import threading
from pathlib import Path

from sitegen.demo import serve_demo
from sitegen.headless import fetch
from sitegen.serve import PortalServer

FIXTURES = Path(__file__).parent / "fixtures" / "golden"




def test_the_demo_builds_and_serves_the_portals(tmp_path, monkeypatch, capsys):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES, content)
    answers = {}
    serve_forever = PortalServer.serve_forever

    def visit_then_stop(server):
        # Serve for real in a thread, look around as a newcomer would, then stop as
        # Ctrl+C does.
        thread = threading.Thread(target=serve_forever, args=(server,))
        thread.start()
        try:
            for path in ("/", "/lindeveld/", "/lindeveld/bestaat-niet/", "/.cache/"):
                answers[path] = fetch(server.url + path)
        finally:
            server.shutdown()
            thread.join()
        raise KeyboardInterrupt

    monkeypatch.setattr(PortalServer, "serve_forever", visit_then_stop)
    assert serve_demo(content, tmp_path / "build", 0) == 0

    status, page = answers["/"]
    assert status == 200 and 'href="/lindeveld/"' in page  # the list of villages
    status, page = answers["/lindeveld/"]
    assert status == 200
    status, page = answers["/lindeveld/bestaat-niet/"]
    assert status == 404
    assert page == (tmp_path / "build" / "lindeveld" / "404.html").read_text("utf-8")
    assert answers["/.cache/"][0] == 404  # build state is never served
    err = capsys.readouterr().err
    assert "De portalen draaien op:" in err
    assert "lindeveld" in err and "GET /lindeveld/ " in err  # addresses, then the log


def test_a_taken_port_is_reported_before_building(tmp_path, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve_demo(tmp_path / "content", tmp_path / "build", port) == 2
    err = capsys.readouterr().err
    assert f"portal demo: poort {port} is niet beschikbaar" in err
    assert not (tmp_path / "build").exists()


def test_missing_content_is_reported(tmp_path, capsys):
    assert serve_demo(tmp_path / "nergens", tmp_path / "build", 0) == 2
    assert "portal demo:" in capsys.readouterr().err
