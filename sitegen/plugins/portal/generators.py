"""Pelican generators, one per content kind of a portal, plus one for the site-wide pages.

Pelican calls every generator's `generate_context` first (in the order `register` lists
them) and then every `generate_output`, so the organisation pages can list the events and
stories that other generators put into the shared context.
"""

from __future__ import annotations

import json
import posixpath
from datetime import datetime, time
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed
from pelican.generators import Generator

from sitegen.atomic import write_atomically
from sitegen.budget import ItemBudget, OverBudget, over_budget
from sitegen.calendar import build_calendar
from sitegen.content import item_failed, organisations_left_out, organiser_left_out
from sitegen.kinds import CATEGORY, CATEGORY_SEGMENT, EVENTS, KINDS, ORGANISATIONS, STORIES, VILLAGE
from sitegen.model import Problem
from sitegen.opendata import organisations_document
from sitegen.plugins.portal.state import BuildState, group_by
from sitegen.plugins.portal.templating import install_template_helpers
from sitegen.recurrence import expand_occurrences, group_by_day, upcoming
from sitegen.redirects import load_redirects
from sitegen.search import build_search_index

AGENDA_DAYS = 60  # the agenda page lists this many days; each event page lists its own dates
HOME_EVENTS = 6
HOME_STORIES = 3
EVENT_DATES = 12  # next dates listed on an event page

# Top-level paths a plain page may not take, because the portal's own sections live there.
RESERVED_PAGE_SLUGS = {kind.section for kind in KINDS if kind.section} | {
    kind.feed.split("/")[0] for kind in KINDS if "/" in kind.feed
} | {"zoeken", "theme", "media", "index", "404"}


