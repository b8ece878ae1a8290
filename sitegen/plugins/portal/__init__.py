"""The portal plugin: registers the portal's generators with Pelican.

Their order does not matter: each renders the resolved village (`sitegen.resolve.Portal`)
and none reads what another one made, and what spans every page written (redirects,
sitemap, search index) is written by whichever finishes last. `tests/test_resolve.py`
builds a village with them in reverse order and gets the same bytes.
"""

from pelican import signals

from sitegen.plugins.portal.generators import GENERATORS


def portal_generators(pelican):
    """Pelican asks for extra generators."""
    return list(GENERATORS)


def register():
    signals.get_generators.connect(portal_generators)
