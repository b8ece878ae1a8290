"""Ten people submit one invitation at the same moment: one account, nine "al gebruikt"
pages, no server error.

pytest-django's live server shares one in-memory SQLite connection with the test, so
requests never really overlap there. This test runs the CMS as it runs in the demo instead:
`manage.py runserver` (a thread per request, a connection per thread) on a SQLite file
with the project's settings for several writers.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

REPO = Path(__file__).resolve().parents[3]
MANAGE = REPO / "cms" / "manage.py"
PASSWORD = "een-lang-wachtwoord-42"
SUBMISSIONS = 10

# Run inside the CMS, in one process to start Django once: the tables, a village with an
# organisation, and one invitation for it.
SETUP = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from cms.accounts.models import Invitation
from cms.testing import build_village
tree = build_village()
_invitation, token = Invitation.create(tree.organisation, "info@buurthuis.nl")
print("INVITATION", token, tree.organisation.pk)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, timeout=120) -> str:
    result = subprocess.run([sys.executable, str(MANAGE), *args], env=env, cwd=REPO,
                            capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def cms_server(tmp_path):
    """A migrated SQLite file with one invitation, served by runserver; yields
    (port, token, organisation id, database path)."""
    database = tmp_path / "db.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
           "DATABASE_URL": f"sqlite:///{database}",
           "PORTAL_CONTENT_ROOT": str(tmp_path / "content"),
           "PORTAL_BUILD_ROOT": str(tmp_path / "build"),
           "PORTAL_PREVIEW_ROOT": str(tmp_path / "preview"),
           "PORTAL_MEDIA_ROOT": str(tmp_path / "media"),
           "PYTHONUNBUFFERED": "1"}
    _word, token, organisation_id = re.search(
        r"^(INVITATION) (\S+) (\d+)$", manage(env, "shell", "-c", SETUP), re.M).groups()

    port = free_port()
    log = (tmp_path / "runserver.log").open("w")
    server = subprocess.Popen(
        [sys.executable, str(MANAGE), "runserver", "--noreload", "--skip-checks",
         f"127.0.0.1:{port}"], env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert server.poll() is None, (tmp_path / "runserver.log").read_text()
                assert time.monotonic() < deadline, "runserver did not start"
                time.sleep(0.2)
        yield port, token, int(organisation_id), database
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


class Visitor:
    """One browser: its own cookies, the form's CSRF token, and what the server answered."""

    def __init__(self, port: int, path: str):
        self.port, self.path = port, path
        self.origin = f"http://127.0.0.1:{port}"
        self.cookies = SimpleCookie()
        self.status: int | None = None
        self.location = self.body = ""

    def request(self, method: str, body: str = "", headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        cookie = "; ".join(f"{key}={morsel.value}" for key, morsel in self.cookies.items())
        connection.request(method, self.path, body=body,
                           headers={**(headers or {}), "Cookie": cookie})
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        content = response.read().decode()
        connection.close()
        return response, content

    def open_form(self) -> str:
        response, content = self.request("GET")
        assert response.status == 200, content[:500]
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)

    def submit(self, csrf: str, username: str):
        form = urlencode({"csrfmiddlewaretoken": csrf, "username": username,
                          "password1": PASSWORD, "password2": PASSWORD})
        response, self.body = self.request(
            "POST", form, {"Content-Type": "application/x-www-form-urlencoded",
                           "Origin": self.origin, "Referer": self.origin + self.path})
        self.status = response.status
        self.location = response.headers.get("Location", "")


def test_ten_simultaneous_submissions_make_one_account(cms_server):
    port, token, organisation_id, database = cms_server
    visitors = [Visitor(port, f"/uitnodiging/{token}/") for _ in range(SUBMISSIONS)]
    tokens = [visitor.open_form() for visitor in visitors]
    start = threading.Barrier(SUBMISSIONS)
    errors = []

    def submit(number: int):
        try:
            start.wait()
            visitors[number].submit(tokens[number], f"buurthuis{number}")
        except Exception as error:  # noqa: BLE001 - reported below, with the others
            errors.append(error)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert not errors

    statuses = sorted(visitor.status for visitor in visitors)
    assert all(status < 500 for status in statuses), statuses
    accepted = [visitor for visitor in visitors if visitor.status == 302]
    assert len(accepted) == 1, statuses
    assert accepted[0].location == f"/admin/pages/{organisation_id}/edit/"
    refused = [visitor for visitor in visitors if visitor.status != 302]
    assert all(visitor.status == 410 and "al gebruikt" in visitor.body
               for visitor in refused), statuses

    with sqlite3.connect(database) as db:
        accounts = db.execute("SELECT username FROM auth_user "
                              "WHERE username LIKE 'buurthuis%'").fetchall()
        used_by = db.execute("SELECT u.username FROM accounts_invitation i "
                             "JOIN auth_user u ON u.id = i.used_by_id").fetchall()
    assert len(accounts) == 1 and used_by == accounts
