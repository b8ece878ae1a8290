"""A village is a Wagtail Site with its own home page; the home page holds site.yaml.

Under it live the social map, the agenda, the stories and plain pages. Categories are
snippets that belong to one village.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.snippets.models import register_snippet

from cms.core.forms import PortalPageForm
from cms.core.models import PortalPage, section_models
from cms.core.validators import validate_colour, validate_latitude, validate_longitude
from cms.publishing.exporting import (
    branding_field,
    file_table,
    line,
    locale_field,
    map_field,
    mapping_field,
    menu_order_field,
    search_field,
    site_categories_field,
    text_field,
    timezone_field,
    title_field,
)
from sitegen.kinds import PAGES, VILLAGE, Kind

TIMEZONES = [("Europe/Amsterdam", _("Nederland (Europe/Amsterdam)")),
             ("Europe/Brussels", _("België (Europe/Brussels)"))]
LOCALES = [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")]


class VillageHomePage(PortalPage):
    """The home of one portal; its fields are the village's `site.yaml`."""

    municipality = models.CharField(_("gemeente"), max_length=200)
    base_url = models.URLField(_("webadres van het portaal"),
                               help_text=_("Bijvoorbeeld https://lindeveld.buurtportaal.nl"))
    language = models.CharField(_("taal van het portaal"), max_length=5, choices=LOCALES,
                                default="nl")
    timezone = models.CharField(_("tijdzone"), max_length=40, choices=TIMEZONES,
                                default="Europe/Amsterdam")
    tagline = models.CharField(_("ondertitel"), max_length=300, blank=True)
    contact_email = models.EmailField(_("e-mail redactie"), blank=True)
    contact_phone = models.CharField(_("telefoon redactie"), max_length=40, blank=True)
    map_lat = models.FloatField(_("kaart: breedtegraad"), null=True, blank=True,
                                validators=[validate_latitude])
    map_lon = models.FloatField(_("kaart: lengtegraad"), null=True, blank=True,
                                validators=[validate_longitude])
    map_zoom = models.PositiveSmallIntegerField(_("kaart: zoomniveau"), null=True, blank=True)
    map_tiles = models.CharField(
        _("kaart: tegelserver"), max_length=300, blank=True,
        help_text=_("Laat leeg voor geen kaart. Een kaart laadt tegels van deze server."))
    map_attribution = models.CharField(_("kaart: bronvermelding"), max_length=300, blank=True)
    logo = models.ForeignKey("core.PortalImage", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("logo"))
    logo_alt = models.CharField(_("beschrijving van het logo"), max_length=200, blank=True)
    primary_color = models.CharField(_("hoofdkleur"), max_length=7, blank=True,
                                     validators=[validate_colour],
                                     help_text=_("Bijvoorbeeld #2e6b3f. Tekst blijft altijd "
                                                 "goed leesbaar, welke kleur u ook kiest."))
    synonyms = models.JSONField(_("zoeksynoniemen"), default=list, blank=True,
                                help_text=_("Groepen woorden die hetzelfde betekenen."))

    # Its fields are those of site.yaml, the village kind's (it has no `kind` of its own:
    # no folder of files).
    kind_fields = {
        "title": "name", "municipality": "municipality", "base_url": "base_url",
        "tagline": "tagline", "contact_email": "contact.email",
        "contact_phone": "contact.phone", "map_lat": "map.lat", "map_lon": "map.lon",
        "map_tiles": "map.tiles", "map_attribution": "map.attribution",
        "logo_alt": "branding.logo_alt", "primary_color": "branding.primary_color",
        "synonyms": "search.synonyms",
    }

    file_fields = file_table(
        VILLAGE, title_field("name"), text_field("municipality"), text_field("base_url"),
        locale_field(LOCALES), timezone_field(), text_field("tagline"),
        mapping_field("contact", {"email": "contact_email", "phone": "contact_phone"},
                      {"email": line, "phone": line}, default=""),
        map_field(), branding_field(), site_categories_field(), search_field(),
    )

    @classmethod
    def checked_kind(cls) -> Kind:
        return VILLAGE

    parent_page_types = ["wagtailcore.Page"]

    @classproperty
    def subpage_types(cls) -> list[str]:  # asked for once the apps are loaded
        """A village holds its sections (one per kind with a section) and plain pages."""
        return [*(model._meta.label for model in section_models()), "villages.PlainPage"]

    base_form_class = PortalPageForm
    template = "villages/preview.html"

    content_panels = PortalPage.content_panels + [
        FieldPanel("municipality"),
        FieldPanel("tagline"),
        FieldPanel("base_url"),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")],
                        heading=_("Contact")),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt"),
                         FieldPanel("primary_color")], heading=_("Huisstijl")),
        MultiFieldPanel([FieldPanel("map_lat"), FieldPanel("map_lon"), FieldPanel("map_zoom"),
                         FieldPanel("map_tiles"), FieldPanel("map_attribution")],
                        heading=_("Kaart")),
        FieldPanel("language"),
        FieldPanel("timezone"),
        FieldPanel("synonyms"),  # search.synonyms in site.yaml; one group per line
    ]

    class Meta:
        verbose_name = _("dorp of wijk")
        verbose_name_plural = _("dorpen en wijken")


