"""The `portal` command line: thin wiring from arguments to plain functions.

Each sub-command parses its options and calls one function elsewhere (`seed`,
`build_portals`, `serve_demo`), so the behaviour can be tested without this module.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sitegen.build import (
    EXIT_NOTHING_PUBLISHED,
    BuildOptions,
    build_portals,
    default_jobs,
    exit_status,
)
from sitegen.content import ContentRootError
from sitegen.messages import printable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description="buurtportaal: build and run "
                                     "neighbourhood portals")
    commands = parser.add_subparsers(dest="command", required=True)

    seed = commands.add_parser("seed", help="write realistic Dutch demo content")
    seed.add_argument("--out", type=Path, required=True)
    seed.add_argument("--villages", type=int, default=3)
    seed.add_argument("--organisations", type=int, default=300)
    seed.add_argument("--events", type=int, default=300)
    seed.add_argument("--interviews", type=int, default=30)
    seed.add_argument("--seed", type=int, default=1)
    seed.set_defaults(func=cmd_seed)

    build = commands.add_parser("build", help="build static portals from content files")
    build.add_argument("--content", type=Path, required=True)
    build.add_argument("--out", type=Path, required=True)
    build.add_argument("--village", action="append", default=[], metavar="SLUG")
    build.add_argument("--jobs", type=int, default=default_jobs(),
                       help="processes to build with (default: one per core): villages side "
                            "by side, or the pages of one village")
    build.add_argument("--now", type=parse_moment, default=None,
                       help="build as if it were this moment (ISO 8601); for tests and previews")
    build.add_argument("--full", action="store_true",
                       help="make every file anew instead of keeping what did not change "
                       "since the last build (and read every content file again)")
    build.set_defaults(func=cmd_build)

    plugins = plugin_commands()
    if "demo" not in plugins:  # without the CMS: the portals alone
        demo = commands.add_parser("demo", help="build content/ and serve it on localhost")
        demo.add_argument("--content", type=Path, default=Path("content"))
        demo.add_argument("--out", type=Path, default=Path("build"))
        demo.add_argument("--port", type=int, default=8000)
        demo.set_defaults(func=cmd_demo)

    bench = commands.add_parser(
        "bench", help="measure seeding and building at scale; with --search, this search "
        "against Pagefind on one village")
    bench.add_argument("--search", action="store_true",
                       help="compare the search with Pagefind in headless Chromium instead "
                       "(one village; defaults 1000 organisations, 300 events, 50 stories)")
    bench.add_argument("--engines", action="store_true",
                       help="build one village with buurtportaal, Hugo (bench/hugo) and plain "
                       "Pelican in turns and compare (defaults 1000 organisations, 500 "
                       "events, 100 stories)")
    bench.add_argument("--runs", type=int, default=3,
                       help="runs of each measurement whose median is reported (the rebuilds "
                       "and previews; with --engines, each engine's build)")
    bench.add_argument("--villages", type=int, default=25)
    bench.add_argument("--organisations", type=int, default=None, help="default 10000")
    bench.add_argument("--events", type=int, default=None, help="default 5000")
    bench.add_argument("--interviews", type=int, default=None, help="default 500")
    bench.add_argument("--jobs", type=int, default=default_jobs())
    bench.set_defaults(func=cmd_bench)

    from sitegen.serve import serve_forever  # the standard library only: cheap to import
    serve = commands.add_parser("serve", help="serve built portals on localhost, with a "
                                "list of them at /; requests are logged on stderr")
    serve.add_argument("--site-root", type=Path, default=Path("build"))
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=lambda args: serve_forever(args.site_root, args.port))

    from sitegen.search.cli import add_search_command
    add_search_command(commands)

    for name, entry in plugins.items():
        add_plugin_command(commands, name, entry)
    args = parser.parse_args(argv)
    return args.func(args)


def plugin_commands() -> dict:
    """Sub-commands other packages provide (the CMS adds import, export, cms and demo).

    They come in through the `buurtportaal.commands` entry point group, so this package
    never imports Django: each entry point is a function that adds its own sub-parser.
    """
    from importlib.metadata import entry_points

    return {e.name: e for e in sorted(entry_points(group="buurtportaal.commands"),
                                      key=lambda e: e.name)}


def add_plugin_command(commands, name: str, entry) -> None:
    try:
        register = entry.load()
    except ImportError as err:  # the CMS extras are not installed on this machine
        message = str(err)
        unavailable = commands.add_parser(name, help=f"(not installed: {err.name})")
        unavailable.set_defaults(func=lambda _args: _missing(name, message))
        return
    register(commands)


def _missing(name: str, message: str) -> int:
    print(f"portal {name}: needs the CMS packages ({message}); install with "
          "pip install -e '.[cms]'", file=sys.stderr)
    return 2


def parse_moment(text: str) -> datetime:
    """An ISO 8601 moment; without an offset it is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not an ISO 8601 date-time: {text!r}") from err
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("UTC"))


