"""Rebuilding a village's portal in the background, with bursts coalesced.

`request_build` is called whenever published content changes; it enqueues at most one
`rebuild_village` task per village at a time. The task rebuilds until no newer request
arrived while it was building.
"""

from __future__ import annotations

import logging

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


def request_build(village: str) -> None:
    """Ask for a rebuild of `village` once the current transaction's file changes are done."""
    from cms.publishing.batch import after_commit

    after_commit(village=village)


def enqueue_build(village: str) -> None:
    """Record the request and queue a build task unless one is already waiting."""
    with transaction.atomic():
        request, _ = BuildRequest.objects.select_for_update().get_or_create(
            village=village, defaults={"requested_at": timezone.now()})
        request.requested_at = timezone.now()
        already_queued = request.queued
        request.queued = True
        request.save(update_fields=["requested_at", "queued"])
    if not already_queued:
        rebuild_village.enqueue(village)


@task()
def rebuild_village(village: str) -> int:
    """Build `village` from the content files until no newer request is waiting."""
    from sitegen.build import BuildOptions, build_village

    status = 2
    for _round in range(MAX_ROUNDS):
        with transaction.atomic():
            request = BuildRequest.objects.select_for_update().get(village=village)
            started_from = request.requested_at
        result = build_village(
            BuildOptions(content_root=settings.PORTAL_CONTENT_ROOT,
                         out=settings.PORTAL_BUILD_ROOT), village)
        status = 0 if result.built and not result.problems else (1 if result.built else 2)
        report = "\n".join([*map(str, result.problems), result.error]).strip()
        if report:
            logger.warning("build of %s: %s", village, report)
        with transaction.atomic():
            request = BuildRequest.objects.select_for_update().get(village=village)
            request.built_request = started_from
            request.finished_at = timezone.now()
            request.status = status
            request.report = report
            newer = request.requested_at > started_from
            request.queued = newer
            request.save()
        if not newer:
            return status
    # Still busy after several rounds: leave the newest request to a fresh task.
    rebuild_village.enqueue(village)
    return status
