"""schema.org JSON-LD: what search engines read, and that untrusted text cannot escape it."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup

from sitegen.jsonld import event_jsonld, organisation_jsonld, story_jsonld, to_script
from sitegen.model import Address, Event, Geo, Location, Occurrence, Organisation, Story, Village
from sitegen.recurrence import expand_occurrences

AMS = ZoneInfo("Europe/Amsterdam")
NL = Village(
    slug="papendrecht",
    name="PuurPapendrecht",
    municipality="Papendrecht",
    base_url="https://puur.example",
    categories=[],
)
BE = Village(
    slug="brugge-zuid",
    name="Brugge Zuid",
    municipality="Brugge",
    base_url="https://bruggezuid.example",
    categories=[],
    timezone="Europe/Brussels",
)
ORG = Organisation(
    slug="buurthuis-de-linde",
    title="Buurthuis De Linde",
    categories=["ontmoeten"],
    summary="Ontmoeten in de wijk.",
    address=Address("Lindeplein 1", "3351 AB", "Papendrecht"),
    geo=Geo(51.83, 4.69),
    phone="078 123 45 67",
    email="info@delinde.example",
    website="https://delinde.example",
    opening_hours=["Mo-Fr 09:00-17:00"],
)
EVIL = "</script><script>alert(1)</script>"

SCRIPT_RE = re.compile(r'^<script type="application/ld\+json">(.*)</script>$', re.DOTALL)


def script_json(markup: Markup) -> object:
    match = SCRIPT_RE.match(str(markup))
    assert match, markup
    return json.loads(match.group(1))


def test_organisation():
    url = "https://puur.example/sociale-kaart/buurthuis-de-linde/"
    data = organisation_jsonld(ORG, NL, url, "https://puur.example/media/linde.jpg")
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Buurthuis De Linde"
    assert data["url"] == "https://delinde.example"
    assert data["sameAs"] == ["https://delinde.example"]
    assert data["description"] == "Ontmoeten in de wijk."
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Lindeplein 1",
        "postalCode": "3351 AB",
        "addressLocality": "Papendrecht",
        "addressCountry": "NL",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 51.83, "longitude": 4.69}
    assert data["openingHours"] == ["Mo-Fr 09:00-17:00"]
    assert data["telephone"] == "078 123 45 67"
    assert data["email"] == "info@delinde.example"
    assert data["image"] == "https://puur.example/media/linde.jpg"


def test_organisation_without_details_has_no_empty_fields():
    bare = Organisation(slug="club", title="Club", categories=["sport"], summary="Sport.")
    url = "https://bruggezuid.example/sociale-kaart/club/"
    data = organisation_jsonld(bare, BE, url)
    assert data["url"] == url
    for key in ("address", "geo", "openingHours", "telephone", "email", "sameAs", "image"):
        assert key not in data
    with_address = Organisation(
        slug="club", title="Club", categories=[], summary="", address=Address(city="Brugge")
    )
    assert organisation_jsonld(with_address, BE, url)["address"]["addressCountry"] == "BE"


def test_event_occurrence_with_offsets_and_place():
    event = Event(
        slug="koffieochtend",
        title="Koffieochtend",
        start=datetime(2026, 10, 6, 10, tzinfo=AMS),
        end=datetime(2026, 10, 6, 12, tzinfo=AMS),
        recurrence="FREQ=WEEKLY;BYDAY=TU",
        location=Location("Zaal 2", Address("Lindeplein 1", "3351 AB", "Papendrecht"), Geo(51, 4)),
        summary="Koffie en een praatje.",
        price="€ 1,50",
        registration_url="https://delinde.example/aanmelden",
    )
    occs = expand_occurrences(event, AMS, datetime(2026, 10, 21, tzinfo=AMS), horizon_days=14)
    url = "https://puur.example/agenda/koffieochtend/"
    data = event_jsonld(event, occs[0], NL, url, ORG)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2026-10-27T10:00:00+01:00"
    assert data["endDate"] == "2026-10-27T12:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "Zaal 2"
    assert data["location"]["address"]["postalCode"] == "3351 AB"
    assert data["location"]["geo"]["latitude"] == 51
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Buurthuis De Linde",
        "url": "https://puur.example/sociale-kaart/buurthuis-de-linde/",
    }
    assert data["offers"]["price"] == "1.50"
    assert data["offers"]["priceCurrency"] == "EUR"
    assert data["offers"]["url"] == "https://delinde.example/aanmelden"
    assert data["url"] == url


def test_all_day_event_has_plain_dates_and_free_offer():
    event = Event(
        slug="kerstmarkt",
        title="Kerstmarkt",
        start=date(2026, 12, 5),
        end=date(2026, 12, 6),
        all_day=True,
        price="Gratis",
    )
    occ = Occurrence(event, date(2026, 12, 5), date(2026, 12, 6), True)
    data = event_jsonld(event, occ, BE, "https://bruggezuid.example/agenda/kerstmarkt/", None)
    assert (data["startDate"], data["endDate"]) == ("2026-12-05", "2026-12-06")
    assert data["offers"]["price"] == "0"
    assert "organizer" not in data and "location" not in data


def test_story():
    story = Story(
        slug="interview-bakker",
        title="De bakker van de wijk",
        date=date(2026, 9, 14),
        author="Anna de Vries",
        summary="Een gesprek over brood en buren.",
    )
    url = "https://puur.example/verhalen/interview-bakker/"
    data = story_jsonld(story, NL, url, None, [ORG])
    assert data["@type"] == "Article"
    assert data["headline"] == "De bakker van de wijk"
    assert data["datePublished"] == "2026-09-14"
    assert data["author"] == {"@type": "Person", "name": "Anna de Vries"}
    assert data["publisher"]["name"] == "PuurPapendrecht"
    assert data["about"][0]["name"] == "Buurthuis De Linde"
    assert "image" not in data


def test_script_element_parses_back():
    data = organisation_jsonld(ORG, NL, "https://puur.example/sociale-kaart/buurthuis-de-linde/")
    markup = to_script(data)
    assert isinstance(markup, Markup)
    assert script_json(markup) == data


def test_title_cannot_break_out_of_the_script_element():
    event = Event(
        slug="x",
        title=EVIL,
        start=datetime(2026, 10, 6, 10, tzinfo=AMS),
        summary="Tom & Jerry <b>",
    )
    occ = Occurrence(event, event.start, None, False)
    markup = str(to_script(event_jsonld(event, occ, NL, "https://puur.example/agenda/x/", None)))
    # One script element, nothing of the title's markup is left as markup.
    assert markup.count("<script") == 1 and markup.count("</script>") == 1
    assert markup.endswith("</script>")
    inner = SCRIPT_RE.match(markup).group(1)
    assert "<" not in inner and ">" not in inner and "&" not in inner
    data = json.loads(inner)
    assert data["name"] == EVIL
    assert data["description"] == "Tom & Jerry <b>"


def test_line_separators_and_lists_are_escaped():
    markup = str(to_script([{"name": "a\u2028b"}, {"name": "<!--"}]))
    assert "\u2028" not in markup and "<!--" not in markup
    assert script_json(to_script([{"name": "a\u2028b"}])) == [{"name": "a\u2028b"}]
