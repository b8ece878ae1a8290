"""One round of the scheduler: Wagtail's scheduled publishing, and a daily rebuild.

The portals are static, so "past events leave the agenda" needs a rebuild after midnight
even when nobody published anything; scheduled go-live and expiry go through Wagtail's
`publish_scheduled`, whose signals reach the publish pipeline like a click would.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.utils import timezone

from cms.publishing.builds import request_build, sweep_stale_requests


def tick(last_day: date | None) -> date:
    """Publish what is due; queue again builds nobody picked up or that failed; rebuild every
    village when the day has changed. Returns today."""
    call_command("publish_scheduled", verbosity=0)
    sweep_stale_requests()
    today = timezone.now().astimezone(ZoneInfo("Europe/Amsterdam")).date()
    if last_day != today:
        from cms.villages.models import VillageHomePage

        for village in VillageHomePage.objects.live():
            request_build(village.slug)
    return today
