"""The social map: one page per organisation, kept up to date by the organisation itself."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms.core.forms import PortalPageForm
from cms.core.models import PortalPage
from cms.core.validators import validate_latitude, validate_longitude, validate_postcode
from cms.publishing.exporting import (
    address_field,
    categories_field,
    file_table,
    geo_field,
    image_field,
    list_field,
    text_field,
    title_field,
    updated_field,
    volunteers_field,
)
from sitegen.kinds import ORGANISATIONS


class SocialMapIndexPage(PortalPage):
    """The social map of one village (`sociale-kaart/`); holds its organisations."""

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["socialmap.OrganisationPage"]
    max_count_per_parent = 1
    template = "villages/preview.html"

    class Meta:
        verbose_name = _("sociale kaart")
        verbose_name_plural = _("sociale kaarten")


class OrganisationPage(PortalPage):
    """A social-map entry: an organisation, its contact details and description."""

    categories = ParentalManyToManyField("villages.Category", blank=False,
                                         verbose_name=_("categorieën"))
    summary = models.CharField(_("in één zin"), max_length=300,
                               help_text=_("Wat doet de organisatie? Eén zin, hooguit 300 "
                                           "tekens. Dit staat in de lijst."))
    body = models.TextField(_("beschrijving"), blank=True,
                            help_text=_("Vertel meer: voor wie, wat het kost, hoe je "
                                        "meedoet. Opmaak met Markdown."))
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True,
                                validators=[validate_postcode])
    city = models.CharField(_("plaats"), max_length=200, blank=True)
    lat = models.FloatField(_("breedtegraad"), null=True, blank=True,
                            validators=[validate_latitude])
    lon = models.FloatField(_("lengtegraad"), null=True, blank=True,
                            validators=[validate_longitude])
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.JSONField(
        _("openingstijden"), default=list, blank=True,
        help_text=_("Bijvoorbeeld Mo-Fr 09:00-17:00; één regel per tijdvak."))
    tags = models.JSONField(_("zoekwoorden"), default=list, blank=True,
                            help_text=_("Woorden waarop bewoners zoeken, zoals koffie."))
    image = models.ForeignKey("core.PortalImage", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("foto"))
    image_alt = models.CharField(_("beschrijving van de foto"), max_length=300, blank=True,
                                 help_text=_("Wat is er te zien? Voor wie de foto niet "
                                             "kan zien. Verplicht bij een foto."))
    volunteers_wanted = models.BooleanField(_("wij zoeken vrijwilligers"), default=False)

    parent_page_types = ["socialmap.SocialMapIndexPage"]
    subpage_types: list[str] = []
    kind = ORGANISATIONS
    file_fields = file_table(
        ORGANISATIONS,
        title_field(), categories_field(required=True), text_field("summary"),
        address_field(), geo_field(), text_field("phone"), text_field("email"),
        text_field("website"), list_field("opening_hours"), list_field("tags"),
        image_field(), text_field("image_alt"), volunteers_field(), updated_field(),
    )
    kind_fields = {
        "title": "title", "summary": "summary", "street": "address.street",
        "postcode": "address.postcode", "city": "address.city", "lat": "geo.lat",
        "lon": "geo.lon", "phone": "phone", "email": "email", "website": "website",
        "opening_hours": "opening_hours", "tags": "tags", "image_alt": "image_alt",
    }
    base_form_class = PortalPageForm
    template = "villages/preview.html"

    content_panels = PortalPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("categories"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("street"), FieldPanel("postcode"), FieldPanel("city"),
                         FieldPanel("lat"), FieldPanel("lon")], heading=_("Adres")),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website"),
                         FieldPanel("opening_hours")], heading=_("Contact")),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Foto")),
        FieldPanel("tags"),
        FieldPanel("volunteers_wanted"),
    ]

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Beschrijf de foto voor wie hem niet kan "
                                                  "zien.")})
