"""The preview client of wagtail-headless-preview: a draft shown with the portal's own look.

Wagtail's preview button stores the draft (a `PagePreview` with a signed token) and frames
``/voorvertoning/?content_type=...&token=...``. `preview_client` turns the draft into its
content file and builds the village with it through `sitegen.preview` (the same templates
and code as ``portal build``), then redirects to the built page under
``/voorvertoning/<key>/``, where `preview_file` serves that build. The address mirrors the
page's real path (``/voorvertoning/<key>/sociale-kaart/<slug>/``), so the page's relative
links to ``../../theme/`` and ``../../media/`` work without changing a byte of its HTML.

The build never runs in the request. Each preview is built by a process of its own
(`sitegen.preview_worker`), so previews of different villages build side by side and
never share Pelican's process-wide state. The process holds two file locks for as long as
it lives (the kernel lets go of them when it ends, however it ends): its preview folder's
(one build at a time per folder) and one of `PORTAL_PREVIEW_PROCESSES` slots (previews
cannot swamp the host; with every slot taken the editor sees "even geduld", which tries
again). The request waits at most `PORTAL_PREVIEW_WAIT` seconds: a build finished by then
is answered as before (the redirect, or the page listing the draft's problems), otherwise
with "De voorvertoning wordt gemaakt", a page that asks again every second (a plain
``preview_progress.js``, or ``<meta http-equiv="refresh">`` without JavaScript) with
``wacht=<id of the build>`` until the
outcome is there. A build still running after `PORTAL_PREVIEW_TIMEOUT` seconds is killed
and answered with "De voorvertoning duurde te lang". The outcome (``preview.json``) is
removed before a build starts and written in one rename as the build's last step, so a
killed build leaves nothing that `preview_file` would serve. These pages about the build
get `PROGRESS_POLICY` (only the CMS's own script that asks whether the preview is
ready, so the page is not reloaded every second under a screen reader; a meta refresh
without JavaScript) rather than the sandbox, or the browser would ask again without the
editor's session.

Only someone who may edit the page (or, for a page not saved yet, add it under its
parent) sees a preview, and every request (each refresh of the waiting page too) and every
page of a preview is checked again, as a preview folder belongs to one person and one
page. Previews are served sandboxed (`PREVIEW_POLICY`): a script in a generated page
never acts with the editor's session.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import mimetypes
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.signing import BadSignature
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET
from wagtail.models import Page

from cms.core.models import PortalPage
from sitegen.atomic import write_atomically
from sitegen.build import CACHE_DIRNAME
from sitegen.preview import PreviewPathError, page_output_path, with_banner
from sitegen.preview_worker import PreviewJob

logger = logging.getLogger(__name__)

PREVIEW_MAX_AGE = 24 * 3600  # seconds a preview folder is kept (wagtail keeps tokens a day)
# Files of a preview folder: the outcome of its latest build (written by the build as its
# last step, read by `preview_file`), which build runs or ran last, the build's input.
META = "preview.json"
BUILD = "build.json"
JOB = "job.json"
SLOTS = ".slots"  # under the preview root: one lock file per preview process allowed
KEY_RE = re.compile(r"^[0-9a-f]{32}$")
WATCH = "wacht"  # query parameter of the waiting page: the id of the build it waits for
# Defaults of the settings that bound a preview's work.
# PORTAL_PREVIEW_TIMEOUT, _WAIT and _PROCESSES are in cms/settings/base.py.
REFRESH_SECONDS = 1  # the waiting page asks again after this long
BUSY_REFRESH_SECONDS = 3  # ... and after this long when every slot is taken


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
# Building in a process of its own


@dataclass
class PreviewBuild:
    """The latest build of one preview folder, as the files and locks tell it."""

    BUILDING = "building"
    DONE = "done"
    TIMED_OUT = "timed out"
    FAILED = "failed"  # ended without an outcome before its time limit (a crash)

    id: str
    fingerprint: str  # `PreviewJob.fingerprint` of what it builds
    started: float  # time.time() when it was started
    timeout: float
    running: bool
    outcome: dict | None  # what the build wrote when it was done (`run_job`)

    @property
    def state(self) -> str:
        if self.outcome is not None:
            return self.DONE
        if self.running:
            return self.BUILDING
        if time.time() - self.started >= self.timeout:
            return self.TIMED_OUT
        return self.FAILED


def latest_build(root: Path, key: str) -> PreviewBuild | None:
    """What is known of the latest build of the preview folder `key`; None if none ran."""
    work = root / key
    try:
        started = json.loads((work / BUILD).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    # The lock first: a build that writes its outcome and ends between the two looks
    # done, never crashed.
    running = _lock_is_held(_key_lock(root, key))
    try:
        outcome = json.loads((work / META).read_text("utf-8"))
    except (OSError, ValueError):
        outcome = None
    if outcome is not None and outcome.get("job") != started.get("id"):
        outcome = None
    return PreviewBuild(id=started["id"], fingerprint=started["fingerprint"],
                        started=started["started"], timeout=started["timeout"],
                        running=running, outcome=outcome)


def start_build(root: Path, key: str, job: PreviewJob) -> threading.Event | None:
    """Start the preview process of `job`; the event is set when it has ended.

    None (and nothing started) if the folder's build is running already or every one of
    the `PORTAL_PREVIEW_PROCESSES` slots is taken. The process inherits the locks of both
    and so holds them until it ends; a thread of this process kills it at its time limit.
    """
    folder_lock = _try_lock(_key_lock(root, key))
    if folder_lock is None:
        return None
    slot = _free_slot(root)
    if slot is None:
        os.close(folder_lock)
        return None
    work = root / key
    finished = threading.Event()
    try:
        os.utime(folder_lock)  # in use: `_remove_old_previews` leaves it alone
        work.mkdir(parents=True, exist_ok=True)
        (work / META).unlink(missing_ok=True)  # served until now; never once this build ran
        job_file = work / JOB
        job_file.write_text(job.dumps(), "utf-8")
        started = {"id": job.id, "fingerprint": job.fingerprint(), "started": time.time(),
                   "timeout": job.time_limit}
        write_atomically(work / BUILD, json.dumps(started))
        try:
            process = subprocess.Popen(
                worker_command(job_file), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                pass_fds=(folder_lock, slot), start_new_session=True,
            )
        except OSError:
            logger.exception("the preview process of %s could not be started", key)
            finished.set()
            return finished
    finally:
        os.close(folder_lock)
        os.close(slot)
    threading.Thread(target=_watch, args=(process, job.time_limit, finished, key),
                     name=f"preview-{key[:8]}", daemon=True).start()
    return finished


def worker_command(job_file: Path) -> list[str]:
    """The command line of one preview process (tests wrap it to hold a build back)."""
    # A new interpreter, not a fork of this (threaded) web server.
    return [sys.executable, "-m", "sitegen.preview_worker", str(job_file)]


def _watch(process: subprocess.Popen, limit: float, finished: threading.Event,
           key: str) -> None:
    """Kill the preview process at its time limit; in any case reap it and say so."""
    try:
        process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        logger.warning("preview %s took longer than %s s and was stopped", key, limit)
        process.kill()
        process.wait()
    finally:
        finished.set()


def _key_lock(root: Path, key: str) -> Path:
    return root / f".{key}.lock"


def _try_lock(path: Path) -> int | None:
    """An open descriptor holding the lock on `path`, or None if someone else holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _lock_is_held(path: Path) -> bool:
    fd = _try_lock(path)
    if fd is None:
        return True
    os.close(fd)
    return False


