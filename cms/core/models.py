"""The image library with each image's place under content/, and the base of every
editorial page: what all published pages share on their way to a content file."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin


class PortalImage(AbstractImage):
    """An image in Wagtail's library that remembers its path under content/media/."""

    content_path = models.CharField(
        _("pad in content/"), max_length=500, blank=True,
        help_text=_("Waar het bestand in de inhoudsmap staat, bijv. media/dorp/foto.jpg."))

    admin_form_fields = Image.admin_form_fields


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

    # The content-file folder this kind is written to (organisations, events, ...).
    content_folder: str = ""

    class Meta:
        abstract = True

    def get_village(self):
        """The village (home page) this page belongs to, or None outside a village."""
        from cms.villages.models import VillageHomePage

        return VillageHomePage.objects.ancestor_of(self, inclusive=True).first()
