"""Bookkeeping of the publish pipeline: which villages wait for a rebuild."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

BUILD_GIVES_UP = timedelta(minutes=30)


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
    problems = models.JSONField(
        _("problemen"), default=list, blank=True,
        help_text=_("Onderdelen die de laatste bouw wegliet: pad, veld en melding."))
    error = models.TextField(_("fout"), blank=True,
                             help_text=_("Waarom het bijwerken mislukte, als het mislukte."))
    failures = models.PositiveIntegerField(_("mislukte pogingen op rij"), default=0)
    resync = models.BooleanField(
        _("bestanden opnieuw schrijven"), default=False,
        help_text=_("Een bestand kon niet worden geschreven: de volgende bouw schrijft eerst "
                    "alle bestanden van het dorp opnieuw uit de database."))
    enqueued_at = models.DateTimeField(_("in de wachtrij gezet om"), null=True, blank=True)
    started_at = models.DateTimeField(_("begonnen om"), null=True, blank=True)

    class Meta:
        verbose_name = _("bouwopdracht")
        verbose_name_plural = _("bouwopdrachten")

    @property
    def failed(self) -> bool:
        """The last attempt to build failed (it is retried)."""
        return self.failures > 0

    def building(self, now) -> bool:
        """A build of this village is running (one started less than half an hour ago and
        has not finished; an older one died with its worker)."""
        return (self.started_at is not None and now - self.started_at < BUILD_GIVES_UP
                and (self.finished_at is None or self.finished_at < self.started_at))

    def covers(self, moment) -> bool:
        """Whether the last finished build includes what was published at `moment`."""
        return self.built_request is not None and moment is not None \
            and self.built_request >= moment

    def __str__(self) -> str:
        return f"{self.village} ({self.requested_at:%Y-%m-%d %H:%M:%S})"
