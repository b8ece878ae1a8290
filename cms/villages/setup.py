"""What a new village is made of, created in one step: its home page, Site, sections,
starting categories and the connectors' roles, all in one transaction.

The municipality's "Nieuw dorp" view (`cms.villages.views`) calls `create_village`; a
village is then either complete or not there at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from sitegen.content import slug_from_text

# What a municipality starts with; the connectors adapt the list to their village.
STARTING_CATEGORIES = (
    "Zorg en welzijn", "Wonen", "Sport en bewegen", "Cultuur en ontmoeten",
    "Jeugd en gezin", "Vrijwilligerswerk", "Vervoer", "Geld en werk",
)


def ascii_slug(text: str, max_length: int = 60) -> str:
    """A slug of `text` in [a-z0-9-] only, as content folders and portal URLs need:
    "Café de Kroon" -> "cafe-de-kroon", "Straße" -> "strasse"; emoji are dropped. The
    build's own rule (`sitegen.content.slug_from_text`), cut to `max_length`."""
    return slug_from_text(text)[:max_length].strip("-")


def village_slug(title: str) -> str:
    """The slug of a village: its content folder and the part of admin and portal URLs."""
    return ascii_slug(title, max_length=80)


def suggested_base_url(slug: str) -> str:
    """Where a new portal is served unless the municipality chooses another address
    (`PORTAL_BASE_URL_PATTERN`; the demo serves every village on localhost)."""
    return settings.PORTAL_BASE_URL_PATTERN.format(slug=slug)


def village_slug_taken(slug: str) -> bool:
    """Is there a page (a village) directly under the root with this slug?"""
    return Page.objects.child_of(Page.get_first_root_node()).filter(slug=slug).exists()


def address_taken(base_url: str) -> str | None:
    """The name of the portal already served at `base_url`, if any: a village with that
    address, or, for a portal on a host of its own, the Site of that host."""
    from cms.villages.models import VillageHomePage

    wanted = base_url.rstrip("/")
    for village in VillageHomePage.objects.only("title", "base_url"):
        if village.base_url.rstrip("/") == wanted:
            return village.title
    parts = urlsplit(base_url)
    if parts.hostname and not parts.path.strip("/"):
        site = Site.objects.filter(hostname=parts.hostname).first()
        if site is not None:
            return site.site_name
    return None


@dataclass(frozen=True)
class NewVillage:
    """What the municipality tells about a village to create it."""

    title: str
    municipality: str
    base_url: str
    timezone: str = "Europe/Amsterdam"
    # (slug, name) in the order residents see them
    categories: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def slug(self) -> str:
        return village_slug(self.title)


class VillageExists(ValueError):
    """A village with this slug is already there (perhaps created a moment ago)."""


def create_village(new: NewVillage, user=None):
    """Create and publish a complete village, or nothing at all.

    In one transaction: the home page under the root (published, so the publish pipeline
    writes its site.yaml after the commit and queues the first build), its categories,
    its Site and sections (`complete_village`), and its connectors' group, image
    collection and Dutch approval workflow (`cms.accounts.roles.setup_village`).
    """
    from wagtail.models import PageLogEntry

    from cms.accounts.roles import setup_village
    from cms.villages.models import Category, VillageHomePage

    with transaction.atomic():
        if village_slug_taken(new.slug):
            raise VillageExists(new.slug)
        home = VillageHomePage(title=new.title, slug=new.slug, municipality=new.municipality,
                               base_url=new.base_url, timezone=new.timezone, owner=user,
                               live=False)
        Page.get_first_root_node().add_child(instance=home)
        PageLogEntry.objects.log_action(home, "wagtail.create", user=user)
        for order, (slug, name) in enumerate(new.categories):
            Category.objects.create(village=home, slug=slug, name=name, sort_order=order)
        home.save_revision(user=user, log_action=True).publish(user=user)
        home.refresh_from_db()
        complete_village(home, user=user)
        setup_village(home)
    return home


def complete_village(home, user=None) -> None:
    """Give `home` its Site and its social map, agenda and stories sections (idempotent)."""
    from cms.core.models import section_models, section_title

    for model in section_models():
        if not model.objects.child_of(home).exists():
            section = model(title=section_title(model), slug=model.listed_kind().section)
            home.add_child(instance=section)
            section.save_revision(user=user).publish(user=user)
    if not Site.objects.filter(root_page=home).exists():
        hostname = urlsplit(home.base_url).hostname or f"{home.slug}.localhost"
        taken = Site.objects.filter(hostname=hostname, port=80).exists()
        Site.objects.create(hostname=f"{home.slug}.localhost" if taken else hostname, port=80,
                            root_page=home, site_name=home.title,
                            is_default_site=not Site.objects.filter(is_default_site=True)
                            .exists())
