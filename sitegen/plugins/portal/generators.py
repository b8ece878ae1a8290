"""Pelican generators, one per content kind of a portal, plus one for the site-wide pages.

They render a resolved village (`sitegen.resolve.Portal`, in the build state) and change
nothing of it: `generate_context` only publishes the Portal's fields into the context
Pelican shares between them, `generate_output` writes the pages and files from it. So the
organisation pages can list events and stories whatever order the generators run in.
What rendering itself finds wrong (a page that cannot be rendered, a redirect that is not
usable) is collected in the build state; the last portal generator to finish writes what
spans every page written (redirects, sitemap, search index).
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
from collections.abc import Callable
from datetime import UTC, datetime, time
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed
from pelican.generators import Generator

from sitegen.atomic import write_atomically
from sitegen.background import Background
from sitegen.calendar import build_calendar
from sitegen.content import item_failed
from sitegen.incremental import TemplateReads, key_of, page_key
from sitegen.kinds import CATEGORY, EVENTS, ORGANISATIONS, STORIES, VILLAGE
from sitegen.model import VillageContent
from sitegen.opendata import organisations_document
from sitegen.plugins.portal.pages import PageFailed, PageJob
from sitegen.plugins.portal.state import BuildState
from sitegen.plugins.portal.templating import install_template_helpers
from sitegen.recurrence import group_by_day
from sitegen.redirects import load_redirects
from sitegen.resolve import Portal
from sitegen.search import build_search_index, search_documents
from sitegen.search.indexing import STATIC_DIR

THEME_FILES = "theme"  # where the theme's static files are placed in a site
AGENDA_DAYS = 60  # the agenda page lists this many days; each event page lists its own dates
HOME_EVENTS = 6
HOME_STORIES = 3
EVENT_DATES = 12  # next dates listed on an event page
EMPTY_FEED_UPDATED = datetime(2000, 1, 1, tzinfo=UTC)  # `updated` of a feed without entries


class PortalGenerator(Generator):
    """Shared plumbing of the portal's generators: the Portal, template helpers, writing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.state: BuildState = self.settings["PORTAL_STATE"]
        self.state.generators += 1
        install_template_helpers(self.env, self.state)
        # What each template reads is the same for every generator of the run: find once.
        if self.state.template_reads is None:
            self.state.template_reads = TemplateReads(self.env)

    @property
    def portal(self) -> Portal:
        return self.state.portal

    def generate_context(self):
        """Publish the Portal's fields by name: every generator the same, so each one's
        pages may list any kind, whichever generator runs first."""
        self.context.update({f.name: getattr(self.portal, f.name)
                             for f in dataclasses.fields(self.portal)})

    def generate_output(self, writer):
        """Write this generator's output; the last portal generator to get here finishes
        the site (`finish_site`), so what spans every page sees them all in any order.
        The first starts the search index, in the background when the build has more than
        one worker (`SearchIndexWork`)."""
        if self.state.finished == 0 and self.state.search is None:
            self.state.search = SearchIndexWork(self.state, Path(self.output_path))
        self.write_output(writer)
        self.state.finished += 1
        if self.state.finished == self.state.generators:
            finish_site(self, writer)

    def write_output(self, writer) -> None:
        """Write this generator's pages and files from the Portal."""

    def write_page(self, writer, save_as, template, *, sitemap=True, relative_urls=True,
                   item_source=None, **values):
        """Have one HTML page rendered with links relative to the site root (unless the
        build renders another page only, `BuildState.only`), once every generator has
        chosen its pages (`finish_site`); or, when nothing it reads changed since the site
        being served was built, link it from there (`sitegen.incremental`). The page of an
        item names its file (`item_source`): if it cannot be rendered, or takes longer than
        the build's time per item (`sitegen.budget`), that is a problem of the file and the
        rest of the village is still built."""
        if not self.state.wants(save_as):
            return
        jinja_template = self.get_template(template)
        key = page_key(self.state.digester, self.state.template_reads, jinja_template.name,
                       save_as, (values, self.context, self.env.globals))
        if not self.state.generation.reuse(save_as, key):
            self.state.renderer.add(PageJob(save_as, partial(
                writer.write_file, save_as, jinja_template, self.context,
                relative_urls=relative_urls, **values), source=item_source))
            self.state.generation.made(save_as, key)
        self.state.pages.add(save_as)
        if sitemap:
            self.state.sitemap.append(site_url_of(save_as))

    def write_item_page(self, writer, item, **values):
        """`write_page` for the page of one item, at its `save_as` with its kind's template."""
        try:
            self.write_page(writer, item.save_as, item.kind.template, item_source=item.source,
                            **values)
        except Exception as exc:  # noqa: BLE001 - one item never stops its village
            self.state.problems.append(item_failed(item.source, "file", exc))

    def render_pages(self) -> None:
        """Render the pages `write_page` chose (`PageRenderer`, on the build's workers);
        leave out each item's page that failed, with its problem."""
        for job, outcome in self.state.renderer.render():
            if outcome.error is not None:
                raise PageFailed(outcome.error)
            if outcome.problem is not None:
                self.state.problems.append(outcome.problem)
                self.forget_page(job.save_as)  # stopped anywhere, even half-way through

    def forget_page(self, save_as: str) -> None:
        """Undo `write_page` of one page, whatever part of it was done."""
        self.output_path_of(save_as).unlink(missing_ok=True)
        self.state.pages.discard(save_as)
        self.state.generation.forget(save_as)
        url = site_url_of(save_as)
        if url in self.state.sitemap:
            self.state.sitemap.remove(url)

    def write_file(self, save_as: str, data: Callable[[], bytes | str],
                   reads: tuple | None = None) -> None:
        """Write a non-HTML output file (feed, calendar, JSON) into the site; `data` makes
        its content, only when the build writes it (not for a one-page preview) and
        only when what it `reads` changed since the site being served was built (None:
        always)."""
        if not self.state.wants(save_as):
            return
        key = None if reads is None else key_of(self.state.digester, save_as, *reads)
        if self.state.generation.reuse(save_as, key):
            return
        write_atomically(self.output_path_of(save_as), data())
        self.state.generation.made(save_as, key)

    def output_path_of(self, save_as: str) -> Path:
        return Path(self.output_path) / save_as


