"""Writing content files, and cutting one into pieces that rebuild it byte for byte.

This is the one writer of the ``content/`` format (SPEC "Content format"): `portal seed`,
the CMS's export and its publish pipeline all write through `dump_content_file` and
`dump_yaml`, so the same data always gives the same bytes. It is plain Python (no Django),
like the rest of sitegen.

Three parts:

* **The writer.** `dump_yaml` is a small block-style YAML emitter for exactly the values
  front matter holds: mappings, lists, strings, numbers, booleans, ``null``, dates and
  date-times. Keys come out in the order given; a string is written plain when a YAML 1.1
  reader (PyYAML's resolver, the one the build uses) reads it back as the same string and
  quoted otherwise. `KEY_ORDER` is the canonical order of the keys of each kind of file.
* **The reader.** `read_content_file` splits a file into front matter and body with
  `sitegen.yamlsafe` (the build's own safe loader); `split_content_file` also keeps the
  exact text around the body, so an unchanged file can be given back byte for byte.
* **Front-matter values as JSON**, reversibly (`to_json_value`, `from_json_value`), for a
  store that keeps what a file held, such as the CMS's ``extra`` column.

The writer takes a finished mapping: deciding which value of a key to write (the file's
own or an editor's change) is the business of whoever holds the values, the CMS's
`cms.publishing.exporting`.
"""

from __future__ import annotations

import base64
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import yaml

from sitegen.kinds import KINDS, VILLAGE
from sitegen.yamlsafe import ContentError, describe_value, load_yaml, split_front_matter

__all__ = [
    "KEY_ORDER",
    "MISSING",
    "ContentFileParts",
    "dump_content_file",
    "dump_yaml",
    "from_json_value",
    "read_content_file",
    "read_site_file",
    "split_content_file",
    "to_json_value",
]

#: The canonical order of the top-level keys of each kind of content file, by the kind's
#: folder (``site`` for the village's site.yaml): the order of the kind's fields.
KEY_ORDER: dict[str, list[str]] = {
    "site": VILLAGE.keys,
    **{kind.folder: kind.keys for kind in KINDS if kind.folder},
}


