"""schema.org JSON-LD for organisations, events and stories, and its safe embedding.

The builders return plain dicts (empty values left out) so templates and tests can inspect
them; `to_script` turns one into the ``<script type="application/ld+json">`` element. The
text comes from organisations and is untrusted, so the JSON is escaped such that nothing
in it can close the script element or open another one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from markupsafe import Markup

from .calendar import event_location, truncate_text
from .model import Address, Event, Geo, Occurrence, Organisation, Story, Village

__all__ = [
    "address_country",
    "event_jsonld",
    "organisation_jsonld",
    "organisation_url",
    "story_jsonld",
    "to_script",
]

CONTEXT = "https://schema.org"
# Google shows at most this many characters of an Article headline.
HEADLINE_CHARS = 110
DESCRIPTION_CHARS = 300

# Characters that could end the script element or start markup inside it, and the line
# separators that old JavaScript parsers reject; written as JSON escapes they mean the same.
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")

_FREE_RE = re.compile(r"\b(gratis|free|vrije toegang|geen kosten)\b", re.IGNORECASE)
_AMOUNT_RE = re.compile(r"(\d+)(?:[.,](\d{1,2}))?")


def _clean(value: Any) -> Any:
    """`value` without None, empty strings, lists or dicts at any depth (0 and False stay)."""
    if isinstance(value, dict):
        cleaned = {key: _clean(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        cleaned_list = [_clean(item) for item in value]
        return [item for item in cleaned_list if item not in (None, "", [], {})]
    return value


def address_country(village: Village) -> str:
    """ISO country code of a village: Belgian villages use the Europe/Brussels zone."""
    return "BE" if village.timezone == "Europe/Brussels" else "NL"


def organisation_url(org: Organisation, village: Village) -> str:
    """Absolute URL of an organisation's page on the social map."""
    return village.absolute_url(org.url)


def _postal_address(address: Address, village: Village) -> dict[str, Any] | None:
    if not address:
        return None
    return {
        "@type": "PostalAddress",
        "streetAddress": address.street,
        "postalCode": address.postcode,
        "addressLocality": address.city,
        "addressCountry": address_country(village),
    }


def _geo(geo: Geo | None) -> dict[str, Any] | None:
    if geo is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": geo.lat, "longitude": geo.lon}


def organisation_jsonld(
    org: Organisation, village: Village, url: str, image_url: str | None = None
) -> dict[str, Any]:
    """schema.org Organization for an organisation's page at `url` (absolute)."""
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "@id": f"{url}#organisatie",
            "name": org.title,
            "description": org.summary,
            "url": org.website or url,
            "mainEntityOfPage": url,
            "address": _postal_address(org.address, village),
            "geo": _geo(org.geo),
            "openingHours": list(org.opening_hours),
            "telephone": org.phone,
            "email": org.email,
            "image": image_url,
            "sameAs": [org.website] if org.website else [],
        }
    )


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def _offer(event: Event, url: str) -> dict[str, Any] | None:
    """An Offer from the free-text price and the registration link.

    schema.org wants a number: ``€ 2,50`` becomes ``2.50``, a price starting with
    ``gratis`` becomes ``0``; text without either gets no number. The text as written is kept
    in the description.
    """
    if not (event.price or event.registration_url):
        return None
    price = None
    if event.price:
        amount = _AMOUNT_RE.search(event.price)
        if _FREE_RE.match(event.price.strip()):
            price = "0"
        elif amount is not None:
            euros, cents = amount.groups()
            price = f"{int(euros)}.{cents.ljust(2, '0')}" if cents else str(int(euros))
    return {
        "@type": "Offer",
        "url": event.registration_url or url,
        "price": price,
        "priceCurrency": "EUR" if price is not None else None,
        "description": event.price,
    }


def event_jsonld(
    event: Event,
    occurrence: Occurrence,
    village: Village,
    url: str,
    organiser: Organisation | None,
    image_url: str | None = None,
) -> dict[str, Any]:
    """schema.org Event for one occurrence of `event`, whose page is at `url` (absolute).

    Times are ISO 8601 with their UTC offset; an all-day occurrence has plain dates, its
    endDate being the last day. Without a location of its own the event is placed at its
    organiser's address.
    """
    where = event_location(event, organiser)
    place = None
    if where is not None:
        place = {
            "@type": "Place",
            "name": where.name,
            "address": _postal_address(where.address, village),
            "geo": _geo(where.geo),
        }
    organizer = None
    if organiser is not None:
        organizer = {
            "@type": "Organization",
            "name": organiser.title,
            "url": organisation_url(organiser, village),
        }
    description = event.summary or truncate_text(event.body_text, DESCRIPTION_CHARS)
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "name": event.title,
            "description": description,
            "url": url,
            "startDate": _iso(occurrence.start),
            "endDate": _iso(occurrence.end) if occurrence.end is not None else None,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": place,
            "organizer": organizer,
            "offers": _offer(event, url),
            "image": [image_url] if image_url else [],
            "keywords": ", ".join(event.tags),
        }
    )


def story_jsonld(
    story: Story,
    village: Village,
    url: str,
    image_url: str | None = None,
    organisations: Iterable[Organisation] = (),
) -> dict[str, Any]:
    """schema.org Article for a story at `url`, `about` the organisations it covers."""
    about = [
        {"@type": "Organization", "name": org.title, "url": organisation_url(org, village)}
        for org in organisations
    ]
    return _clean(
        {
            "@context": CONTEXT,
            "@type": "Article",
            "headline": truncate_text(story.title, HEADLINE_CHARS),
            "name": story.title,
            "description": story.summary,
            "url": url,
            "mainEntityOfPage": url,
            "datePublished": story.date.isoformat(),
            "author": {"@type": "Person", "name": story.author},
            "publisher": {
                "@type": "Organization",
                "name": village.name,
                "url": village.absolute_url(village.url),
            },
            "inLanguage": village.locale,
            "image": [image_url] if image_url else [],
            "keywords": ", ".join(story.tags),
            "about": about,
        }
    )


def to_script(data: dict[str, Any] | list[Any]) -> Markup:
    """The whole ``<script type="application/ld+json">`` element for `data`.

    ``<``, ``>`` and ``&`` are written as JSON ``\\u003c``-style escapes, so a title such
    as ``</script><script>alert(1)</script>`` stays inside the JSON string and the JSON
    still parses to exactly the same data.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = _SCRIPT_ESCAPE_RE.sub(lambda match: _SCRIPT_ESCAPES[match.group()], text)
    return Markup(f'<script type="application/ld+json">{text}</script>')
