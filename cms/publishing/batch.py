"""The content-file changes of one database transaction, applied in order after commit.

A single publish can write a file, remove another, record a redirect and touch the files
of pages that refer to it. The rebuild must see all of that, and must not see anything
of a transaction that rolled back. So changes are queued on one callback per transaction
(Django discards it, with its queue, on rollback); after commit it applies every change
in order and only then asks for the rebuilds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

from cms.publishing import builds

logger = logging.getLogger(__name__)


class PublishBatch:
    """Queued file operations and the villages to rebuild once they are done."""

    def __init__(self) -> None:
        self.operations: list[Callable[[], object]] = []
        self.villages: list[str] = []

    def __call__(self) -> None:
        """Apply the changes in order, then ask for the rebuilds. The page is saved
        already, so a change that fails is logged and its village's files are written
        again by the worker before it builds: the editor's publish is never lost."""
        failed = False
        for operation in self.operations:
            failed = not _attempt(operation) or failed
        for village in self.villages:
            _attempt(lambda village=village: builds.enqueue_build(village, resync=failed))


def _attempt(operation: Callable[[], object]) -> bool:
    try:
        operation()
    except Exception:  # noqa: BLE001 - the worker writes the files again; see __call__
        logger.exception("a content-file change after a publish failed")
        return False
    return True


def current_batch() -> PublishBatch | None:
    """The batch of the open transaction (made on first use), or None in autocommit mode."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    for _savepoints, callback, *_rest in connection.run_on_commit:
        if isinstance(callback, PublishBatch):
            return callback
    batch = PublishBatch()
    transaction.on_commit(batch)
    return batch


def after_commit(operation: Callable[[], object] | None = None, village: str | None = None):
    """Queue a file operation and/or a rebuild of `village` for after the commit.

    Outside a transaction the operation runs at once and the rebuild is asked for at once.
    """
    batch = current_batch()
    run_now = batch is None
    if run_now:
        batch = PublishBatch()
    if operation is not None:
        batch.operations.append(operation)
    if village is not None and village not in batch.villages:
        batch.villages.append(village)
    if run_now:
        batch()