class _Missing:
    """The value of a key that is not there (distinct from ``None``, YAML's ``null``)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


# --- writing ------------------------------------------------------------------------------

# PyYAML's pure-Python emitter spent most of the run time of a large seed, so front matter
# is written by this small block-style emitter instead. It quotes every string that a
# YAML 1.1 reader (PyYAML's resolver, the one the build uses) would not read back as the
# same string.
_RESOLVER = yaml.resolver.Resolver()
_LETTERS = "A-Za-z0-9\u00c0-\u024f\u20ac"  # ASCII, accented Latin letters and the euro sign
_PLAIN = re.compile(f"[{_LETTERS}(][{_LETTERS} ()'.,;:=/@+&!?-]*")
# Keys like base_url and image_alt: identifiers are plain YAML unless the resolver reads
# them as something else (on, yes, null, true ...).
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# What PyYAML's reader accepts in a stream, minus the characters YAML treats as line
# breaks (\x85, \u2028, \u2029) and the byte-order mark: anything else is escaped.
_UNSAFE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                     "\U00010000-\U0010ffff]")
_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v",
            "\f": "\\f", "\r": "\\r", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L",
            "\u2029": "\\P"}


def _resolves_to_string(text: str) -> bool:
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar: the one style that can hold every character."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in _ESCAPES:
            return _ESCAPES[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else (
            f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")

    return '"' + _UNSAFE.sub(escape, text.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    # YAML 1.1 reads 1e+20 as a string: its floats need a dot.
    if "." not in text:
        text = text.replace("e", ".0e") if "e" in text else text + ".0"
    return text


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, date):  # datetime too: ISO 8601 with "T", read back as a timestamp
        return value.isoformat()
    if isinstance(value, bytes):
        return "!!binary " + base64.b64encode(value).decode("ascii")
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} to front matter")
    if (_PLAIN.fullmatch(value) and not value.endswith((" ", ":")) and ": " not in value
            and _resolves_to_string(value)):
        return value
    if _UNSAFE.search(value):
        return _double_quoted(value)
    return "'" + value.replace("'", "''") + "'"


def _key(name: object) -> str:
    if isinstance(name, str) and _PLAIN_KEY.fullmatch(name) and _resolves_to_string(name):
        return name
    if isinstance(name, dict | list | tuple | set):
        raise TypeError(f"front-matter keys are scalars, not {name!r}")
    return _scalar(name)  # quoted when YAML would read it otherwise, like "on"


def _mapping_lines(mapping: Mapping[Any, Any], pad: str) -> list[str]:
    lines = []
    for name, value in mapping.items():
        key = _key(name)
        if isinstance(value, set):
            value = dict.fromkeys(sorted(value, key=repr))
            if value:
                lines.append(f"{pad}{key}: !!set")
                lines += _mapping_lines(value, pad + "  ")
                continue
        if isinstance(value, dict) and value:
            lines.append(f"{pad}{key}:")
            lines += _mapping_lines(value, pad + "  ")
        elif isinstance(value, list | tuple) and value:
            lines.append(f"{pad}{key}:")
            lines += _sequence_lines(value, pad)  # "- " at the key's indent, like PyYAML
        elif isinstance(value, dict | list | tuple):
            lines.append(f"{pad}{key}: {'{}' if isinstance(value, dict) else '[]'}")
        else:
            lines.append(f"{pad}{key}: {_scalar(value)}")
    return lines


def _sequence_lines(items: list[Any] | tuple[Any, ...], pad: str) -> list[str]:
    lines = []
    for item in items:
        if isinstance(item, set):
            item = sorted(item, key=repr)
        if isinstance(item, dict | list | tuple) and item:
            inner = (_mapping_lines(item, pad + "  ") if isinstance(item, dict)
                     else _sequence_lines(item, pad + "  "))
            lines.append(f"{pad}- {inner[0][len(pad) + 2:]}")
            lines += inner[1:]
        elif isinstance(item, dict | list | tuple):
            lines.append(f"{pad}- {'{}' if isinstance(item, dict) else '[]'}")
        else:
            lines.append(f"{pad}- {_scalar(item)}")
    return lines


def dump_yaml(data: Mapping[Any, Any] | list[Any]) -> str:
    """Serialise `data` as block-style YAML, keys in insertion order, one value per line.

    Supports what content files need: nested mappings and lists of strings, numbers,
    booleans, ``None``, dates and date-times (written as ISO 8601, ``2026-11-23T10:00:00``).
    ``yaml.safe_load`` of the result gives `data` back. A list at the top (as in
    ``redirects.yaml``) is written as a sequence.
    """
    if isinstance(data, list | tuple):
        lines = _sequence_lines(data, "")
    else:
        lines = _mapping_lines(data, "")
    if not lines:
        return "[]\n" if isinstance(data, list | tuple) else "{}\n"
    return "\n".join(lines) + "\n"


def dump_content_file(front: Mapping[Any, Any], body: str) -> str:
    """The text of a ``.md`` content file: YAML front matter between ``---`` lines, a blank
    line, the Markdown body (surrounding blank lines dropped) and a final newline."""
    return f"---\n{dump_yaml(front)}---\n\n{body.strip()}\n"


# --- reading ------------------------------------------------------------------------------


def read_content_file(text: str) -> tuple[dict[str, Any], str]:
    """Front matter and body of a ``.md`` content file, the body without surrounding
    blank lines. Raises `sitegen.yamlsafe.ContentError` for unreadable front matter."""
    front, body = split_front_matter(text)
    return front, body.strip()


def read_site_file(text: str) -> dict[str, Any]:
    """The mapping of a ``site.yaml``. Raises `ContentError` when it is not a mapping."""
    data = load_yaml(text)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ContentError("file", f"must be lines like 'name: ...', not {describe_value(data)}")
    return data


@dataclass(frozen=True)
class ContentFileParts:
    """A ``.md`` file cut into the pieces that put it back together exactly.

    ``head`` runs from the first ``---`` up to and including the line break after the
    closing ``---``; ``before`` and ``after`` are the blank lines around the ``body``.
    Line endings are normalised to ``\\n`` and a byte-order mark is dropped, as the reader
    does.
    """

    head: str
    front: dict[str, Any]
    before: str
    body: str
    after: str

    @property
    def text(self) -> str:
        return self.head + self.before + self.body + self.after


def split_content_file(text: str) -> ContentFileParts:
    """Cut a content file into `ContentFileParts` (`read_content_file` plus the layout)."""
    front, rest = split_front_matter(text)
    normal = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    head = normal[:len(normal) - len(rest)]
    body = rest.strip()
    lead = len(rest) - len(rest.lstrip()) if body else len(rest)
    return ContentFileParts(head=head, front=front, before=rest[:lead], body=body,
                            after=rest[lead + len(body):])


# --- front-matter values as JSON ----------------------------------------------------------


def to_json_value(value: Any) -> Any:
    """A front-matter value as JSON data (for a JSON database column), reversibly.

    Dates, date-times, non-finite floats, bytes, sets and mappings with keys that are not
    plain strings are tagged (``{"$date": "2026-11-07"}``); `from_json_value` undoes it.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": _float(value)}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$binary": base64.b64encode(value).decode("ascii")}
    if isinstance(value, set | frozenset):
        return {"$set": [to_json_value(v) for v in sorted(value, key=repr)]}
    if isinstance(value, list | tuple):
        return [to_json_value(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: to_json_value(v) for k, v in value.items()}
        return {"$map": [[to_json_value(k), to_json_value(v)] for k, v in value.items()]}
    raise TypeError(f"cannot keep {type(value).__name__} from front matter")


_FLOATS = {".nan": math.nan, ".inf": math.inf, "-.inf": -math.inf}


def from_json_value(value: Any) -> Any:
    """The front-matter value that `to_json_value` turned into JSON data."""
    if isinstance(value, list):
        return [from_json_value(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        (tag, inner), = value.items()
        if tag == "$date":
            return date.fromisoformat(inner)
        if tag == "$datetime":
            return datetime.fromisoformat(inner)
        if tag == "$float":
            return _FLOATS[inner]
        if tag == "$binary":
            return base64.b64decode(inner)
        if tag == "$set":
            return {from_json_value(v) for v in inner}
        if tag == "$map":
            return {from_json_value(k): from_json_value(v) for k, v in inner}
    return {k: from_json_value(v) for k, v in value.items()}