def cmd_seed(args) -> int:
    from sitegen.seed import seed

    with progress_bar("Inhoud maken") as report:
        summary = seed(args.out, villages=args.villages, organisations=args.organisations,
                       events=args.events, interviews=args.interviews, seed=args.seed,
                       progress=report)
    print(summary, file=sys.stderr)
    return 0


def cmd_build(args) -> int:
    if args.jobs < 1:
        print("portal build: --jobs must be 1 or more", file=sys.stderr)
        return EXIT_NOTHING_PUBLISHED
    if not args.content.is_dir():
        print(f"portal build: content folder {args.content} does not exist or is not readable",
              file=sys.stderr)
        return EXIT_NOTHING_PUBLISHED
    options = BuildOptions(content_root=args.content.resolve(), out=args.out.resolve(),
                           now=args.now, incremental=not args.full)
    return run_build(options, args.village, args.jobs)


def run_build(options: BuildOptions, villages: list[str], jobs: int) -> int:
    """Build, report every problem as `path: field: message` on stderr, return the exit status."""
    try:
        from sitegen.build import select_villages

        total = len(select_villages(options.content_root, villages))
    except ContentRootError as err:
        print(f"portal build: {err}", file=sys.stderr)
        return EXIT_NOTHING_PUBLISHED
    with progress_bar("Portalen bouwen") as report:
        done = []

        def on_result(result):
            done.append(result)
            report(len(done), total)

        results = build_portals(options, villages, jobs=jobs, progress=on_result)
    for result in results:
        # One line each, whatever the content put in a value (see `sitegen.messages`).
        for problem in result.problems:
            print(printable(str(problem)), file=sys.stderr)
        if result.error:
            print(printable(f"{result.slug}: build: {result.error}"), file=sys.stderr)
    built = [r for r in results if r.built]
    print(f"{len(built)} of {len(results)} villages built into {options.out}, "
          f"{sum(r.pages for r in built)} pages ({sum(r.written for r in built)} files made, "
          f"{sum(r.linked for r in built)} unchanged), "
          f"{sum(len(r.problems) for r in results)} problems", file=sys.stderr)
    return exit_status(results)


def cmd_bench(args) -> int:
    if args.search:
        return cmd_bench_search(args)
    if args.engines:
        return cmd_bench_engines(args)
    from sitegen.bench import run_build_bench

    args.organisations = 10000 if args.organisations is None else args.organisations
    args.events = 5000 if args.events is None else args.events
    args.interviews = 500 if args.interviews is None else args.interviews
    figures = run_build_bench(args.villages, args.organisations, args.events, args.interviews,
                              args.jobs, runs=args.runs)
    command = (f"portal bench --villages {args.villages} --organisations {args.organisations} "
               f"--events {args.events} --interviews {args.interviews} --jobs {args.jobs} "
               f"--runs {args.runs}")
    print(figures.markdown(command))
    return 0


def cmd_bench_engines(args) -> int:
    from sitegen.enginebench import markdown, run_engine_bench

    organisations = 1000 if args.organisations is None else args.organisations
    events = 500 if args.events is None else args.events
    interviews = 100 if args.interviews is None else args.interviews
    figures = run_engine_bench(organisations, events, interviews, runs=args.runs)
    command = (f"portal bench --engines --organisations {organisations} --events {events} "
               f"--interviews {interviews} --runs {args.runs}")
    print(markdown(figures, command, args.runs))
    return 0


def cmd_bench_search(args) -> int:
    from sitegen.search.bench import run_search_bench

    organisations = 1000 if args.organisations is None else args.organisations
    events = 300 if args.events is None else args.events
    interviews = 50 if args.interviews is None else args.interviews
    with progress_bar("Zoekopdrachten") as report:
        figures = run_search_bench(organisations, events, interviews, progress=report)
    command = (f"portal bench --search --organisations {organisations} --events {events} "
               f"--interviews {interviews}")
    print(figures.markdown(command))
    for engine in (figures.ours, figures.pagefind):
        for miss in engine.misses:
            print(f"{engine.name} missed {miss}", file=sys.stderr)
    return 0


def cmd_demo(args) -> int:
    from sitegen.demo import serve_demo

    return serve_demo(args.content.resolve(), args.out.resolve(), args.port)


class progress_bar:
    """A progress bar on a terminal; silence when stderr is not one (CI, logs, pipes)."""

    def __init__(self, label: str):
        self.label = label
        self._progress = None
        self._task = None

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=None)
        return self.report

    def report(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task, completed=done, total=total)

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.stop()
        return False


if __name__ == "__main__":
    sys.exit(main())
