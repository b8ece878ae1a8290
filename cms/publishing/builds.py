"""Rebuilding a village's portal in the background, with bursts coalesced and failures retried.

`request_build` is called whenever published content changes; it enqueues at most one
`rebuild_village` task per village at a time. The task rebuilds until no newer request
arrived while it was building. It never holds a database transaction while it builds:
it reads its request, builds, then records the outcome, each in a short transaction.

Nothing is dropped silently. A build that fails (or a content file that could not be
written after a publish) is recorded on the village's `BuildRequest`, shown to editors,
and tried again after a growing pause; the scheduler's `sweep_stale_requests` enqueues
again any request that no worker picked up (a lost task, a worker that was down).
"""

from __future__ import annotations

import io
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.publishing.models import BuildRequest

try:  # Django 6 has the tasks framework built in; on Django 5.2 it is the django-tasks backport
    from django.tasks import task
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task

logger = logging.getLogger(__name__)
MAX_ROUNDS = 5  # a village rebuilt this often in one task is being edited right now; yield
# Pauses before the 1st, 2nd, ... retry of a failed build; after the last the scheduler's
# sweep keeps trying every STALE_AFTER.
RETRY_DELAYS = (timedelta(seconds=5), timedelta(seconds=30), timedelta(minutes=2),
                timedelta(minutes=10))
STALE_AFTER = timedelta(minutes=2)


def request_build(village: str) -> None:
    """Ask for a rebuild of `village` once the current transaction's file changes are done."""
    from cms.publishing.batch import after_commit

    after_commit(village=village)


def enqueue_build(village: str, resync: bool = False) -> None:
    """Record the request and queue a build task unless one is already waiting.

    `resync`: a content file of the village could not be written; the build first writes
    all of the village's files again from the database.
    """
    with transaction.atomic():
        request, _ = BuildRequest.objects.select_for_update().get_or_create(
            village=village, defaults={"requested_at": timezone.now()})
        # The moment is taken once the request is locked, and never moves back: requests
        # from several threads reach the lock in any order, and a worker that began a build
        # after a later moment would otherwise never see the change as newer than it.
        now = timezone.now()
        request.requested_at = max(request.requested_at, now)
        already_queued = request.queued
        request.queued = True
        request.resync = request.resync or resync
        if not already_queued:
            request.enqueued_at = now
        request.save(update_fields=["requested_at", "queued", "resync", "enqueued_at"])
    if not already_queued:
        _enqueue(village)


def _enqueue(village: str, delay: timedelta | None = None) -> None:
    """Queue the task; a failure to queue is logged and left to the scheduler's sweep (the
    request stays marked as queued, with the moment it was queued)."""
    try:
        if delay is not None and rebuild_village.get_backend().supports_defer:
            rebuild_village.using(run_after=timezone.now() + delay).enqueue(village)
        elif delay is None:
            rebuild_village.enqueue(village)
    except Exception:  # noqa: BLE001 - the sweep retries; the editor sees "wordt bijgewerkt"
        logger.exception("could not queue a rebuild of %s; the scheduler will retry", village)


def sweep_stale_requests(now=None) -> list[str]:
    """Queue again the requests no worker has acted on for `STALE_AFTER`; their villages."""
    now = now or timezone.now()
    swept = []
    stale = BuildRequest.objects.filter(queued=True, enqueued_at__lt=now - STALE_AFTER)
    for request in stale:
        if request.building(now):
            continue
        # Only if nobody queued it meanwhile (the update counts the rows it changed).
        if BuildRequest.objects.filter(pk=request.pk, queued=True,
                                       enqueued_at=request.enqueued_at
                                       ).update(enqueued_at=now):
            _enqueue(request.village)
            swept.append(request.village)
    # A publish whose request never reached the table (the database refused even that):
    # its village has a page published after the last request. Files first, then a build.
    for village in _villages_published_since_their_request(now - STALE_AFTER):
        enqueue_build(village, resync=True)
        swept.append(village)
    # Failed builds whose retries are used up are tried again too, now and then.
    failed = BuildRequest.objects.filter(queued=False, failures__gt=0,
                                         finished_at__lt=now - STALE_AFTER)
    for request in failed:
        if BuildRequest.objects.filter(pk=request.pk, queued=False).update(
                queued=True, enqueued_at=now):
            _enqueue(request.village)
            swept.append(request.village)
    return swept


