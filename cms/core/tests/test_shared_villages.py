"""The villages of `two_villages` are built once per test process and shared
(`SharedVillages` in cms/conftest.py): what one test changes must not reach the next.

The tests run in this order, in one process (one xdist group): the first changes rows,
objects, the cache and the pending publish; the ones after it must find none of that.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import transaction

from cms.publishing.batch import PublishBatch
from cms.villages.models import Category, VillageHomePage

pytestmark = pytest.mark.xdist_group("shared-villages")


def left_behind() -> None:
    """An operation the first test adds to the pending publish."""


def pending_batch() -> PublishBatch:
    [batch] = [callback for _savepoints, callback, *_rest
               in transaction.get_connection().run_on_commit
               if isinstance(callback, PublishBatch)]
    return batch


def test_a_test_changes_rows_objects_cache_and_the_pending_publish(two_villages):
    lindeveld, _ = two_villages
    lindeveld.home.title = "Veranderd"
    lindeveld.home.save()
    lindeveld.organisation.title = "Alleen in het geheugen"
    Category.objects.create(village=lindeveld.home, slug="extra", name="Extra")
    cache.set("left-behind", 1)
    pending_batch().operations.append(left_behind)


def test_the_next_test_gets_the_villages_as_they_were_built(two_villages):
    lindeveld, hoogmeer = two_villages
    assert lindeveld.home.title == "Lindeveld"
    assert VillageHomePage.objects.get(slug="lindeveld").title == "Lindeveld"
    assert lindeveld.organisation.title == "Buurthuis Lindeveld"
    assert hoogmeer.organisation.title == "Sportclub Hoogmeer"
    assert sorted(Category.objects.filter(village=lindeveld.home)
                  .values_list("slug", flat=True)) == ["sport", "zorg"]
    assert cache.get("left-behind") is None
    # The build's publishes are still to be written, as if the villages were built now.
    batch = pending_batch()
    assert left_behind not in batch.operations
    assert batch.villages == ["lindeveld", "hoogmeer"]


def test_a_test_without_the_villages_finds_none(db):
    assert not VillageHomePage.objects.exists()


def test_after_that_the_villages_are_there_again(two_villages):
    assert sorted(VillageHomePage.objects.values_list("slug", flat=True)) == [
        "hoogmeer", "lindeveld"]
    assert two_villages[0].home.pk == VillageHomePage.objects.get(slug="lindeveld").pk
