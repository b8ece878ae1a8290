"""Recording renamed pages in `content/<village>/redirects.yaml` for the static portal."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from sitegen.atomic import write_atomically
from sitegen.content import SLUG_RE
from sitegen.contentfile import dump_yaml
from sitegen.yamlsafe import load_yaml


def site_path(page, slug: str | None = None) -> str | None:
    """The path of a page on the static portal, e.g. `sociale-kaart/het-anker/`: its
    kind's url (`sitegen.kinds`); None for a page that is no content file."""
    kind = getattr(page, "kind", None)
    if kind is None:
        return None
    return kind.url_for(slug or page.slug)


def add_redirect(before, after, content_root: Path | None = None) -> None:
    """Send the old address of a renamed page to its new one (chains are shortened).

    An old slug the build never accepted (a Unicode slug made before slugs were ASCII)
    never had an address on the portal: nothing to redirect, and a redirect from it
    would make every later build report a problem."""
    village = after.get_village()
    old, new = site_path(before), site_path(after)
    if village is None or old is None or new is None or old == new:
        return
    if not SLUG_RE.match(before.slug):
        return
    path = Path(content_root or settings.PORTAL_CONTENT_ROOT) / village.slug / "redirects.yaml"
    entries = load_yaml(path.read_text("utf-8")) if path.is_file() else []
    entries = [e for e in entries or [] if isinstance(e, dict) and e.get("from") != new]
    for entry in entries:
        if entry.get("to") == old:  # a -> old becomes a -> new: no chains of hops
            entry["to"] = new
    entries.append({"from": old, "to": new})
    write_atomically(path, dump_yaml(entries))