def _free_slot(root: Path) -> int | None:
    """The lock of a free preview slot, or None when as many previews build as may."""
    for number in range(max(1, settings.PORTAL_PREVIEW_PROCESSES)):
        fd = _try_lock(root / SLOTS / f"{number}.lock")
        if fd is not None:
            return fd
    return None


# --------------------------------------------------------------------------------------
# What the editor sees while a preview is built


@dataclass(frozen=True)
class _Addresses:
    """The client URL of this draft, to try again or to ask after one build."""

    path: str
    label: str
    token: str

    @property
    def retry(self) -> str:
        return f"{self.path}?{urlencode({'content_type': self.label, 'token': self.token})}"

    def watch(self, build_id: str) -> str:
        query = {"content_type": self.label, "token": self.token, WATCH: build_id}
        return f"{self.path}?{urlencode(query)}"


def _progress_page(texts: tuple[str, str], refresh: str | None = None,
                   seconds: int = REFRESH_SECONDS, retry: str | None = None) -> HttpResponse:
    """A small page in the preview frame; with `refresh` it asks that address again."""
    title, message = texts
    return _private(HttpResponse(render_to_string("publishing/preview_progress.html", {
        "title": title, "message": message, "refresh": refresh, "seconds": seconds,
        "retry": retry, "retry_label": _("Voorvertoning opnieuw maken"),
    })), PROGRESS_POLICY)


