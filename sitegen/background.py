"""Work done in a forked child of the build process, on another core: a village's pages
(`sitegen.plugins.portal.pages`), its search index, a share of its content files
(`sitegen.content`). A fork shares what the build holds (the village read so far, the
templates, the keys) without copying or pickling it; only the child's answer is pickled.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


class Background:
    """`work` run in a forked child of the build process, which sends back what it returns
    (pickled) through a pipe and exits: nothing of the parent's cleanup (atexit, buffers,
    database connections of a CMS worker) runs in it. `result` waits for it; None when
    the child failed or died."""

    def __init__(self, work: Callable[[], Any]) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        readable, writable = os.pipe()
        pid = os.fork()
        if pid:
            os.close(writable)
            self.pid, self.readable = pid, readable
            return
        status = 1
        try:
            os.close(readable)
            answer = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writable, "wb") as pipe:
                pipe.write(answer)
            status = 0
        finally:
            os._exit(status)

    def stop(self) -> None:
        """Kill the child and reap it, its result unread."""
        os.close(self.readable)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)

    def result(self) -> Any:
        with os.fdopen(self.readable, "rb") as pipe:
            data = pipe.read()
        _pid, status = os.waitpid(self.pid, 0)
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0 or not data:
            return None
        return pickle.loads(data)  # noqa: S301 - our own child's answer, through our own pipe


def side_by_side(items: Sequence[T], workers: int,
                 work: Callable[[list[T]], list[Any]]) -> list[Any]:
    """`work` over `items`, shared out (interleaved) over `workers` processes: the first
    share in this one, the others in forked children (`Background`). The results come
    back in the order of `items`; a child that fails has its share done here."""
    shares = [list(items[start::workers]) for start in range(workers)]
    children = [Background(lambda share=share: work(share)) for share in shares[1:]]
    done = {0: work(shares[0])}
    for number, child in enumerate(children, start=1):
        answer = child.result()
        done[number] = answer if answer is not None else work(shares[number])
    results: list[Any] = [None] * len(items)
    for start, answers in done.items():
        results[start::workers] = answers
    return results
