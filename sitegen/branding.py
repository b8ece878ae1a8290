"""A village's own colour, kept readable: WCAG contrast whatever colour an editor picks."""

from __future__ import annotations

import re

HEX_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_NORMAL_TEXT = 4.5


def _channels(color: str) -> tuple[float, float, float]:
    return tuple(int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of a #rrggbb colour."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on `background` (always at least 4.58:1)."""
    black, white = contrast_ratio(background, "#000000"), contrast_ratio(background, "#ffffff")
    return "#000000" if black >= white else "#ffffff"


def accent_on(background: str, color: str, ratio: float = AA_NORMAL_TEXT) -> str:
    """`color`, darkened or lightened just enough to reach `ratio` against `background`.

    Links and buttons use the village's colour on a light page; a pale colour such as
    #ffd700 would be unreadable there, so it is moved towards black until it passes.
    """
    if not HEX_RE.match(color):
        color = "#1d5b8f"
    target = "#000000" if relative_luminance(background) > 0.18 else "#ffffff"
    r, g, b = _channels(color)
    tr, tg, tb = _channels(target)
    for step in range(0, 101):
        t = step / 100
        mixed = "#{:02x}{:02x}{:02x}".format(
            *(round((c + (d - c) * t) * 255) for c, d in ((r, tr), (g, tg), (b, tb)))
        )
        if contrast_ratio(mixed, background) >= ratio:
            return mixed
    return target