def _villages_published_since_their_request(before) -> list[str]:
    """Villages with a page published (before `before`) later than their last request.
    A village without any request was built by an import or by hand: nothing was lost."""
    from django.db.models import Max
    from wagtail.models import Page

    from cms.villages.models import VillageHomePage

    requested = dict(BuildRequest.objects.values_list("village", "requested_at"))
    late = []
    for village in VillageHomePage.objects.live().order_by("path"):
        latest = (Page.objects.descendant_of(village, inclusive=True)
                  .filter(last_published_at__lt=before)
                  .aggregate(latest=Max("last_published_at"))["latest"])
        if latest is not None and village.slug in requested \
                and latest > requested[village.slug]:
            late.append(village.slug)
    return late


def _write_village_files(village: str) -> None:
    """Write every published file of `village` again from the database."""
    from cms.publishing.exporting import export_content

    report = io.StringIO()
    if export_content(settings.PORTAL_CONTENT_ROOT, report=report, villages=[village]) != 0:
        raise OSError(f"the content files of {village} could not all be written: "
                      f"{report.getvalue().strip()}")


# Builds have a queue of their own, so a municipality can give them workers of their own on
# as many machines as it likes (`db_worker --queue-name builds`, docs/DEPLOY.md), and they
# come before anything else a worker of both queues has waiting (Wagtail queues a task per
# page for its reference index: thousands after an import), so a publish never waits.
BUILD_QUEUE = "builds"
BUILD_PRIORITY = 50


@task(queue_name=BUILD_QUEUE, priority=BUILD_PRIORITY)
def rebuild_village(village: str) -> int:
    """Build `village` from the content files until no newer request is waiting."""
    from sitegen.build import BuildOptions, build_village

    status = 2
    for _round in range(MAX_ROUNDS):
        with transaction.atomic():
            request = BuildRequest.objects.select_for_update().get(village=village)
            if request.covers(request.requested_at) and not request.resync \
                    and not request.failed:
                request.queued = False  # a second task for what is built already
                request.save(update_fields=["queued"])
                return request.status if request.status is not None else 0
            if request.building(timezone.now()):
                return 2  # another worker builds this village; it builds again if needed
            started_from, resync = request.requested_at, request.resync
            request.started_at = timezone.now()
            request.save(update_fields=["started_at"])
        result, error = None, ""
        try:
            if resync:
                _write_village_files(village)
            result = build_village(
                BuildOptions(content_root=settings.PORTAL_CONTENT_ROOT,
                             out=settings.PORTAL_BUILD_ROOT,
                             page_workers=settings.PORTAL_BUILD_PROCESSES), village)
            error = "" if result.built else (result.error or "onbekende fout")
        except Exception as exc:  # noqa: BLE001 - recorded, shown to editors and retried
            logger.exception("build of %s failed", village)
            error = f"{type(exc).__name__}: {exc}"
        if error:
            return _record_failure(village, error)
        status = 0 if not result.problems else 1
        report = "\n".join(map(str, result.problems))
        if report:
            logger.warning("build of %s left items out:\n%s", village, report)
        with transaction.atomic():
            request = BuildRequest.objects.select_for_update().get(village=village)
            request.built_request = started_from
            request.finished_at = timezone.now()
            request.status = status
            request.report = report
            request.problems = [problem.as_data() for problem in result.problems]
            request.error = ""
            request.failures = 0
            newer = request.requested_at > started_from
            # Files written again only if no write failed after this build began (a failed
            # write always comes with a newer request).
            request.resync = request.resync and newer
            request.queued = newer
            if newer:
                request.enqueued_at = timezone.now()
            request.save()
        if not newer:
            return status
    # Still busy after several rounds: leave the newest request to a fresh task.
    _enqueue(village)
    return status


def _record_failure(village: str, error: str) -> int:
    """Keep the previous site, tell the editors, and try again after a pause."""
    logger.error("build of %s failed: %s", village, error)
    with transaction.atomic():
        request = BuildRequest.objects.select_for_update().get(village=village)
        request.failures += 1
        request.error = error
        request.status = 2
        request.finished_at = timezone.now()
        retry = request.failures <= len(RETRY_DELAYS)
        delay = RETRY_DELAYS[request.failures - 1] if retry else None
        request.queued = retry
        # When the retry is due: the sweep counts a request as lost only after that.
        request.enqueued_at = timezone.now() + (delay or timedelta())
        request.save()
    if retry:
        _enqueue(village, delay=delay)
    return 2
