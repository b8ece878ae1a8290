"""The content-file changes of one database transaction, applied in order after commit.

A single publish can write a file, remove another, record a redirect and touch the files
of pages that refer to it. The rebuild must see all of that, and must not see anything
of a transaction that rolled back. So changes are queued on one callback per transaction
(Django discards it, with its queue, on rollback); after commit it applies every change
in order and only then asks for the rebuilds.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction


class PublishBatch:
    """Queued file operations and the villages to rebuild once they are done."""

    def __init__(self) -> None:
        self.operations: list[Callable[[], object]] = []
        self.villages: list[str] = []

    def __call__(self) -> None:
        from cms.publishing.builds import enqueue_build

        for operation in self.operations:
            operation()
        for village in self.villages:
            enqueue_build(village)


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
    if batch is None:
        if operation is not None:
            operation()
        if village is not None:
            from cms.publishing.builds import enqueue_build

            enqueue_build(village)
        return
    if operation is not None:
        batch.operations.append(operation)
    if village is not None and village not in batch.villages:
        batch.villages.append(village)
