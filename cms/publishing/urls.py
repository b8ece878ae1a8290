"""URLs of the preview client (mounted at /voorvertoning/ in cms/urls.py)."""

from django.urls import path

from cms.publishing import preview

app_name = "publishing"

urlpatterns = [
    path("", preview.preview_client, name="preview"),
    path("<str:key>/", preview.preview_file, {"path": ""}, name="preview_page"),
    path("<str:key>/<path:path>", preview.preview_file, name="preview_file"),
]
