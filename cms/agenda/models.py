"""The agenda: events, one-off or recurring, with place, organiser and registration."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from cms.agenda.forms import EventPageForm, NextDatesPanel
from cms.core.compare import ReadableFieldPanel, RecurrenceComparison
from cms.core.models import PortalPage
from cms.core.validators import validate_latitude, validate_longitude, validate_postcode
from cms.publishing.exporting import (
    categories_field,
    event_when_field,
    exdates_field,
    file_table,
    image_field,
    list_field,
    location_field,
    organiser_field,
    recurrence_field,
    text_field,
    title_field,
    updated_field,
)
from sitegen.kinds import EVENTS


class AgendaIndexPage(PortalPage):
    """The agenda of one village (`agenda/`); holds its events."""

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["agenda.EventPage"]
    max_count_per_parent = 1
    template = "villages/preview.html"

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda's")


class EventPage(PortalPage):
    """An activity. Without a start time it lasts the whole day; `recurrence` repeats it.

    Dates and times are local to the village (its zone); the RRULE is stored as text and
    edited through a friendly form ("every week on Tuesday").
    """

    start_date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"), null=True, blank=True,
                                  help_text=_("Leeg: de hele dag."))
    end_date = models.DateField(_("einddatum"), null=True, blank=True,
                                help_text=_("Alleen als het meer dagen duurt."))
    end_time = models.TimeField(_("eindtijd"), null=True, blank=True)
    recurrence = models.CharField(_("herhaling"), max_length=300, blank=True)
    exdates = models.JSONField(_("vervallen data"), default=list, blank=True,
                               help_text=_("Data waarop het niet doorgaat."))
    location_name = models.CharField(_("plek"), max_length=200, blank=True)
    location_street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    location_postcode = models.CharField(_("postcode"), max_length=10, blank=True,
                                         validators=[validate_postcode])
    location_city = models.CharField(_("plaats"), max_length=200, blank=True)
    location_lat = models.FloatField(_("breedtegraad"), null=True, blank=True,
                                     validators=[validate_latitude])
    location_lon = models.FloatField(_("lengtegraad"), null=True, blank=True,
                                     validators=[validate_longitude])
    organiser = models.ForeignKey("socialmap.OrganisationPage", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="events",
                                  verbose_name=_("organisatie"))
    categories = ParentalManyToManyField("villages.Category", blank=True,
                                         verbose_name=_("categorieën"))
    tags = models.JSONField(_("zoekwoorden"), default=list, blank=True)
    summary = models.CharField(_("in één zin"), max_length=300, blank=True)
    body = models.TextField(_("beschrijving"), blank=True, help_text=_("Opmaak met Markdown."))
    price = models.CharField(_("kosten"), max_length=200, blank=True,
                             help_text=_("Bijvoorbeeld gratis of € 3,50."))
    registration_url = models.URLField(_("aanmelden via"), blank=True)
    image = models.ForeignKey("core.PortalImage", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("foto"))
    image_alt = models.CharField(_("beschrijving van de foto"), max_length=300, blank=True)

    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types: list[str] = []
    kind = EVENTS
    file_fields = file_table(
        EVENTS,
        title_field(), event_when_field("start"), event_when_field("end"),
        recurrence_field(), exdates_field(), location_field(), organiser_field(),
        categories_field(), list_field("tags"), text_field("summary"), text_field("price"),
        text_field("registration_url"), image_field(), text_field("image_alt"),
        updated_field(),
    )
    kind_fields = {
        "title": "title", "recurrence": "recurrence", "location_name": "location.name",
        "location_street": "location.address.street",
        "location_postcode": "location.address.postcode",
        "location_city": "location.address.city", "location_lat": "location.geo.lat",
        "location_lon": "location.geo.lon", "tags": "tags", "summary": "summary",
        "price": "price", "registration_url": "registration_url", "image_alt": "image_alt",
    }
    base_form_class = EventPageForm
    template = "villages/preview.html"

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
            FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
        ], heading=_("Wanneer")),
        # The repeat questions are fields of EventPageForm; together they fill `recurrence`.
        MultiFieldPanel([
            FieldPanel("repeat", disable_comments=True),
            FieldPanel("repeat_weekdays", disable_comments=True),
            FieldRowPanel([FieldPanel("repeat_ordinal", disable_comments=True),
                           FieldPanel("repeat_ordinal_weekday", disable_comments=True)]),
            FieldPanel("repeat_monthday", disable_comments=True),
            FieldPanel("repeat_end", disable_comments=True),
            FieldRowPanel([FieldPanel("repeat_until", disable_comments=True),
                           FieldPanel("repeat_count", disable_comments=True)]),
            ReadableFieldPanel("recurrence", comparison_class=RecurrenceComparison),
            NextDatesPanel(),
            FieldPanel("exdates"),
        ], heading=_("Herhalen")),
        MultiFieldPanel([FieldPanel("location_name"), FieldPanel("location_street"),
                         FieldPanel("location_postcode"), FieldPanel("location_city"),
                         FieldPanel("location_lat"), FieldPanel("location_lon")],
                        heading=_("Waar")),
        FieldPanel("organiser"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("price"), FieldPanel("registration_url")],
                        heading=_("Kosten en aanmelden")),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Foto")),
        FieldPanel("categories"),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def clean(self):
        super().clean()
        errors = {}
        if self.end_time and not self.start_time:
            errors["end_time"] = _("Vul ook een begintijd in, of laat de eindtijd leeg.")
        # No start date: the form refused what was typed there and says so on that field.
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("De einddatum ligt voor de begindatum.")
        same_day = not self.end_date or self.end_date == self.start_date
        if same_day and self.start_time and self.end_time and self.end_time < self.start_time:
            errors["end_time"] = _("De eindtijd ligt voor de begintijd.")
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Beschrijf de foto voor wie hem niet kan zien.")
        if errors:
            raise ValidationError(errors)
