"""Safe YAML for untrusted content files: ``site.yaml`` and the front matter of ``.md`` files.

Organisations write the content, so the YAML they produce is treated as hostile input:

* only plain data is built (PyYAML's ``SafeLoader``: no Python objects);
* anchors (``&``) and aliases (``*``) are refused outright, which rules out "billion laughs"
  alias bombs and the surprises of merge keys; content files never need them;
* a key that appears twice is an error instead of silently keeping the last one;
* a timestamp YAML cannot turn into a real date (``2026-13-45 10:00:00``) stays a string,
  so the content validator can report it on its own field instead of failing the file.

Every failure is a `ContentError` carrying the field it concerns and a message a volunteer can
act on, worded as a `Phrase` so that the CMS can show it in Dutch.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from sitegen.messages import Phrase, phrase, printable

__all__ = ["ContentError", "load_yaml", "split_front_matter"]


class ContentError(Exception):
    """A content file, or one field in it, cannot be used.

    ``field`` names what is wrong: a front-matter key, or ``front matter``, ``body`` or
    ``file`` for the file as a whole. ``message`` is plain English that follows the field
    name, as in ``title: is required``. When it is a `Phrase`, ``template`` and ``params``
    say how it was worded; for other text they are empty. Both are `printable`.
    """

    def __init__(self, field: str, message: str) -> None:
        field, text = printable(str(field)), printable(str(message))
        super().__init__(f"{field}: {text}")
        self.field = field
        self.message = text
        self.template = message.template if isinstance(message, Phrase) else ""
        self.params = message.params if isinstance(message, Phrase) else {}


class _Refused(yaml.YAMLError):
    """Raised inside the loader for YAML that is valid but not allowed in content files."""


class _Checks:
    """What content files may not do, for either loader below: a key twice, and a
    timestamp that is no real date (kept as text for the validator)."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:
                # An unhashable key (a list or mapping): SafeConstructor reports it below.
                continue
            if duplicate:
                raise _Refused(phrase(
                    "has the key '{key}' twice (again on line {line}); keep only one",
                    key=key, line=key_node.start_mark.line + 1,
                ))
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            # Looks like a timestamp but is no real date or time: keep the text so the
            # validator can say which field is wrong.
            return self.construct_scalar(node)


class _ContentLoader(_Checks, yaml.SafeLoader):
    """``SafeLoader`` without anchors, aliases or duplicate keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(phrase(
                "uses a YAML anchor or alias on line {line} ('&' or '*' at the start of a "
                "value), which content files may not use; if it is meant as text, put the "
                "text in quotes",
                line=event.start_mark.line + 1,
            ))
        return super().compose_node(parent, index)


_ContentLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _ContentLoader.construct_yaml_timestamp
)

# libyaml's parser (``CSafeLoader``) reads front matter about eight times as fast. It is
# used only for text it reads exactly as the loader above does: without '&' or '*' (its
# composer cannot refuse anchors and aliases), tabs, control or special line-break
# characters, a tag ('!' starting a value) or a block scalar header followed by '#', where
# libyaml accepts what PyYAML refuses or reads it differently. Any error it raises is
# raised again by the loader above, so every message is that loader's.
# `tests/test_yamlsafe.py` holds the two to the same result on random text.
_FastLoader: type | None = None
if yaml.__with_libyaml__:

    class _FastLoader(_Checks, yaml.CSafeLoader):  # type: ignore[no-redef]
        """``CSafeLoader`` with the checks of content files, for text `_fast_enough` allows."""

    _FastLoader.add_constructor(
        "tag:yaml.org,2002:timestamp", _FastLoader.construct_yaml_timestamp
    )

_NOT_FOR_LIBYAML = re.compile(
    "[&*\t\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]"  # characters
    r"|(?:^|[\s\[{,])!"  # a tag
    r"|[|>][-+0-9]*#"  # a block scalar header with a comment glued to it
)


_NOT_READ = object()
# Content files nest three levels at most (an event's location.address.street); anything
# deeper is read by PyYAML, which refuses what is too deep for it.
_FAST_DEPTH = 32


def _nested_at_most(data: Any, limit: int) -> bool:
    """Whether lists and mappings in `data` nest at most `limit` levels deep."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth >= limit:
                return False
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    return True


