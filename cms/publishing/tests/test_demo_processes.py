"""`start_demo` runs the real processes of `portal demo`: the CMS, worker, scheduler and
portal server, each with its log, the portals listed at `/` and linked to themselves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cms.publishing.demo import PROCESS_NAMES, REPO_ROOT, start_demo
from sitegen.headless import fetch

# Both tests on one worker (`--dist loadgroup`), and the demo kept for the whole run of
# that worker: xdist may run other modules' tests between the two, which ends a
# module-scoped fixture, so each test started a demo of its own (20-26 s each).
pytestmark = pytest.mark.xdist_group("demo-processes")


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    content = folder / "repo-content"
    shutil.copytree(REPO_ROOT / "content", content)
    running = start_demo(folder / "var", content, report=None)
    yield running
    running.stop()


def test_the_portal_server_lists_the_villages_and_hides_build_state(demo):
    status, home = fetch(demo.portal_url + "/")
    assert status == 200 and '<html lang="nl">' in home
    assert demo.villages == ["oosterlinde", "wildebeke"]
    for slug in demo.villages:
        assert f'href="/{slug}/"' in home
    assert fetch(demo.portal_url + "/.cache/")[0] == 404
    assert ".cache" not in home


def test_a_missing_page_gets_the_village_404(demo):
    status, page = fetch(demo.portal_url + "/oosterlinde/bestaat-niet/")
    own = (demo.build_dir / "oosterlinde" / "404.html").read_text("utf-8")
    assert (status, page) == (404, own)


def test_the_portals_link_to_themselves_and_the_cms_answers(demo):
    site = (demo.content_dir / "oosterlinde" / "site.yaml").read_text("utf-8")
    original = (REPO_ROOT / "content" / "oosterlinde" / "site.yaml").read_text("utf-8")
    address = f"{demo.portal_url}/oosterlinde/"
    # Only the base_url line differs from the repository's content.
    assert [line for line in site.splitlines() if line not in original.splitlines()] == [
        f"base_url: {address}"]
    status, page = fetch(address)
    assert status == 200
    assert f'<link rel="canonical" href="{address}">' in page
    assert fetch(demo.cms_url + "/admin/login/")[0] == 200


def test_every_process_logs_to_its_file(demo):
    fetch(demo.cms_url + "/admin/login/")
    for name in PROCESS_NAMES:
        assert demo.log_of(name).is_file(), name
    assert demo.log_of("cms") == Path(demo.log_dir) / "cms.log"
    assert "GET /admin/login/" in demo.log_of("cms").read_text("utf-8")
    assert "GET / HTTP/1.1" in demo.log_of("portals").read_text("utf-8")
    assert not demo.exited()


def test_stop_ends_every_process(demo):
    demo.stop()
    assert sorted(demo.exited()) == sorted(PROCESS_NAMES)
    for url in (demo.portal_url + "/", demo.cms_url + "/admin/login/"):
        assert fetch(url)[0] == 0, f"{url} still answers"
