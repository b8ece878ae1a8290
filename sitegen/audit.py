"""A counted payload audit of the build (issue 11): every hostile payload in every field of
every content file, built for real, checked in the output and loaded in Chromium.

``python -m sitegen.audit [--browser]`` writes content where one field at a time holds
one payload (one item per payload × field, batched into a few villages; a village per
payload × ``site.yaml`` field), runs the real build (`build_portals`, as ``portal build``
does), and then checks:

* every try was either accepted or refused with a problem that names its file and field,
  and no item or village failed with an exception (a build crash);
* no built HTML, JSON, iCalendar or XML file holds an executable form of a payload: no
  inline script or style the clean reference village does not have, no ``on*`` attribute,
  no ``javascript:``/``data:``/``vbscript:`` address, no ``iframe``/``object``/``embed``/
  ``svg``/``math``/``base``, no template expression that was evaluated;
* with ``--browser``: every built page loads in headless Chromium with ``alert``,
  ``confirm``, ``prompt`` and the payloads' marker function ``__pwned`` hooked, and
  nothing calls them.

Before the audit a self-check plants unsafe pages and asserts that the checker and the
browser hook see each of them, so a checker that sees nothing cannot pass.
The fields are the ones the reader in `sitegen.content` reads (see `reader_fields`).
Exit status 0 when everything held, 1 on any execution, finding or crash.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import re
import shutil
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import yaml

from sitegen.headless import serve
from sitegen.kinds import EVENTS, ORGANISATIONS, PAGES, STORIES

MARK = "__pwned"
# Evaluated template expressions leave this text; no payload holds it literally.
TEMPLATE_MARK = "__pwned_t"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
UNKNOWN_KEY = "opmerking"  # a key the reader does not know: kept and ignored


# --------------------------------------------------------------------------- payloads


@dataclass(frozen=True)
class Payload:
    """One hostile value; when anything in it runs, it calls ``__pwned(<number>)`` or
    ``alert(<number>)``."""

    number: int
    name: str
    text: str


def _b64_script(number: int) -> str:
    import base64

    return base64.b64encode(f"<script>{MARK}({number})</script>".encode()).decode()


_RAW_PAYLOADS: list[tuple[str, str]] = [
    # script tags in many spellings
    ("script tag", "<script>__pwned(N)</script>"),
    ("script tag upper case", "<SCRIPT>__pwned(N)</SCRIPT>"),
    ("script with a data: src", "<script src=data:,__pwned(N)></script>"),
    ("nested script split", "<scr<script>ipt>__pwned(N)</scr</script>ipt>"),
    ("script with attributes", '<script type="text/javascript" defer>__pwned(N)</script>'),
    ("script slash attribute", "<script/x>__pwned(N)</script>"),
    ("double-quote breakout to script", '"><script>__pwned(N)</script>'),
    ("single-quote breakout to script", "'><script>__pwned(N)</script>"),
    ("title breakout", "</title><script>__pwned(N)</script>"),
    ("script breakout (JSON-LD)", "</script><script>__pwned(N)</script>"),
    ("textarea breakout", "</textarea><script>__pwned(N)</script>"),
    ("style breakout", "</style><script>__pwned(N)</script>"),
    ("comment breakout", "--><script>__pwned(N)</script>"),
    ("CDATA breakout", "]]><script>__pwned(N)</script>"),
    ("doubled angle brackets", "<<script>script>__pwned(N)<</script>/script>"),
    ("script in template element", "<template><script>__pwned(N)</script></template>"),
    ("BOM before script", "\ufeff<script>__pwned(N)</script>"),
    ("NUL inside script tag", "<scr\x00ipt>__pwned(N)</script>"),
    # event handlers
    ("img onerror", "<img src=x onerror=__pwned(N)>"),
    ("img onerror alert", '<img src="x" onerror="alert(N)">'),
    ("mixed-case handler", "<IMG SRC=x OnErRoR=__pwned(N)>"),
    ("entity-encoded handler body", "<img src=x onerror=&#95;&#95;pwned&#40;N&#41;>"),
    ("img eval(src)", "<img src=x:__pwned(N) onerror=eval(src)>"),
    ("svg onload", "<svg onload=__pwned(N)>"),
    ("body onload", "<body onload=__pwned(N)>"),
    ("input autofocus onfocus", "<input autofocus onfocus=__pwned(N)>"),
    ("details ontoggle", "<details open ontoggle=__pwned(N)>x</details>"),
    ("video source onerror", "<video><source onerror=__pwned(N)></video>"),
    ("audio onerror", "<audio src=x onerror=__pwned(N)>"),
    ("marquee onstart", "<marquee onstart=__pwned(N)>x</marquee>"),
    ("custom element onclick", "<x-a onclick=__pwned(N) tabindex=0>klik</x-a>"),
    ("link with onclick", '<a href="https://example.org" onclick="__pwned(N)">klik</a>'),
    ("unquoted href breakout", '<a href=https://example.org/"onmouseover="__pwned(N)">x</a>'),
    ("svg animate onbegin", "<svg><animate onbegin=__pwned(N) attributeName=x dur=1s>"),
    ("noscript mXSS", '<noscript><p title="</noscript><img src=x onerror=__pwned(N)>">'),
    ("math mXSS",
     "<math><mtext><table><mglyph><style><img src=x onerror=__pwned(N)></style></mglyph>"),
    # URLs
    ("a javascript:", '<a href="javascript:__pwned(N)">klik</a>'),
    ("a JaVaScRiPt:", '<a href="JaVaScRiPt:__pwned(N)">klik</a>'),
    ("a decimal entities", '<a href="&#106;avascript:__pwned(N)">klik</a>'),
    ("a hex entities", '<a href="&#x6A;&#x61;&#x76;&#x61;script:__pwned(N)">klik</a>'),
    ("a padded entities",
     '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105'
     '&#0000112&#0000116&#0000058__pwned(N)">klik</a>'),
    ("a tab in scheme", '<a href="java&#x09;script:__pwned(N)">klik</a>'),
    ("a leading space", '<a href=" javascript:__pwned(N)">klik</a>'),
    ("a &colon;", '<a href="javascript&colon;__pwned(N)">klik</a>'),
    ("a javascript:// newline", '<a href="javascript://%0a__pwned(N)">klik</a>'),
    ("a data:text/html", '<a href="data:text/html,<script>__pwned(N)</script>">klik</a>'),
    ("a data: base64", '<a href="data:text/html;base64,B64">klik</a>'),
    ("a vbscript:", '<a href="vbscript:msgbox(N)">klik</a>'),
    ("form action", '<form action="javascript:__pwned(N)"><button>x</button></form>'),
    ("button formaction", '<button formaction="javascript:__pwned(N)">x</button>'),
    ("img srcset javascript:", '<img srcset="javascript:__pwned(N) 1x">'),
    ("iframe javascript:", '<iframe src="javascript:__pwned(N)"></iframe>'),
    ("iframe srcdoc", '<iframe srcdoc="<script>parent.__pwned(N)</script>"></iframe>'),
    ("object data", '<object data="javascript:__pwned(N)"></object>'),
    ("embed src", '<embed src="javascript:__pwned(N)">'),
    ("svg xlink:href", '<svg><a xlink:href="javascript:__pwned(N)"><text y=20>x</text></a></svg>'),
    ("svg script", "<svg><script>__pwned(N)</script></svg>"),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:__pwned(N)">'),
    ("base href", '<base href="javascript:__pwned(N)//">'),
    ("link stylesheet", '<link rel=stylesheet href="javascript:__pwned(N)">'),
    # style
    ("style url(javascript:)", '<div style="background:url(javascript:__pwned(N))">x</div>'),
    ("style expression()", '<div style="width:expression(__pwned(N))">x</div>'),
    ("style element @import", "<style>@import 'javascript:__pwned(N)';</style>"),
    # template injection
    ("Jinja expression", '{{ "__pw" ~ "ned_tN" }}'),
    ("Jinja statement", '{% print("__pw" ~ "ned_tN") %}'),
    ("Jinja globals", "{{ cycler.__init__.__globals__.os.popen('echo __pw''ned_tN').read() }}"),
    ("JS template literal", '${"__pw"+"ned_tN"}'),
    ("Angular-style expression", "{{constructor.constructor('__pwned(N)')()}}"),
    # Markdown
    ("Markdown javascript: link", "[klik](javascript:__pwned(N))"),
    ("Markdown JAVASCRIPT: link", "[klik](JAVASCRIPT:__pwned(N))"),
    ("Markdown entity link", "[klik](&#106;avascript:__pwned(N))"),
    ("Markdown image javascript:", "![x](javascript:__pwned(N))"),
    ("Markdown image attribute breakout", '![x](x" onerror="__pwned(N))'),
    ("Markdown data: link", "[klik](data:text/html;base64,B64)"),
    ("Markdown autolink", "<javascript:__pwned(N)>"),
    ("Markdown reference link", "[klik][r]\n\n[r]: javascript:__pwned(N)"),
    ("Markdown angle-bracket link", "[x](<javascript:__pwned(N)>)"),
    ("Markdown link text with HTML", "[<img src=x onerror=__pwned(N)>](https://example.org)"),
    ("Markdown emphasis with HTML", "*<img src=x onerror=__pwned(N)>*"),
    ("Markdown code span", "`<img src=x onerror=__pwned(N)>`"),
    ("Markdown fenced code", "```\n<script>__pwned(N)</script>\n```"),
    ("raw HTML block", "<div>\n\n<script>__pwned(N)</script>\n\n</div>"),
    # plain-text breakouts and encodings
    ("attribute breakout double", '" onmouseover="__pwned(N)" x="'),
    ("attribute breakout single", "' onmouseover='__pwned(N)' x='"),
    ("attribute breakout unquoted", "x onmouseover=__pwned(N) autofocus onfocus=__pwned(N)"),
    ("URL with breakout", 'https://example.org/"><script>__pwned(N)</script>'),
    ("URL with quote handler", 'https://example.org/#"onmouseover="__pwned(N)"'),
    ("bare javascript:", "javascript:__pwned(N)"),
    ("javascript: with whitespace", " \tjavascript:__pwned(N)"),
    ("bare data:", "data:text/html,<script>__pwned(N)</script>"),
    ("bare vbscript:", "vbscript:msgbox(N)"),
    ("JSON string breakout", '\\"-__pwned(N)-\\"</script>'),
    ("URL-encoded script", "%3Cscript%3E__pwned(N)%3C/script%3E"),
    ("backslash-escaped script", "\\x3cscript\\x3e__pwned(N)\\x3c/script\\x3e"),
    ("fullwidth brackets", "\uff1cscript\uff1e__pwned(N)\uff1c/script\uff1e"),
    ("bidi override", "abc\u202e<script>__pwned(N)</script>\u202c"),
    ("line separator in JS", "x\u2028__pwned(N)\u2029y"),
    ("control characters", "a\x01\x08\x1b[31m\x7f\x85b<img src=x onerror=__pwned(N)>"),
    ("iCalendar line injection",
     "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:__pwned_icsN\r\nURL:javascript:__pwned(N)"),
    ("very long value", "A" * 60_000 + "<img src=x onerror=__pwned(N)>"),
    ("long value just under limits", '" onmouseover="__pwned(N)" ' * 7),
]


def _payloads() -> tuple[Payload, ...]:
    payloads = []
    for number, (name, text) in enumerate(_RAW_PAYLOADS, start=1):
        text = text.replace("B64", _b64_script(number))
        text = re.sub(r"(__pwned(?:_t|_ics)?\(?)N\b", rf"\g<1>{number}", text)
        text = re.sub(r"(alert|msgbox)\(N\)", rf"\1({number})", text)
        text = text.replace("&#40;N&#41;", f"&#40;{number}&#41;")
        text = re.sub(r"(ned_t|pwned_ics)N\b", rf"\g<1>{number}", text)
        payloads.append(Payload(number, name, text))
    return tuple(payloads)


PAYLOADS = _payloads()


# --------------------------------------------------------------------------- fields

# The complete items every try starts from: each field the reader reads holds a good
# value, so that everything the theme can show is shown.
_ADDRESS = {"street": "Dorpsstraat 1", "postcode": "3351 AA", "city": "Papendrecht"}
_GEO = {"lat": 51.83, "lon": 4.69}
SITE_BASE = {
    "name": "Auditdorp",
    "municipality": "Auditgemeente",
    "base_url": "https://audit.example",
    "locale": "nl",
    "timezone": "Europe/Amsterdam",
    "tagline": "Samen in het dorp",
    "contact": {"email": "info@audit.example", "phone": "078 123 45 67"},
    "map": {"lat": 51.83, "lon": 4.69, "zoom": 14,
            "tiles": "https://tiles.example/{z}/{x}/{y}.png", "attribution": "Kaart: OSM"},
    "branding": {"logo": "media/logo.png", "logo_alt": "Logo van Auditdorp",
                 "primary_color": "#1d5b8f"},
    "search": {"synonyms": [["huisarts", "dokter"]]},
    "categories": [{"slug": "ontmoeten", "name": "Ontmoeten"}, {"slug": "zorg", "name": "Zorg"}],
    UNKNOWN_KEY: "bewaard",
}
ORGANISATION_BASE = {
    "title": "Buurthuis",
    "categories": ["ontmoeten"],
    "summary": "Koffie, ontmoeting en hulp.",
    "address": _ADDRESS,
    "geo": _GEO,
    "phone": "078 123 45 67",
    "email": "info@buurthuis.example",
    "website": "https://buurthuis.example",
    "opening_hours": ["Mo-Fr 09:00-17:00"],
    "tags": ["koffie"],
    "image": "media/foto.png",
    "image_alt": "Het buurthuis",
    "volunteers_wanted": True,
    "updated": "2026-11-01T10:00",
    UNKNOWN_KEY: "bewaard",
}
EVENT_BASE = {
    "title": "Koffieochtend",
    "start": "2026-12-01T10:00",
    "end": "2026-12-01T12:00",
    "recurrence": "FREQ=WEEKLY;BYDAY=TU;COUNT=3",
    "exdates": ["2026-12-08"],
    "location": {"name": "Buurthuis", "address": _ADDRESS, "geo": _GEO},
    "organiser": "buurthuis",
    "categories": ["ontmoeten"],
    "tags": ["koffie"],
    "summary": "Elke week koffie.",
    "price": "gratis",
    "registration_url": "https://audit.example/aanmelden",
    "image": "media/foto.png",
    "image_alt": "Koffie",
    "updated": "2026-11-01T10:00",
    UNKNOWN_KEY: "bewaard",
}
STORY_BASE = {
    "title": "Een verhaal",
    "date": "2026-11-01",
    "author": "Ans",
    "summary": "Over het buurthuis.",
    "organisations": ["buurthuis"],
    "image": "media/foto.png",
    "image_alt": "Ans in het buurthuis",
    "tags": ["koffie"],
    UNKNOWN_KEY: "bewaard",
}
PAGE_BASE = {"title": "Over ons", "menu_order": 1, UNKNOWN_KEY: "bewaard"}
BODY_BASE = "Welkom in het **buurthuis**. Zie [de gemeente](https://example.org)."

# kind -> (folder, front matter); the site has no folder
KINDS = {
    "site": ("", SITE_BASE),
    ORGANISATIONS.name: (ORGANISATIONS.folder, ORGANISATION_BASE),
    EVENTS.name: (EVENTS.folder, EVENT_BASE),
    STORIES.name: (STORIES.folder, STORY_BASE),
    PAGES.name: (PAGES.folder, PAGE_BASE),
}
# Fields whose value is a list: the payload is put in as its one item.
_LIST_FIELDS = {"categories", "tags", "opening_hours", "exdates", "organisations"}


@dataclass(frozen=True)
class Field:
    """One place a payload can go: a key path in the front matter (or ``body``)."""

    kind: str
    path: tuple[str | int, ...]

    @property
    def name(self) -> str:
        """The field as the reader reports it (``address.street``, ``categories[2].name``)."""
        out = ""
        for part in self.path:
            out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    def place(self, payload: str) -> tuple[dict, str]:
        """The front matter and body of a file whose field holds `payload`."""
        data = copy.deepcopy(KINDS[self.kind][1])
        body = BODY_BASE
        if self.path == ("body",):
            return data, payload
        target = data
        for part in self.path[:-1]:
            target = target[part]
        last = self.path[-1]
        if last == "synonyms":
            value: object = [[payload, "dokter"]]
        elif last in _LIST_FIELDS:
            value = [payload]
        else:
            value = payload  # also ("location",): the plain-text form of a location
        target[last] = value
        return data, body


def _leaf_paths(data: dict, prefix: tuple = ()) -> Iterator[tuple]:
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _leaf_paths(value, (*prefix, key))
        else:
            yield (*prefix, key)


def audit_fields() -> tuple[Field, ...]:
    """Every field of every kind of content file the audit puts a payload in."""
    fields: list[Field] = []
    for kind, (_folder, base) in KINDS.items():
        for path in _leaf_paths(base):
            if path == ("categories",) and kind == "site":
                fields += [Field(kind, ("categories", 1, "slug")),
                           Field(kind, ("categories", 1, "name"))]
                continue
            if path == ("location", "name"):
                fields.append(Field(kind, ("location",)))  # the plain-text form too
            fields.append(Field(kind, path))
        if kind != "site":
            fields.append(Field(kind, ("body",)))
    return tuple(fields)


FIELDS = audit_fields()


def _normal(name: str) -> str:
    return re.sub(r"\[\d+\]", "[]", name)


def reader_fields(content_root: Path, village: str) -> dict[str, set[str]]:
    """The fields the reader of `sitegen.content` reads, per kind, recorded while it loads
    `village` (whose items hold every field): the audit's list must cover them."""
    from sitegen import content

    seen: list[tuple[str, str]] = []
    original = content._Fields.get

    def recording_get(self, key):
        seen.append((self.path, f"{self.prefix}{key}"))
        return original(self, key)

    content._Fields.get = recording_get
    try:
        content.load_village(content_root, village)
    finally:
        content._Fields.get = original
    folders = {folder: kind for kind, (folder, _base) in KINDS.items() if folder}
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for path, name in seen:
        parts = path.split("/")
        kind = "site" if parts[-1] == "site.yaml" else folders[parts[1]]
        found[kind].add(_normal(name))
    for kind in found:
        if kind != "site":
            found[kind].add("body")  # the Markdown body, read beside the front matter
    return found