def _fast_enough(text: str) -> bool:
    """Whether libyaml reads `text` exactly as `_ContentLoader` does (see above)."""
    return _FastLoader is not None and not _NOT_FOR_LIBYAML.search(text)


def load_yaml(text: str, *, field: str = "file") -> Any:
    """Parse one YAML document of untrusted text into plain data.

    Returns dicts, lists, strings, numbers, booleans, ``None``, and ``date``/``datetime``
    for YAML timestamps. Raises `ContentError` (with ``field`` as its field) for text that
    is not YAML, holds more than one document, or uses anchors, aliases or duplicate keys.
    """
    if _fast_enough(text):
        try:
            data = yaml.load(text, Loader=_FastLoader)  # a CSafeLoader subclass
        except Exception:  # noqa: BLE001 - read again below, for that loader's words
            data = _NOT_READ
        # libyaml nests as deep as it is asked to; PyYAML's composer gives up on its way
        # to Python's recursion limit, so deep data is left to it.
        if data is not _NOT_READ and _nested_at_most(data, _FAST_DEPTH):
            return data
    try:
        return yaml.load(text, Loader=_ContentLoader)  # a SafeLoader subclass
    except _Refused as exc:
        raise ContentError(field, exc.args[0]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # PyYAML's own words for the problem stay English; the hint says what to do.
        what = exc.problem or exc.context or "unreadable"
        if mark:
            message = phrase(
                "is not valid YAML near line {line}, column {column}: {problem}{hint}",
                line=mark.line + 1, column=mark.column + 1, problem=what, hint=_hint(what),
            )
        else:
            message = phrase("is not valid YAML: {problem}{hint}", problem=what, hint=_hint(what))
        raise ContentError(field, message) from None
    except yaml.YAMLError as exc:
        raise ContentError(field, phrase("is not valid YAML: {problem}", problem=exc)) from None
    except RecursionError:
        raise ContentError(field, phrase("is nested too deeply to read")) from None
    except ValueError as exc:
        # e.g. an integer with thousands of digits, refused by Python's int()
        raise ContentError(
            field, phrase("holds a value that cannot be read: {problem}", problem=exc)
        ) from None


# The YAML mistakes volunteers make most, and what to do about them.
_HINTS = (
    ("expected alphabetic or numeric character", "a value starting with * or & must be in quotes"),
    ("cannot start any token", "a value starting with @ or ` must be in quotes"),
    ("mapping values are not allowed", "text holding ': ' must be in quotes"),
)


def _hint(problem: str) -> Phrase | str:
    advice = next((advice for marker, advice in _HINTS if marker in problem), None)
    return phrase(" ({advice})", advice=phrase(advice)) if advice else ""


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split a content file into its YAML front matter (a mapping) and its Markdown body.

    The file must start with a line ``---``; the front matter ends at the next line that
    is ``---``. Everything after that line is the body. Empty front matter gives ``{}``.
    Raises `ContentError` with field ``front matter`` when the markers are missing or the
    front matter is not YAML ``key: value`` lines.
    """
    # Files come from many editors: drop a byte-order mark and use one kind of line ending.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise ContentError(
            "front matter",
            phrase(
                "is missing: the file must start with a line '---', then lines like "
                "'title: ...', then another line '---'"
            ),
        )
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() == "---"), None)
    if end is None:
        raise ContentError(
            "front matter", phrase("has no closing '---' line after the 'key: value' lines")
        )
    data = load_yaml("\n".join(lines[1:end]), field="front matter")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError(
            "front matter",
            phrase("must be lines like 'title: ...', but it is {value}",
                   value=describe_value(data)),
        )
    return data, "\n".join(lines[end + 1 :])


def describe_value(value: Any) -> Phrase:
    """Name a YAML value the way a volunteer would recognise it, for error messages: text
    in quotes, on one line and shortened."""
    if value is None:
        return phrase("empty")
    if isinstance(value, bool):
        return phrase("a yes/no value ({value})", value="true" if value else "false")
    if isinstance(value, str):
        # Escapes first, so that what is cut is what is shown (see `sitegen.messages`).
        shown = printable(value)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        return phrase("'{text}'", text=shown)
    if isinstance(value, int | float):
        return phrase("the number {number}", number=value)
    if isinstance(value, list | tuple | set):
        return phrase("a list")
    if isinstance(value, dict):
        return phrase("a group of 'key: value' lines")
    return phrase("'{text}'", text=value)