class PortalGenerator(Generator):
    """Shared plumbing of the portal's generators: build state, template helpers, writing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.state: BuildState = self.settings["PORTAL_STATE"]
        install_template_helpers(self.env, self.state)

    @property
    def content(self):
        return self.state.content

    def write_page(self, writer, save_as, template, *, sitemap=True, **values):
        """Render one HTML page with links relative to the site root."""
        writer.write_file(
            save_as, self.get_template(template), self.context, relative_urls=True, **values
        )
        self.state.pages.add(save_as)
        if sitemap:
            self.state.sitemap.append(site_url_of(save_as))

    def write_item_page(self, writer, item, **values):
        """`write_page` for the page of one item, at its `save_as` with its kind's template:
        if it cannot be rendered, that is a problem of the item's file and the rest of the
        village is still built. Nor may it take long: past the build's time per item it is
        stopped (`sitegen.budget`)."""
        try:
            with ItemBudget(self.state.item_seconds):
                self.write_page(writer, item.save_as, item.kind.template, **values)
        except OverBudget as exc:
            self.state.problems.append(over_budget(item.source, "file", "render", exc))
            self.forget_page(item.save_as)  # stopped anywhere, even half-way through writing
        except Exception as exc:  # noqa: BLE001 - one item never stops its village
            self.state.problems.append(item_failed(item.source, "file", exc))

    def forget_page(self, save_as: str) -> None:
        """Undo `write_page` of one page, whatever part of it was done."""
        self.output_path_of(save_as).unlink(missing_ok=True)
        self.state.pages.discard(save_as)
        url = site_url_of(save_as)
        if url in self.state.sitemap:
            self.state.sitemap.remove(url)

    def write_file(self, save_as: str, data: bytes | str) -> None:
        """Write a non-HTML output file (feed, calendar, JSON) into the site."""
        write_atomically(self.output_path_of(save_as), data)

    def output_path_of(self, save_as: str) -> Path:
        return Path(self.output_path) / save_as


class OrganisationsGenerator(PortalGenerator):
    """The social map: A–Z, one page per category and per organisation, and its open data."""

    def generate_context(self):
        # The first generator: the logo is on every page, so it is derived before any is
        # written. One that cannot be used is a problem of site.yaml; the portal shows
        # its name instead.
        village = self.content.village
        if not self.state.image(village.logo, f"{village.slug}/site.yaml", "branding.logo"):
            village.logo = None
        kept = []
        for org in self.content.organisations:
            if org.slug == CATEGORY_SEGMENT:
                self.state.problems.append(Problem.worded(
                    org.source, "file", "the name 'categorie' is taken by the category pages; "
                    "rename the file"))
            elif self.state.image(org.image, org.source):
                kept.append(org)
        self.content.organisations = kept
        self.context["organisations"] = kept
        self.context["organisations_by_slug"] = {o.slug: o for o in kept}
        by_category = group_by(kept, lambda o: o.categories)
        self.context["categories"] = [
            (cat, by_category.get(cat.slug, [])) for cat in self.content.village.categories
        ]

    def generate_output(self, writer):
        orgs = self.context["organisations"]
        events_by_org = self.context["events_by_organiser"]
        stories_by_org = self.context["stories_by_organisation"]
        self.write_page(
            writer, ORGANISATIONS.section_save_as, ORGANISATIONS.section_template,
            letters=alphabet_groups(orgs), current_category=None,
            map_points=map_points(self.content.village, orgs),
        )
        for cat, members in self.context["categories"]:
            self.write_page(
                writer, cat.save_as, CATEGORY.template, category=cat, members=members,
                map_points=map_points(self.content.village, members),
            )
        for org in orgs:
            self.write_item_page(
                writer, org, org=org, org_events=events_by_org.get(org.slug, []),
                org_stories=stories_by_org.get(org.slug, []),
            )
        document = organisations_document(self.content.village, orgs)
        self.write_file(
            ORGANISATIONS.feed,
            json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False),
        )


class AgendaGenerator(PortalGenerator):
    """The agenda: upcoming occurrences by day, one page per event, and the iCalendar feed."""

    def generate_context(self):
        orgs = self.context["organisations_by_slug"]
        kept = []
        occurrences = {}
        for event in self.content.events:
            if not self.state.image(event.image, event.source):
                continue
            if event.organiser and event.organiser not in orgs:
                # A note: the event stays, without the link to its organiser.
                self.state.problems.append(organiser_left_out(event.source, event.organiser))
                event.organiser = ""
            try:
                with ItemBudget(self.state.item_seconds):
                    occurrences[event.slug] = expand_occurrences(event, self.state.tz,
                                                                 self.state.now)
            except OverBudget as exc:
                self.state.problems.append(
                    over_budget(event.source, self._field(event), "render", exc))
                continue
            except Exception as exc:  # noqa: BLE001 - one event never stops its village
                self.state.problems.append(item_failed(event.source, self._field(event), exc))
                continue
            kept.append(event)

        def leave_out(event, exc):
            self.state.problems.append(item_failed(event.source, self._field(event), exc))
            kept.remove(event)
            del occurrences[event.slug]

        # Made before any page is written, so an event the feed cannot hold is left out
        # of the whole site, not only of the feed.
        self.context["calendar"] = build_calendar(
            self.content.village, list(kept), orgs, self.state.now, on_error=leave_out)
        self.content.events = kept
        self.context["events"] = kept
        self.context["occurrences_by_event"] = occurrences
        self.context["upcoming"] = upcoming(occurrences.values())
        events_by_org: dict = {}
        for event in kept:
            if event.organiser and occurrences[event.slug]:
                events_by_org.setdefault(event.organiser, []).append(
                    (event, occurrences[event.slug][0]))
        for pairs in events_by_org.values():
            pairs.sort(key=lambda pair: sort_key(pair[1].start))
        self.context["events_by_organiser"] = events_by_org

    def generate_output(self, writer):
        events = self.context["events"]
        occurrences = self.context["occurrences_by_event"]
        orgs = self.context["organisations_by_slug"]
        today = self.state.now.astimezone(self.state.tz).date()
        listed = [o for o in self.context["upcoming"]
                  if o.day.toordinal() <= today.toordinal() + AGENDA_DAYS]
        self.write_page(
            writer, EVENTS.section_save_as, EVENTS.section_template,
            days=group_by_day(listed, today=today), agenda_days=AGENDA_DAYS,
        )
        for event in events:
            self.write_item_page(
                writer, event, event=event, dates=occurrences[event.slug][:EVENT_DATES],
                more_dates=max(0, len(occurrences[event.slug]) - EVENT_DATES),
                organiser=orgs.get(event.organiser),
            )
        self.write_file(EVENTS.feed, self.context["calendar"])

    @staticmethod
    def _field(event) -> str:
        """The field of an event whose dates could not be worked out."""
        return "recurrence" if event.recurrence else "start"


class StoriesGenerator(PortalGenerator):
    """Stories by neighbourhood connectors, newest first, and their Atom feed."""

    def generate_context(self):
        orgs = self.context["organisations_by_slug"]
        today = self.state.now.astimezone(self.state.tz).date()
        kept = []
        for story in self.content.stories:
            if story.date > today:
                continue  # scheduled: published on its date by the next build
            if not self.state.image(story.image, story.source):
                continue
            gone = [slug for slug in story.organisations if slug not in orgs]
            if gone:
                # A note: the story stays and keeps the organisations that remain.
                self.state.problems.append(organisations_left_out(story.source, gone))
                story.organisations = [s for s in story.organisations if s in orgs]
            kept.append(story)
        kept.sort(key=lambda s: (s.date, s.slug), reverse=True)
        self.content.stories = kept
        self.context["stories"] = kept
        self.context["stories_by_organisation"] = group_by(kept, lambda s: s.organisations)

    def generate_output(self, writer):
        stories = self.context["stories"]
        orgs = self.context["organisations_by_slug"]
        self.write_page(writer, STORIES.section_save_as, STORIES.section_template)
        for story in stories:
            self.write_item_page(
                writer, story, story=story, story_orgs=[orgs[s] for s in story.organisations],
            )
        self.write_file(STORIES.feed, self.atom_feed(stories))

    def atom_feed(self, stories) -> str:
        village = self.content.village
        feed = Atom1Feed(
            title=f"{village.name}: verhalen",
            link=village.absolute_url(STORIES.section_url),
            description=village.tagline or f"Verhalen uit {village.name}",
            language=village.locale,
            feed_url=village.absolute_url(STORIES.feed),
        )
        for story in stories[:50]:
            published = datetime.combine(story.date, time(9, 0), tzinfo=self.state.tz)
            feed.add_item(
                title=story.title,
                link=village.absolute_url(story.url),
                unique_id=village.absolute_url(story.url),
                description=story.summary or story.body_text[:300],
                content=story.body_html,
                author_name=story.author,
                pubdate=published,
                updateddate=published,
            )
        return feed.writeString("utf-8")


class PlainPagesGenerator(PortalGenerator):
    """Plain pages such as 'over', 'contact' and 'privacy'; with a menu_order, in the menu."""

    def generate_context(self):
        kept = []
        for page in self.content.pages:
            if page.slug in RESERVED_PAGE_SLUGS:
                self.state.problems.append(Problem.worded(
                    page.source, "file",
                    "the address /{slug}/ belongs to the portal itself; rename the file",
                    slug=page.slug))
            else:
                kept.append(page)
        self.content.pages = kept
        self.context["plain_pages"] = kept
        self.context["menu_pages"] = sorted(
            (p for p in kept if p.menu_order is not None), key=lambda p: (p.menu_order, p.title)
        )

    def generate_output(self, writer):
        for page in self.context["plain_pages"]:
            self.write_item_page(writer, page, page=page)


class SiteGenerator(PortalGenerator):
    """Home, search, 404, images, sitemap and robots.txt: what spans all content kinds."""

    def generate_output(self, writer):
        content = self.content
        self.write_page(
            writer, content.village.save_as, VILLAGE.template,
            home_events=self.context["upcoming"][:HOME_EVENTS],
            home_stories=self.context["stories"][:HOME_STORIES],
        )
        self.write_page(
            writer, "zoeken/index.html", "pages/search",
            letters=alphabet_groups(content.organisations), sitemap=False,
        )
        # Served in place of any missing path, so its links start from the site's root path.
        root_path = urlsplit(self.content.village.base_url).path.rstrip("/")
        writer.write_file("404.html", self.get_template("pages/404"), self.context,
                          relative_urls=False, SITEURL=root_path)
        self.write_redirects(writer)
        self.state.publish_images(self.output_path_of(""))
        self.write_file("robots.txt", self.robots())
        self.write_file("sitemap.xml", self.sitemap())
        # Last, so the search index only points at pages that were written.
        if self.state.search_index:
            build_search_index(content, self.context["occurrences_by_event"],
                               Path(self.output_path))

    def write_redirects(self, writer) -> None:
        """A page at each old address that sends residents to where the content moved."""
        redirects, problems = load_redirects(self.state.content_root, self.content.village.slug)
        self.state.problems.extend(problems)
        for redirect in redirects:
            save_as = f"{redirect.source}index.html"
            if self.output_path_of(save_as).exists():
                continue  # a real page lives there again: it wins over the old redirect
            self.write_page(writer, save_as, "pages/redirect", sitemap=False,
                            redirect_target=redirect.target)

    def robots(self) -> str:
        sitemap = self.content.village.absolute_url("sitemap.xml")
        return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"

    def sitemap(self) -> str:
        village = self.content.village
        rows = "".join(
            f"  <url><loc>{escape(village.absolute_url(u))}</loc></url>\n"
            for u in sorted(set(self.state.sitemap))
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{rows}</urlset>\n"
        )


def site_url_of(save_as: str) -> str:
    """The URL path (relative to the site root) a written file is reached at."""
    if save_as == "index.html":
        return ""
    if save_as.endswith("/index.html"):
        return posixpath.dirname(save_as) + "/"
    return save_as


def alphabet_groups(orgs) -> list[tuple[str, list]]:
    """Organisations grouped by first letter for an A–Z list (digits and signs under '#')."""
    groups: dict[str, list] = {}
    for org in sorted(orgs, key=lambda o: o.title.casefold()):
        first = org.title[:1].upper()
        letter = first if first.isalpha() and first.isascii() else "#"
        groups.setdefault(letter, []).append(org)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "#", kv[0]))


def map_points(village, orgs) -> list[dict]:
    """What the map script needs of each organisation with a position: its page's address
    as every other link of the portal gives it (the item's own `url`), so the script never
    builds one."""
    return [
        {"url": village.absolute_url(o.url), "title": o.title, "lat": o.geo.lat,
         "lon": o.geo.lon}
        for o in orgs if o.geo is not None
    ]


def sort_key(moment) -> tuple:
    """Order dates and datetimes together: an all-day date sorts at the start of its day."""
    if isinstance(moment, datetime):
        return (moment.date(), 1, moment.timestamp())
    return (moment, 0, 0.0)