class OrganisationsGenerator(PortalGenerator):
    """The social map: A–Z, one page per category and per organisation, and its open data."""

    def write_output(self, writer):
        portal = self.portal
        orgs = portal.organisations
        self.write_page(
            writer, ORGANISATIONS.section_save_as, ORGANISATIONS.section_template,
            letters=alphabet_groups(orgs), current_category=None,
            map_points=map_points(portal.village, orgs),
        )
        for cat, members in portal.categories:
            self.write_page(
                writer, cat.save_as, CATEGORY.template, category=cat, members=members,
                map_points=map_points(portal.village, members),
            )
        for org in orgs:
            self.write_item_page(
                writer, org, org=org, org_events=portal.events_by_organiser.get(org.slug, ()),
                org_stories=portal.stories_by_organisation.get(org.slug, ()),
            )
        self.write_file(ORGANISATIONS.feed, lambda: json.dumps(
            organisations_document(portal.village, list(orgs)),
            ensure_ascii=False, indent=1, sort_keys=False), reads=(portal.village, orgs))


class AgendaGenerator(PortalGenerator):
    """The agenda: upcoming occurrences by day, one page per event, and the iCalendar feed."""

    def write_output(self, writer):
        portal = self.portal
        occurrences = portal.occurrences_by_event
        today = portal.today
        listed = [o for o in portal.upcoming
                  if o.day.toordinal() <= today.toordinal() + AGENDA_DAYS]
        self.write_page(
            writer, EVENTS.section_save_as, EVENTS.section_template,
            days=group_by_day(listed, today=today), agenda_days=AGENDA_DAYS,
        )
        for event in portal.events:
            self.write_item_page(
                writer, event, event=event, dates=occurrences[event.slug][:EVENT_DATES],
                more_dates=max(0, len(occurrences[event.slug]) - EVENT_DATES),
                organiser=portal.organisations_by_slug.get(event.organiser),
            )
        # Every event's entry was made, and so checked to fit, while resolving.
        self.write_file(EVENTS.feed, lambda: build_calendar(
            portal.village, portal.events, portal.organisations_by_slug, portal.now,
            entries=portal.feed_entries), reads=calendar_reads(portal))


