"""No publish is lost: failed file writes, failed builds and lost tasks are recorded, shown
and tried again until the portal has what the editor published."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

import sitegen.build
from cms.publishing import builds, exporting
from cms.publishing.models import BUILD_GIVES_UP, BuildRequest
from cms.publishing.tests.test_pipeline import content_file, site_file


def publish_summary(page, text: str, capture) -> None:
    draft = page.get_latest_revision_as_object()
    draft.summary = text
    with capture(execute=True):
        draft.save_revision().publish()


def later(minutes: int = 3):
    return timezone.now() + timedelta(minutes=minutes)


def test_a_file_that_could_not_be_written_is_written_again_by_the_worker(
        published, monkeypatch, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]
    real_write = exporting.write_page_file
    calls = []

    def disk_full_once(page, content_root=None):
        calls.append(page.slug)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        return real_write(page, content_root)

    monkeypatch.setattr(exporting, "write_page_file", disk_full_once)
    publish_summary(org, "Soep op vrijdag, ook na de storing.", django_capture_on_commit_callbacks)

    # The publish itself went through; the worker wrote every file of the village again.
    assert "Soep op vrijdag, ook na de storing." in content_file(
        "lindeveld/organisations/buurthuis.md")
    assert "Soep op vrijdag" in site_file("lindeveld", "sociale-kaart/buurthuis/index.html")
    request = BuildRequest.objects.get(village="lindeveld")
    assert not request.resync and request.failures == 0 and request.status == 0


def test_a_failed_build_keeps_the_old_site_is_recorded_and_retried(
        published, monkeypatch, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]
    before = site_file("lindeveld", "sociale-kaart/buurthuis/index.html")
    real_build = sitegen.build.build_village
    monkeypatch.setattr(sitegen.build, "build_village",
                        lambda options, village: (_ for _ in ()).throw(
                            MemoryError("out of memory")))
    publish_summary(org, "Nieuwe tekst na de storing.", django_capture_on_commit_callbacks)

    request = BuildRequest.objects.get(village="lindeveld")
    assert (request.status, request.failures) == (2, 1)
    assert "out of memory" in request.error
    assert request.queued, "a retry is waiting"
    assert site_file("lindeveld", "sociale-kaart/buurthuis/index.html") == before

    # The test backend cannot run a task later, so the scheduler's sweep brings the retry.
    monkeypatch.setattr(sitegen.build, "build_village", real_build)
    assert builds.sweep_stale_requests(now=later()) == ["lindeveld"]
    request.refresh_from_db()
    assert (request.status, request.failures, request.error) == (0, 0, "")
    assert "Nieuwe tekst na de storing." in site_file(
        "lindeveld", "sociale-kaart/buurthuis/index.html")


def test_a_task_that_could_not_be_queued_is_queued_by_the_sweep(
        published, monkeypatch, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]

    class QueueDown:
        def enqueue(self, *args, **kwargs):
            raise RuntimeError("database is locked")

    monkeypatch.setattr(builds, "rebuild_village", QueueDown())
    publish_summary(org, "Tekst die even moest wachten.", django_capture_on_commit_callbacks)
    request = BuildRequest.objects.get(village="lindeveld")
    assert request.queued and "Tekst die even" not in site_file(
        "lindeveld", "sociale-kaart/buurthuis/index.html")

    monkeypatch.undo()
    assert builds.sweep_stale_requests(now=timezone.now()) == [], "not stale yet"
    assert builds.sweep_stale_requests(now=later()) == ["lindeveld"]
    assert "Tekst die even moest wachten." in site_file(
        "lindeveld", "sociale-kaart/buurthuis/index.html")


def test_a_second_task_for_a_build_that_is_done_builds_nothing(published, monkeypatch):
    builds.enqueue_build("lindeveld")
    request = BuildRequest.objects.get(village="lindeveld")
    assert request.covers(request.requested_at)
    monkeypatch.setattr(sitegen.build, "build_village",
                        lambda *a: pytest.fail("built although nothing changed"))
    assert builds.rebuild_village.call("lindeveld") == 0
    assert not BuildRequest.objects.get(village="lindeveld").queued


def running_since(minutes: int) -> None:
    now = timezone.now()
    BuildRequest.objects.filter(village="lindeveld").update(
        queued=True, enqueued_at=now - timedelta(minutes=minutes + 1),
        started_at=now - timedelta(minutes=minutes),
        finished_at=now - timedelta(minutes=minutes + 2))


def test_a_build_that_is_running_is_not_swept(published):
    running_since(4)
    before = BuildRequest.objects.get(village="lindeveld").enqueued_at
    assert builds.sweep_stale_requests() == []
    assert BuildRequest.objects.get(village="lindeveld").enqueued_at == before


def test_a_second_task_does_not_build_beside_a_running_one(published, monkeypatch):
    running_since(1)
    builds.enqueue_build("lindeveld")  # a newer request while it runs
    monkeypatch.setattr(sitegen.build, "build_village",
                        lambda *a: pytest.fail("built beside the running build"))
    assert builds.rebuild_village.call("lindeveld") == 2
    assert BuildRequest.objects.get(village="lindeveld").queued, "left for the running one"


def test_the_sweep_waits_for_a_retry_that_is_due_later(
        published, monkeypatch, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]
    BuildRequest.objects.filter(village="lindeveld").update(failures=2)
    monkeypatch.setattr(sitegen.build, "build_village",
                        lambda *args: (_ for _ in ()).throw(OSError("schijf vol")))
    publish_summary(org, "Derde poging.", django_capture_on_commit_callbacks)
    request = BuildRequest.objects.get(village="lindeveld")
    assert request.failures == 3  # the third retry waits RETRY_DELAYS[2], two minutes
    assert request.enqueued_at > timezone.now() + timedelta(minutes=1)
    assert builds.sweep_stale_requests(now=later(3)) == [], "not lost: due in 2 minutes"
    assert builds.sweep_stale_requests(now=later(5)) == ["lindeveld"]


def test_files_to_write_again_wait_for_a_build_that_succeeds(
        published, monkeypatch, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]
    real_write, real_build = exporting.write_page_file, sitegen.build.build_village
    monkeypatch.setattr(exporting, "write_page_file",
                        lambda *a, **k: (_ for _ in ()).throw(OSError(13, "geen toegang")))
    monkeypatch.setattr(sitegen.build, "build_village",
                        lambda *args: (_ for _ in ()).throw(OSError("schijf vol")))
    publish_summary(org, "Na twee storingen.", django_capture_on_commit_callbacks)
    assert BuildRequest.objects.get(village="lindeveld").resync, "kept for the retry"

    monkeypatch.setattr(exporting, "write_page_file", real_write)
    monkeypatch.setattr(sitegen.build, "build_village", real_build)
    assert builds.sweep_stale_requests(now=later()) == ["lindeveld"]
    assert not BuildRequest.objects.get(village="lindeveld").resync
    assert "Na twee storingen." in content_file("lindeveld/organisations/buurthuis.md")
    assert "Na twee storingen." in site_file("lindeveld", "sociale-kaart/buurthuis/index.html")


def test_a_publish_whose_request_was_lost_is_found_by_the_sweep(
        published, monkeypatch, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]
    builds.enqueue_build("lindeveld")  # the village has been asked for before
    monkeypatch.setattr(builds, "enqueue_build", lambda *a, **k: (_ for _ in ()).throw(
        RuntimeError("database is locked")))
    publish_summary(org, "Verloren verzoek.", django_capture_on_commit_callbacks)
    monkeypatch.undo()
    assert "Verloren" not in site_file("lindeveld", "sociale-kaart/buurthuis/index.html")
    assert builds.sweep_stale_requests(now=later()) == ["lindeveld"]
    assert "Verloren verzoek." in site_file("lindeveld", "sociale-kaart/buurthuis/index.html")


def test_a_build_whose_worker_was_killed_is_queued_again(published):
    """A worker killed mid-build leaves a claim that never finishes: once it is older than
    BUILD_GIVES_UP, the sweep queues the village again instead of waiting for ever."""
    minutes = int(BUILD_GIVES_UP.total_seconds() // 60) + 5
    running_since(minutes)
    # It was building a publish made just before it started, and nothing was published
    # since (the villages are older than this test: tests share them, cms/conftest.py).
    requested = timezone.now() - timedelta(minutes=minutes + 1)
    BuildRequest.objects.filter(village="lindeveld").update(
        requested_at=requested, built_request=timezone.now() - timedelta(hours=2))
    Page.objects.descendant_of(published[0].home, inclusive=True).filter(
        last_published_at__gt=requested).update(last_published_at=requested)
    assert builds.sweep_stale_requests() == ["lindeveld"]
    request = BuildRequest.objects.get(village="lindeveld")
    assert request.finished_at >= request.started_at and not request.queued


def test_a_request_never_moves_back_in_time(db, monkeypatch):
    """Two publishes whose requests reach the lock in the other order: the later moment
    stays, so a build that began in between still sees a newer request and builds again
    (found by fifty editors publishing one page at once: the last change stayed off the
    portal)."""
    monkeypatch.setattr(builds, "_enqueue", lambda village, delay=None: None)
    first = timezone.now() + timedelta(seconds=10)
    builds.enqueue_build("lindeveld")
    monkeypatch.setattr(timezone, "now", lambda: first)
    builds.enqueue_build("lindeveld")
    monkeypatch.setattr(timezone, "now", lambda: first - timedelta(seconds=5))
    builds.enqueue_build("lindeveld")
    assert BuildRequest.objects.get(village="lindeveld").requested_at == first


def test_a_publish_rebuilds_only_what_the_change_reaches(
        published, django_capture_on_commit_callbacks, settings):
    # The worker builds through the incremental path (`sitegen.incremental`): a new
    # summary replaces the organisation's page and the lists that show it; every other
    # file the residents are served stays the very same file.
    site = settings.PORTAL_BUILD_ROOT / "lindeveld"

    def inodes():
        return {p.relative_to(site).as_posix(): p.stat().st_ino
                for p in site.rglob("*") if p.is_file()}

    before = inodes()
    org = published[0].organisations["buurthuis"]
    publish_summary(org, "Ook op zaterdag open.", django_capture_on_commit_callbacks)
    assert "Ook op zaterdag open." in site_file("lindeveld", "sociale-kaart/buurthuis/index.html")
    after = inodes()
    replaced = {p for p, inode in after.items() if before.get(p) != inode}
    assert "sociale-kaart/buurthuis/index.html" in replaced
    assert "sociale-kaart/index.html" in replaced
    kept = set(after) - replaced
    assert {"agenda/index.html", "404.html", "theme/css/portal.css"} <= kept
    assert len(replaced) < len(after) / 2
