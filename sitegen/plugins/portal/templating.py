"""What the portal's templates may call: date formatting in Dutch, images, JSON-LD, colours,
the kinds' addresses.

Installed on each generator's Jinja environment. Interface strings in the templates are
written in Dutch and wrapped in `_()`, so other locales can add a translation catalogue.
"""

from __future__ import annotations

from datetime import date, datetime

from jinja2 import Environment

from sitegen import jsonld
from sitegen.branding import accent_on, text_colour_on
from sitegen.kinds import CATEGORY, KINDS
from sitegen.model import ImageRef
from sitegen.plugins.portal.state import BuildState
from sitegen.recurrence import format_day, format_time, format_when

SOFT_BACKGROUND = "#f3f4f1"  # --soft in portal.css
IMAGE_SIZES = {
    "card": "(min-width: 60rem) 20rem, (min-width: 40rem) 45vw, 100vw",
    "hero": "(min-width: 60rem) 56rem, 100vw",
}


def install_template_helpers(env: Environment, state: BuildState) -> None:
    """Give `env` the filters and globals the portal's templates use."""
    portal = state.portal
    village = portal.village
    env.add_extension("jinja2.ext.i18n")
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        when=format_when,
        day=format_day,
        clock=format_time,
        isodate=_isodate,
        long_date=lambda d: format_day(d, weekday=False),
    )
    primary = village.primary_color
    env.globals.update(
        village=village,
        now=portal.now,
        today=portal.today,
        brand={
            "primary": primary,
            "on_primary": text_colour_on(primary),
            # Links sit on white and on the soft grey of hero and footer: pass on the darker.
            "accent": accent_on(SOFT_BACKGROUND, primary),
        },
        image_set=lambda ref: state.images.of(ref) if isinstance(ref, ImageRef) else None,
        image_sizes=IMAGE_SIZES,
        category_name=lambda slug: (village.category(slug).name
                                    if village.category(slug) else slug),
        organisation_jsonld=jsonld.organisation_jsonld,
        event_jsonld=jsonld.event_jsonld,
        story_jsonld=jsonld.story_jsonld,
        jsonld_script=jsonld.to_script,
        weekday_hours=opening_hours_nl,
        # Where each kind's pages live (`kinds.organisation.section_url`); an item's own
        # address is its `url`.
        kinds={kind.name: kind for kind in (*KINDS, CATEGORY)},
    )


def _isodate(value: date | datetime) -> str:
    return value.isoformat()


_DAYS = {"Mo": "ma", "Tu": "di", "We": "wo", "Th": "do", "Fr": "vr", "Sa": "za", "Su": "zo"}


def opening_hours_nl(spec: str) -> str:
    """`Mo-Fr 09:00-17:00` as a Dutch reader expects it: `ma t/m vr 09:00–17:00`."""
    days, _, hours = spec.partition(" ")
    for en, nl in _DAYS.items():
        days = days.replace(en, nl)
    days = days.replace("-", " t/m ").replace(",", ", ")
    return f"{days} {hours.replace('-', '–')}".strip()
