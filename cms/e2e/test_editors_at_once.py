"""Issue 10, "Editors never meet an error", as an acceptance test: the demo's real processes,
three editors in headless Chromium at the same time, then bursts of parallel requests.

The municipality (gemeente), a connector (verbinder) and an organisation (organisatie) each
work in their own browser, in their own thread, saving and publishing within seconds of one
another. Every response any of them gets is recorded: none may be a server error, every
published change must reach the portal, and the CMS log must hold no traceback.
"""

from __future__ import annotations

import re
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from cms.e2e.admin_http import (
    SERVER_ERROR,
    AdminSession,
    csrf_token,
    fetch,
    page_ids,
    portal_shows,
    query,
    server_errors_in_log,
    wait_for,
)
from cms.publishing.demo import DEMO_LOGINS
from cms.testing import log_in_to_admin
from sitegen.headless import browser

pytestmark = pytest.mark.browser

PASSWORDS = {username: password for _role, username, password in DEMO_LOGINS}
VILLAGE = "oosterlinde"  # the connector's and the organisation's village
STORY_TITLE = "Op de fiets naar het Repair Café in De Schakel"
STORY_SLUG = "op-de-fiets-naar-het-repair-cafe-in-de-schakel"
NEW_VILLAGE, NEW_VILLAGE_SLUG = "Lindeveld aan de Linge", "lindeveld-aan-de-linge"
NEW_ACCOUNT = ("schakel", "fietsen-repareren-2026")
PORTAL_WAIT = 90  # seconds a published change may take to reach the portal


def today() -> str:
    """Today as editors type it; a story dated later is held back until that day."""
    return date.today().strftime("%d-%m-%Y")


class Editor:
    """One person in their own headless browser: logs in, and records every response."""

    def __init__(self, chromium, demo, username: str | None, responses: list):
        self.demo = demo
        self.context = chromium.new_context(locale="nl-NL")
        self.context.on("response", lambda r: responses.append((r.status, r.request.method,
                                                                 r.url, username)))
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        if username:
            self.log_in(username, PASSWORDS[username])

    def log_in(self, username: str, password: str) -> None:
        log_in_to_admin(self.page, self.demo.cms_url, username, password)

    def open(self, path: str) -> None:
        self.page.goto(self.demo.cms_url + path)

    def type_and_leave(self, selector: str, text: str) -> None:
        """Type as a person does and Tab away (where date pickers used to 'correct')."""
        self.page.fill(selector, "")
        self.page.type(selector, text)
        self.page.press(selector, "Tab")
        self.page.keyboard.press("Escape")

    def footer_action(self, name: str) -> None:
        """Click an action of the page editor's footer ("action-save", "action-publish",
        "action-submit"), opening its menu when the action is in there."""
        button = self.page.locator("footer button.action-save" if name == "action-save"
                                   else f"footer button[name={name}]")
        if not button.is_visible():
            self.page.locator("footer button.w-dropdown__toggle").click()
        with self.page.expect_navigation():
            button.click()

    def messages(self) -> str:
        return self.page.locator(".messages").inner_text() if \
            self.page.locator(".messages").count() else ""


