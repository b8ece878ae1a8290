"""One preview build in a process of its own: ``python -m sitegen.preview_worker <job file>``.

The CMS starts one such process per preview (`cms.publishing.preview`), so Pelican's
process-wide state (it swaps ``sys.stdout`` and sets the locale) is never shared by two
previews, previews of different villages build side by side, and a build that runs too
long is killed without touching the web server. A `PreviewJob` file holds everything
`sitegen.preview.build_preview` needs; the outcome is written with one rename as the last
thing the process does, so a killed build leaves no outcome at all, never half of one.

Pure Python and no Django, like `sitegen.preview`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import signal
import sys
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from sitegen.atomic import write_atomically
from sitegen.preview import PreviewPathError, build_preview

__all__ = ["BACKSTOP_SECONDS", "PreviewJob", "main", "run_job"]

# The process ends itself this long after its time limit, should whoever started it (and
# meant to kill it at the limit) be gone by then.
BACKSTOP_SECONDS = 5


@dataclass
class PreviewJob:
    """The arguments of one `build_preview` call, plus where its outcome goes.

    `record` is copied into the outcome as it is: the CMS keeps there whose preview it is.
    """

    id: str
    content_root: str
    village: str
    rel_path: str
    text: str | None
    banner: str
    work: str
    outcome: str  # the JSON file the outcome is written to
    time_limit: float  # seconds
    now: str | None = None  # ISO 8601
    image_cache: str | None = None
    page: str | None = None
    replaces: str | None = None
    extra_files: dict[str, bytes] = field(default_factory=dict)
    record: dict = field(default_factory=dict)
    live: str | None = None  # the output root of the live builds, to reuse what is unchanged

    def fingerprint(self) -> str:
        """Equal for two jobs that build the same draft (whatever the moment or the id)."""
        subject = {
            "village": self.village, "rel_path": self.rel_path, "text": self.text,
            "banner": self.banner, "page": self.page, "replaces": self.replaces,
            "extra": {name: hashlib.sha256(data).hexdigest()
                      for name, data in sorted(self.extra_files.items())},
        }
        return hashlib.sha256(json.dumps(subject, sort_keys=True).encode()).hexdigest()

    def dumps(self) -> str:
        data = asdict(self)
        data["extra_files"] = {name: base64.b64encode(raw).decode("ascii")
                               for name, raw in self.extra_files.items()}
        return json.dumps(data)

    @classmethod
    def loads(cls, text: str) -> PreviewJob:
        data = json.loads(text)
        data["extra_files"] = {name: base64.b64decode(encoded)
                               for name, encoded in data.get("extra_files", {}).items()}
        return cls(**data)


def run_job(job: PreviewJob) -> dict:
    """Build the preview `job` describes and write its outcome; returns the outcome.

    The outcome is `job.record` with ``job`` (the id), ``ok``, ``page`` (the site path of
    the page), ``problems_page`` (the HTML shown instead when ``ok`` is false) and
    ``error``: ``"path"`` when the draft's paths are not a village's content files.
    """
    outcome = {**job.record, "job": job.id, "ok": False, "page": job.page,
               "problems_page": None, "error": None}
    try:
        preview = build_preview(
            Path(job.content_root), job.village, job.rel_path, job.text, job.banner,
            Path(job.work), now=datetime.fromisoformat(job.now) if job.now else None,
            image_cache=Path(job.image_cache) if job.image_cache else None, page=job.page,
            extra_files=job.extra_files, replaces=job.replaces,
            live=Path(job.live) if job.live else None,
        )
    except PreviewPathError:
        outcome["error"] = "path"
    else:
        outcome.update(ok=preview.ok, page=preview.page,
                       problems_page=None if preview.ok else preview.html)
    write_atomically(Path(job.outcome), json.dumps(outcome))
    return outcome


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m sitegen.preview_worker <job file>", file=sys.stderr)
        return 2
    job_file = Path(args[0])
    job = PreviewJob.loads(job_file.read_text("utf-8"))
    job_file.unlink(missing_ok=True)  # the draft's text is not kept lying about
    # SIGALRM's default action ends the process even inside a long C call (a regex, say).
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(math.ceil(job.time_limit) + BACKSTOP_SECONDS)
    run_job(job)
    return 0


if __name__ == "__main__":
    sys.exit(main())
