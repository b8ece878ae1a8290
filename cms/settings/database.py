"""DATABASE_URL parsing for the two databases the CMS supports: SQLite and PostgreSQL."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

# SQLite shared by several processes (the CMS, its worker, the scheduler): readers never
# wait for a writer (WAL), a writer waits up to 20 s for another instead of failing at
# once, and every transaction takes the write lock when it begins (IMMEDIATE), so a
# transaction that read first never fails on upgrading its lock ("database is locked").
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000;",
}


def database_from_url(url: str) -> dict:
    """Django's DATABASES entry for `sqlite:///path` or `postgres://user:pw@host:port/name`."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = parts.path[1:] if parts.path.startswith("/") else parts.path
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path or "db.sqlite3",
                "OPTIONS": SQLITE_OPTIONS}
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
