"""The preview client of wagtail-headless-preview: a draft shown with the portal's own look.

Wagtail's preview button stores the draft (a `PagePreview` with a signed token) and frames
``/voorvertoning/?content_type=...&token=...``. `preview_client` turns the draft into its
content file, builds the village with it through `sitegen.preview` (the same templates
and code as ``portal build``) and redirects to the built page under
``/voorvertoning/<key>/``, where `preview_file` serves that build. The address mirrors the
page's real path (``/voorvertoning/<key>/sociale-kaart/<slug>/``), so the page's relative
links to ``../../theme/`` and ``../../media/`` work without changing a byte of its HTML.

Only someone who may edit the page (or, for a page not saved yet, add it under its
parent) sees a preview, and every page of a preview is checked again, as a preview
folder belongs to one person and one page. Previews are served sandboxed
(`PREVIEW_POLICY`): a script in a generated page never acts with the editor's session.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import mimetypes
import re
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.signing import BadSignature
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET
from wagtail.models import Page

from cms.core.models import PortalPage
from sitegen.build import CACHE_DIRNAME
from sitegen.preview import PreviewPathError, build_preview

logger = logging.getLogger(__name__)

# Index pages have no content file of their own: their preview is the listing as it is.
LISTING_PAGES = {
    "socialmap.socialmapindexpage": "sociale-kaart/index.html",
    "agenda.agendaindexpage": "agenda/index.html",
    "stories.storyindexpage": "verhalen/index.html",
}
PREVIEW_MAX_AGE = 24 * 3600  # seconds a preview folder is kept (wagtail keeps tokens a day)
META = "preview.json"
KEY_RE = re.compile(r"^[0-9a-f]{32}$")
# Pelican swaps sys.stdout and sets the locale while it runs: process-wide state, so two
# threads of one web server must not build at the same time.
_BUILDING = threading.Lock()


def banner() -> str:
    """The line above every preview: the only thing that differs from the portal."""
    return _("Voorvertoning — deze versie is nog niet gepubliceerd")


def current_moment():
    """The moment the preview is built for (tests replace it with a fixed one)."""
    return timezone.now()


def preview_root() -> Path:
    """Where preview builds are kept: never inside the served build folder."""
    configured = getattr(settings, "PORTAL_PREVIEW_ROOT", None)
    return Path(configured) if configured else Path(settings.REPO_ROOT) / "var" / "preview"


# --------------------------------------------------------------------------------------
# Who may see a preview


def identify_draft(token: str) -> dict:
    """What the signed token says the draft is: ``{"page_id": ..}`` or ``{"parent_id": ..}``.

    wagtail-headless-preview signs ``id=<pk>`` for a saved page and
    ``parent_id=<pk>;page_type=<label>`` for a new one.
    """
    try:
        identifier = PortalPage.get_preview_signer().unsign(token, max_age=PREVIEW_MAX_AGE)
    except BadSignature:
        raise Http404(_("Deze voorvertoning bestaat niet (meer).")) from None
    fields = dict(part.split("=", 1) for part in identifier.split(";") if "=" in part)
    try:
        if "id" in fields:
            return {"page_id": int(fields["id"])}
        return {"parent_id": int(fields["parent_id"]), "page_type": fields.get("page_type", "")}
    except (KeyError, ValueError):
        raise Http404(_("Deze voorvertoning bestaat niet (meer).")) from None


def may_preview(user, draft: dict) -> bool:
    """True if `user` may edit the page (or add a page under the parent of a new one)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if "page_id" in draft:
        page = Page.objects.filter(pk=draft["page_id"]).first()
        return page is not None and page.permissions_for_user(user).can_edit()
    parent = Page.objects.filter(pk=draft["parent_id"]).first()
    return parent is not None and parent.permissions_for_user(user).can_add_subpage()


