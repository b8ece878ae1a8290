"""The build's problem messages in Dutch (`sitegen.messages`, `Problem.translated`).

Every message the reader words (sitegen/content.py, sitegen/yamlsafe.py) is a template with
placeholders; the catalogue ``sitegen/locale/nl/LC_MESSAGES/sitegen.po`` must hold a Dutch
wording of each with the same placeholders. Templates are found twice: by reading the
source for the calls that word a message, and by running the reader over hostile content.
"""

from __future__ import annotations

import ast
import importlib
import json
import pickle
import shutil
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from sitegen import messages, yamlsafe
from sitegen.content import VillageError, check_item, load_village
from sitegen.messages import Phrase, phrase, placeholders
from sitegen.model import Problem
from tests.sitetexts import SITE

HOSTILE = Path(__file__).parent / "fixtures" / "reader" / "hostile"
PO = messages.LOCALE_DIR / "nl" / "LC_MESSAGES" / "sitegen.po"

# Modules whose messages editors see, and where the template sits in each wording call.
WORDING_MODULES = (
    "sitegen.content", "sitegen.yamlsafe", "sitegen.recurrence", "sitegen.images",
    "sitegen.redirects", "sitegen.budget", "sitegen.plugins.portal.generators",
    "sitegen.plugins.portal.state", "sitegen.preview", "sitegen.resolve",
)
TEMPLATE_ARGUMENT = {"report": 1, "worded": 2, "phrase": 0, "Phrase": 0, "ImageError": 0}
# Wording calls that pass on a template made elsewhere (and found there), not a new one.
PASSED_ON = {
    ("sitegen.content", "template"),  # _Fields.report -> Problem.worded
    ("sitegen.content", "explain(slug)"),  # a phrase from the two explainers below
    ("sitegen.content", "self.reader.explain_unknown_organisation(slug)"),
    ("sitegen.content", "_wording(exc)"),  # the phrase a ValueError of _parse_when carries
    ("sitegen.yamlsafe", "advice"),  # one of yamlsafe._HINTS, added below
    ("sitegen.images", "template"),  # ImageError.__init__ -> phrase
}
# Modules that make a `Problem` without a template (so editors read English): none.
WITHOUT_TEMPLATES: set[str] = set()