class StoriesGenerator(PortalGenerator):
    """Stories by neighbourhood connectors, newest first, and their Atom feed."""

    def write_output(self, writer):
        stories = self.portal.stories
        orgs = self.portal.organisations_by_slug
        self.write_page(writer, STORIES.section_save_as, STORIES.section_template)
        for story in stories:
            self.write_item_page(
                writer, story, story=story, story_orgs=[orgs[s] for s in story.organisations],
            )
        self.write_file(STORIES.feed, lambda: self.atom_feed(stories),
                        reads=(self.portal.village, stories, self.portal.tz))

    def atom_feed(self, stories) -> str:
        village = self.portal.village
        feed = StoriesFeed(
            title=f"{village.name}: verhalen",
            link=village.absolute_url(STORIES.section_url),
            description=village.tagline or f"Verhalen uit {village.name}",
            language=village.locale,
            feed_url=village.absolute_url(STORIES.feed),
        )
        for story in stories[:50]:
            published = datetime.combine(story.date, time(9, 0), tzinfo=self.portal.tz)
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


class StoriesFeed(Atom1Feed):
    """The Atom feed of stories, the same bytes for the same stories: with none, it was last
    updated at a fixed moment rather than whenever the build ran (feedgenerator's default),
    so a rebuild that keeps it and a full build agree."""

    def latest_post_date(self):
        if not self.items:
            return EMPTY_FEED_UPDATED
        return super().latest_post_date()


class PlainPagesGenerator(PortalGenerator):
    """Plain pages such as 'over', 'contact' and 'privacy'; with a menu_order, in the menu."""

    def write_output(self, writer):
        for page in self.portal.plain_pages:
            self.write_item_page(writer, page, page=page)


class SiteGenerator(PortalGenerator):
    """Home, search, 404, images and robots.txt: what spans all content kinds."""

    def write_output(self, writer):
        portal = self.portal
        self.write_page(
            writer, portal.village.save_as, VILLAGE.template,
            home_events=portal.upcoming[:HOME_EVENTS],
            home_stories=portal.stories[:HOME_STORIES],
        )
        self.write_page(
            writer, "zoeken/index.html", "pages/search",
            letters=alphabet_groups(portal.organisations), sitemap=False,
        )
        # Served in place of any missing path, so its links start from the site's root path.
        root_path = urlsplit(portal.village.base_url).path.rstrip("/")
        self.write_page(writer, "404.html", "pages/404", sitemap=False, relative_urls=False,
                        SITEURL=root_path)
        self.state.generation.place(self.state.images.publish(self.output_path_of("")))
        self.write_file("robots.txt", lambda: robots(portal.village), reads=(portal.village,))
        self.place_theme_files()

    def place_theme_files(self) -> None:
        """Copy the theme's static files (CSS, scripts, icons) to ``theme/``, or link each
        unchanged one from the site being served."""
        static = Path(self.theme) / "static"
        for source in sorted(p for p in static.rglob("*") if p.is_file()):
            save_as = f"{THEME_FILES}/{source.relative_to(static).as_posix()}"
            if self.state.wants(save_as):
                self.state.generation.place_copy(save_as, source)


def finish_site(generator: PortalGenerator, writer) -> None:
    """What spans every page written, done by the last portal generator to write its own
    (whichever that is): the pages chosen, the redirects where no page was written, the
    sitemap of the pages that were, and then the search index."""
    state = generator.state
    village = state.portal.village
    generator.render_pages()
    redirects, problems = load_redirects(state.content_root, village.slug)
    state.problems.extend(problems)
    for redirect in redirects:
        save_as = f"{redirect.source}index.html"
        if save_as in state.pages:
            continue  # a real page lives there again: it wins over the old redirect
        generator.write_page(writer, save_as, "pages/redirect", sitemap=False,
                             redirect_target=redirect.target)
    generator.render_pages()
    generator.write_file("sitemap.xml", lambda: sitemap(village, state.sitemap),
                         reads=(village, sorted(set(state.sitemap))))
    if state.search is not None:
        state.search.finish()


