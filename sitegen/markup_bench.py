"""Measure `sitegen.markup.render_markdown` on the worst bodies its limits still let through.

For docs/PERFORMANCE.md ("Markdown limits"), not for the test suite: each adversarial
pattern is repeated until one more repetition would be refused, and that body is rendered
once. Run: ``python -m sitegen.markup_bench``.
"""

from __future__ import annotations

import platform
import time

from sitegen.markup import (
    MAX_BODY_LENGTH,
    MAX_NESTING,
    BodyTooComplexError,
    _check_limits,
    render_markdown,
)

# Runs from issue 11 and the shapes that made python-markdown slow before the limits:
# emphasis and code-span openers, unclosed links and inline HTML, nesting.
PATTERNS = [
    "*a_", "`a ", "_a*", "**a__", "``a", "\\", "*", "_", "`",
    "[", "[a", "[a](", "[a][", "![", "](",
    "<", "<a ", "<a", "<a@", "<http:", "<![CDATA[", "<!--", "</",
    ">", "> ", "- ", "1. ", "  - ",
    "\n-", "\n# a", "\n***", "\n- a", "\n",
]  # fmt: skip


def largest_body(pattern: str) -> str:
    """`pattern` repeated as often as `render_markdown` accepts (by halving the step)."""
    body, step = "", MAX_BODY_LENGTH // len(pattern) + 1
    while step:
        longer = body + pattern * step
        if len(longer) <= MAX_BODY_LENGTH and _accepted(longer):
            body = longer
        else:
            step //= 2
    return body


def _accepted(body: str) -> bool:
    try:
        _check_limits(body)
    except BodyTooComplexError:
        return False
    return True


def nested(pattern: str, depth: int) -> str:
    """Lists `depth` levels deep, one level per line."""
    return "".join("    " * level + pattern + "a\n" for level in range(depth))


def _fill(line: str) -> str:
    """`line` repeated up to `MAX_BODY_LENGTH` characters."""
    return line * (MAX_BODY_LENGTH // len(line))


def measure(body: str) -> tuple[float, str]:
    """CPU seconds to render `body`, and how it ended."""
    started = time.process_time()
    try:
        render_markdown(body)
        outcome = "rendered"
    except BodyTooComplexError as exc:
        outcome = f"refused ({exc.kind})"
    return time.process_time() - started, outcome


def main() -> None:
    print(f"Machine: {platform.machine()}, CPython {platform.python_version()}\n")
    print("| body | characters | CPU s | outcome |")
    print("|---|---|---|---|")
    cases = [(f"``` {p!r} ``` × n", largest_body(p)) for p in PATTERNS]
    cases += [
        ("nested `- ` lists, 150 levels", nested("- ", 150)),
        ("nested `1. ` lists, 150 levels", nested("1. ", 150)),
        (
            "nested `> ` quotes, 1,000 levels",
            "".join("> " * d + "a\n" for d in range(1000))[:MAX_BODY_LENGTH],
        ),
        ("`> ` × 25,000 on one line", "> " * 25_000),
        (f"`> ` × {MAX_NESTING} on every line", _fill("> " * MAX_NESTING + "a\n")),
        (f"`1. ` × {MAX_NESTING} on every line", _fill("1. " * MAX_NESTING + "a\n")),
        (f"`- ` × {MAX_NESTING} on every line", _fill("- " * MAX_NESTING + "a\n")),
    ]
    for name, body in cases:
        seconds, outcome = measure(body)
        print(f"| {name} | {len(body):,} | {seconds:.3f} | {outcome} |", flush=True)


if __name__ == "__main__":
    main()
