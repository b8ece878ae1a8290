"""Bounded work per item: no one content file may hold its village's build for long.

The reader's limits (file size, body size, nesting) keep each item's work small, but they
are limits on what is known to be slow. `ItemBudget` is the stop for the rest: reading or
rendering one organisation, event or story that takes longer than its budget (10 s by
default) is stopped, and the item becomes a problem (``path: body: took longer than 10 s
to read and was left out; ...``) while the rest of the village builds.

How: a wall-clock timer (``setitimer(ITIMER_REAL)``) whose ``SIGALRM`` handler raises
inside the item's work. Signals are delivered to the main thread only, and only the
main thread may set a handler, so in any other thread (the CMS's preview in a request
thread, a worker's thread pool) a budget sets no timer: it cannot stop the work there,
and nothing else can stop a running Python function from outside without risking the
state it leaves behind. Builds run in the main thread of their process (``portal build``,
``--jobs`` processes, the CMS's worker), which is where the limit matters.

The timer is always cleared and the previous handler and timer restored when the work
ends, however it ends. Budgets nest: an inner budget never outlives an outer one, and the
outer one's expiry is the outer one's problem, not the inner item's. A timer someone else
set before (pytest-timeout, for one) still fires when it was due.
"""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType, TracebackType
from typing import Any

from sitegen.model import Problem

__all__ = [
    "DEFAULT_ITEM_SECONDS",
    "TOO_SLOW",
    "ItemBudget",
    "OverBudget",
    "over_budget",
]

DEFAULT_ITEM_SECONDS = 10.0
# The problem of an item that was stopped, by what was being done: its template (in
# sitegen/locale) and the work it names.
TOO_SLOW = {
    "read": "took longer than {seconds} s to read and was left out; make it shorter or "
            "simpler, or tell the portal's makers",
    "render": "took longer than {seconds} s to render and was left out; make it shorter or "
              "simpler, or tell the portal's makers",
}
# A timer may fire a little before the monotonic clock agrees it is due.
_SLACK = 0.005


class OverBudget(Exception):  # noqa: N818 - reads as "the item went over budget"
    """The work inside an `ItemBudget` took longer than its seconds and was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s")
        self.seconds = seconds


class _Expired(BaseException):  # noqa: N818
    """Raised by the alarm inside the work. A BaseException, so that no ``except
    Exception`` in the item's work (a decoder's, the reader's own) takes it for an error
    of the item and carries on; `ItemBudget.__exit__` turns its own into `OverBudget`."""

    def __init__(self, budget: ItemBudget) -> None:
        super().__init__()
        self.budget = budget


class ItemBudget:
    """``with ItemBudget(10):`` stops the block with `OverBudget` after 10 s of wall time
    (in the main thread; elsewhere it sets no timer, see the module's docstring).
    ``seconds`` of None or 0 means no limit.
    """

    def __init__(self, seconds: float | None = DEFAULT_ITEM_SECONDS) -> None:
        self.seconds = seconds
        self.limited = False  # whether a timer was set (main thread, a limit)
        self._deadline = 0.0
        self._previous_handler: Any = None
        self._previous_due: float | None = None  # monotonic time the earlier timer was due
        self._previous_interval = 0.0

    def __enter__(self) -> ItemBudget:
        start = time.monotonic()
        self.limited = bool(self.seconds) and _can_set_timer()
        if not self.limited:
            return self
        assert self.seconds is not None
        self._deadline = start + self.seconds
        # Disarm first: nothing may fire while the handler changes hands.
        remaining, self._previous_interval = signal.setitimer(signal.ITIMER_REAL, 0)
        self._previous_due = start + remaining if remaining > 0 else None
        self._previous_handler = signal.signal(signal.SIGALRM, self._on_alarm)
        due = self._deadline
        if self._previous_due is not None:
            due = min(due, self._previous_due)
        signal.setitimer(signal.ITIMER_REAL, max(due - start, 1e-6))
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        late: _Expired | None = None
        try:
            self._restore()
        except _Expired as expired:  # fired between the end of the work and the disarm
            self._restore()
            late = expired
        if isinstance(exc, _Expired) and exc.budget is self:
            raise OverBudget(self.seconds or 0) from None
        if late is not None and exc is None:
            if late.budget is self:
                return  # the work was done in time, just
            raise late  # an outer budget ran out meanwhile: its business

    def _restore(self) -> None:
        if not self.limited:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous_handler)
        if self._previous_due is not None:
            # An earlier timer keeps its due time; one already due fires right away.
            left = max(self._previous_due - time.monotonic(), 1e-6)
            signal.setitimer(signal.ITIMER_REAL, left, self._previous_interval)
        self.limited = False

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        now = time.monotonic()
        if self._previous_due is not None and now >= self._previous_due - _SLACK:
            # The earlier timer (an outer budget's or someone else's) is due first.
            if callable(self._previous_handler):
                self._previous_handler(signum, frame)
            # It returned (a foreign, maybe periodic timer): keep ours running.
            interval = self._previous_interval
            self._previous_due = now + interval if interval else None
            due = min(self._deadline, self._previous_due or self._deadline)
            signal.setitimer(signal.ITIMER_REAL, max(due - now, 1e-6))
            return
        if now >= self._deadline - _SLACK:
            raise _Expired(self)
        # Early by more than the slack: wait for the rest.
        signal.setitimer(signal.ITIMER_REAL, self._deadline - now)


def over_budget(path: str, field: str, work: str, exc: OverBudget) -> Problem:
    """The problem of an item whose `work` ("read" or "render") went over its budget."""
    return Problem.worded(path, field, TOO_SLOW[work], seconds=f"{exc.seconds:g}")


def _can_set_timer() -> bool:
    """Whether this thread may use SIGALRM (the main thread of a POSIX process)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
