"""`portal import`: content files into the CMS database.

Each village becomes a Wagtail `Site` with its `VillageHomePage` (from ``site.yaml``) and
the three index pages (Sociale kaart, Agenda, Verhalen); its categories become `Category`
snippets in the file's order, every ``.md`` file a published page, every file under
``media/`` a `PortalImage` that remembers its path, and the village gets its connectors'
group, image collection and approval workflow (`cms.accounts.roles.setup_village`).

The files are checked exactly as ``portal build`` checks them (`sitegen.content`): an
invalid item is reported as ``path: field: message`` and left out, everything else is
imported, and the exit status follows the build's (0 all, 1 some left out, 2 nothing).
What the model itself refuses (a postcode outside NL/BE, say) is reported the same way.

Every page keeps a snapshot of the file it came from, so `portal export` writes the same
bytes back (see `cms.publishing.exporting`). Importing again updates what exists.

Each file's text comes from `_read_village`, together with what the build's reader made of
it: the validated items say *which* files come in, the text gives the values as written,
the unknown keys in their order and the layout the snapshot keeps.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from cms.publishing.exporting import (
    VillageScope,
    extra_for,
    page_models,
    page_snapshot,
)
from sitegen.build import EXIT_ITEMS_LEFT_OUT, EXIT_NOTHING_PUBLISHED, EXIT_OK
from sitegen.content import ContentRootError, VillageError, discover_villages, load_village
from sitegen.contentfile import MISSING, read_site_file, split_content_file
from sitegen.kinds import KINDS, PAGES, Kind
from sitegen.yamlsafe import ContentError

_IMPORTING: ContextVar[bool] = ContextVar("portal_import_running", default=False)

# The kinds of content file, in the order they are imported: organisations first, as the
# events and stories refer to them.
_FILE_KINDS = tuple(kind for kind in KINDS if kind.folder)

# Model fields whose validation errors belong to a front-matter key of another name.
_KEY_OF_ATTRIBUTE = {
    "street": "address.street", "postcode": "address.postcode", "city": "address.city",
    "lat": "geo.lat", "lon": "geo.lon",
    "start_date": "start", "start_time": "start", "end_date": "end", "end_time": "end",
    "location_name": "location.name", "location_street": "location.address.street",
    "location_postcode": "location.address.postcode",
    "location_city": "location.address.city",
    "location_lat": "location.geo.lat", "location_lon": "location.geo.lon",
    "content_updated": "updated", "contact_email": "contact.email",
    "contact_phone": "contact.phone", "map_lat": "map.lat", "map_lon": "map.lon",
    "map_zoom": "map.zoom", "map_tiles": "map.tiles", "map_attribution": "map.attribution",
    "logo": "branding.logo", "logo_alt": "branding.logo_alt",
    "primary_color": "branding.primary_color", "language": "locale",
    "synonyms": "search.synonyms", "slug": "file", "__all__": "file",
}


def import_in_progress() -> bool:
    """True while `import_content` runs: the publish pipeline then writes no files and
    queues no builds for each of the hundreds of pages it publishes."""
    return _IMPORTING.get()


@contextmanager
def _importing():
    token = _IMPORTING.set(True)
    try:
        yield
    finally:
        _IMPORTING.reset(token)


def ensure_schema() -> None:
    """Create or update the database tables when migrations are waiting (a new database)."""
    from django.core.management import call_command
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    fresh_sqlite = connection.vendor == "sqlite" and not connection.introspection.table_names()
    if fresh_sqlite:
        # A new SQLite file: waiting for the disk after each of Wagtail's many migrations
        # costs more than the migrations themselves, and a crash now loses only a new file.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
    try:
        call_command("migrate", interactive=False, verbosity=0)
    finally:
        if fresh_sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous = FULL")


class ImportScope(VillageScope):
    """A village being imported: finds categories, organisations, authors and pictures by
    the names the files use for them."""

    def __init__(self, home, importer: _Importer) -> None:
        super().__init__(home)
        self.importer = importer
        self._organisations: dict[str, Any] = {}

    def category(self, slug: str):
        from cms.villages.models import Category

        return Category.objects.filter(village=self.home, slug=slug).first()

    def organisation(self, slug: str):
        from cms.socialmap.models import OrganisationPage

        if slug not in self._organisations:
            self._organisations[slug] = (
                OrganisationPage.objects.descendant_of(self.home).filter(slug=slug).first())
        return self._organisations[slug]

    def author(self, name: str):
        from cms.stories.models import AuthorProfile

        return AuthorProfile.objects.get_or_create(village=self.home, name=name)[0]

    def image(self, path: str):
        return self.importer.image(path)


class _Importer:
    """One run of `import_content`: the content root, the pictures and what went wrong."""

    def __init__(self, root: Path, report: TextIO) -> None:
        self.root = root
        self.report = report
        self.problems = 0
        self.images: dict[str, Any] = {}
        self.new_images: set[str] = set()

    def problem(self, path: str, field: str, message: str) -> None:
        self.problems += 1
        print(f"{path}: {field}: {message}", file=self.report)

    def refused(self, path: str, error: ValidationError, fields: dict) -> None:
        """Report what the model refused, on the key the file uses for it."""
        attribute_keys = {attribute: key for key, spec in fields.items()
                          for attribute in spec.attributes}
        messages = error.message_dict if hasattr(error, "error_dict") else {
            "__all__": error.messages}
        for attribute, texts in messages.items():
            key = _KEY_OF_ATTRIBUTE.get(attribute) or attribute_keys.get(attribute, attribute)
            for text in texts:
                self.problem(path, key, str(text))

    # ---- pictures

    def import_media(self) -> None:
        from cms.publishing.media import NotAPicture, import_image, media_files

        for rel in media_files(self.root):
            self._import_picture(rel, import_image, NotAPicture)

    def _import_picture(self, rel: str, import_image, not_a_picture) -> None:
        existed = self._known_path(rel)
        try:
            with transaction.atomic():
                self.images[rel] = import_image(self.root, rel)
        except not_a_picture as exc:
            self.problem(rel, "file", str(exc))
        except (OSError, DatabaseError) as exc:
            self.problem(rel, "file", f"could not be stored ({exc})")
        else:
            if not existed:
                self.new_images.add(rel)

    @staticmethod
    def _known_path(rel: str) -> bool:
        from cms.core.models import PortalImage

        return PortalImage.objects.filter(content_path=rel).exists()

    def image(self, path: str):
        """The picture at `path`, imported now if it lives outside media/."""
        from cms.publishing.media import NotAPicture, import_image, safe_content_path

        if path not in self.images and safe_content_path(path) is not None and (
                self.root / path).is_file():
            self._import_picture(path, import_image, NotAPicture)
        return self.images.get(path)

    def file_pictures(self, home, collection) -> None:
        """Put the pictures imported just now under media/<village>/ in its collection."""
        from cms.core.models import PortalImage

        prefix = f"media/{home.slug}/"
        ids = [self.images[rel].pk for rel in self.new_images if rel.startswith(prefix)]
        PortalImage.objects.filter(pk__in=ids).update(collection=collection)

    # ---- villages

    def import_village(self, slug: str, content, text_of: Callable[[str], str]) -> bool:
        """Import one village whose files `content` (from `load_village`) says are valid;
        `text_of` gives the text of each of those files by its path."""
        from cms.accounts.roles import setup_village

        path = f"{slug}/site.yaml"
        try:
            with transaction.atomic():
                home = self.import_site(slug, text_of(path))
                parents = self.index_pages(home)
                roles = setup_village(home)
        except ValidationError as error:
            from cms.villages.models import VillageHomePage

            self.refused(path, error, VillageHomePage.file_fields)
            return False
        except (ContentError, DatabaseError, OSError) as exc:
            self.problem(path, "file", f"could not be stored ({exc})")
            return False
        self.file_pictures(home, roles.collection)
        scope = ImportScope(home, self)
        parents[PAGES] = home
        for kind in _FILE_KINDS:
            for rel in sorted(_valid_files(content, kind)):
                self.import_page(rel, text_of, kind, parents[kind], scope)
        return True

    def import_site(self, slug: str, text: str):
        """The village home page of ``<slug>/site.yaml``, whose text is `text`."""
        from wagtail.models import Page

        from cms.villages.models import VillageHomePage

        # One kind of line ending, as a .md file's snapshot has (`split_content_file`).
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        front = read_site_file(text)
        home = VillageHomePage.objects.filter(depth=2, slug=slug).first()
        new = home is None
        if new:
            _remove_wagtail_welcome_page()
            home = VillageHomePage(slug=slug)
        scope = ImportScope(home, self)
        fields = VillageHomePage.file_fields
        for key, spec in fields.items():
            if not spec.deferred:
                spec.put(home, spec.read(front.get(key, MISSING), scope), scope)
        home.extra = extra_for(front, fields, {"text": text})
        if new:
            Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        for key, spec in fields.items():
            if spec.deferred:
                spec.put(home, spec.read(front.get(key, MISSING), scope), scope)
        _site_for(home)
        return home

    def index_pages(self, home) -> dict[Kind, Any]:
        """The section pages under `home` (made if missing), by the kind each lists."""
        from cms.core.models import section_models, section_title

        parents = {}
        for model in section_models():
            kind = model.listed_kind()
            page = model.objects.child_of(home).first()
            if page is None:
                page = home.add_child(instance=model(title=section_title(model),
                                                     slug=kind.section))
                page.save_revision().publish()
            parents[kind] = page
        return parents

    # ---- pages

    def import_page(self, rel: str, text_of: Callable[[str], str], kind: Kind, parent,
                    scope: ImportScope) -> None:
        """The page of the content file `rel` (its text from `text_of`) under `parent`."""
        model = _page_model(kind)
        fields = model.file_fields
        slug = rel.rsplit("/", 1)[1].removesuffix(".md")
        try:
            parts = split_content_file(text_of(rel))
            page = model.objects.child_of(parent).filter(slug=slug).first()
            new = page is None
            if new:
                page = model(slug=slug)
            for key, spec in fields.items():
                spec.put(page, spec.read(parts.front.get(key, MISSING), scope), scope)
            page.body = parts.body
            page.extra = extra_for(parts.front, fields, page_snapshot(parts))
            with transaction.atomic():
                if new:
                    parent.add_child(instance=page)  # validates the page as it saves it
                page.save_revision(clean=not new).publish()
        except ValidationError as error:
            self.refused(rel, error, fields)
        except (ContentError, DatabaseError, OSError, TypeError) as exc:
            self.problem(rel, "file", f"could not be stored ({exc})")


def _page_model(kind: Kind):
    """The page model whose pages are files of `kind` (it names its `kind`)."""
    return next(model for model in page_models() if model.kind is kind)


def _valid_files(content, kind: Kind) -> set[str]:
    """The paths of the items of `kind` that `load_village` found valid."""
    items = (*content.organisations, *content.events, *content.stories, *content.pages)
    return {item.source for item in items if item.kind is kind}


def _read_village(root: Path, slug: str) -> tuple[Any, Callable[[str], str]]:
    """One village as `portal build` reads it, and where the text of each of its files
    comes from (a path relative to `root` gives the file's text).

    Raises `VillageError` as `load_village` does.
    """
    texts: dict[str, str] = {}
    # The reader hands over the text of every file it read (bytes decoded as UTF-8, line
    # endings as written), so the import reads no file a second time.
    content = load_village(root, slug, texts=texts)
    return content, texts.__getitem__


def _remove_wagtail_welcome_page() -> None:
    """Wagtail's first migration makes a "Welcome to Wagtail" page and a default site on
    it; a new CMS has no use for them, and villages take their place."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, Site

    plain = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=plain, numchild=0, slug="home"):
        Site.objects.filter(root_page=page).delete()
        page.delete()


