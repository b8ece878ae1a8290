"""Bookkeeping of the publish pipeline: which villages wait for a rebuild."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BuildRequest(models.Model):
    """The latest wish to rebuild one village, and what the last build did.

    Publishes bump `requested_at`; a build remembers the `requested_at` it started from and,
    when it finds a newer one on finishing, builds again. So a burst of publishes costs
    one or two builds, never one per publish, and the latest content always wins.
    """

    village = models.SlugField(_("dorp"), unique=True)
    requested_at = models.DateTimeField(_("gevraagd om"))
    queued = models.BooleanField(_("in de wachtrij"), default=False)
    built_request = models.DateTimeField(_("laatst gebouwd tot"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar om"), null=True, blank=True)
    status = models.IntegerField(_("uitkomst"), null=True, blank=True,
                                 help_text=_("0 alles gebouwd, 1 onderdelen weggelaten, "
                                             "2 niet gepubliceerd"))
    report = models.TextField(_("meldingen"), blank=True)

    class Meta:
        verbose_name = _("bouwopdracht")
        verbose_name_plural = _("bouwopdrachten")

    def __str__(self) -> str:
        return f"{self.village} ({self.requested_at:%Y-%m-%d %H:%M:%S})"