def source_templates() -> set[str]:
    """Every template the wording calls in `WORDING_MODULES` use, read from the source."""
    found: set[str] = set()
    unknown: list[tuple[str, str]] = []
    for name in WORDING_MODULES:
        module = importlib.import_module(name)
        tree = ast.parse(Path(module.__file__).read_text("utf-8"))
        assigned = {
            node.targets[0].id: node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            callee = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            position = TEMPLATE_ARGUMENT.get(callee)
            if position is None or len(node.args) <= position:
                continue
            argument = node.args[position]
            if isinstance(argument, ast.Name) and not hasattr(module, argument.id):
                # A local name for a template, e.g. `outside = "must be a path ..."`.
                argument = assigned.get(argument.id, argument)
            templates = _templates_of(argument, module)
            if templates is None:
                unknown.append((name, ast.unparse(node.args[position])))
            found.update(templates or ())
    assert set(unknown) <= PASSED_ON, (
        "wording calls whose template cannot be read from the source; use a literal "
        f"template or add them to PASSED_ON: {sorted(set(unknown) - PASSED_ON)}"
    )
    return found | {advice for _marker, advice in yamlsafe._HINTS}


def _templates_of(expression: ast.expr, module) -> list[str] | None:
    """The template(s) an expression of `module` stands for: a string built from literals
    and module constants, or any value of a module-level table of templates; None when it
    depends on local values."""
    if isinstance(expression, ast.Subscript):
        table = _templates_of(expression.value, module)
        if table is not None:
            return table
    try:
        value = eval(compile(ast.Expression(expression), "<template>", "eval"), vars(module))
    except (NameError, AttributeError, TypeError, KeyError):
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return list(value.values())
    return None


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def _event(fields: str) -> str:
    return f"---\ntitle: Activiteit\n{fields}\n---\nTekst\n"


# Bad items beyond the hostile fixture, so that the nested and rarer wordings run too.
BAD_ITEMS = [
    ("events", _event("start: 2026-03-29T02:30")),
    ("events", _event("start: 2026-05-14\nend: 2026-05-14T10:00")),
    ("events", _event("start: 2026-05-14\nend: 2026-05-01")),
    ("events", _event("start: [1]\nexdates: [true]")),
    ("events", _event("start: 2026-05-14T10:00\nrecurrence: 'FREQ=DAILY;COUNT=2;UNTIL=20270101'")),
    ("events", _event("start: 2026-05-14T10:00\nrecurrence: 'FREQ=WEEKLY;UNTIL=morgen'")),
    ("events", _event("start: 2026-05-14T10:00\nrecurrence: 'BYDAY=TU'")),
    ("events", _event("start: 2026-05-14T10:00\nrecurrence: 'FREQ=FORTNIGHTLY'")),
    ("events", _event("start: 2026-05-14T10:00\n"
                      "recurrence: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'")),
    ("events", _event("start: 2026-05-14T10:00\nrecurrence: 'elke week'")),
    ("events", _event("start: 2026-05-14T10:00\nrecurrence: 'FREQ=WEEKLY;BYDAY=di!'")),
    ("events", _event("start: 2026-05-14\ntags: {a: b}")),
    ("events", _event("start: 2026-05-14\norganiser: {a: b}\ncategories: [onbekend]")),
    ("events", _event("start: 2026-05-14\nregistration_url: www.example.nl\nlocation: [1]")),
    ("organisations", "---\ntitle: X\ncategories: [ontmoeten]\nsummary: Ja\nimage: /etc/passwd\n"
                      "geo: {lat: x, lon: 4}\nvolunteers_wanted: ja\nphone: 0612\n---\n"),
    ("organisations", "---\ntitle: X\ncategories: [ontmoeten]\nsummary: Ja\n"
                      "image: media/x.pdf\ntags: [<b>x</b>, " + "y" * 201 + "]\n---\n"),
    ("organisations", "---\ntitle: X\ncategories: [ontmoeten]\nsummary: Ja\n"
                      "image: ../x.jpg\nemail: nee\nwebsite: ftp://x\naddress: 3\n---\n"),
    ("organisations", "---\nTitle: X\ncategories: ontmoeten\nsummary: '" + "z" * 301 + "'\n"
                      "image: media/bestaat-niet.jpg\nopening_hours: [ma 9-5, 3]\n---\n"),
    ("organisations", "---\ntitle: X\ncategories: [ontmoeten]\nsummary: Ja\nphone: bellen\n---\n"),
    ("organisations", "---\ntitle: X\ntitle: Y\n---\n"),
    ("organisations", "---\ntitle: @x\n---\n"),
    ("pages", "---\nmenu_order: 1\n---\n"),
    ("pages", "---\ntitle: Groot\n---\n" + "x" * (1024 * 1024)),
    ("organisations", "---\ntitle: &a X\n---\n"),
    ("organisations", "---\ntitle: a: b\n---\n"),
    ("organisations", "---\ntitle: X\n"),
    ("organisations", "---\n[1, 2]\n---\n"),
    ("pages", "---\ntitle: '   '\nmenu_order: een\n---\n" + "[" * 10001),
    ("stories", "---\ntitle: X\ndate: 2026-05-14\nauthor: Y\norganisations: [niemand, 3]\n---\n"),
]

BAD_SITES = [
    "name: [1]\nmunicipality: Y\nbase_url: x\ntimezone: Mars/Olympus\ncategories: {a: b}\n",
    SITE + "locale: nederlands\nmap: {lat: 1, lon: 2, zoom: 30}\nbranding: {primary_color: }\n"
    "search: {synonyms: [[a], [b, 3]]}\ncontact: {email: x}\n",
    SITE + "branding: {primary_color: rood}\n",
    "name: X\nmunicipality: Y\nbase_url: https://x.example\ncategories: [3, {slug: A, name: B}]\n",
    "- een lijst\n",
    "name: X\nmunicipality: Y\nbase_url: https://x.example\n"
    "categories: [3, {slug: a, name: A}, {slug: a, name: B}, {slug: B!, name: C}]\n",
]


@pytest.fixture(scope="module")
def reported(tmp_path_factory) -> list[Problem]:
    """Problems of the hostile fixture, the bad items and sites above and unreadable files."""
    problems = list(load_village(HOSTILE, "papendrecht").problems)
    for folder, text in BAD_ITEMS:
        problems += check_item("testdorp", SITE, folder, "item", text, ["buurthuis"])
    for site in BAD_SITES:
        problems += check_item("testdorp", site, "pages", "over", "---\ntitle: Over\n---\n")
    problems += check_item("testdorp", SITE, "pages", "Over", "---\ntitle: Over\n---\n")
    root = _write(tmp_path_factory.mktemp("content"), {
        "testdorp/site.yaml": SITE,
        "testdorp/pages/latin.md": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
        "testdorp/stories": "geen map",
        "testdorp/events/map.md/leeg.txt": "",
        "media/x.jpg": b"",
    })
    (root / "testdorp" / "pages" / "buiten.md").symlink_to(HOSTILE / "papendrecht" / "site.yaml")
    problems += load_village(root, "testdorp").problems
    for village in ("Geen_Dorp", "nergens"):  # a bad folder name; no site.yaml
        with pytest.raises(VillageError) as caught:
            load_village(root, village)
        problems += caught.value.problems
    return problems


def _templates_in(problem_or_phrase) -> set[str]:
    found = {problem_or_phrase.template}
    for value in problem_or_phrase.params.values():
        if isinstance(value, Phrase):
            found |= _templates_in(value)
    return found


@pytest.fixture(scope="module")
def catalogue() -> dict[str, str]:
    """msgid -> msgstr of the Dutch catalogue, without the header."""
    with PO.open("rb") as source:
        entries = read_po(source, domain=messages.DOMAIN)
    return {m.id: m.string for m in entries if m.id and not m.fuzzy}


def test_every_template_has_a_dutch_translation(reported, catalogue):
    used = source_templates()
    for problem in reported:
        used |= _templates_in(problem)
    untranslated = sorted(t for t in used if not catalogue.get(t))
    assert untranslated == [], "templates without Dutch in sitegen.po:\n" + "\n".join(untranslated)


def _sitegen_modules() -> list[str]:
    package = Path(messages.__file__).parent
    return sorted(
        ".".join(("sitegen", *path.relative_to(package).with_suffix("").parts))
        .removesuffix(".__init__")
        for path in package.rglob("*.py")
    )


def test_every_problem_of_the_build_is_worded_from_a_template():
    """A `Problem(path, field, message)` without its template cannot be translated: the
    CMS would show it in English. Problems are made with `Problem.worded`, or passed on
    with the template and params they came with; every module that words one is in
    `WORDING_MODULES`, so its templates are checked against the catalogue."""
    plain, wording = [], set()
    for name in _sitegen_modules():
        path = Path(messages.__file__).parent.joinpath(*name.split(".")[1:])
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            callee = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if callee in ("worded", "ImageError"):
                wording.add(name)
            elif (callee == "Problem" and len(node.args) < 4
                    and not any(k.arg == "template" for k in node.keywords)):
                plain.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
    plain = [line for line in plain if line.partition(":")[0] not in WITHOUT_TEMPLATES]
    assert plain == [], "problems without a template:\n" + "\n".join(plain)
    assert wording - {"sitegen.model"} <= set(WORDING_MODULES)


def test_the_catalogue_holds_only_templates_in_use(catalogue):
    unused = sorted(set(catalogue) - source_templates())
    assert unused == [], "sitegen.po entries no template uses any more:\n" + "\n".join(unused)


def test_translations_keep_the_placeholders(catalogue):
    different = {
        msgid: msgstr for msgid, msgstr in catalogue.items()
        if sorted(placeholders(msgid)) != sorted(placeholders(msgstr))
    }
    assert different == {}


def test_every_reported_problem_is_worded_from_its_template(reported):
    assert len(reported) > 60
    for problem in reported:
        assert problem.template, str(problem)  # no message escapes translation
        assert Phrase(problem.template, problem.params) == problem.message, str(problem)


def test_reported_problems_all_come_out_in_dutch(reported):
    untranslated = [str(p) for p in reported
                    if p.translated("nl") == p.message and p.template != "{problem}"]
    assert untranslated == []


@pytest.mark.parametrize(
    ("fields", "english", "dutch"),
    [
        ("start: 2026-14-01",
         "must be a date like 2026-05-14 or a date and time like 2026-05-14T10:00, "
         "got '2026-14-01'",
         "moet een datum zijn zoals 2026-05-14 of een datum met tijd zoals 2026-05-14T10:00, "
         "maar er staat '2026-14-01'"),
        ("start: 2026-05-14\nprice: [1]",
         "must be text, got a list",
         "moet tekst zijn, maar er staat een lijst"),
        ("start: 2026-05-14\nregistration_url: www.example.nl",
         "must be a web address starting with https:// or http://, got 'www.example.nl'; "
         "add https:// in front, like 'https://www.example.nl'",
         "moet een webadres zijn dat begint met https:// of http://, maar er staat "
         "'www.example.nl'; zet er https:// voor, zoals 'https://www.example.nl'"),
        ("start: 2026-03-29T02:30",
         "2026-03-29 02:30 does not exist in Europe/Amsterdam: the clocks jump forward that "
         "night; pick another time",
         "2026-03-29 02:30 bestaat niet in Europe/Amsterdam: die nacht gaat de klok een uur "
         "vooruit; kies een ander tijdstip"),
        ("start: 2026-05-14\norganiser: bakker",
         "'bakker' is not an organisation of this village; use the file name (without .md) "
         "of an organisation in organisations/",
         "'bakker' is geen organisatie van dit dorp; gebruik de bestandsnaam (zonder .md) "
         "van een organisatie in organisations/"),
    ],
)
def test_a_problem_in_dutch_and_in_english(fields, english, dutch):
    [problem] = check_item("testdorp", SITE, "events", "activiteit", _event(fields))
    assert problem.message == english
    assert str(problem).endswith(f": {english}")
    assert problem.translated("nl") == dutch
    assert problem.translated("nl-BE") == dutch
    assert problem.translated("en") == english


def test_values_inside_a_message_are_translated_too():
    [problem] = check_item("testdorp", SITE, "pages", "over", "---\ntitle: a: b\n---\n")
    assert problem.message.endswith(
        "mapping values are not allowed here (text holding ': ' must be in quotes)")
    # The YAML reader's own words stay English; the advice is Dutch.
    assert problem.translated("nl") == (
        "is geen geldige YAML rond regel 1, kolom 9: mapping values are not allowed here "
        "(tekst met ': ' erin moet tussen aanhalingstekens)")


def test_without_a_translation_the_english_message_stays():
    problem = Problem.worded("dorp/pages/over.md", "title", "is required")
    assert problem.translated("fr") == "is required"  # no French catalogue (yet)
    assert Problem("dorp/pages/over.md", "build", "exit 3").translated("nl") == "exit 3"
    odd = Problem("p", "f", "kept", "must be text, got {value}", {})  # value lost
    assert odd.translated("nl") == "kept"


def test_problems_round_trip_through_json_and_pickle():
    problem = Problem.worded("dorp/events/x.md", "start", "must be text, got {value}",
                             value=yamlsafe.describe_value([1]))
    data = json.loads(json.dumps(problem.as_data()))
    assert data == {
        "path": "dorp/events/x.md", "field": "start", "message": "must be text, got a list",
        "template": "must be text, got {value}",
        "params": {"value": {"template": "a list", "params": {}}},
    }
    again = Problem.from_data(data)
    assert again == problem and again.as_data() == problem.as_data()
    assert again.translated("nl") == "moet tekst zijn, maar er staat een lijst"
    assert pickle.loads(pickle.dumps(problem)).as_data() == problem.as_data()
    # What the CMS stored before problems had templates still reads.
    old = Problem.from_data({"path": "a", "field": "b", "message": "c"})
    assert (old, old.translated("nl")) == (Problem("a", "b", "c"), "c")


def test_equal_problems_hash_alike_whatever_their_wording():
    worded = Problem.worded("a", "b", "is {n} long", n=3)
    plain = Problem("a", "b", "is 3 long")
    assert worded == plain and len({worded, plain}) == 1


def test_phrase_values_format_as_before():
    assert phrase("the number {number}", number=0.5) == "the number 0.5"
    assert phrase("is {size} MB", size=1.25, unused="x").params == {"size": "1.25"}
    with pytest.raises(KeyError):
        phrase("got {value}")


def test_a_compiled_catalogue_needs_no_babel(tmp_path, monkeypatch):
    """At run time a compiled .mo is read with the standard library only."""
    folder = tmp_path / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(PO, folder / "sitegen.po")
    with PO.open("rb") as source, (folder / "sitegen.mo").open("wb") as target:
        write_mo(target, read_po(source, domain=messages.DOMAIN))
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    monkeypatch.setitem(sys.modules, "babel.messages.mofile", None)  # import fails
    monkeypatch.setitem(sys.modules, "babel.messages.pofile", None)
    messages.catalogue.cache_clear()
    try:
        problem = Problem.worded("a", "b", "is required")
        assert problem.translated("nl") == "is verplicht; vul het in"
    finally:
        messages.catalogue.cache_clear()
