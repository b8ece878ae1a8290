"""The admin over plain HTTP, as a browser posts it: a logged-in session that reads a page
form (with Wagtail's own `querydict_from_html`), changes fields and posts it, plus the
waits and checks the acceptance tests share (the portal, the logs, the database).
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Callable

import requests
from wagtail.test.utils.form_data import querydict_from_html

from cms.publishing.demo import RunningDemo, manage
from sitegen.headless import fetch

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SERVER_ERROR = 500
# A request line of Django's runserver log that answered 5xx: `"POST /x HTTP/1.1" 500 123`.
SERVER_ERROR_LINE = re.compile(r'"[A-Z]+ [^"]*" 5\d\d ')


class AdminSession:
    """One editor's logged-in session with the CMS, without a browser (without a user
    name: a visitor who is not logged in)."""

    def __init__(self, cms_url: str, username: str = "", password: str = ""):
        self.cms_url = cms_url
        self.http = requests.Session()
        # One connection per request of a burst, none parked and dropped.
        self.http.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=64))
        if not username:
            return
        login = self.http.get(f"{cms_url}/admin/login/", timeout=60)
        response = self.http.post(
            f"{cms_url}/admin/login/", allow_redirects=False, timeout=60,
            headers={"Referer": f"{cms_url}/admin/login/"},
            data={"csrfmiddlewaretoken": csrf_token(login.text), "username": username,
                  "password": password, "next": "/admin/"})
        assert response.status_code == 302, f"login of {username}: {response.status_code}"

    def form(self, path: str, **changes) -> dict[str, list[str]]:
        """The data the page form at `path` would post, with `changes` (a list sets a
        multiple choice), including the CSRF token."""
        response = self.http.get(self.cms_url + path, timeout=60)
        assert response.status_code == 200, f"GET {path}: {response.status_code}"
        data = dict(querydict_from_html(response.text, form_id="page-edit-form").lists())
        data["csrfmiddlewaretoken"] = [csrf_token(response.text)]
        for name, value in changes.items():
            data[name] = [str(v) for v in value] if isinstance(value, list | tuple) \
                else [str(value)]
        return data

    def post(self, path: str, data: dict[str, list[str]]) -> requests.Response:
        """POST `data` to `path` as the form would, without following the redirect."""
        return self.http.post(self.cms_url + path, data=data, allow_redirects=False,
                              timeout=120, headers={"Referer": self.cms_url + path})

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.cms_url + path, timeout=60, **kwargs)


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)




def wait_for(check: Callable[[], bool], timeout: float = 60, every: float = 0.5) -> bool:
    """Poll `check` until it is true or `timeout` seconds have passed; its last answer."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(every)


def portal_shows(demo: RunningDemo, path: str, *texts: str, timeout: float = 60) -> bool:
    """Wait until the portal page `path` (e.g. "/oosterlinde/agenda/x/") answers 200 with
    every one of `texts` in it."""
    def shown() -> bool:
        status, html = fetch(demo.portal_url + path)
        return status == 200 and all(text in html for text in texts)
    return wait_for(shown, timeout)


def query(demo: RunningDemo, code: str):
    """Run Python `code` in the demo's CMS (its database, settings and folders) and return
    the JSON it prints last: how tests find page ids and count accounts."""
    done = subprocess.run(manage("shell", "-c", code), env=demo.env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def page_ids(demo: RunningDemo, village: str) -> dict[str, int]:
    """`<kind>/<slug>` -> page id of every page of `village` ("/" for the home page)."""
    return query(demo, f"""
import json
from wagtail.models import Page
home = Page.objects.get(depth=2, slug={village!r})
ids = {{"/": home.pk}}
for page in home.get_descendants():
    parent = page.get_parent()
    key = page.slug if parent.pk == home.pk else parent.slug + "/" + page.slug
    ids[key] = page.pk
print(json.dumps(ids))
""")


def server_errors_in_log(demo: RunningDemo, name: str = "cms") -> list[str]:
    """Lines of a process's log that tell of a server error: request lines answered 5xx
    and the start of every traceback, with the lines that follow it."""
    lines = demo.log_of(name).read_text("utf-8", errors="replace").splitlines()
    found = []
    for number, line in enumerate(lines):
        if SERVER_ERROR_LINE.search(line):
            found.append(line)
        elif line.startswith("Traceback"):
            found.append("\n".join(lines[number:number + 40]))
    return found