class SearchIndexWork:
    """Writing the search index from the village's search documents, or linking it whole
    from the site being served when the documents and the village's categories and
    synonyms are what they were. Its scores depend on every document, so it is made as
    one; of what it made, each file equal to the served one is that file
    (`Generation.settle`). With more than one worker it is made in a forked child
    (`Background`) while the pages are rendered; a child that fails leaves it to be made
    by the build itself."""

    def __init__(self, state: BuildState, output: Path) -> None:
        self.state = state
        self.output = output
        self.work: Callable[[], tuple] | None = None
        self.child: Background | None = None
        if not state.search_index or state.only is not None:
            return
        content = searched_content(state.portal)
        docs = search_documents(content, state.portal.occurrences_by_event)
        key = key_of(state.digester, STATIC_DIR, content.village, docs)
        if state.generation.reuse_folder(STATIC_DIR, key):
            return

        def work() -> tuple:
            stats = build_search_index(content, state.portal.occurrences_by_event, output,
                                       docs=docs)
            for rel in stats.files:
                state.generation.settle(rel, key)
            return key, stats.files, state.generation.linked.intersection(stats.files)

        self.work = work
        if state.renderer.workers > 1:
            self.child = Background(work)

    def finish(self) -> None:
        """Wait for the index, or make it now; record its files in the generation."""
        if self.work is None:
            return
        made, self.child = (self.child.result() if self.child else None), None
        if made is None:  # made here: one worker, or a child that failed
            self.work()
            return
        key, files, kept = made
        for rel in files:
            self.state.generation.made(rel, key)
        self.state.generation.settled(kept)


    def close(self) -> None:
        """Stop the child if the build ends without waiting for it (it failed)."""
        if self.child is not None:
            self.child.stop()
            self.child = None



def calendar_reads(portal: Portal) -> tuple:
    """What the calendar feed is made of (`build_calendar`): its events, their organisers
    (for ORGANIZER and LOCATION; no other organisation), the village, which events it
    keeps, and of the build's moment only what it uses: the year (for the time zone's
    rules) and, while an event without `updated` is kept, the moment itself (its DTSTAMP).
    The CMS stamps every event, so its feed is written again only when an event, or an
    organiser, changes or an event leaves it."""
    kept = tuple(slug for slug, entry in portal.feed_entries.items() if entry is not None)
    unstamped = any(event.updated is None for event in portal.events if event.slug in kept)
    organisers = {event.organiser: portal.organisations_by_slug.get(event.organiser)
                  for event in portal.events if event.organiser}
    return (portal.village, portal.events, dict(sorted(organisers.items())), kept,
            portal.now.astimezone(portal.tz).year, portal.now if unstamped else None)


def searched_content(portal: Portal) -> VillageContent:
    """The items of `portal` in the shape the search index reads."""
    return VillageContent(
        village=portal.village, organisations=list(portal.organisations),
        events=list(portal.events), stories=list(portal.stories),
        pages=list(portal.plain_pages))


def robots(village) -> str:
    sitemap_url = village.absolute_url("sitemap.xml")
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"


def sitemap(village, urls) -> str:
    rows = "".join(
        f"  <url><loc>{escape(village.absolute_url(u))}</loc></url>\n"
        for u in sorted(set(urls))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{rows}</urlset>\n"
    )


#: The portal's generators, one per kind with pages of its own and one for the whole
#: site; a new kind's generator is added here (`sitegen.plugins.portal` registers them).
GENERATORS = (
    OrganisationsGenerator,
    PlainPagesGenerator,
    AgendaGenerator,
    StoriesGenerator,
    SiteGenerator,
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
