"""Admin views of the agenda: the live "Volgende data" list of the event editor."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from cms.agenda.forms import NextDatesForm


@require_GET
def next_dates(request):
    """The next dates, in Dutch, of an event as the editor describes it right now.

    Takes the event form's own field names as query parameters (start_date, start_time,
    end_date, end_time, repeat, repeat_weekdays, ..., recurrence, exdates) plus `zone`,
    and answers ``{"dates": [{"text", "start"}], "rule", "errors", "message"}``. Registered
    under /admin/, so only people who may use the admin reach it; it reads no stored data.
    """
    return JsonResponse(NextDatesForm(request.GET).preview())
