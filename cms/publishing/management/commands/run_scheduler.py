"""Let time pass for the portals: scheduled pages go live or expire, past events leave."""

from __future__ import annotations

import logging
import time

from django.core.management.base import BaseCommand

from cms.publishing.scheduler import tick

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Publiceert ingeplande pagina's en bouwt portalen opnieuw als de dag verandert."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one round, then stop")
        parser.add_argument("--interval", type=int, default=60, help="seconds between rounds")

    def handle(self, *args, once=False, interval=60, **options):
        last_day = None
        while True:
            try:
                last_day = tick(last_day)
            except Exception:  # noqa: BLE001 - a bad round must not end the safety net
                if once:
                    raise
                logger.exception("a round of the scheduler failed; the next one follows")
            if once:
                return
            time.sleep(interval)