def run_at_once(journeys: dict[str, Callable[[], None]]) -> dict[str, str]:
    """Run each journey in its own thread; the traceback of each one that failed."""
    failures: dict[str, str] = {}

    def guarded(name, journey):
        try:
            journey()
        except BaseException:  # noqa: BLE001 - reported to the test below
            failures[name] = traceback.format_exc()

    threads = [threading.Thread(target=guarded, args=item, name=item[0])
               for item in journeys.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


# The three journeys; each starts its own Playwright (its sync API is one per thread).

def connector_journey(demo, ids, responses, submitted: threading.Event, found: dict):
    with browser() as chromium:
        me = Editor(chromium, demo, "verbinder", responses)

        # A new story with an accent in its title: published, with an ASCII address.
        me.open(f"/admin/pages/add/stories/storypage/{ids['verhalen']}/")
        me.page.fill("#id_title", STORY_TITLE)
        me.type_and_leave("#id_date", today())
        me.page.get_by_role("button", name="Kies buurtverbinder").click()
        me.page.locator(".modal").get_by_role("link", name="Marloes Verhoef").click()
        me.page.fill("#id_summary", "Vrijwilligers van het Repair Café maken fietsen weer heel.")
        me.footer_action("action-publish")
        found["story_messages"] = me.messages()

        # The Repair Café event, edited and published three times within seconds.
        event = ids["agenda/repair-cafe"]
        for round_ in range(1, 4):
            me.open(f"/admin/pages/{event}/edit/")
            me.page.fill("#id_summary", f"Repareren met de buren, ronde {round_}.")
            me.footer_action("action-publish")
        found["event_summary"] = "Repareren met de buren, ronde 3."

        # Invite a second organisation; the link is shown on the page.
        me.open(f"/admin/uitnodigen/{ids['sociale-kaart/dorpshuis-de-schakel']}/")
        me.page.fill("#id_email", "fietsen@deschakel.example")
        with me.page.expect_navigation():
            me.page.locator("main form button[type=submit], main form input[type=submit]"
                            ).first.click()
        link = re.search(r"https?://[^\s\"'<>]+/uitnodiging/[^\s\"'<>/]+/", me.page.content())
        assert link, "no invitation link on the page"
        found["invitation"] = link.group(0)

        # Someone at De Schakel accepts it in a browser of their own ...
        newcomer = Editor(chromium, demo, None, responses)
        newcomer.page.goto(found["invitation"])
        newcomer.page.fill("#id_username", NEW_ACCOUNT[0])
        newcomer.page.fill("#id_password1", NEW_ACCOUNT[1])
        newcomer.page.fill("#id_password2", NEW_ACCOUNT[1])
        with newcomer.page.expect_navigation():
            newcomer.page.get_by_role("button", name="Account aanmaken").click()
        found["accepted_at"] = newcomer.page.url
        # ... and logs in with the new account another day.
        again = Editor(chromium, demo, None, responses)
        again.log_in(*NEW_ACCOUNT)
        found["new_account_logged_in"] = True

        # Approve the organisation's change once it is submitted.
        assert submitted.wait(180), "the organisation never submitted its change"
        me.open(f"/admin/pages/{ids['sociale-kaart/bibliotheek-oosterlinde']}/edit/")
        me.page.locator("footer button.w-dropdown__toggle").click()
        approve = me.page.locator("footer").get_by_role("button", name=re.compile("^Goedkeuren"))
        with me.page.expect_navigation():
            approve.first.click()
        found["approve_messages"] = me.messages()


def organisation_journey(demo, ids, responses, submitted: threading.Event, found: dict):
    with browser() as chromium:
        me = Editor(chromium, demo, "organisatie", responses)
        org = ids["sociale-kaart/bibliotheek-oosterlinde"]
        for round_ in range(1, 3):
            me.open(f"/admin/pages/{org}/edit/")
            me.page.fill("#id_summary", f"Boeken, kranten en hulp met de computer ({round_}).")
            me.footer_action("action-save")
        me.open(f"/admin/pages/{org}/edit/")
        me.page.fill("#id_summary", "Boeken, kranten en elke week hulp met de computer.")
        me.footer_action("action-submit")
        found["submit_messages"] = me.messages()
        submitted.set()


def municipality_journey(demo, ids, responses, found: dict):
    with browser() as chromium:
        me = Editor(chromium, demo, "gemeente", responses)

        # A new village through "Nieuw dorp", with the starting categories.
        me.open("/admin/nieuw-dorp/")
        me.page.fill("#id_title", NEW_VILLAGE)
        me.page.fill("#id_municipality", "Lingedal")
        with me.page.expect_navigation():
            me.page.get_by_role("button", name="Dorp aanmaken").click()
        found["village_messages"] = me.messages()

        # A date typed the Dutch way is kept; nonsense is refused in Dutch.
        event = f"/admin/pages/{ids['wildebeke:agenda/boekenverkoop']}/edit/"
        found["dates"] = []
        for typed in ("17-12-2026", "17 december 2026"):
            me.open(event)
            me.type_and_leave("#id_start_date", typed)
            me.footer_action("action-publish")
            me.open(event)
            found["dates"].append((typed, me.page.input_value("#id_start_date")))
        me.open(event)
        me.type_and_leave("#id_start_date", "volgende week")
        me.footer_action("action-publish")
        found["nonsense"] = (me.page.inner_text("main"),
                             me.page.input_value("#id_start_date"))


# What the journeys found, by demo: run once per demo however the tests are ordered
# (cms/e2e/conftest.py says why a parametrized fixture would run them again).
_JOURNEYS: dict[int, dict] = {}


@pytest.fixture
def journeys(demo):
    """The three journeys run at the same time, once per demo; what each found."""
    if id(demo) not in _JOURNEYS:
        _JOURNEYS[id(demo)] = run_journeys(demo)
    return _JOURNEYS[id(demo)]


def run_journeys(demo) -> dict:
    ids = {**page_ids(demo, VILLAGE),
           **{f"wildebeke:{k}": v for k, v in page_ids(demo, "wildebeke").items()}}
    responses: list[tuple[int, str, str, str]] = []
    submitted = threading.Event()
    found: dict = {}
    failures = run_at_once({
        "verbinder": lambda: connector_journey(demo, ids, responses, submitted, found),
        "organisatie": lambda: organisation_journey(demo, ids, responses, submitted, found),
        "gemeente": lambda: municipality_journey(demo, ids, responses, found),
    })
    return {"failures": failures, "responses": responses, "found": found, "ids": ids}


def test_every_journey_ends_without_a_server_error(demo, journeys):
    assert not journeys["failures"], "\n".join(
        f"{who}:\n{trace}" for who, trace in journeys["failures"].items())
    errors = [r for r in journeys["responses"] if r[0] >= SERVER_ERROR]
    assert not errors, errors
    assert len(journeys["responses"]) > 50  # the recording did record


def test_the_cafe_story_is_live(demo, journeys):
    assert "gepubliceerd" in journeys["found"]["story_messages"].lower()
    story = demo.content_dir / VILLAGE / "stories" / f"{STORY_SLUG}.md"
    assert story.is_file()
    assert portal_shows(demo, f"/{VILLAGE}/verhalen/{STORY_SLUG}/", "Repair Café",
                        timeout=PORTAL_WAIT)


def test_the_last_of_quick_event_edits_is_on_the_portal(demo, journeys):
    summary = journeys["found"]["event_summary"]
    assert portal_shows(demo, f"/{VILLAGE}/agenda/repair-cafe/", summary,
                        timeout=PORTAL_WAIT)


def test_the_organisations_change_is_approved_and_on_the_portal(demo, journeys):
    text = "Boeken, kranten en elke week hulp met de computer."
    assert portal_shows(demo, f"/{VILLAGE}/sociale-kaart/bibliotheek-oosterlinde/", text,
                        timeout=PORTAL_WAIT)


def test_the_invitation_is_accepted_and_the_account_logs_in(demo, journeys):
    found = journeys["found"]
    school = journeys["ids"]["sociale-kaart/dorpshuis-de-schakel"]
    assert found["accepted_at"] == f"{demo.cms_url}/admin/pages/{school}/edit/"
    assert found["new_account_logged_in"]


def test_the_new_village_is_built_with_its_categories(demo, journeys):
    assert portal_shows(demo, f"/{NEW_VILLAGE_SLUG}/sociale-kaart/", "Zorg en welzijn",
                        "Sport en bewegen", "Vrijwilligerswerk", timeout=PORTAL_WAIT)
    assert fetch(f"{demo.portal_url}/{NEW_VILLAGE_SLUG}/")[0] == 200


def test_a_dutch_date_is_kept_and_nonsense_refused(demo, journeys):
    found = journeys["found"]
    assert found["dates"] == [("17-12-2026", "17-12-2026"),
                              ("17 december 2026", "17-12-2026")]
    text, kept = found["nonsense"]
    assert "‘volgende week’ is geen datum die we kunnen lezen" in text
    assert kept == "volgende week"
    event = demo.content_dir / "wildebeke" / "events" / "boekenverkoop.md"
    assert "start: 2026-12-17\n" in event.read_text("utf-8")


# Bursts over plain HTTP, after the journeys.

def post_all(session: AdminSession, path_and_data: list[tuple[str, dict]]) -> list:
    """POST every form at the same moment; each answer or the exception it raised."""
    barrier = threading.Barrier(len(path_and_data))

    def post(item):
        barrier.wait()
        try:
            return session.post(*item)
        except Exception as error:  # noqa: BLE001 - a reset connection is a finding
            return error

    with ThreadPoolExecutor(len(path_and_data)) as pool:
        return list(pool.map(post, path_and_data))


def outcome(answers) -> dict[str, int]:
    counts: dict[str, int] = {}
    for answer in answers:
        key = str(getattr(answer, "status_code", type(answer).__name__))
        counts[key] = counts.get(key, 0) + 1
    return counts


def test_fifty_new_pages_published_at_once(demo, journeys):
    session = AdminSession(demo.cms_url, "verbinder", PASSWORDS["verbinder"])
    add = f"/admin/pages/add/stories/storypage/{journeys['ids']['verhalen']}/"
    author = str(query(demo, """
import json
from cms.stories.models import AuthorProfile
print(json.dumps(AuthorProfile.objects.get(name="Marloes Verhoef").pk))
"""))  # the author's id, as the chooser sets it
    forms = []
    for number in range(50):
        data = session.form(add, title=f"Buurtnieuws {number}", date=today(),
                            summary=f"Tegelijk gepubliceerd, nummer {number}.",
                            organisations=[], slug="")
        data["author"] = [author]
        data["action-publish"] = ["action-publish"]
        forms.append((add, data))
    answers = post_all(session, forms)
    assert outcome(answers) == {"302": 50}, outcome(answers)
    stories = demo.content_dir / VILLAGE / "stories"
    assert all((stories / f"buurtnieuws-{n}.md").is_file() for n in range(50))
    for number in (0, 49):
        assert portal_shows(demo, f"/{VILLAGE}/verhalen/buurtnieuws-{number}/",
                            f"Tegelijk gepubliceerd, nummer {number}.", timeout=PORTAL_WAIT)


def test_fifty_edits_of_one_page_published_at_once(demo, journeys):
    session = AdminSession(demo.cms_url, "verbinder", PASSWORDS["verbinder"])
    edit = f"/admin/pages/{journeys['ids']['agenda/taalcafe']}/edit/"
    forms = []
    for number in range(50):
        data = session.form(edit, summary=f"Taalcafé, versie {number}.")
        data["action-publish"] = ["action-publish"]
        forms.append((edit, data))
    answers = post_all(session, forms)
    assert outcome(answers) == {"302": 50}, outcome(answers)
    # Nothing lost: the newest published revision is the one in the file and on the portal.
    summary = query(demo, f"""
import json
from wagtail.models import Page
print(json.dumps(Page.objects.get(pk={journeys['ids']['agenda/taalcafe']}).specific.summary))
""")
    assert re.fullmatch(r"Taalcafé, versie \d+\.", summary)
    event = demo.content_dir / VILLAGE / "events" / "taalcafe.md"
    assert wait_for(lambda: f"summary: {summary}" in event.read_text("utf-8"), 30)
    assert portal_shows(demo, f"/{VILLAGE}/agenda/taalcafe/", summary, timeout=PORTAL_WAIT)


def test_ten_accepts_of_one_invitation_make_one_account(demo, journeys):
    connector = AdminSession(demo.cms_url, "verbinder", PASSWORDS["verbinder"])
    organisation = journeys["ids"]["sociale-kaart/taalcafe-oosterlinde"]
    invite = f"/admin/uitnodigen/{organisation}/"
    page = connector.get(invite)
    sent = connector.post(invite, {"csrfmiddlewaretoken": [csrf_token(page.text)],
                                   "email": ["taal@oosterlinde.example"]})
    assert sent.status_code == 200
    link = re.search(r"/uitnodiging/[^\s\"'<>/]+/", sent.text).group(0)

    people = []
    for number in range(10):
        person = AdminSession(demo.cms_url)  # nobody logged in
        form = person.get(link)
        assert form.status_code == 200
        people.append((person, {"csrfmiddlewaretoken": [csrf_token(form.text)],
                                "username": [f"taal{number}"],
                                "password1": ["woorden-leren-2026"],
                                "password2": ["woorden-leren-2026"]}))
    barrier = threading.Barrier(len(people))

    def accept(item):
        person, data = item
        barrier.wait()
        try:
            return person.post(link, data)
        except Exception as error:  # noqa: BLE001
            return error

    with ThreadPoolExecutor(len(people)) as pool:
        answers = list(pool.map(accept, people))
    assert outcome(answers) == {"302": 1, "410": 9}, outcome(answers)
    assert all("al gebruikt" in a.text for a in answers if a.status_code == 410)
    accounts = query(demo, """
import json
from django.contrib.auth.models import User
print(json.dumps(User.objects.filter(username__startswith="taal").count()))
""")
    assert accounts == 1


def test_the_cms_log_tells_of_no_server_error(demo, journeys):
    time.sleep(1)  # the last request lines reach the log
    assert not server_errors_in_log(demo, "cms"), "\n".join(server_errors_in_log(demo, "cms"))
    assert not demo.exited()