def check_access(request, draft: dict) -> HttpResponse | None:
    """A redirect to the log-in for anonymous visitors; PermissionDenied for others."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    if not may_preview(request.user, draft):
        raise PermissionDenied(_("U mag deze pagina niet bewerken, dus ook niet voorvertonen."))
    return None


def preview_key(user, draft: dict) -> str:
    """The folder name of one person's preview of one page: repeated previews reuse it."""
    subject = json.dumps({"user": user.pk, **draft}, sort_keys=True)
    digest = hmac.new(settings.SECRET_KEY.encode(), subject.encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


# --------------------------------------------------------------------------------------
# From draft page to content file


def draft_file(page) -> tuple[str, str | None, str | None]:
    """(village slug, content path, file text) of a draft; path and text None for listings.

    The page itself says which file it becomes (`cms.publishing.exporting.page_file`; the
    home page of a village is its ``site.yaml``). Index pages have no file of their own.
    """
    from cms.publishing.exporting import page_file

    try:
        rel_path, text = page_file(page)
    except ValueError:
        village = page.get_village()
        if village is None:
            raise Http404(_("Deze pagina hoort niet bij een dorp of wijk.")) from None
        return village.slug, None, None
    return rel_path.split("/", 1)[0], rel_path, text


def replaced_file(page, rel_path: str | None) -> str | None:
    """The content path the saved page has now, if the draft renames its file."""
    if rel_path is None or page.pk is None:
        return None
    saved = Page.objects.filter(pk=page.pk).values_list("slug", flat=True).first()
    if not saved or saved == page.slug:
        return None
    folder = PurePosixPath(rel_path).parent
    return str(folder / f"{saved}.md")


def draft_media(page, village: str, content_root: Path) -> dict[str, bytes]:
    """Image files the draft shows that are not under content/ yet (chosen just now).

    They are written where publishing would write them (`cms.publishing.media`), so the
    draft's content file finds them.
    """
    from cms.publishing.media import image_bytes, image_path, safe_content_path

    files = {}
    for attribute in ("image", "logo"):
        image = getattr(page, attribute, None) if getattr(page, f"{attribute}_id", None) else None
        if image is None:
            continue
        rel = safe_content_path(image_path(image, village))
        if rel is None or (content_root / rel).exists():
            continue
        try:
            files[str(rel)] = image_bytes(image)
        except OSError:
            logger.warning("image %s of a preview cannot be read", image.pk, exc_info=True)
    return files


# --------------------------------------------------------------------------------------
# Views


@require_GET
@xframe_options_sameorigin
def preview_client(request):
    """Build the draft named by the token and send the browser to the built page."""
    label = request.GET.get("content_type", "")
    token = request.GET.get("token", "")
    draft = identify_draft(token)
    denied = check_access(request, draft)
    if denied is not None:
        return denied
    model = _page_model(label)
    page = model.get_page_from_preview_token(token)
    if page is None:
        raise Http404(_("Deze voorvertoning bestaat niet (meer)."))
    if "page_id" in draft and page.pk != draft["page_id"]:
        raise Http404(_("Deze voorvertoning bestaat niet (meer)."))

    village, rel_path, text = draft_file(page)
    content_root = Path(settings.PORTAL_CONTENT_ROOT)
    key = preview_key(request.user, draft)
    root = preview_root()
    work = root / key
    _remove_old_previews(root, keep=key)
    extra = draft_media(page, village, content_root) if text is not None else {}
    with _BUILDING, _locked(root, key):
        try:
            preview = build_preview(
                content_root, village, rel_path or f"{village}/site.yaml", text, banner(), work,
                now=current_moment(), image_cache=_image_cache(), page=LISTING_PAGES.get(label),
                extra_files=extra, replaces=replaced_file(page, rel_path),
            )
        except PreviewPathError:
            logger.exception("preview of page %s gave an impossible path", page.pk)
            raise Http404(_("Van deze pagina is geen voorvertoning te maken.")) from None
        meta = {"user": request.user.pk, "village": village, "page": preview.page, **draft}
        (work / META).write_text(json.dumps(meta), "utf-8")
    if not preview.ok:
        return _private(HttpResponse(preview.html))
    return _private(HttpResponseRedirect(preview_address(key, preview.page)))


def preview_address(key: str, page: str) -> str:
    """The address of a built page in a preview, as deep as its address on the portal."""
    if page == "index.html":
        return reverse("publishing:preview_page", kwargs={"key": key})
    folder = str(PurePosixPath(page).parent)
    return reverse("publishing:preview_file", kwargs={"key": key, "path": f"{folder}/"})


@require_GET
@xframe_options_sameorigin
def preview_file(request, key: str, path: str = ""):
    """A file of a preview build: the page itself, its style sheets, images and neighbours."""
    if not KEY_RE.match(key):
        raise Http404
    work = preview_root() / key
    try:
        meta = json.loads((work / META).read_text("utf-8"))
    except (OSError, ValueError):
        raise Http404(_("Deze voorvertoning bestaat niet (meer).")) from None
    site = (work / "site" / meta["village"]).resolve()
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "\\" in path or "\x00" in path:
        raise Http404
    file = (site / pure).resolve()
    if not file.is_relative_to(site):
        raise Http404
    if file.is_dir() or file.suffix == ".html":
        # Pages carry the draft: only its maker, logged in, sees them. The sandboxed
        # preview (PREVIEW_POLICY) has no origin of its own, so the browser sends the
        # session cookie (SameSite=Lax) with its frame's navigation but not with the
        # style sheets, scripts and images the page loads: those are served to whoever
        # knows the folder's key, a secret derived from the maker, the page and SECRET_KEY.
        draft = {k: meta[k] for k in ("page_id", "parent_id", "page_type") if k in meta}
        denied = check_access(request, draft)
        if denied is not None:
            return denied
        if meta.get("user") != request.user.pk:
            raise PermissionDenied(_("Deze voorvertoning is van iemand anders."))
    if file.is_dir():
        if path and not path.endswith("/"):
            return HttpResponseRedirect(request.path + "/")
        file = file / "index.html"
    if not file.is_file():
        raise Http404
    content_type, encoding = mimetypes.guess_type(file.name)
    if file.suffix == ".html":
        content_type = "text/html; charset=utf-8"
    response = FileResponse(file.open("rb"), content_type=content_type or
                            "application/octet-stream")
    if encoding:
        response.headers["Content-Encoding"] = encoding
    return _private(response)


# --------------------------------------------------------------------------------------
# Helpers


def _page_model(label: str):
    app_label, _dot, model_name = label.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        raise Http404(_("Onbekend soort pagina.")) from None
    if not issubclass(model, PortalPage):
        raise Http404(_("Onbekend soort pagina."))
    return model


def _image_cache() -> Path:
    # The live build's cache: resized images are made once, for previews and builds alike
    # (the cache is keyed by the image's content, so sharing it is safe).
    return Path(settings.PORTAL_BUILD_ROOT) / CACHE_DIRNAME / "images"


# A preview is a page of the portal shown inside the admin, from the CMS's own origin.
# `sandbox allow-scripts` (without allow-same-origin) gives the document an opaque origin:
# its scripts still run (search, map), but they cannot read the admin's cookies or pages,
# call the admin with the editor's session, or reach the framing admin, so an XSS in a
# generated page stays inside the frame. No forms, pop-ups or top-level navigation either.
# Its resources come from the preview itself; map tiles may come from an https tile server.
PREVIEW_POLICY = "; ".join([
    "sandbox allow-scripts",
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
])


def _private(response: HttpResponse) -> HttpResponse:
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    # Set here, so django-csp's middleware leaves it as it is (it never replaces a header).
    response.headers["Content-Security-Policy"] = PREVIEW_POLICY
    return response


@contextmanager
def _locked(root: Path, key: str):
    """One build at a time per preview folder (the editor's panel may ask twice quickly)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f".{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _remove_old_previews(root: Path, keep: str) -> None:
    """Delete preview folders not rebuilt for a day, so previews do not fill the disk."""
    if not root.is_dir():
        return
    limit = time.time() - PREVIEW_MAX_AGE
    for entry in root.iterdir():
        name = entry.name.removeprefix(".").removesuffix(".lock")
        if name == keep:
            continue
        try:
            if entry.stat().st_mtime < limit:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        except OSError:
            continue
