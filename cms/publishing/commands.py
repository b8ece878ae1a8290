"""`portal` sub-commands of the CMS, added through the `buurtportaal.commands` entry points.

Each `add_*_command` adds a sub-parser; its handler sets Django up and calls a plain
function of `cms.publishing` (thin commands, testable functions).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def setup_django(settings: str = "cms.settings.dev") -> None:
    """Configure Django for a `portal` sub-command (DJANGO_SETTINGS_MODULE wins if set)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    import django

    django.setup()


def add_import_command(commands) -> None:
    parser = commands.add_parser("import", help="load content files into the CMS database")
    parser.add_argument("--content", type=Path, required=True)
    parser.set_defaults(func=_run_import)


def add_export_command(commands) -> None:
    parser = commands.add_parser("export", help="write the CMS database as content files")
    parser.add_argument("--out", type=Path, required=True)
    parser.set_defaults(func=_run_export)


def add_cms_command(commands) -> None:
    parser = commands.add_parser("cms", help="run a Django management command of the CMS")
    parser.add_argument("args", nargs="*")
    parser.set_defaults(func=_run_manage)


def add_demo_command(commands) -> None:
    parser = commands.add_parser("demo", help="the CMS and the portals on localhost, with "
                                 "demo content and log-ins")
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.set_defaults(func=_run_demo)


def _run_import(args) -> int:
    setup_django()
    from cms.publishing.importing import import_content

    return import_content(args.content.resolve(), report=sys.stderr)


def _run_export(args) -> int:
    setup_django()
    from cms.publishing.exporting import export_content

    return export_content(args.out.resolve(), report=sys.stderr)


def _run_manage(args) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["portal cms", *args.args])
    return 0


def _run_demo(args) -> int:
    from cms.publishing.demo import run_demo

    return run_demo(args.content.resolve())
