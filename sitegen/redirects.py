"""Old addresses that must keep working: `content/<village>/redirects.yaml`.

When an editor renames a page, the CMS records the old path here, and the build writes a
small page at the old address that sends the resident on (a static site has no server
to answer with a 301). Format: a list of `{from: sociale-kaart/oude-naam/, to:
sociale-kaart/nieuwe-naam/}`, paths relative to the site root.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sitegen.kinds import ORGANISATIONS
from sitegen.model import Problem
from sitegen.yamlsafe import ContentError, load_yaml

PATH_RE = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+$")
FILENAME = "redirects.yaml"
# Problems are worded from templates, so that the CMS can show them in Dutch
# (sitegen/locale); the first is the reader's own wording of a file that is not UTF-8.
_NOT_UTF8 = ("is not UTF-8 text (unexpected byte at position {position}); "
             "save it with the UTF-8 encoding")
_NOT_A_LIST = "must be a list of entries, each with a 'from' and a 'to' site path"
_NOT_A_PATH = "must be a site path like {example}"


@dataclass(frozen=True)
class Redirect:
    """An old site path (ending in /) and the path it moved to."""

    source: str
    target: str


def load_redirects(content_root: Path, village: str) -> tuple[list[Redirect], list[Problem]]:
    """The village's redirects and the problems with entries that were left out."""
    path = content_root / village / FILENAME
    rel = f"{village}/{FILENAME}"
    if not path.is_file():
        return [], []
    try:
        data = load_yaml(path.read_text("utf-8"))
    except ContentError as err:
        return [], [Problem(rel, err.field, err.message, err.template, err.params)]
    except UnicodeDecodeError as err:
        return [], [Problem.worded(rel, "file", _NOT_UTF8, position=err.start)]
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [Problem.worded(rel, "file", _NOT_A_LIST)]
    redirects, problems = [], []
    for i, entry in enumerate(data):
        source = entry.get("from") if isinstance(entry, dict) else None
        target = entry.get("to") if isinstance(entry, dict) else None
        if not (isinstance(source, str) and PATH_RE.match(source)):
            problems.append(Problem.worded(rel, f"[{i}].from", _NOT_A_PATH,
                                           example=ORGANISATIONS.url_for("oude-naam")))
        elif not (isinstance(target, str) and (target == "" or PATH_RE.match(target))):
            problems.append(Problem.worded(rel, f"[{i}].to", _NOT_A_PATH,
                                           example=ORGANISATIONS.url_for("nieuwe-naam")))
        elif source != target:
            redirects.append(Redirect(source, target))
    return redirects, problems
