"""Stories: interviews and articles by neighbourhood connectors about local organisations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet

from cms.core.forms import PortalPageForm
from cms.core.models import PortalPage
from cms.publishing.exporting import (
    author_field,
    date_field,
    file_table,
    image_field,
    list_field,
    story_organisations_field,
    text_field,
    title_field,
)
from sitegen.kinds import STORIES


class AuthorProfile(models.Model):
    """A neighbourhood connector as shown under their stories."""

    name = models.CharField(_("naam"), max_length=120)
    village = models.ForeignKey("villages.VillageHomePage", on_delete=models.CASCADE,
                                related_name="authors", verbose_name=_("dorp"))
    user = models.OneToOneField("auth.User", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="author_profile",
                                verbose_name=_("account"))

    panels = [FieldPanel("name"), FieldPanel("village"), FieldPanel("user")]

    class Meta:
        verbose_name = _("buurtverbinder")
        verbose_name_plural = _("buurtverbinders")
        unique_together = (("village", "name"),)

    def __str__(self) -> str:
        return self.name

    def stories_using(self) -> list[StoryPage]:
        """The stories (live or draft) written by this profile, by title: while there are
        any, the profile is not deleted on its own (`StoryPage.author`)."""
        return sorted(self.stories.all(), key=lambda story: (story.title.casefold(), story.pk))


class StoryIndexPage(PortalPage):
    """The stories of one village (`verhalen/`)."""

    parent_page_types = ["villages.VillageHomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1
    template = "villages/preview.html"

    class Meta:
        verbose_name = _("verhalen")
        verbose_name_plural = _("verhalen")


class StoryPage(PortalPage):
    """An interview or article, linked to the organisations it is about."""

    date = models.DateField(_("publicatiedatum"))
    # RESTRICT, not PROTECT: an author profile that stories name is not deleted on its own
    # (the admin says which stories, cms/stories/wagtail_hooks.py), but deleting a whole
    # village takes its stories and their authors together.
    author = models.ForeignKey(AuthorProfile, on_delete=models.RESTRICT, related_name="stories",
                               verbose_name=_("geschreven door"))
    summary = models.CharField(_("in één zin"), max_length=300, blank=True)
    body = models.TextField(_("tekst"), blank=True, help_text=_("Opmaak met Markdown."))
    organisations = ParentalManyToManyField("socialmap.OrganisationPage", blank=True,
                                            related_name="stories",
                                            verbose_name=_("over deze organisaties"))
    image = models.ForeignKey("core.PortalImage", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("foto"))
    image_alt = models.CharField(_("beschrijving van de foto"), max_length=300, blank=True)
    tags = models.JSONField(_("zoekwoorden"), default=list, blank=True)

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list[str] = []
    kind = STORIES
    file_fields = file_table(
        STORIES,
        title_field(), date_field(), author_field(), text_field("summary"),
        story_organisations_field(), image_field(), text_field("image_alt"),
        list_field("tags"),
    )
    kind_fields = {"title": "title", "summary": "summary", "image_alt": "image_alt",
                   "tags": "tags"}
    base_form_class = PortalPageForm
    template = "villages/preview.html"

    content_panels = PortalPage.content_panels + [
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("organisations"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Foto")),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Beschrijf de foto voor wie hem niet kan "
                                                  "zien.")})


# Listed and edited per village: a connector sees only their own village's author profiles.
register_snippet(AuthorProfile, viewset="cms.accounts.scoping.VillageScopedSnippetViewSet")
