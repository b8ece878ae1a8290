"""What a new village needs besides its home page: a Wagtail Site and its three sections."""

from __future__ import annotations

from urllib.parse import urlsplit

from wagtail.models import Site

SECTIONS = [
    # (model label, title, slug): the sections every portal has, at fixed addresses
    ("socialmap.SocialMapIndexPage", "Sociale kaart", "sociale-kaart"),
    ("agenda.AgendaIndexPage", "Agenda", "agenda"),
    ("stories.StoryIndexPage", "Verhalen", "verhalen"),
]


def complete_village(home) -> None:
    """Give `home` its Site and its social map, agenda and stories sections (idempotent)."""
    from django.apps import apps

    for label, title, slug in SECTIONS:
        model = apps.get_model(label)
        if not model.objects.child_of(home).exists():
            section = model(title=title, slug=slug)
            home.add_child(instance=section)
            section.save_revision().publish()
    if not Site.objects.filter(root_page=home).exists():
        hostname = urlsplit(home.base_url).hostname or f"{home.slug}.localhost"
        taken = Site.objects.filter(hostname=hostname, port=80).exists()
        Site.objects.create(hostname=f"{home.slug}.localhost" if taken else hostname, port=80,
                            root_page=home, site_name=home.title,
                            is_default_site=not Site.objects.filter(is_default_site=True)
                            .exists())