class Category(Orderable):
    """A category of one village's social map, in the order residents see them."""

    village = models.ForeignKey(VillageHomePage, on_delete=models.CASCADE,
                                related_name="categories", verbose_name=_("dorp"))
    slug = models.SlugField(_("korte naam in het webadres"), max_length=60)
    name = models.CharField(_("naam"), max_length=100)

    panels = [FieldPanel("village"), FieldPanel("name"), FieldPanel("slug")]

    class Meta(Orderable.Meta):
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        unique_together = (("village", "slug"),)

    def __str__(self) -> str:
        return f"{self.name} ({self.village.title})"

    def clean(self) -> None:
        """A category that pages use stays in their village: in another village's site.yaml
        their files would name a category their own village no longer has."""
        super().clean()
        moved = self.pk is not None and Category.objects.filter(pk=self.pk).exclude(
            village_id=self.village_id).exists()
        if moved and (pages := self.pages_using()):
            raise ValidationError({"village": _(
                "Deze categorie wordt nog gebruikt door: %(pages)s. Maak in het andere dorp "
                "een nieuwe categorie aan.") % {
                    "pages": ", ".join(page.title for page in pages)}})

    def pages_using(self) -> list[PortalPage]:
        """The organisations and events (live or draft) whose categories hold this one, by
        title: their content files name it by its slug."""
        from cms.agenda.models import EventPage
        from cms.socialmap.models import OrganisationPage

        pages = [*OrganisationPage.objects.filter(categories=self),
                 *EventPage.objects.filter(categories=self)]
        return sorted(pages, key=lambda page: (page.title.casefold(), page.pk))


class PlainPage(PortalPage):
    """A plain page such as 'over', 'contact' or 'privacy'."""

    body = models.TextField(_("tekst"), blank=True, help_text=_("Opmaak met Markdown."))
    menu_order = models.SmallIntegerField(
        _("plaats in het menu"), null=True, blank=True,
        help_text=_("Leeg: niet in het menu. 1 staat vooraan."))

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types: list[str] = []
    kind = PAGES
    file_fields = file_table(PAGES, title_field(), menu_order_field())
    kind_fields = {"title": "title"}
    base_form_class = PortalPageForm
    template = "villages/preview.html"

    content_panels = PortalPage.content_panels + [FieldPanel("body"), FieldPanel("menu_order")]

    class Meta:
        verbose_name = _("pagina")
        verbose_name_plural = _("pagina's")


# Listed and edited per village: a connector sees only their own village's categories.
register_snippet(Category, viewset="cms.accounts.scoping.VillageScopedSnippetViewSet")
