"""The preview client: a draft shown exactly as the portal will show it, to its editors only.

The content root of each test is the exported test villages; "what the portal will show"
is that content with the draft's file written in, built by sitegen at the same moment.
Each preview is built by a real preview process; the tests of how a request goes while
it builds hold that process back until they release it.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.test import Client, RequestFactory
from wagtail.models import Page
from wagtail_headless_preview.models import PagePreview

from cms.accounts.roles import create_connector, create_organisation_account
from cms.agenda.models import EventPage
from cms.publishing import preview as preview_module
from sitegen.build import BuildOptions, build_village
from sitegen.preview import page_output_path

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
PASSWORD = "een-lang-wachtwoord-42"
BANNER_RE = re.compile(r'<div class="preview-banner" role="status">[^<]*</div>')


@pytest.fixture
def villages(two_villages, settings, tmp_path, monkeypatch):
    """The two test villages, exported as content files; previews built at NOW."""
    from cms.publishing.exporting import export_content

    settings.PORTAL_PREVIEW_ROOT = tmp_path / "preview"
    # The request waits for the build (the tests of a slow build set a short wait).
    settings.PORTAL_PREVIEW_WAIT = 120
    assert export_content(Path(settings.PORTAL_CONTENT_ROOT), report=io.StringIO()) == 0
    monkeypatch.setattr(preview_module, "current_moment", lambda: NOW)
    return two_villages


@pytest.fixture
def people(villages):
    lindeveld, hoogmeer = villages
    return {
        "connector": create_connector(lindeveld.home, "sanne", "sanne@example.org", PASSWORD),
        "other_connector": create_connector(hoogmeer.home, "joost", "joost@example.org",
                                            PASSWORD),
        "buurthuis": create_organisation_account(
            lindeveld.organisations["buurthuis"], "buurthuis", "info@buurthuis.example",
            PASSWORD),
        "voedselbank": create_organisation_account(
            lindeveld.organisations["voedselbank"], "voedselbank", "info@voedselbank.example",
            PASSWORD),
    }


def client_url(page) -> str:
    """What wagtail-headless-preview frames for a draft: /voorvertoning/?content_type&token."""
    stored = page.create_page_preview()
    query = urlencode({"content_type": page.get_content_type_str(), "token": stored.token})
    return f"/voorvertoning/?{query}"


def open_preview(client, page):
    """Follow the client URL to the preview page; returns (response, address of the page)."""
    response = client.get(client_url(page))
    if response.status_code != 302 or not response["Location"].startswith("/voorvertoning/"):
        return response, None
    address = response["Location"]
    return client.get(address), address


def stored_draft():
    """The draft as the preview gets it: stored as JSON by wagtail-headless-preview (which
    keeps times to the millisecond) and read back."""
    return PagePreview.objects.order_by("-pk").first().as_page()


def portal_page(settings, tmp_path, page) -> str:
    """The page as the portal will show it with this draft's content file published."""
    from cms.publishing.exporting import page_file

    rel, text = page_file(page)
    village = rel.split("/", 1)[0]
    content = tmp_path / "published"
    shutil.copytree(settings.PORTAL_CONTENT_ROOT, content)
    (content / rel).write_text(text, "utf-8")
    out = tmp_path / "built"
    result = build_village(BuildOptions(content_root=content, out=out, now=NOW), village)
    assert result.built and not result.problems, result.problems
    return (out / village / page_output_path(village, rel)).read_text("utf-8")


