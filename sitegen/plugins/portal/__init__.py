"""The portal plugin: registers the portal's generators with Pelican."""

from pelican import signals

from sitegen.plugins.portal.generators import (
    AgendaGenerator,
    OrganisationsGenerator,
    PlainPagesGenerator,
    SiteGenerator,
    StoriesGenerator,
)


def portal_generators(pelican):
    """Pelican asks for extra generators; their order is the order contexts are made in."""
    return [
        OrganisationsGenerator,
        PlainPagesGenerator,
        AgendaGenerator,
        StoriesGenerator,
        SiteGenerator,
    ]


def register():
    signals.get_generators.connect(portal_generators)
