"""Let time pass for the portals: scheduled pages go live or expire, past events leave."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from cms.publishing.scheduler import tick


class Command(BaseCommand):
    help = "Publiceert ingeplande pagina's en bouwt portalen opnieuw als de dag verandert."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one round, then stop")
        parser.add_argument("--interval", type=int, default=60, help="seconds between rounds")

    def handle(self, *args, once=False, interval=60, **options):
        last_day = None
        while True:
            last_day = tick(last_day)
            if once:
                return
            time.sleep(interval)