def missing_fields(content_root: Path, village: str) -> dict[str, set[str]]:
    """Fields the reader reads that the audit does not try, per kind (empty when complete)."""
    audited: dict[str, set[str]] = {}
    for f in FIELDS:
        audited.setdefault(f.kind, set()).add(_normal(f.name))
    missing: dict[str, set[str]] = {}
    for kind, names in reader_fields(content_root, village).items():
        tried = audited.get(kind, set())
        # A group ('address') is tried through its members ('address.street').
        left = {n for n in names if n not in tried
                and not any(t.startswith((f"{n}.", f"{n}[")) for t in tried)}
        if left:
            missing[kind] = left
    return missing


# --------------------------------------------------------------------------- writing content


@dataclass(frozen=True)
class Try:
    """One payload in one field: the file it was written to (``village/…``)."""

    payload: Payload
    field: Field
    village: str
    path: str


CLEAN = "schoon"  # the reference village: every kind once, good values only
ITEM_VILLAGES = {"organisation": "items-organisaties", "event": "items-agenda",
                 "story": "items-verhalen", "page": "items-paginas"}


def front_matter_file(data: dict, body: str) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)
    return f"---\n{text}---\n{body}\n"


def _site_text(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def _media(root: Path) -> None:
    from PIL import Image

    (root / "media").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), (200, 120, 40)).save(root / "media" / "foto.png")
    Image.new("RGB", (32, 32), (30, 90, 140)).save(root / "media" / "logo.png")


