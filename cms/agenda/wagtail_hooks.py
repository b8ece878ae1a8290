"""Wagtail hooks of the agenda: the admin URL behind the event editor's live date list."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from cms.agenda import views


@hooks.register("register_admin_urls")
def register_next_dates_url():
    # Admin URLs get Wagtail's own check: a logged-in user with access to the admin.
    return [path("agenda/volgende-data/", views.next_dates, name="agenda_next_dates")]
