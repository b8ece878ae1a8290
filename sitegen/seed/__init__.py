"""Deterministic demo content for buurtportaal: what ``portal seed`` writes.

The generator lives in `generator`, its Dutch word lists in `vocabulary` and the drawn
pictures in `pictures`; this package re-exports the entry point.
"""

from .generator import DEFAULT_START_DATE, SeedSummary, seed

__all__ = ["DEFAULT_START_DATE", "SeedSummary", "seed"]
