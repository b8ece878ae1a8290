"""From Wagtail events to the static portal: publish, unpublish, delete, move, rename.

Each handler queues the change of content files on the transaction's publish batch
(`cms.publishing.batch`) and asks for a rebuild of the village; after commit the files
change in order and then the rebuild runs. Scheduled go-live and expiry arrive here
through the same signals, sent by Wagtail's `publish_scheduled` command.
"""

from __future__ import annotations

from pathlib import Path

from django.db.models import ProtectedError, QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.core.models import PortalPage
from cms.publishing.batch import after_commit


def village_slug_of(page) -> str | None:
    village = page.get_village() if isinstance(page, PortalPage) else None
    return village.slug if village else None


def importing() -> bool:
    from cms.publishing.importing import import_in_progress

    return import_in_progress()


def publish_file(page: PortalPage) -> None:
    """Write the page's content file (and the site.yaml it needs) and queue a rebuild."""
    from cms.publishing.exporting import write_page_file

    village = village_slug_of(page)
    if village is not None:
        after_commit(lambda: write_latest_file(page, write_page_file), village=village)


def write_latest_file(page: PortalPage, write) -> None:
    """Write the file from the page as it is live now, one writer at a time.

    Publishes of one page commit one after another, but their after-commit writes run
    side by side: the write of an older publish could land last and leave the file
    behind the database. Under a lock file in the content root (shared by every process
    of the CMS on this machine), each write reads the page as it is live at that moment,
    so the last write is of the newest publish. No database lock: a row lock here met the
    publishes' own locks and deadlocked on PostgreSQL.
    """
    import fcntl

    from django.conf import settings

    root = Path(settings.PORTAL_CONTENT_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".write.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        latest = type(page).objects.filter(pk=page.pk).first() if page.pk else None
        if latest is None:
            write(page)  # not saved (yet): what the signal gave is all there is
        elif latest.live:
            write(latest)

def withdraw_file(page: PortalPage, slug: str | None = None, village: str | None = None) -> None:
    """Remove the page's content file and queue a rebuild: it leaves the portal."""
    from cms.publishing.exporting import remove_page_file

    village = village or village_slug_of(page)
    if village is not None:
        after_commit(lambda: remove_page_file(page, slug=slug, village=village),
                     village=village)


def on_published(sender, instance, **kwargs):
    if isinstance(instance, PortalPage) and not importing():
        publish_file(instance)


def on_unpublished(sender, instance, **kwargs):
    if isinstance(instance, PortalPage) and not importing():
        withdraw_file(instance)


def on_slug_changed(sender, instance, instance_before, **kwargs):
    """A renamed page: its old file goes, a redirect stays at the old address, and pages
    that name it (events of an organiser, stories about it) are written with the new name."""
    if not isinstance(instance, PortalPage) or not instance_before.live or importing():
        return
    from cms.publishing.redirects import add_redirect

    village = village_slug_of(instance)
    after_commit(lambda: add_redirect(instance_before, instance))
    withdraw_file(instance_before, slug=instance_before.slug, village=village)
    for referrer in pages_referring_to(instance):
        publish_file(referrer)


def pages_referring_to(page) -> list[PortalPage]:
    """Live pages whose content file names `page` by its slug."""
    from cms.agenda.models import EventPage
    from cms.socialmap.models import OrganisationPage
    from cms.stories.models import StoryPage

    if not isinstance(page, OrganisationPage):
        return []
    return [*EventPage.objects.live().filter(organiser=page),
            *StoryPage.objects.live().filter(organisations=page)]


def on_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """Moving between villages moves the file; within a village nothing changes on disk."""
    page = instance.specific
    if not isinstance(page, PortalPage) or not page.live or importing():
        return
    before = parent_page_before.specific
    village_before = village_slug_of(before) if isinstance(before, PortalPage) else None
    if village_before and village_before != village_slug_of(page):
        withdraw_file(page, village=village_before)
    publish_file(page)


def on_deleted(sender, instance, **kwargs):
    """A deleted page leaves the portal (its descendants arrive here one by one)."""
    page = instance
    if isinstance(page, Page) and not isinstance(page, PortalPage) and page.pk:
        page = page.specific_deferred
    if isinstance(page, PortalPage) and page.live and not importing():
        withdraw_file(page)


def on_category_saving(sender, instance, **kwargs):
    """Remember the slug and village the content files know the category by, so that
    `on_category_saved` can tell a new slug from a new name or a new place in the order."""
    from cms.villages.models import Category

    instance._on_file = Category.objects.filter(pk=instance.pk).values(
        "slug", "village_id").first() if instance.pk is not None else None


def on_category_saved(sender, instance, **kwargs):
    """Categories live in site.yaml: rewrite it (in both villages if the category moved).
    Organisations and events name a category by its slug, so a new slug rewrites the file
    of every live page that has it too; otherwise the next build would leave them out."""
    before = instance.__dict__.pop("_on_file", None)
    if importing():  # the files are the truth then
        return
    villages = {instance.village_id, before["village_id"] if before else instance.village_id}
    rewrite_site_yaml(villages)
    if before and (before["slug"], before["village_id"]) != (instance.slug,
                                                             instance.village_id):
        for page in instance.pages_using():
            if page.live:
                publish_file(page)


def on_category_deleted(sender, instance, **kwargs):
    """A deleted category leaves site.yaml (no page has it: see the refusal below)."""
    if not importing():
        rewrite_site_yaml({instance.village_id})


def rewrite_site_yaml(village_ids) -> None:
    """Queue the site.yaml of each live village among `village_ids` (a village that is not
    found is being deleted itself, with its categories)."""
    from cms.villages.models import VillageHomePage

    for village in VillageHomePage.objects.filter(pk__in=village_ids, live=True):
        publish_file(village)


def refuse_deleting_used_category(sender, instance, origin=None, **kwargs):
    """A category that pages still have is not deleted: their files would name a category
    site.yaml no longer lists, and the build would leave them out. Deleting a village takes
    its categories and pages together (then `origin` is the page), and an import follows
    the files. The admin refuses the same delete earlier, in Dutch
    (`cms/villages/wagtail_hooks.py`)."""
    from cms.villages.models import Category

    direct = isinstance(origin, Category) or (isinstance(origin, QuerySet)
                                              and issubclass(origin.model, Category))
    if not direct or importing():
        return
    pages = instance.pages_using()
    if pages:
        raise ProtectedError(
            f"category '{instance.slug}' is still used by "
            f"{', '.join(page.title for page in pages)}; give them another category first",
            set(pages))


def connect() -> None:
    from cms.villages.models import Category

    page_published.connect(on_published, dispatch_uid="portal-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="portal-unpublished")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="portal-slug")
    post_page_move.connect(on_moved, dispatch_uid="portal-moved")
    pre_delete.connect(on_deleted, dispatch_uid="portal-deleted")
    pre_save.connect(on_category_saving, sender=Category, dispatch_uid="portal-cat-saving")
    post_save.connect(on_category_saved, sender=Category, dispatch_uid="portal-cat-saved")
    pre_delete.connect(refuse_deleting_used_category, sender=Category,
                       dispatch_uid="portal-cat-in-use")
    post_delete.connect(on_category_deleted, sender=Category, dispatch_uid="portal-cat-gone")
