"""The ``site.yaml`` of the small test villages, written once for the test modules that
build or read a village (test_content, test_messages, test_clean_messages,
test_robust_build)."""

from __future__ import annotations

from collections.abc import Iterable

ONTMOETEN = (("ontmoeten", "Ontmoeten"),)


def site_yaml(name: str = "Testdorp", slug: str = "test",
              categories: Iterable[tuple[str, str]] = ONTMOETEN) -> str:
    """A minimal valid ``site.yaml``: `name`, its municipality, ``https://<slug>.example``
    and `categories` as (slug, name) pairs."""
    lines = [f"name: {name}", "municipality: Testgemeente", f"base_url: https://{slug}.example",
             "categories:"]
    lines += [f"  - {{slug: {cat}, name: {title}}}" for cat, title in categories]
    return "\n".join(lines) + "\n"


# Testdorp at https://test.example with the one category 'ontmoeten'.
SITE = site_yaml()
