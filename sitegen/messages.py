"""The build's words for editors in other languages: templates, their values and the catalogue.

The reader words every problem in English for the command line (``path: field: message``).
The CMS shows the same problems to volunteers in Dutch, possibly long after the build, so a
message keeps the English template it was made from (``"must be text, got {value}"``) and
its values; `translate` says it again in another language from the gettext catalogue
``sitegen/locale/<locale>/LC_MESSAGES/sitegen.po`` (domain ``sitegen``).

Every message is shown as one line, whatever the content says: a value from content goes
through `shown_value` (control characters, line breaks and bidi overrides become visible
escapes such as ``\\x1b`` and ``\\n``; long values end in "…"), and a whole message, path or
field through `printable`. Formatting a `Phrase` does this, so no call site has to.

Only the standard library is needed at run time. ``make install`` compiles the ``.mo``
files with Babel; where one is missing or older than its ``.po`` (a fresh checkout, a test
run), the ``.po`` is compiled in memory when Babel is installed.
"""

from __future__ import annotations

import gettext
import io
import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "VALUE_LIMIT",
    "Phrase",
    "catalogue",
    "params_as_data",
    "phrase",
    "placeholders",
    "plain_params",
    "printable",
    "shown_value",
    "translate",
]

DOMAIN = "sitegen"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# The longest a value from content is shown inside a message, "…" included.
VALUE_LIMIT = 80

# What a terminal, a log or a browser would act on instead of showing: C0 and C1 control
# characters and DEL (escape sequences, bells, line breaks that forge a second problem
# line), the Unicode line and paragraph separators, and the bidi embeddings, overrides and
# isolates that reorder the text around them.
_UNSHOWABLE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` on one line, each character a terminal or browser would act on shown as its
    escape instead (``\\x1b``, ``\\n``, ``\\u202e``). Text without them stays as it is, and
    printable text stays printable."""
    return _UNSHOWABLE_RE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _ESCAPES.get(char) or (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")


def shown_value(text: str) -> str:
    """A value from content the way a message shows it: `printable`, and shortened to
    `VALUE_LIMIT` characters ending in "…" when longer."""
    text = printable(text)
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


class Phrase(str):
    """English text for an editor that remembers how it was worded, so that it can be said
    again in another language: it *is* the formatted text, and carries ``template`` and
    ``params``.

    A phrase can be a value inside another message ("got {value}" where the value is
    "a list"); it is then translated along with that message.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any]) -> Phrase:
        # Keep only the values the template shows: what is stored is what is said.
        used = set(placeholders(template))
        params = plain_params({name: v for name, v in params.items() if name in used})
        self = super().__new__(cls, template.format(**params))
        self.template = template
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Phrase, (self.template, self.params))

    def as_data(self) -> dict[str, Any]:
        return {"template": self.template, "params": self.params}


def placeholders(template: str) -> list[str]:
    """The names of the ``{placeholders}`` in a template, in order, without repeats."""
    names: list[str] = []
    for _text, name, _spec, _conversion in string.Formatter().parse(template):
        if name is not None and name not in names:
            names.append(name)
    return names


def phrase(template: str, /, **params: Any) -> Phrase:
    """``template.format(**params)`` that remembers its template and params."""
    return Phrase(template, params)


def plain_params(params: dict[str, Any]) -> dict[str, Any]:
    """Params as JSON-friendly values that are safe to show and format as the originals did.

    Whole numbers stay as they are and a `Phrase` stays a phrase (it is text, made of safe
    values already); other values become their text, ``format(value, "")`` being
    ``str(value)`` for numbers and dates. Text is what `shown_value` makes of it: the same
    for an ordinary value, one line of visible escapes for one that tries to forge lines.
    """
    plain: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, Phrase) or (isinstance(value, int) and not isinstance(value, bool)):
            plain[name] = value
        elif isinstance(value, dict) and "template" in value:
            plain[name] = Phrase(value["template"], value.get("params") or {})
        else:
            plain[name] = shown_value(str(value))
    return plain


def params_as_data(params: dict[str, Any]) -> dict[str, Any]:
    """Params for JSON: a phrase becomes ``{"template": ..., "params": ...}``."""
    return {
        name: value.as_data() if isinstance(value, Phrase) else value
        for name, value in params.items()
    }


def translate(template: str, params: dict[str, Any], locale: str, fallback: str) -> str:
    """``template`` in `locale`, formatted with ``params`` (phrases among them translated
    too); `fallback` when there is no template, no translation or the translation does not
    fit the params. Either way `printable`."""
    wording = catalogue(locale).gettext(template) if template else ""
    if not wording:
        return printable(fallback)
    values = {
        name: translate(value.template, value.params, locale, str(value))
        if isinstance(value, Phrase) else value
        for name, value in plain_params(params).items()
    }
    try:
        return printable(wording.format(**values))
    except (KeyError, IndexError, ValueError):
        return printable(fallback)


class _Untranslated(gettext.NullTranslations):
    """The last fallback of a catalogue: "" for a text it has no translation of, so that a
    translation that happens to equal the English (``'{text}'``) still counts as one."""

    def gettext(self, message: str) -> str:
        return ""


@lru_cache(maxsize=8)
def catalogue(locale: str) -> gettext.NullTranslations:
    """The gettext catalogue of `locale` ("nl", "nl-BE", "fr"); its ``gettext`` gives ""
    for a text without translation (then the English stays). Read-only, so one per locale
    is kept."""
    found = _find_catalogue(locale)
    found.add_fallback(_Untranslated())
    return found


def _find_catalogue(locale: str) -> gettext.NullTranslations:
    language = locale.replace("-", "_")
    for candidate in (language, language.split("_")[0]):
        po = LOCALE_DIR / candidate / "LC_MESSAGES" / f"{DOMAIN}.po"
        mo = po.with_suffix(".mo")
        if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
            return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[candidate],
                                       fallback=True)
        if po.is_file():
            compiled = _compile_in_memory(po)
            if compiled is not None:
                return compiled
            if mo.is_file():  # stale, but better than English
                return gettext.translation(DOMAIN, localedir=LOCALE_DIR,
                                           languages=[candidate], fallback=True)
    return gettext.NullTranslations()


def _compile_in_memory(po: Path) -> gettext.GNUTranslations | None:
    """The catalogue of a ``.po`` file without writing a ``.mo``; None without Babel."""
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:
        return None
    with po.open("rb") as source:
        messages = read_po(source, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
