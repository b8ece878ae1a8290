"""Screenshots of every page type of a built portal, at phone and desktop width.

Usage (from the repository root, after `make install`):
    .venv/bin/portal build --content content --out build
    .venv/bin/python docs/screenshots/take_screenshots.py build/oosterlinde docs/screenshots
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sitegen.headless import browser, serve  # noqa: E402

PAGES = {
    "home": "",
    "sociale-kaart": "sociale-kaart/",
    "categorie": "sociale-kaart/categorie/zorg-en-welzijn/",
    "organisatie": "sociale-kaart/huisartsenpraktijk-de-linde/",
    "agenda": "agenda/",
    "activiteit": "agenda/repair-cafe/",
    "verhalen": "verhalen/",
    "verhaal": "verhalen/repareren-in-plaats-van-weggooien/",
    "pagina": "over/",
    "zoeken": "zoeken/?q=koffie",
    "404": "404.html",
}
WIDTHS = {"telefoon": 390, "desktop": 1280}


def take(site: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as base, browser() as b:
        for label, width in WIDTHS.items():
            context = b.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(f"{base}/{path}")
                page.wait_for_load_state("networkidle")
                target = out / f"{name}-{label}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            context.close()
    return written


if __name__ == "__main__":
    for path in take(Path(sys.argv[1]), Path(sys.argv[2])):
        print(path)