def _building_texts() -> tuple[str, str]:
    return (_("De voorvertoning wordt gemaakt…"),
            _("Dit duurt meestal een paar seconden. Deze pagina ververst zichzelf en toont "
              "de voorvertoning zodra die klaar is."))


def _busy_texts() -> tuple[str, str]:
    return (_("Even geduld: de voorvertoning wordt zo gemaakt"),
            _("Er worden nu andere voorvertoningen gemaakt. Deze pagina probeert het over "
              "een paar seconden zelf opnieuw."))


def _timed_out_texts(seconds: float) -> tuple[str, str]:
    return (_("De voorvertoning duurde te lang"),
            _("Het maken van deze voorvertoning is na %(seconds)s seconden gestopt. Meestal "
              "komt dat door een heel lange of ingewikkelde tekst, zoals een zeer lange "
              "tabel of lijst. Maak de tekst korter of eenvoudiger en maak de voorvertoning "
              "opnieuw. Uw wijzigingen in de editor blijven gewoon staan. Lukt het daarna "
              "nog niet, neem dan contact op met de beheerder van het portaal.")
            % {"seconds": f"{seconds:g}"})


def _failed_texts() -> tuple[str, str]:
    return (_("De voorvertoning is mislukt"),
            _("Bij het maken van deze voorvertoning ging iets mis. Probeer het opnieuw; lukt "
              "het dan nog niet, neem dan contact op met de beheerder van het portaal."))


# --------------------------------------------------------------------------------------
# Views


@require_GET
@xframe_options_sameorigin
def preview_client(request):
    """Start building the draft named by the token; send the browser to it when built."""
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

    key = preview_key(request.user, draft)
    root = preview_root()
    _remove_old_previews(root, keep=key)
    addresses = _Addresses(request.path, label, token)
    build = latest_build(root, key)
    watched = request.GET.get(WATCH, "")
    if watched and build is not None and build.id == watched:
        return _answer(build, key, addresses)

    job = _draft_job(request.user, draft, page, root / key)
    if build is not None and build.running:
        # One build at a time per preview folder. Wait for the one running if it builds
        # this very draft; otherwise this draft's build starts once that one has ended.
        if build.fingerprint == job.fingerprint():
            return _answer(build, key, addresses)
        return _progress_page(_building_texts(), addresses.retry, REFRESH_SECONDS)
    started = start_build(root, key, job)
    if started is None:
        return _progress_page(_busy_texts(), addresses.retry, BUSY_REFRESH_SECONDS)
    started.wait(settings.PORTAL_PREVIEW_WAIT)
    return _answer(latest_build(root, key), key, addresses)