def _clean_items(village_root: Path) -> None:
    """One good item of every kind (the organisation 'buurthuis' that others refer to)."""
    for kind, (folder, base) in KINDS.items():
        if folder:
            _write(village_root / folder / "buurthuis.md" if kind == "organisation"
                   else village_root / folder / "schoon.md", front_matter_file(base, BODY_BASE))


def write_content(root: Path, payloads: Iterable[Payload] = PAYLOADS,
                  fields: Iterable[Field] = FIELDS) -> list[Try]:
    """Write the audit's content under `root` and return its tries."""
    _media(root)
    _write(root / CLEAN / "site.yaml", _site_text(SITE_BASE))
    _clean_items(root / CLEAN)
    tries: list[Try] = []
    payloads, fields = list(payloads), list(fields)
    for slug in ITEM_VILLAGES.values():
        _write(root / slug / "site.yaml", _site_text(SITE_BASE))
        _write(root / slug / ORGANISATIONS.folder / "buurthuis.md",
               front_matter_file(ORGANISATION_BASE, BODY_BASE))
    for f in fields:
        for p in payloads:
            data, body = f.place(p.text)
            if f.kind == "site":
                village = f"site-{f.slug}-p{p.number:03d}"
                _write(root / village / "site.yaml", _site_text(data))
                _clean_items(root / village)
                tries.append(Try(p, f, village, f"{village}/site.yaml"))
            else:
                village = ITEM_VILLAGES[f.kind]
                folder = KINDS[f.kind][0]
                rel = f"{folder}/p{p.number:03d}-{f.slug}.md"
                _write(root / village / rel, front_matter_file(data, body))
                tries.append(Try(p, f, village, f"{village}/{rel}"))
    return tries