def text_of(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8") if response.streaming else \
        response.content.decode("utf-8")


def drafts(lindeveld):
    """A changed draft of an organisation, an event and a story (not saved)."""
    org = Page.objects.get(pk=lindeveld.organisations["buurthuis"].pk).specific
    org.title = "Buurthuis De Nieuwe Linde"
    org.summary = "Nu ook op zaterdag open."
    event = Page.objects.get(pk=lindeveld.event.pk).specific
    event.title = "Koffieochtend met taart"
    story = Page.objects.get(pk=lindeveld.story.pk).specific
    story.title = "Een nieuw verhaal uit Lindeveld"
    story.body = "Een **nieuwe** alinea."
    return {"organisation": org, "event": event, "story": story}


# --------------------------------------------------------------------------------------
# The preview is the portal's page


@pytest.mark.parametrize("kind", ["organisation", "event", "story"])
def test_preview_equals_the_built_page_apart_from_the_banner(
        client, villages, people, settings, tmp_path, kind):
    draft = drafts(villages[0])[kind]
    client.force_login(people["connector"])
    response, address = open_preview(client, draft)
    assert response.status_code == 200, text_of(response)[:2000]
    page = text_of(response)
    assert len(BANNER_RE.findall(page)) == 1
    assert html.escape(str(preview_module.banner())) in page
    assert draft.title in page
    assert BANNER_RE.sub("", page) == portal_page(settings, tmp_path, stored_draft())
    # The address is as deep as on the portal, so the page's relative links work.
    assert address.endswith(f"/{draft.get_parent().slug}/{draft.slug}/")


def test_style_sheet_and_neighbouring_pages_are_served(client, villages, people):
    org = drafts(villages[0])["organisation"]
    client.force_login(people["connector"])
    response, address = open_preview(client, org)
    assert response.status_code == 200
    # What a browser makes of the page's relative links:
    css = client.get(urljoin(address, "../../theme/css/portal.css"))
    assert css.status_code == 200 and css["Content-Type"].startswith("text/css")
    listing = client.get(urljoin(address, "../"))
    assert listing.status_code == 200 and org.title in text_of(listing)
    assert client.get(urljoin(address, "../niet-bestaand/")).status_code == 404
    # NOT: a path that climbs out of the preview's site is refused.
    assert client.get(f"{address}../../../../preview.json").status_code == 404


def test_saved_content_is_untouched_by_a_preview(client, villages, people, settings):
    from cms.publishing.exporting import page_file

    org = drafts(villages[0])["organisation"]
    rel, _text = page_file(org)
    before = (Path(settings.PORTAL_CONTENT_ROOT) / rel).read_text("utf-8")
    client.force_login(people["connector"])
    assert open_preview(client, org)[0].status_code == 200
    assert (Path(settings.PORTAL_CONTENT_ROOT) / rel).read_text("utf-8") == before


def test_renamed_draft_replaces_its_old_address(client, villages, people):
    org = drafts(villages[0])["organisation"]
    org.slug = "de-nieuwe-linde"
    client.force_login(people["connector"])
    response, address = open_preview(client, org)
    assert response.status_code == 200 and address.endswith("/sociale-kaart/de-nieuwe-linde/")
    listing = text_of(client.get(urljoin(address, "../")))
    assert "/sociale-kaart/de-nieuwe-linde/\"" in listing
    assert "/sociale-kaart/buurthuis/\"" not in listing


def test_photo_chosen_in_the_draft_is_shown(client, villages, people, settings, tmp_path):
    from wagtail.images.tests.utils import get_test_image_file_jpeg

    from cms.core.models import PortalImage

    settings.MEDIA_ROOT = tmp_path / "media"
    photo = PortalImage.objects.create(title="Zaal", file=get_test_image_file_jpeg())
    org = drafts(villages[0])["organisation"]
    org.image, org.image_alt = photo, "De grote zaal"
    client.force_login(people["connector"])
    response, address = open_preview(client, org)
    assert response.status_code == 200
    page = text_of(response)
    assert 'alt="De grote zaal"' in page
    src = re.search(r'<img[^>]+src="([^"]+)"', page).group(1)
    assert client.get(urljoin(address, src)).status_code == 200
    # Not published: the photo is not in the content folder yet.
    assert not list(Path(settings.PORTAL_CONTENT_ROOT).rglob("*.jpg"))


def test_invalid_draft_shows_its_problems(client, villages, people):
    event = drafts(villages[0])["event"]
    event.end_date = date(2026, 11, 1)  # before its start: the portal would leave it out
    client.force_login(people["connector"])
    response = client.get(client_url(event))
    assert response.status_code == 200
    page = html.unescape(response.content.decode("utf-8"))
    assert "Voorvertoning niet mogelijk" in page
    assert "events/koffieochtend.md: end: ligt vóór start" in page  # in Dutch, for the editor


def test_preview_of_the_wagtail_preview_frame(client, villages, people):
    """Wagtail's preview renders a frame around the client URL; that URL opens the preview."""
    org = drafts(villages[0])["organisation"]
    request = RequestFactory().get("/admin/", HTTP_HOST="lindeveld.localhost")
    request.user = people["connector"]
    framed = org.serve_preview(request, "")
    src = html.unescape(re.search(r'<iframe src="([^"]+)"', framed.content.decode()).group(1))
    parts = urlsplit(src)
    assert parts.path == "/voorvertoning/"
    client.force_login(people["connector"])
    response = client.get(f"{parts.path}?{parts.query}", follow=True)
    assert response.status_code == 200 and org.title in text_of(response)


def test_home_page_and_listings(client, villages, people):
    lindeveld = villages[0]
    client.force_login(people["connector"])
    home = Page.objects.get(pk=lindeveld.home.pk).specific
    home.title = "Lindeveld Samen"  # the portal's name, in site.yaml
    response, address = open_preview(client, home)
    assert response.status_code == 200 and "<title>Lindeveld Samen</title>" in text_of(response)
    assert urlsplit(address).path.count("/") == 3  # /voorvertoning/<key>/: the site's root
    response, address = open_preview(client, lindeveld.agenda.specific)
    assert response.status_code == 200 and address.endswith("/agenda/")
    assert lindeveld.event.title in text_of(response)


def test_new_page_is_previewed_by_who_may_add_it(client, villages, people):
    lindeveld = villages[0]
    event = EventPage(title="Nieuwe reparatiemiddag", slug="reparatiemiddag",
                      start_date=date(2026, 12, 12), summary="Kapot? Samen maken.",
                      organiser=lindeveld.organisations["buurthuis"])
    # As Wagtail's own preview of a page being created does: a place in the tree, unsaved.
    event.depth = lindeveld.agenda.depth + 1
    event.path = event._get_path(lindeveld.agenda.path, event.depth, 99)
    client.force_login(people["buurthuis"])  # organisations may add events to the agenda
    response, _address = open_preview(client, event)
    assert response.status_code == 200 and "Nieuwe reparatiemiddag" in text_of(response)
    client.force_login(people["other_connector"])
    # NOT: a connector of Hoogmeer may not add pages to Lindeveld's agenda.
    assert client.get(client_url(event)).status_code == 403


# --------------------------------------------------------------------------------------
# Who sees a preview: users x pages


@pytest.mark.parametrize(("user", "kind", "status"), [
    ("connector", "organisation", 200),
    ("connector", "event", 200),
    ("connector", "story", 200),
    ("buurthuis", "organisation", 200),  # its own entry
    ("buurthuis", "event", 403),  # NOT: an event it did not create (made in the fixture)
    ("buurthuis", "story", 403),  # NOT: stories are the connectors'
    ("voedselbank", "organisation", 403),  # NOT: another organisation's entry
    ("other_connector", "organisation", 403),  # NOT: a page of another village
    ("other_connector", "story", 403),  # NOT: a page of another village
    (None, "organisation", 302),  # NOT: anonymous visitors are sent to the log-in
])
def test_only_editors_of_the_page_see_its_preview(client, villages, people, user, kind,
                                                 status):
    draft = drafts(villages[0])[kind]
    if user:
        client.force_login(people[user])
    response = client.get(client_url(draft))
    expected = 302 if status == 200 else status  # a preview answers with a redirect to it
    assert response.status_code == expected
    if user is None:
        assert response["Location"].startswith("/admin/login/")
    elif status == 200:
        assert client.get(response["Location"]).status_code == 200


def test_preview_address_is_private_to_who_made_it(client, villages, people):
    org = drafts(villages[0])["organisation"]
    client.force_login(people["connector"])
    _response, address = open_preview(client, org)
    client.logout()
    # NOT: anonymous visitors cannot open the built preview either.
    anonymous = client.get(address)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    client.force_login(people["voedselbank"])
    # NOT: the address of someone else's preview does not work for another organisation.
    assert client.get(address).status_code == 403
    client.force_login(people["buurthuis"])
    # NOT: not even for someone who may edit the page: the preview is the connector's.
    assert client.get(address).status_code == 403


@pytest.mark.parametrize("query", [
    {"content_type": "socialmap.organisationpage", "token": "vals"},
    {"content_type": "auth.user", "token": ""},
    {},
])
def test_nonsense_gives_not_found(client, villages, people, query):
    client.force_login(people["connector"])
    assert client.get(f"/voorvertoning/?{urlencode(query)}").status_code == 404


def edit_form_data(page, user, **changes) -> dict:
    """What the admin's edit form of `page` posts, with `changes` typed in."""
    from wagtail.admin.panels import get_edit_handler

    form = get_edit_handler(type(page)).get_form_class()(instance=page, for_user=user)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    for prefix, formset in form.formsets.items():
        for key, value in formset.management_form.initial.items():
            data[f"{prefix}-{key}"] = str(value)
    data.update(changes)
    return data


def test_preview_through_the_admin(client, villages, people):
    """The connector's preview button: the admin frames our client URL, which shows the draft."""
    org = villages[0].organisations["buurthuis"]
    user = people["connector"]
    client.force_login(user)
    url = f"/admin/pages/{org.pk}/edit/preview/"
    posted = client.post(url, edit_form_data(org.specific, user, title="Buurthuis Vernieuwd"))
    assert posted.json() == {"is_valid": True, "is_available": True}
    framed = client.get(url)
    assert framed.status_code == 200
    src = html.unescape(re.search(r'<iframe src="([^"]+)"', framed.content.decode()).group(1))
    parts = urlsplit(src)
    response = client.get(f"{parts.path}?{parts.query}", follow=True)
    assert response.status_code == 200
    assert "<h1>Buurthuis Vernieuwd</h1>" in text_of(response)


def test_a_page_at_its_cms_address_points_to_the_portal(client, villages):
    """Pages are published by sitegen; the CMS's own address of a page says where it is."""
    response = client.get("/sociale-kaart/buurthuis/", HTTP_HOST="lindeveld.localhost")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Buurthuis Lindeveld</h1>" in page
    assert 'href="https://lindeveld.example.org/"' in page


# --------------------------------------------------------------------------------------
# Built in a process of its own, off the request

REFRESH_RE = re.compile(r'<meta http-equiv="refresh" content="(\d+); url=([^"]+)">')

# A preview process that says it started, then waits for the gate before it builds.
HOLD_BACK = """
import os, runpy, sys, time
from pathlib import Path
gate, started = Path(sys.argv[1]), Path(sys.argv[2])
(started / str(os.getpid())).touch()
while not gate.exists():
    time.sleep(0.05)
sys.argv = ["sitegen.preview_worker", *sys.argv[3:]]
runpy.run_module("sitegen.preview_worker", run_name="__main__", alter_sys=True)
"""


class HeldBack:
    """Preview processes that wait for `release()` before they build."""

    def __init__(self, folder: Path):
        self.script = folder / "hold_back.py"
        self.script.write_text(HOLD_BACK, "utf-8")
        self.gate = folder / "gate"
        self.folder = folder / "started"
        self.folder.mkdir()

    def command(self, job_file: Path) -> list[str]:
        return [sys.executable, str(self.script), str(self.gate), str(self.folder),
                str(job_file)]

    def started(self, count: int | None = None) -> list[int]:
        """The ids of the processes started so far (once `count` of them have started)."""
        for _attempt in range(600 if count else 1):
            pids = sorted(int(path.name) for path in self.folder.iterdir())
            if count is None or len(pids) >= count:
                return pids
            time.sleep(0.05)
        return pids

    def release(self) -> None:
        self.gate.touch()


@pytest.fixture
def held_back(villages, settings, tmp_path, monkeypatch):
    """Previews whose build waits until the test releases it; requests wait 0.2 s."""
    settings.PORTAL_PREVIEW_WAIT = 0.2
    hold = HeldBack(tmp_path)
    monkeypatch.setattr(preview_module, "worker_command", hold.command)
    yield hold
    hold.release()  # no process outlives its test


def refresh_of(response) -> str | None:
    """The address a waiting page asks again, as a browser reads its meta refresh."""
    if response.status_code != 200:
        return None
    match = REFRESH_RE.search(text_of(response))
    return html.unescape(match.group(2)) if match else None


def until_ready(client, response, attempts: int = 1200):
    """Follow the waiting page's refreshes, as the browser does, until it answers otherwise."""
    for _attempt in range(attempts):
        address = refresh_of(response)
        if address is None:
            return response
        time.sleep(0.05)
        response = client.get(address)
    raise AssertionError("the preview kept saying it is being made")


def has_ended(pid: int) -> bool:
    """True once the process is gone (or a zombie: ended, not yet reaped)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return status.rsplit(")", 1)[1].split()[0] == "Z"


def test_slow_build_answers_at_once_then_redirects(client, villages, people, held_back):
    org = drafts(villages[0])["organisation"]
    client.force_login(people["connector"])
    waiting = client.get(client_url(org))
    assert waiting.status_code == 200
    page = text_of(waiting)
    assert "De voorvertoning wordt gemaakt" in page
    assert "{#" not in page and "#}" not in page  # no template comment shown to the editor
    # It asks again by itself: only the CMS's own script (no inline script) may run.
    directives = dict(d.strip().partition(" ")[::2]
                      for d in waiting["Content-Security-Policy"].split(";"))
    assert directives["script-src"] == "'self'"
    assert waiting["Content-Security-Policy"] == preview_module.PROGRESS_POLICY
    # Its script asks the same address the meta refresh (inside <noscript>) would reload,
    # so the page is not read out again every second under a screen reader.
    body = waiting.content.decode()
    assert f'data-next="{html.escape(refresh_of(waiting))}"' in body
    assert "<noscript><meta http-equiv=\"refresh\"" in body
    assert 'src="/static/publishing/preview_progress.js"' in body
    assert "default-src 'none'" in waiting["Content-Security-Policy"]
    assert waiting["Cache-Control"] == "private, no-store"
    address = refresh_of(waiting)
    assert address.startswith("/voorvertoning/?") and "wacht=" in address
    assert refresh_of(client.get(address)) == address  # still building
    # The panel asks for the same draft again: it waits for the build that runs.
    assert "wacht=" in refresh_of(client.get(client_url(org)))
    # A newer draft of the page waits its turn: one build at a time per preview folder.
    newer = drafts(villages[0])["organisation"]
    newer.title = "Buurthuis Nog Nieuwer"
    turn = client.get(client_url(newer))
    assert "De voorvertoning wordt gemaakt" in text_of(turn)
    assert "wacht=" not in refresh_of(turn)  # it asks to start again, not after this build
    assert len(held_back.started(1)) == 1  # one process so far

    client.logout()
    # NOT: the waiting page's address tells an anonymous visitor nothing: log in first.
    assert client.get(address)["Location"].startswith("/admin/login/")
    client.force_login(people["voedselbank"])
    # NOT: nor someone who may not edit the page.
    assert client.get(address).status_code == 403
    client.force_login(people["connector"])

    held_back.release()
    done = until_ready(client, client.get(address))
    assert done.status_code == 302
    assert done["Location"].endswith(f"/{org.get_parent().slug}/{org.slug}/")
    assert org.title in text_of(client.get(done["Location"]))


def test_build_past_its_time_limit_is_killed(client, villages, people, held_back, settings):
    org = drafts(villages[0])["organisation"]
    client.force_login(people["connector"])
    held_back.release()
    built = until_ready(client, client.get(client_url(org)))  # an earlier preview
    assert built.status_code == 302
    held_back.gate.unlink()  # the next build hangs ...
    settings.PORTAL_PREVIEW_TIMEOUT = 1  # ... past its limit

    org.title = "Buurthuis Met Een Eindeloze Tekst"
    waiting = client.get(client_url(org))
    assert refresh_of(waiting) is not None
    answer = until_ready(client, waiting)
    page = text_of(answer)
    assert answer.status_code == 200
    assert "De voorvertoning duurde te lang" in page
    assert "na 1 seconden gestopt" in page and "korter of eenvoudiger" in page
    assert refresh_of(answer) is None  # it stops asking
    pid = held_back.started(2)[-1]
    for _attempt in range(200):  # killed: gone by now, or at most not yet reaped
        if has_ended(pid):
            break
        time.sleep(0.05)
    assert has_ended(pid)
    # NOT: the earlier preview's address no longer shows the earlier draft.
    assert client.get(built["Location"]).status_code == 404

    # "Voorvertoning opnieuw maken" builds again.
    settings.PORTAL_PREVIEW_TIMEOUT = 60
    held_back.release()
    retry = html.unescape(re.search(r'<a href="([^"]+)"', page).group(1))
    again = until_ready(client, client.get(retry))
    assert again.status_code == 302
    assert org.title in text_of(client.get(again["Location"]))


def test_previews_of_two_villages_build_side_by_side(client, villages, people, held_back):
    lindeveld, hoogmeer = villages
    ours = drafts(lindeveld)["organisation"]
    theirs = Page.objects.get(pk=hoogmeer.organisations["sportclub"].pk).specific
    theirs.title = "Sportclub Hoogmeer Vernieuwd"
    client.force_login(people["connector"])
    other = Client()
    other.force_login(people["other_connector"])
    first = client.get(client_url(ours))
    second = other.get(client_url(theirs))
    assert refresh_of(first) and refresh_of(second)
    # Both processes run at once: neither waits for the other (no lock shared).
    assert len(held_back.started(2)) == 2
    held_back.release()
    first, second = until_ready(client, first), until_ready(other, second)
    assert first.status_code == second.status_code == 302
    assert ours.title in text_of(client.get(first["Location"]))
    assert theirs.title in text_of(other.get(second["Location"]))


def test_beyond_the_cap_the_preview_waits_its_turn(client, villages, people, held_back,
                                                   settings):
    settings.PORTAL_PREVIEW_PROCESSES = 1
    lindeveld, hoogmeer = villages
    theirs = Page.objects.get(pk=hoogmeer.organisations["sportclub"].pk).specific
    client.force_login(people["connector"])
    other = Client()
    other.force_login(people["other_connector"])
    first = client.get(client_url(drafts(lindeveld)["organisation"]))
    assert "wacht=" in refresh_of(first)
    busy = other.get(client_url(theirs))
    assert busy.status_code == 200 and "Even geduld" in text_of(busy)
    # It tries again to start (no build of its own to wait for), with the same checks.
    assert "wacht=" not in refresh_of(busy)
    assert busy["Content-Security-Policy"] == preview_module.PROGRESS_POLICY
    assert len(held_back.started(1)) == 1
    held_back.release()
    assert until_ready(client, first).status_code == 302
    second = until_ready(other, busy)
    assert second.status_code == 302
    assert theirs.title in text_of(other.get(second["Location"]))
    assert len(held_back.started()) == 2


def test_a_build_that_crashes_says_so(client, villages, people, settings, monkeypatch):
    settings.PORTAL_PREVIEW_WAIT = 0.2
    monkeypatch.setattr(preview_module, "worker_command",
                        lambda job_file: [sys.executable, "-c", "raise SystemExit(3)"])
    client.force_login(people["connector"])
    answer = until_ready(client, client.get(client_url(drafts(villages[0])["organisation"])))
    assert answer.status_code == 200 and "De voorvertoning is mislukt" in text_of(answer)
    assert refresh_of(answer) is None
    assert not list(Path(settings.PORTAL_PREVIEW_ROOT).glob("*/preview.json"))


def test_a_preview_beside_the_built_village_links_what_the_draft_leaves_alone(
        client, villages, people, settings):
    # With the village built (as the worker keeps it), the preview renders the pages the
    # draft changes and links the rest from the live site; the live site stays as it was.
    from sitegen.build import BuildOptions, build_village

    live = Path(settings.PORTAL_BUILD_ROOT)
    result = build_village(BuildOptions(content_root=Path(settings.PORTAL_CONTENT_ROOT),
                                        out=live, now=NOW), "lindeveld")
    assert result.built
    served = {p.relative_to(live / "lindeveld").as_posix(): (p.stat().st_ino, p.read_bytes())
              for p in (live / "lindeveld").rglob("*") if p.is_file()}
    story = drafts(villages[0])["story"]
    client.force_login(people["connector"])
    response, address = open_preview(client, story)
    assert response.status_code == 200
    assert len(BANNER_RE.findall(text_of(response))) == 1
    site = next(Path(settings.PORTAL_PREVIEW_ROOT).glob("*/site/lindeveld"))
    made = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*")
            if p.is_file()}
    linked = {p for p, inode in made.items() if served.get(p, (None,))[0] == inode}
    page = f"verhalen/{story.slug}/index.html"
    # The story, the lists that show it (stories, home) and its feed: nothing else.
    assert set(made) - linked == {page, "verhalen/index.html", "index.html",
                                  "feeds/verhalen.atom.xml"}
    # A neighbouring page, linked from the live site, is shown with the banner too.
    agenda = client.get(urljoin(address, "../../agenda/"))
    assert agenda.status_code == 200 and len(BANNER_RE.findall(text_of(agenda))) == 1
    assert {p: ((live / "lindeveld" / p).stat().st_ino, (live / "lindeveld" / p).read_bytes())
            for p in served} == served