def _draft_job(user, draft: dict, page, work: Path) -> PreviewJob:
    """The build of `page`'s draft into `work`, as the preview process gets it."""
    village, rel_path, text = draft_file(page)
    content_root = Path(settings.PORTAL_CONTENT_ROOT)
    # Index pages have no content file of their own: their preview is the listing as it
    # is, the section page of the kind they list.
    listed = page.listed_kind() if isinstance(page, PortalPage) else None
    listing = listed.section_save_as if listed is not None else None
    replaces = replaced_file(page, rel_path)
    rel_path = rel_path or f"{village}/site.yaml"
    try:
        listing or page_output_path(village, rel_path)  # refused here, not in the process
    except PreviewPathError:
        logger.exception("preview of page %s gave an impossible path", page.pk)
        raise Http404(_("Van deze pagina is geen voorvertoning te maken.")) from None
    return PreviewJob(
        id=secrets.token_hex(8), content_root=str(content_root), village=village,
        rel_path=rel_path, text=text, banner=banner(), work=str(work),
        outcome=str(work / META), time_limit=settings.PORTAL_PREVIEW_TIMEOUT,
        now=current_moment().isoformat(), image_cache=str(_image_cache()), page=listing,
        replaces=replaces,
        extra_files=draft_media(page, village, content_root) if text is not None else {},
        record={"user": user.pk, "village": village, **draft},
        live=str(settings.PORTAL_BUILD_ROOT),
    )


def _answer(build: PreviewBuild | None, key: str, addresses: _Addresses) -> HttpResponse:
    """What the editor sees of the latest build: the page, its problems, or how it goes."""
    state = build.state if build is not None else PreviewBuild.FAILED
    if state == PreviewBuild.BUILDING:
        return _progress_page(_building_texts(), addresses.watch(build.id), REFRESH_SECONDS)
    if state == PreviewBuild.TIMED_OUT:
        return _progress_page(_timed_out_texts(build.timeout), retry=addresses.retry)
    if state == PreviewBuild.FAILED:
        return _progress_page(_failed_texts(), retry=addresses.retry)
    outcome = build.outcome
    if outcome.get("error") == "path":
        raise Http404(_("Van deze pagina is geen voorvertoning te maken."))
    if not outcome.get("ok"):
        return _private(HttpResponse(outcome.get("problems_page") or ""))
    return _private(HttpResponseRedirect(preview_address(key, outcome["page"])))


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
    if meta.get("error"):
        raise Http404(_("Deze voorvertoning bestaat niet (meer)."))
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
        # The built pages are the portal's own; the banner is the preview's.
        page = with_banner(file.read_text("utf-8"), str(banner()))
        return _private(HttpResponse(page, content_type="text/html; charset=utf-8"))
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


# The pages that say how a build goes hold our own words only, no generated HTML, and are
# not sandboxed: a sandboxed document's own navigation (its meta refresh, a click on "opnieuw
# maken") comes from an opaque origin, which the browser treats as another site and so
# sends without the session cookie (SameSite=Lax); the editor would land on the log-in
# page instead of the preview. They may do nothing but show text and ask again.
PROGRESS_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",  # preview_progress.js, which asks whether the preview is ready
    "connect-src 'self'",
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
])


def _private(response: HttpResponse, policy: str = PREVIEW_POLICY) -> HttpResponse:
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    # Set here, so django-csp's middleware leaves it as it is (it never replaces a header).
    response.headers["Content-Security-Policy"] = policy
    return response


def _remove_old_previews(root: Path, keep: str) -> None:
    """Delete preview folders not rebuilt for a day, so previews do not fill the disk."""
    if not root.is_dir():
        return
    limit = time.time() - PREVIEW_MAX_AGE
    for entry in root.iterdir():
        name = entry.name.removeprefix(".").removesuffix(".lock")
        if name == keep or entry.name == SLOTS:
            continue  # the slots' lock files live as long as the root
        try:
            if entry.stat().st_mtime < limit:
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        except OSError:
            continue