# --------------------------------------------------------------------------- checking output


@dataclass
class Finding:
    """Something executable in a built file."""

    file: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: {self.what}"


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background",
                   "xlink:href", "cite", "lowsrc", "dynsrc", "codebase", "ping", "longdesc",
                   "manifest", "icon", "srcdoc", "itemtype"}
_FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
                   "base", "isindex", "template", "portal", "xmp", "plaintext", "noembed"}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")
_BAD_STYLE = re.compile(r"expression\s*\(|javascript:|vbscript:|behavior\s*:|-moz-binding|"
                        r"@import|url\s*\(", re.I)


def bad_url(value: str) -> bool:
    """True for an address a browser would run or render as a document: a
    ``javascript:``, ``vbscript:`` or ``data:`` URL, however spaced or cased (the parser
    has already decoded character references)."""
    squeezed = _INVISIBLE.sub("", value).lower()
    return squeezed.startswith(_BAD_SCHEMES)


@dataclass
class PageFacts:
    """What the checker collected from one HTML document."""

    inline_scripts: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    script_sources: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    elements: int = 0


class _PageChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._raw: tuple[str, str] | None = None  # (tag, type) of an open script/style
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)
        if tag in ("script", "style"):
            kind = dict(attrs).get("type") or ""
            self._raw, self._text = (tag, kind.strip().lower()), []

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_data(self, data):
        if self._raw:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._raw and tag == self._raw[0]:
            text = "".join(self._text)
            if tag == "style":
                self.facts.styles.append(text)
            else:
                self.facts.inline_scripts.append((self._raw[1], text))
            self._raw = None

    def _element(self, tag, attrs):
        facts = self.facts
        facts.elements += 1
        if tag in _FORBIDDEN_TAGS:
            facts.findings.append(f"<{tag}> element")
        values = dict(attrs)
        if tag == "script" and values.get("src") is not None:
            facts.script_sources.append(values["src"] or "")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            target = (values.get("content") or "").partition("=")[2]
            if bad_url(target.strip(" '\"")):
                facts.findings.append(f"<meta refresh> to {target[:80]!r}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                facts.findings.append(f"<{tag} {name}={value[:80]!r}>")
            elif name in _URL_ATTRIBUTES and bad_url(value):
                facts.findings.append(f"<{tag} {name}={value[:80]!r}>")
            elif name in ("srcset", "imagesrcset") and any(
                    bad_url(part.strip()) for part in value.split(",")):
                facts.findings.append(f"<{tag} {name}={value[:80]!r}>")
            elif name == "style":
                facts.style_attributes.append(value)
                if _BAD_STYLE.search(value):
                    facts.findings.append(f"<{tag} style={value[:80]!r}>")
            elif name == "is" or name.startswith("xmlns"):
                facts.findings.append(f"<{tag} {name}={value[:80]!r}>")


def page_facts(html: str) -> PageFacts:
    """Parse one HTML document and collect what can run in it."""
    checker = _PageChecker()
    checker.feed(html)
    checker.close()
    return checker.facts


@dataclass
class Reference:
    """What the theme itself puts in pages (from the clean village): the only inline
    scripts, styles and script sources a page may have."""

    inline_scripts: set[tuple[str, str]] = field(default_factory=set)
    script_paths: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    ics_properties: set[str] = field(default_factory=set)


# Script types that are data, not code; their text must parse as JSON.
_DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
_SITE_PREFIX = re.compile(r"^https?://[^/]+(/[a-z0-9-]+)?")


def _script_path(src: str) -> str:
    """A script source without the village's address, to compare across villages."""
    return _SITE_PREFIX.sub("", src)


def check_html(html: str, reference: Reference | None) -> list[str]:
    """What in this HTML document could run: the findings, in words (none is good).

    Without a `reference` (building one) only the theme-independent rules apply."""
    facts = page_facts(html)
    findings = list(facts.findings)
    for kind, text in facts.inline_scripts:
        if kind in _DATA_SCRIPT_TYPES:
            try:
                json.loads(text)
            except ValueError:
                findings.append(f"<script type={kind}> that is not JSON: {text[:80]!r}")
        elif reference is not None and (kind, text) not in reference.inline_scripts:
            findings.append(f"inline <script> not of the theme: {text[:80]!r}")
    for src in facts.script_sources:
        if bad_url(src) or (reference is not None
                            and _script_path(src) not in reference.script_paths):
            findings.append(f"<script src={src[:80]!r}> not of the theme")
    for text in facts.styles:
        if _BAD_STYLE.search(text) or (reference is not None and text not in reference.styles):
            findings.append(f"<style> not of the theme: {text[:80]!r}")
    return findings


_ICS_LINE = re.compile(r"^([A-Z][A-Z0-9-]*)[;:]")


def check_ics(text: str, reference: Reference | None) -> list[str]:
    """An iCalendar file: it parses, and every line is a property the theme writes (no
    property injected through a line break in a value)."""
    import icalendar

    findings = []
    try:
        icalendar.Calendar.from_ical(text)
    except ValueError as err:
        findings.append(f"not valid iCalendar: {err}")
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line or line.startswith((" ", "\t")):
            continue
        match = _ICS_LINE.match(line)
        if not match:
            findings.append(f"line that is no property: {line[:80]!r}")
        elif reference is not None and match.group(1) not in reference.ics_properties:
            findings.append(f"property {match.group(1)} not of the theme: {line[:80]!r}")
        elif match.group(1) in ("URL", "ATTACH") and bad_url(line.partition(":")[2]):
            findings.append(f"unsafe address: {line[:80]!r}")
    return findings


def check_xml(text: str, reference: Reference | None) -> list[str]:
    """A feed or sitemap: it parses; HTML inside it (Atom ``type="html"``) is checked as a
    page; links are web addresses."""
    try:
        tree = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as err:
        return [f"not well-formed XML: {err}"]
    findings = []
    for element in tree.iter():
        if element.get("type") in ("html", "xhtml") and element.text:
            findings += [f"in <{element.tag}>: {f}" for f in check_html(element.text, None)]
        for name in ("href", "src"):
            if element.get(name) and bad_url(element.get(name)):
                findings.append(f"<{element.tag} {name}={element.get(name)[:80]!r}>")
        if element.tag.endswith("}loc") and element.text and bad_url(element.text):
            findings.append(f"<loc>{element.text[:80]}")
    return findings


_URL_KEYS = re.compile(r"(^|_)(url|uri|href|src|website|link|u|logo|image)$", re.I)


def _json_strings(value, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _json_strings(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _json_strings(v, key)
    elif isinstance(value, str):
        yield key, value


def check_json(text: str, reference: Reference | None) -> list[str]:
    """JSON (open data, search indexes): it parses, and no address in it is unsafe."""
    try:
        data = json.loads(text)
    except ValueError as err:
        return [f"not valid JSON: {err}"]
    return [f"{key}: {value[:80]!r}" for key, value in _json_strings(data)
            if _URL_KEYS.search(key) and bad_url(value)]


CHECKERS: dict[str, Callable[[str, Reference | None], list[str]]] = {
    ".html": check_html, ".ics": check_ics, ".xml": check_xml, ".json": check_json,
}


def make_reference(site: Path) -> Reference:
    """The theme's own scripts, styles and calendar properties, from a clean village."""
    reference = Reference()
    for path in site.rglob("*.html"):
        facts = page_facts(path.read_text("utf-8"))
        reference.inline_scripts |= {s for s in facts.inline_scripts
                                     if s[0] not in _DATA_SCRIPT_TYPES}
        reference.script_paths |= {_script_path(s) for s in facts.script_sources}
        reference.styles |= set(facts.styles)
    for path in site.rglob("*.ics"):
        for line in path.read_text("utf-8").replace("\r\n", "\n").split("\n"):
            match = _ICS_LINE.match(line)
            if match:
                reference.ics_properties.add(match.group(1))
    return reference


def check_site(site: Path, reference: Reference, counts: Counter) -> list[Finding]:
    """Check every file of a built village; count the files checked by type."""
    findings: list[Finding] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        suffix = path.suffix.lower()
        checker = CHECKERS.get(suffix)
        if checker is None:
            counts["other"] += 1
            continue
        text = path.read_text("utf-8", errors="replace")
        counts[suffix] += 1
        rel = str(path.relative_to(site.parent))
        findings += [Finding(rel, what) for what in checker(text, reference)]
        if TEMPLATE_MARK in text:
            findings.append(Finding(rel, "a template expression of a payload was evaluated"))
    return findings


# --------------------------------------------------------------------------- the browser

# Runs in every frame before any of the page's scripts: a payload that runs calls one of
# these, and the call is recorded in Python.
HOOK_SCRIPT = """
(() => {
  const report = (what) => { try { window.__audit_report(String(what)); } catch (e) {} };
  window.__pwned = (id) => report('marker ' + id);
  window.alert = (m) => report('alert ' + m);
  window.confirm = (m) => { report('confirm ' + m); return false; };
  window.prompt = (m) => { report('prompt ' + m); return null; };
  window.print = () => report('print');
  window.open = (u) => { report('open ' + u); return null; };
})();
"""
# Every host but this machine is unreachable: map tiles and any address in content fail
# at once instead of waiting for a network.
_CHROMIUM_OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


@dataclass
class BrowserRun:
    loads: int = 0
    executions: list[tuple[str, str]] = field(default_factory=list)  # (url, what)
    failed_loads: list[tuple[str, str]] = field(default_factory=list)


def load_pages(urls: Iterable[str], *, search_urls: Iterable[str] = (),
               progress: Callable[[str], None] = lambda _m: None) -> BrowserRun:
    """Load each URL in headless Chromium with the hooks in place; count loads and calls.

    `search_urls` are search pages with a query: they are given time for the search
    script to fetch its index and show results."""
    from sitegen import headless

    run = BrowserRun()
    original_args = list(headless.CHROMIUM_ARGS)
    headless.CHROMIUM_ARGS = [*original_args, _CHROMIUM_OFFLINE]
    try:
        with headless.browser() as browser:
            context = browser.new_context(java_script_enabled=True)
            current = {"url": ""}
            context.expose_binding(
                "__audit_report",
                lambda source, what: run.executions.append((current["url"], str(what))))
            context.add_init_script(HOOK_SCRIPT)
            page = context.new_page()
            page.set_default_timeout(30_000)

            def on_dialog(dialog):
                run.executions.append((current["url"], f"dialog {dialog.message}"))
                dialog.dismiss()

            page.on("dialog", on_dialog)
            page.on("popup", lambda popup: run.executions.append((current["url"], "popup")))
            for url, is_search in [(u, False) for u in urls] + [(u, True) for u in search_urls]:
                current["url"] = url
                try:
                    page.goto(url, wait_until="load")
                    if is_search:
                        page.wait_for_load_state("networkidle")
                    # One turn of the event loop: handlers that fire just after load
                    # (autofocus, toggle, media errors) get to run.
                    page.evaluate("() => new Promise(r => setTimeout(r, 0))")
                    run.loads += 1
                    if run.loads % 1000 == 0:
                        progress(f"{run.loads} pages loaded")
                except Exception as err:  # noqa: BLE001 - counted and reported, not fatal
                    run.failed_loads.append((url, f"{type(err).__name__}: {err}"[:200]))
            context.close()
    finally:
        headless.CHROMIUM_ARGS = original_args
    return run


# --------------------------------------------------------------------------- self-check

_PLANTED = {
    "script": f"<script>{MARK}(9001)</script>",
    "handler": f"<img src=nothing.png onerror={MARK}(9002)>",
    "javascript: link": f'<a href="javascript:{MARK}(9003)">x</a>',
    "iframe": f"<iframe srcdoc=\"<script>parent.{MARK}(9004)</script>\"></iframe>",
    "svg": "<svg onload=alert(9005)></svg>",
    "JSON-LD breakout": f'<script type="application/ld+json">{{"a":"</script>'
                        f'<script>{MARK}(9006)</script>"}}</script>',
}


def self_check(browser: bool) -> tuple[int, int, int, int]:
    """Plant unsafe pages; return (found by the checker, planted, caught by the browser,
    planted that run by themselves). Both must see every one of them."""
    reference = Reference()
    found = sum(bool(check_html(f"<!doctype html><p>{html}</p>", reference))
                for html in _PLANTED.values())
    caught = running = 0
    if browser:
        runs = {name: html for name, html in _PLANTED.items() if name != "javascript: link"}
        running = len(runs)
        with tempfile.TemporaryDirectory() as folder, serve(Path(folder)) as base:
            for name, html in runs.items():
                slug = re.sub(r"[^a-z]+", "-", name.lower())
                (Path(folder) / f"{slug}.html").write_text(
                    f"<!doctype html><title>x</title><p>{html}</p>", "utf-8")
            run = load_pages(f"{base}/{re.sub(r'[^a-z]+', '-', name.lower())}.html"
                             for name in runs)
        caught = len({url for url, _what in run.executions})
    return found, len(_PLANTED), caught, running


# --------------------------------------------------------------------------- the audit


@dataclass
class AuditResult:
    """The counts of one audit run."""

    payloads: int = 0
    fields: Counter = field(default_factory=Counter)
    tries: int = 0
    accepted: int = 0
    refused: int = 0
    refused_unnamed: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    villages_built: int = 0
    files: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    missing_fields: dict = field(default_factory=dict)
    loads: int = 0
    failed_loads: list[tuple[str, str]] = field(default_factory=list)
    executions: list[tuple[str, str]] = field(default_factory=list)
    self_check: tuple[int, int, int, int] = (0, 0, 0, 0)
    timings: dict[str, float] = field(default_factory=dict)
    browser: bool = False
    accepted_by_kind: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        found, planted, caught, running = self.self_check
        return not (self.crashes or self.findings or self.executions or self.refused_unnamed
                    or self.missing_fields or self.failed_loads
                    or found != planted or caught != running)

    def report(self) -> str:
        kinds = ", ".join(f"{kind} {n}" for kind, n in self.fields.items())
        files = ", ".join(f"{k.lstrip('.').upper() if k != 'other' else 'other'} {n}"
                          for k, n in sorted(self.files.items()))
        found, planted, caught, running = self.self_check
        lines = [
            f"payloads                          {self.payloads}",
            f"fields                            {sum(self.fields.values())} ({kinds})",
            f"tries (payloads × fields)         {self.tries}",
            f"  accepted (built)                {self.accepted}"
            f" ({', '.join(f'{k} {n}' for k, n in self.accepted_by_kind.items())})",
            f"  refused with a message          {self.refused}",
            f"  refused not naming file+field   {len(self.refused_unnamed)}",
            f"fields the reader reads, untried  {sum(map(len, self.missing_fields.values()))}",
            f"build crashes                     {len(self.crashes)}",
            f"villages built                    {self.villages_built}",
            f"files checked                     {sum(self.files.values())} ({files})",
            f"executable findings               {len(self.findings)}",
        ]
        if self.browser:
            lines += [
                f"page loads in Chromium            {self.loads}",
                f"failed page loads                 {len(self.failed_loads)}",
                f"executions                        {len(self.executions)}",
            ]
        lines.append(f"self-check                        checker found {found} of {planted} "
                     f"planted" + (f"; browser caught {caught} of {running}"
                                   if self.browser else ""))
        lines.append("time                              " + ", ".join(
            f"{name} {seconds:.0f} s" for name, seconds in self.timings.items()))
        details = ([f"crash: {c}" for c in self.crashes[:20]]
                   + [f"not naming its field: {r}" for r in self.refused_unnamed[:20]]
                   + [f"untried field: {kind}: {', '.join(sorted(names))}"
                      for kind, names in self.missing_fields.items()]
                   + [f"finding: {f}" for f in self.findings[:50]]
                   + [f"failed load: {u}: {e}" for u, e in self.failed_loads[:20]]
                   + [f"execution: {u}: {w}" for u, w in self.executions[:50]])
        lines += details
        lines.append("result                            " + ("held" if self.ok else "FAILED"))
        return "\n".join(lines)


@contextlib.contextmanager
def templates_compiled_once() -> Iterator[None]:
    """Compile each theme template once for all the audit's villages.

    Every Pelican run makes a new Jinja environment, which compiles the theme again: two
    thirds of the build of a small village. The audit builds hundreds of villages with the
    same theme and the same settings, so Jinja's compile step is memoized here, keyed by
    the source and every setting that changes what is compiled. The pages are the same;
    only this process (and the build workers it forks) is affected.
    """
    import jinja2

    original = jinja2.Environment.compile
    compiled: dict[tuple, object] = {}

    def compile_once(self, source, name=None, filename=None, raw=False, defer_init=False):
        if raw or not isinstance(source, str):
            return original(self, source, name, filename, raw, defer_init)
        key = (source, name, filename, defer_init, self.trim_blocks, self.lstrip_blocks,
               self.keep_trailing_newline, repr(self.autoescape),
               tuple(sorted(self.extensions)), self.block_start_string,
               self.variable_start_string, self.comment_start_string)
        if key not in compiled:
            compiled[key] = original(self, source, name, filename, raw, defer_init)
        return compiled[key]

    jinja2.Environment.compile = compile_once
    try:
        yield
    finally:
        jinja2.Environment.compile = original


def _is_failure(problem) -> bool:
    return problem.template.startswith("could not be processed")


def run_audit(work: Path, *, payloads: Iterable[Payload] = PAYLOADS,
              fields: Iterable[Field] = FIELDS, browser: bool = False,
              browser_pages: Callable[[list[str]], list[str]] | None = None,
              all_site_builds: bool = False, jobs: int = 2,
              progress: Callable[[str], None] = lambda _m: None) -> AuditResult:
    """Write, build and check the audit's content in `work`; with `browser`, load the
    pages (all, or those `browser_pages` picks from the list of page paths)."""
    from sitegen.build import BuildOptions, build_portals
    from sitegen.content import check_item
    payloads, fields = list(payloads), list(fields)
    result = AuditResult(payloads=len(payloads), browser=browser)
    result.fields = Counter(f.kind for f in fields)
    clock = time.monotonic()
    content, out = work / "content", work / "build"
    shutil.rmtree(work, ignore_errors=True)
    out.mkdir(parents=True)
    tries = write_content(content, payloads, fields)
    result.tries = len(tries)
    result.missing_fields = missing_fields(content, CLEAN)
    result.timings["write"] = time.monotonic() - clock
    progress(f"{len(tries)} tries written")

    # A site.yaml value the reader refuses never reaches Pelican (the build reads with the
    # same reader first): such villages are built only with `all_site_builds`.
    clean_page = front_matter_file(PAGE_BASE, BODY_BASE)
    site_problems: dict[str, list] = {}
    villages = [CLEAN, *ITEM_VILLAGES.values()]
    for t in tries:
        if t.field.kind != "site":
            continue
        text = (content / t.path).read_text("utf-8")
        problems = [p for p in check_item(t.village, text, PAGES.folder, "schoon", clean_page)
                    if p.path == t.path]
        site_problems[t.village] = problems
        if all_site_builds or not problems:
            villages.append(t.village)
    clock = time.monotonic()
    problems_by_path: dict[str, list] = {}
    with serve(out) as base:
        overrides = {v: f"{base}/{v}" for v in villages if not v.startswith("site-base-url-")}
        options = BuildOptions(content_root=content, out=out, now=NOW,
                               base_url_override=overrides)
        done = []

        def on_result(village_result):
            done.append(village_result)
            if len(done) % 50 == 0 or len(done) == len(villages):
                progress(f"{len(done)} of {len(villages)} villages built")

        with templates_compiled_once():
            results = build_portals(options, villages, jobs=jobs, progress=on_result)
        result.timings["build"] = time.monotonic() - clock
        for r in results:
            for p in r.problems:
                problems_by_path.setdefault(p.path, []).append(p)
                if _is_failure(p):
                    result.crashes.append(str(p))
            if r.built:
                result.villages_built += 1
            elif r.error and not (r.slug.startswith("site-") and r.problems):
                result.crashes.append(f"{r.slug}: {r.error}")
        built = {r.slug for r in results if r.built}
        if CLEAN not in built:
            result.crashes.append(f"{CLEAN}: the clean village was not built")
            return result
        for v in site_problems:
            if v not in {r.slug for r in results}:  # not built: the reader's word
                for p in site_problems[v]:
                    problems_by_path.setdefault(p.path, []).append(p)

        from sitegen.content import is_note

        for t in tries:
            refusals = [p for p in problems_by_path.get(t.path, []) if not is_note(p)]
            if not refusals:
                result.accepted += 1
                result.accepted_by_kind[t.field.kind] += 1
                continue
            result.refused += 1
            named = any(p.path == t.path and _normal(p.field) == _normal(t.field.name)
                        and p.message for p in refusals)
            if not named:
                result.refused_unnamed.append(
                    f"P{t.payload.number} in {t.field.kind} {t.field.name}: "
                    + "; ".join(f"{p.field}: {p.message[:100]}" for p in refusals[:2]))

        clock = time.monotonic()
        reference = make_reference(out / CLEAN)
        for slug in sorted(built):
            result.findings += check_site(out / slug, reference, result.files)
        result.timings["static check"] = time.monotonic() - clock
        progress(f"{sum(result.files.values())} files checked")

        if browser:
            clock = time.monotonic()
            pages = sorted(str(p.relative_to(out)) for slug in built
                           for p in (out / slug).rglob("*.html"))
            if browser_pages is not None:
                pages = browser_pages(pages)
            urls = [f"{base}/{p}" for p in pages]
            searches = [f"{base}/{slug}/zoeken/index.html?q=pwned" for slug in sorted(built)
                        if slug in ITEM_VILLAGES.values()]
            progress(f"loading {len(urls) + len(searches)} pages in Chromium")
            run = load_pages(urls, search_urls=searches, progress=progress)
            result.loads, result.executions = run.loads, run.executions
            result.failed_loads = run.failed_loads
            result.timings["browser"] = time.monotonic() - clock
    result.self_check = self_check(browser)
    return result


def scratch_folder() -> tempfile.TemporaryDirectory:
    """A temporary folder, in memory where the machine has /dev/shm: the audit writes
    about 1.5 GB of small files (every village carries the theme's 3 MB)."""
    shm = Path("/dev/shm")
    return tempfile.TemporaryDirectory(prefix="portal-audit-",
                                       dir=shm if shm.is_dir() else None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitegen.audit",
        description="build every payload in every content field and check that nothing "
                    "in the built portal can run (issue 11)")
    parser.add_argument("--browser", action="store_true",
                        help="also load every built page in headless Chromium")
    parser.add_argument("--all-site-builds", action="store_true",
                        help="also build the site.yaml tries the reader refuses")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None,
                        help="folder for the content and the build (default: a temporary one)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        work = args.work or Path(stack.enter_context(scratch_folder()))
        result = run_audit(work, browser=args.browser, all_site_builds=args.all_site_builds,
                           jobs=args.jobs,
                           progress=lambda m: print(f"… {m}", file=sys.stderr, flush=True))
    result.timings["total"] = time.monotonic() - started
    print(f"python -m sitegen.audit{' --browser' if args.browser else ''}"
          f"{' --all-site-builds' if args.all_site_builds else ''}"
          f" ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")
    print(result.report())
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