def _site_for(home) -> None:
    """The Wagtail site of a village: the host of its base_url, port 80."""
    from wagtail.models import Site

    host = urlsplit(home.base_url).hostname or f"{home.slug}.localhost"
    site = Site.objects.filter(root_page=home).first()
    taken = Site.objects.filter(hostname=host, port=80)
    if site is not None:
        taken = taken.exclude(pk=site.pk)
    if taken.exists():  # two villages on one host: the second gets a name of its own
        host = f"{home.slug}.{host}"
    if site is None:
        site = Site(root_page=home, port=80,
                    is_default_site=not Site.objects.filter(is_default_site=True).exists())
    site.hostname, site.site_name = host, home.title
    site.save()


def import_content(content_root: Path, report: TextIO = sys.stderr) -> int:
    """Load the content folder `content_root` into the CMS database; return 0, 1 or 2.

    Creates the database tables first when the database is new. Every problem is printed
    to `report` as ``path: field: message``.
    """
    root = Path(content_root)
    try:
        slugs = discover_villages(root)
    except ContentRootError as err:
        print(f"portal import: {err}", file=report)
        return EXIT_NOTHING_PUBLISHED
    if not slugs:
        print(f"portal import: {root} holds no village (a folder with a site.yaml)",
              file=report)
        return EXIT_NOTHING_PUBLISHED
    ensure_schema()
    importer = _Importer(root.resolve(), report)
    imported = []
    with _importing():
        importer.import_media()
        for slug in slugs:
            try:
                content, text_of = _read_village(root, slug)
            except VillageError as err:
                for problem in err.problems:
                    importer.problem(problem.path, problem.field, problem.message)
                continue
            for problem in content.problems:
                importer.problem(problem.path, problem.field, problem.message)
            # One transaction per village: a commit per page would make SQLite wait on the
            # disk for every one of them.
            with transaction.atomic():
                if importer.import_village(slug, content, text_of):
                    imported.append(slug)
    print(f"{len(imported)} of {len(slugs)} villages imported from {root}, "
          f"{importer.problems} problems", file=report)
    if not imported:
        return EXIT_NOTHING_PUBLISHED
    return EXIT_ITEMS_LEFT_OUT if importer.problems else EXIT_OK
