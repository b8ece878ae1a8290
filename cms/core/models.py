"""The image library with each image's place under content/, and the base of every
editorial page: what all published pages share on their way to a content file."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from django.db import models
from django.utils.functional import classproperty
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin

from cms.publishing.panels import PortalStatusPanel
from sitegen.kinds import KINDS, Kind


class PortalImage(AbstractImage):
    """An image in Wagtail's library that remembers its path under content/media/."""

    content_path = models.CharField(
        _("pad in content/"), max_length=500, blank=True,
        help_text=_("Waar het bestand in de inhoudsmap staat, bijv. media/dorp/foto.jpg."))

    admin_form_fields = Image.admin_form_fields

    class Meta:
        verbose_name = _("afbeelding")
        verbose_name_plural = _("afbeeldingen")


class PortalRendition(AbstractRendition):
    """Renditions of portal images (Wagtail admin thumbnails)."""

    image = models.ForeignKey(PortalImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class PortalPage(HeadlessPreviewMixin, Page):
    """Base of every page that becomes a content file of a village.

    `extra` keeps front-matter keys the CMS has no field for, so a file written by hand or
    by another system comes back out unchanged; `content_updated` is the file's `updated`.
    """

    extra = models.JSONField(default=dict, blank=True, editable=False)
    content_updated = models.DateTimeField(null=True, blank=True, editable=False)

    # The content kind (`sitegen.kinds`) whose file this page is: its folder, URL section
    # and url. None for a page that is no content file of its own (the indexes).
    kind: Kind | None = None
    # Which field of the kind each form field holds (``"postcode": "address.postcode"``):
    # one table per app, so the form checks each value with the kind's own checker and
    # the build's problems land on the field they are about (`cms.core.forms`).
    kind_fields: dict[str, str] = {}
    # How each key of the kind's files is read into the page's fields and written from
    # them (`cms.publishing.exporting.file_table`): the app's other table.
    file_fields: dict = {}

    @classproperty
    def content_folder(cls) -> str:  # read on the model classes as well as on pages
        """The content-file folder this page's kind is written to; '' for none."""
        return cls.kind.folder if cls.kind is not None else ""

    @classmethod
    def checked_kind(cls) -> Kind | None:
        """The kind whose fields `kind_fields` names: the page's own kind."""
        return cls.kind

    @classmethod
    def listed_kind(cls) -> Kind | None:
        """The kind whose section this page is (the social map, the agenda, the stories),
        read off the pages it may hold; None for a page that is no section."""
        for model in cls.allowed_subpage_models():
            kind = getattr(model, "kind", None)
            if isinstance(kind, Kind) and kind.section:
                return kind
        return None

    # First of all, the editor sees whether residents see this page (cms.publishing.status).
    content_panels = [PortalStatusPanel(), *Page.content_panels]

    class Meta:
        abstract = True

    def get_village(self):
        """The village (home page) this page belongs to, or None outside a village."""
        from cms.villages.models import VillageHomePage

        return VillageHomePage.objects.ancestor_of(self, inclusive=True).first()

    # -- Addresses: a page's live URL is its address on the static portal, never the CMS's.

    def portal_path(self, village=None) -> str | None:
        """This page's path on its village's portal: `sociale-kaart/<slug>/` for an
        organisation, `agenda/` for the agenda, '' for the home; None outside a village.

        The paths come from the page's kind (`sitegen.kinds`) through `sitegen.preview`
        (the generator's own mapping of content files to site paths), so the CMS never
        keeps a second copy of them.
        """
        from sitegen.preview import PreviewPathError, page_output_path

        village = village or self.get_village()
        if village is None:
            return None
        if village.pk == self.pk:
            return ""
        if self.content_folder:
            try:
                page = page_output_path(
                    village.slug, f"{village.slug}/{self.content_folder}/{self.slug}.md")
            except PreviewPathError:  # a slug the portal cannot publish
                return None
            return page.removesuffix("index.html")
        # A section (social map, agenda, stories): the section of the kind it holds.
        listed = self.listed_kind()
        return listed.section_url if listed is not None else None

    def get_url_parts(self, request=None):
        """Wagtail's (site id, root URL, path), pointing at the page on the portal: the
        village's `base_url` plus `portal_path`. Pages outside a site stay unroutable."""
        parts = super().get_url_parts(request=request)
        village = self.get_village()
        path = self.portal_path(village) if village is not None else None
        if parts is None or path is None or not village.base_url:
            return parts
        address = urlsplit(f"{village.base_url.rstrip('/')}/{path}")
        return (parts[0], f"{address.scheme}://{address.netloc}", address.path or "/")

    def get_url(self, request=None, current_site=None):
        """Always the full address: the portal is served by another host than the CMS, so
        Wagtail's path-only URL for "the current site" would point into the CMS."""
        return self.get_full_url(request=request)

    url = property(get_url)


# The page every section of a village hangs under (its app label and model name).
VILLAGE_HOME = "villages.VillageHomePage"


@cache  # the models do not change once Django has loaded them
def section_models() -> tuple[type[PortalPage], ...]:
    """The page models of a village's sections (the social map, the agenda, the stories,
    …): the pages under a village's home that list a kind, in the kinds' order. A new
    village gets one of each, titled as the model is named (`section_title`)."""
    from django.apps import apps

    models = [model for model in apps.get_models()
              if issubclass(model, PortalPage) and model.parent_page_types == [VILLAGE_HOME]
              and model.listed_kind() is not None]
    return tuple(sorted(models, key=lambda model: KINDS.index(model.listed_kind())))


def section_title(model: type[PortalPage]) -> str:
    """The title a new section page gets: its model's name, "Sociale kaart"."""
    return capfirst(str(model._meta.verbose_name))
