"""Settings for the test suite: tasks run at once, fast password hashing."""

from cms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                     "QUEUES": ["default", "builds"]}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# django-axes' backend refuses an authenticate() without a request, which is what the test
# Client's login() does; tests log in that way, so axes is off here and switched on with
# override_settings(AXES_ENABLED=True) in the tests of throttling
# (cms/core/tests/test_hardening*.py), which log in through the real log-in form.
AXES_ENABLED = False
# A test that asks for a preview reads the built page: on a busy CI machine a build may
# take longer than the 3 s a request waits for it in production (the tests of the waiting
# page set a short wait themselves, cms/publishing/tests/test_preview.py).
PORTAL_PREVIEW_WAIT = 120
