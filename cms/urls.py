"""URLs of the CMS: the Wagtail admin, the preview client and invitations."""

from pathlib import Path

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("voorvertoning/", include("cms.publishing.urls")),
    path("uitnodiging/", include("cms.accounts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only the resized copies the admin shows (Wagtail's renditions, under images/): the
    # uploads themselves (original_images/) keep their EXIF data, such as where a photo
    # was taken, and are never served. sitegen publishes its own stripped copies.
    renditions = f"{settings.MEDIA_URL}images/"
    urlpatterns += static(renditions, document_root=Path(settings.MEDIA_ROOT) / "images")

urlpatterns += [path("", include(wagtail_urls))]
