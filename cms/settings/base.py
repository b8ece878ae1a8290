"""Settings shared by every environment of the CMS."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from cms.settings.database import database_from_url

REPO_ROOT = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "cms.core",
    "cms.villages",
    "cms.socialmap",
    "cms.agenda",
    "cms.stories",
    "cms.publishing",
    "cms.accounts",
    "wagtail_headless_preview",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL selects the database; the default is a SQLite file in the working folder.
DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first: the admin speaks Dutch to connectors, organisations and municipal staff.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English"), ("fr", "Français")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our own Dutch wording of the admin's texts (and Wagtail's where they were English or
# jargon for volunteers) comes first.
LOCALE_PATHS = [REPO_ROOT / "cms" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = REPO_ROOT / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("PORTAL_MEDIA_ROOT", REPO_ROOT / "var" / "media"))

WAGTAIL_SITE_NAME = "buurtportaal"
WAGTAILIMAGES_IMAGE_MODEL = "core.PortalImage"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8001")
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no request to a third party from the admin
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nor to Gravatar for avatars
WAGTAILREDIRECTS_AUTO_CREATE = True
# Web addresses are plain a-z, 0-9 and hyphens, as the build's file names must be.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No autosave: it created a new page before its first save, so the editor's own "Concept
# opslaan" then clashed with it ("slug al in gebruik") and left stray drafts, and with
# several editors it raises conflict dialogs. Wagtail still warns before leaving unsaved work.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS: list = []  # no oEmbed calls to third parties

# Where published content is written and where the portals are built.
PORTAL_CONTENT_ROOT = Path(os.environ.get("PORTAL_CONTENT_ROOT", REPO_ROOT / "content"))
PORTAL_BUILD_ROOT = Path(os.environ.get("PORTAL_BUILD_ROOT", REPO_ROOT / "build"))
# Where a new village's portal is served unless the municipality types another address.
PORTAL_BASE_URL_PATTERN = os.environ.get("PORTAL_BASE_URL_PATTERN",
                                         "https://{slug}.buurtportaal.nl")
# Processes one village's build may use (its pages rendered, and its search index made,
# side by side: `sitegen.plugins.portal.pages`); one is the build worker itself.
PORTAL_BUILD_PROCESSES = int(os.environ.get("PORTAL_BUILD_PROCESSES", "2"))
# Draft previews are built here, never under the served build folder.
PORTAL_PREVIEW_ROOT = Path(os.environ.get("PORTAL_PREVIEW_ROOT", REPO_ROOT / "var" / "preview"))
# Previews build in a process of their own (cms/publishing/preview.py): at most this many
# at once on this host, each killed after the timeout; a request waits for its build this
# many seconds, then the frame shows a self-refreshing "wordt gemaakt" page.
PORTAL_PREVIEW_PROCESSES = int(os.environ.get("PORTAL_PREVIEW_PROCESSES", "2"))
PORTAL_PREVIEW_TIMEOUT = float(os.environ.get("PORTAL_PREVIEW_TIMEOUT", "60"))
PORTAL_PREVIEW_WAIT = float(os.environ.get("PORTAL_PREVIEW_WAIT", "3"))

# Preview through wagtail-headless-preview: the "client" is the CMS's own view that renders
# a draft with sitegen's templates.
# The preview client lives in the CMS itself (not on the portal's public host), so the
# admin's iframe points at a path of this server.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": "/voorvertoning/"},
    "REDIRECT_ON_PREVIEW": False,
}

# Builds of villages have a queue of their own (cms.publishing.builds.BUILD_QUEUE); Wagtail's
# own tasks (reference index, focal points) go to "default".
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                     "QUEUES": ["default", "builds"]}}

LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

# Mail (invitations): Django's mail framework. Production sets EMAIL_HOST and friends from
# the environment; the demo and development print mails on the console.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "buurtportaal <noreply@localhost>")

# Workflow actions confirm what they did (cms/core/wagtail_hooks.py), and Wagtail's own date
# pickers show and fill in dates the Dutch way (ours do too: cms/core/widgets.py).
MIDDLEWARE += ["cms.core.wagtail_hooks.WorkflowMessagesMiddleware"]
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Log-in throttling (django-axes): after 5 wrong passwords for one user name from one
# address, that pair is locked out for 15 minutes, with a Dutch page that says so. Only
# failures count. An admin lifts a lock early with `manage.py axes_reset_username <naam>`
# (or `axes_reset` for all). Axes' backend comes first so a locked-out pair never reaches
# the password check, and its middleware last so it turns the refusal into that page.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# A failure during the lock does not restart the 15 minutes: otherwise someone who knows
# a user name could keep that person out from the same address for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True

# Content-Security-Policy (django-csp) on every CMS response: scripts, styles, images,
# fonts and connections from the CMS itself only, no plug-ins, no <base> or form posts
# elsewhere, framed only by the CMS (the preview panel). No inline script runs and no
# string is evaluated as code, except on the admin views whose widgets Wagtail 8 still
# starts with inline scripts (choosers, date pickers, inline panels; wagtail/wagtail#1288):
# cms/core/csp.py names them and adds 'unsafe-inline' to script-src for those only. Wagtail
# also sets style="" attributes. Previews get a stricter, sandboxed policy of their own
# (cms/publishing/preview.py).
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware"),
                  "cms.core.csp.ContentSecurityPolicyMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}
