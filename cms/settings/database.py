"""DATABASE_URL parsing for the two databases the CMS supports: SQLite and PostgreSQL."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit


def database_from_url(url: str) -> dict:
    """Django's DATABASES entry for `sqlite:///path` or `postgres://user:pw@host:port/name`."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = parts.path[1:] if parts.path.startswith("/") else parts.path
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path or "db.sqlite3"}
    if parts.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
        }
    raise ValueError(f"DATABASE_URL must start with sqlite:// or postgres://, got {url!r}")
