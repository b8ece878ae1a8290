"""Settings for a developer's machine and `make demo`: debug on, local addresses only."""

from cms.settings.base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - never used outside localhost
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", ".localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # mails in the CMS log
