"""The whole path from an editor's action in Wagtail to the static portal a resident sees."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.accounts.roles import create_connector, create_organisation_account
from cms.agenda.models import EventPage
from cms.publishing import builds
from cms.publishing.models import BuildRequest
from cms.publishing.scheduler import tick
from sitegen.build import build_village
from sitegen.search import search

PASSWORD = "een-lang-wachtwoord-2026"


def site_file(village: str, rel: str) -> str:
    return (settings.PORTAL_BUILD_ROOT / village / rel).read_text("utf-8")


def content_file(rel: str) -> str:
    return (settings.PORTAL_CONTENT_ROOT / rel).read_text("utf-8")


def commit_pending() -> None:
    """Run what the set-up's transaction left for after its commit, as a real commit would
    (the test database never commits, so those callbacks would otherwise never run)."""
    connection = transaction.get_connection()
    pending = list(connection.run_on_commit)
    connection.run_on_commit.clear()
    for _savepoints, callback, *_rest in pending:
        callback()


def test_organisation_edit_is_approved_by_a_connector_and_reaches_the_portal(
        published, django_capture_on_commit_callbacks):
    lindeveld, _ = published
    org = lindeveld.organisations["buurthuis"]
    org_user = create_organisation_account(org, "buurthuis", "b@example.org", PASSWORD)
    connector = create_connector(lindeveld.home, "verbinder", "v@example.org", PASSWORD)
    before = site_file("lindeveld", "sociale-kaart/buurthuis/index.html")

    # The organisation edits its entry and submits it: nothing changes on the portal yet.
    draft = org.get_latest_revision_as_object()
    draft.summary = "Elke vrijdag verse soep voor iedereen."
    draft.save_revision(user=org_user)
    with django_capture_on_commit_callbacks(execute=True):
        org.get_workflow().start(org, org_user)
    org.refresh_from_db()
    assert "verse soep" not in content_file("lindeveld/organisations/buurthuis.md")
    assert site_file("lindeveld", "sociale-kaart/buurthuis/index.html") == before

    # The connector approves: the file changes, the village is rebuilt, residents see it.
    task_state = org.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, connector, "approve")
    assert "Elke vrijdag verse soep voor iedereen." in content_file(
        "lindeveld/organisations/buurthuis.md")
    assert "Elke vrijdag verse soep voor iedereen." in site_file(
        "lindeveld", "sociale-kaart/buurthuis/index.html")
    assert "verse soep" in site_file("lindeveld", "sociale-kaart/index.html")
    assert "verse soep" not in site_file("hoogmeer", "sociale-kaart/index.html")
    # The approval's build ran and left nothing out; no further build waits.
    request = BuildRequest.objects.get(village="lindeveld")
    assert (request.status, request.problems, request.queued) == (0, [], False)
    assert request.built_request == request.requested_at


def test_unpublished_organisation_leaves_page_listings_search_and_open_data(
        published, django_capture_on_commit_callbacks):
    lindeveld, _ = published
    org = lindeveld.organisations["voedselbank"]
    assert (settings.PORTAL_BUILD_ROOT / "lindeveld/sociale-kaart/voedselbank").is_dir()
    with django_capture_on_commit_callbacks(execute=True):
        org.unpublish(user=None)
    assert not (settings.PORTAL_CONTENT_ROOT / "lindeveld/organisations/voedselbank.md").exists()
    assert not (settings.PORTAL_BUILD_ROOT / "lindeveld/sociale-kaart/voedselbank").exists()
    for listing in ("sociale-kaart/index.html", "open-data/organisaties.json", "sitemap.xml"):
        assert "voedselbank" not in site_file("lindeveld", listing).lower(), listing
    site = settings.PORTAL_BUILD_ROOT / "lindeveld"
    assert not any("voedselbank" in url for url in search(site, "voedselbank", limit=50))
    for chunk in (site / "zoeken/index/docs").iterdir():
        assert "sociale-kaart/voedselbank/" not in chunk.read_text("utf-8")


def test_deleted_event_leaves_the_agenda(published, django_capture_on_commit_callbacks):
    lindeveld, _ = published
    assert (settings.PORTAL_BUILD_ROOT / "lindeveld/agenda/koffieochtend").is_dir()
    with django_capture_on_commit_callbacks(execute=True):
        EventPage.objects.get(pk=lindeveld.event.pk).delete()
    assert not (settings.PORTAL_BUILD_ROOT / "lindeveld/agenda/koffieochtend").exists()
    assert "koffieochtend" not in site_file("lindeveld", "agenda.ics").lower()


def test_scheduled_page_appears_once_the_scheduler_has_run(
        published, django_capture_on_commit_callbacks):
    lindeveld, _ = published
    org = lindeveld.organisations["buurthuis"]
    draft = org.get_latest_revision_as_object()
    draft.summary = "Vanaf volgende week ook open op zaterdag."
    draft.go_live_at = timezone.now() + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    # Scheduled, not yet live: the portal still shows the old text.
    assert "zaterdag" not in site_file("lindeveld", "sociale-kaart/buurthuis/index.html")
    with django_capture_on_commit_callbacks(execute=True):
        tick(last_day=timezone.localdate())  # before the go-live time: nothing happens
    assert "zaterdag" not in site_file("lindeveld", "sociale-kaart/buurthuis/index.html")

    # An hour later the scheduler publishes it, and the rebuild brings it to residents.
    revision = org.get_latest_revision()
    an_hour_later = timezone.now() - timedelta(minutes=1)  # the go-live moment has passed
    revision.approved_go_live_at = an_hour_later
    revision.content["go_live_at"] = an_hour_later.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    with django_capture_on_commit_callbacks(execute=True):
        tick(last_day=timezone.localdate())
    assert "Vanaf volgende week ook open op zaterdag." in site_file(
        "lindeveld", "sociale-kaart/buurthuis/index.html")


def test_a_new_day_rebuilds_every_village_so_past_events_leave(published, monkeypatch):
    asked = []
    monkeypatch.setattr("cms.publishing.scheduler.request_build", asked.append)
    today = tick(last_day=None)
    assert sorted(asked) == ["hoogmeer", "lindeveld"]
    asked.clear()
    tick(last_day=today)
    assert asked == []  # same day: no rebuild without a change


def test_a_renamed_organisation_moves_and_leaves_a_redirect(
        published, django_capture_on_commit_callbacks):
    lindeveld, _ = published
    org = lindeveld.organisations["buurthuis"]
    draft = org.get_latest_revision_as_object()
    draft.slug = "buurthuis-de-brug"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert not (settings.PORTAL_CONTENT_ROOT / "lindeveld/organisations/buurthuis.md").exists()
    assert (settings.PORTAL_CONTENT_ROOT
            / "lindeveld/organisations/buurthuis-de-brug.md").is_file()
    assert (settings.PORTAL_BUILD_ROOT
            / "lindeveld/sociale-kaart/buurthuis-de-brug/index.html").is_file()
    old = site_file("lindeveld", "sociale-kaart/buurthuis/index.html")
    assert "url=../../sociale-kaart/buurthuis-de-brug/" in old


def test_renaming_a_page_whose_old_slug_the_build_refused_leaves_no_redirect(
        published, django_capture_on_commit_callbacks):
    """A Unicode slug from before slugs were ASCII never had a portal address: renaming
    it to a good one adds no redirect that every later build would report."""
    lindeveld, _ = published
    story = lindeveld.story
    type(story).objects.filter(pk=story.pk).update(slug="repair-café")
    story.refresh_from_db()
    draft = story.get_latest_revision_as_object()
    draft.slug = "repair-cafe"
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert not (settings.PORTAL_CONTENT_ROOT / "lindeveld/redirects.yaml").exists()
    request = BuildRequest.objects.get(village="lindeveld")
    assert (request.status, request.problems) == (0, [])


def test_a_burst_of_publishes_queues_one_build_and_the_latest_content_wins(
        published, settings, monkeypatch, django_capture_on_commit_callbacks):
    class QueueRecorder:
        """Stands in for the build task: records what is queued instead of building."""

        def __init__(self):
            self.queued = []

        def enqueue(self, village):
            self.queued.append(village)

    recorder = QueueRecorder()
    monkeypatch.setattr(builds, "rebuild_village", recorder)
    lindeveld, _ = published
    with django_capture_on_commit_callbacks(execute=True):
        for i, org in enumerate(lindeveld.organisations.values()):
            draft = org.get_latest_revision_as_object()
            draft.summary = f"Versie {i}."
            draft.save_revision().publish()
    assert recorder.queued == ["lindeveld"]  # two publishes, one queued build
    monkeypatch.undo()

    # A publish that lands while the build runs makes the same task build once more.
    calls = []

    def slow_build(options, village):
        calls.append(village)
        if len(calls) == 1:
            BuildRequest.objects.filter(village=village).update(
                requested_at=timezone.now() + timedelta(seconds=1))
        return build_village(options, village)

    monkeypatch.setattr("sitegen.build.build_village", slow_build)  # imported at run time
    builds.rebuild_village.call("lindeveld")
    assert calls == ["lindeveld", "lindeveld"]
    request = BuildRequest.objects.get(village="lindeveld")
    assert request.queued is False and request.built_request == request.requested_at


def test_an_organisation_moved_to_another_village_moves_its_file(
        published, django_capture_on_commit_callbacks):
    lindeveld, hoogmeer = published
    org = lindeveld.organisations["voedselbank"]
    with django_capture_on_commit_callbacks(execute=True):
        org.move(hoogmeer.socialmap, pos="last-child")
    assert not (settings.PORTAL_CONTENT_ROOT / "lindeveld/organisations/voedselbank.md").exists()
    assert (settings.PORTAL_CONTENT_ROOT / "hoogmeer/organisations/voedselbank.md").is_file()
    assert not (settings.PORTAL_BUILD_ROOT / "lindeveld/sociale-kaart/voedselbank").exists()
    assert (settings.PORTAL_BUILD_ROOT / "hoogmeer/sociale-kaart/voedselbank/index.html").is_file()
