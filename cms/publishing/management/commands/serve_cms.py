"""`manage.py serve_cms`: the demo's CMS server, Django's runserver with a longer queue.

Django's development server listens with a queue of 10 connections; when fifty editors'
clicks arrive at once the rest are reset before Django sees them ("connection reset").
This is the same server (threaded, with the admin's static files) with room for 128
waiting connections. Production runs the CMS behind gunicorn (see README).
"""

from __future__ import annotations

from django.contrib.staticfiles.management.commands.runserver import Command as RunServer
from django.core.servers.basehttp import WSGIServer


class QueuedWSGIServer(WSGIServer):
    """Django's WSGIServer with a listen queue long enough for bursts of clicks."""

    request_queue_size = 128


class Command(RunServer):
    help = "Start de CMS-server van de demo (runserver met een langere wachtrij)."
    server_cls = QueuedWSGIServer
