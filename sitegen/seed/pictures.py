"""Text-free illustrations drawn with Pillow, for demo content.

Demo portals need pictures of many sizes, orientations and formats, and some JPEGs that
carry camera metadata (GPS position, an EXIF orientation) which a build must strip or
apply. Drawing them keeps the repository free of photographs with unclear licences.

Everything is drawn from a caller-supplied `random.Random`, so the same generator state
gives the same pixels, and files are written without timestamps, so the same pixels give
the same bytes.
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw

#: What `draw_picture` can draw.
MOTIFS = ("dorp", "polder", "fiets", "park", "koffie", "patroon")

#: Alternative text for each motif, in Dutch, for the content that uses the picture.
MOTIF_ALT = {
    "dorp": "Getekende dorpsstraat met huizen, bomen en een kerktoren",
    "polder": "Getekend polderlandschap met een molen en een sloot",
    "fiets": "Tekening van een fiets tegen een effen achtergrond",
    "park": "Getekend park met bomen, een pad en een bankje",
    "koffie": "Tekening van koffiekopjes op een tafel",
    "patroon": "Kleurig patroon van cirkels en vlakken",
}

_SKIES = (
    ((118, 170, 220), (214, 232, 245)),
    ((242, 170, 120), (252, 226, 180)),
    ((90, 120, 170), (190, 205, 225)),
    ((160, 200, 230), (240, 245, 250)),
)
_GROUNDS = ((96, 152, 82), (122, 170, 90), (140, 128, 90), (180, 190, 170))
_WALLS = ((176, 74, 58), (200, 150, 110), (150, 60, 50), (230, 220, 200), (120, 110, 100))
_ROOFS = ((70, 60, 60), (150, 70, 50), (60, 70, 90))
_LEAVES = ((56, 112, 62), (84, 140, 70), (190, 120, 40), (160, 80, 40), (100, 130, 60))
_PALETTE = ((29, 91, 143), (46, 125, 50), (179, 84, 30), (106, 27, 154), (0, 121, 107),
            (240, 190, 60), (230, 230, 225), (198, 40, 40))


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t),
            round(a[2] + (b[2] - a[2]) * t))


def gradient(width: int, height: int, top: tuple[int, int, int],
             bottom: tuple[int, int, int]) -> Image.Image:
    """A vertical colour gradient, made by scaling Pillow's built-in ramp (fast at any size)."""
    mask = Image.linear_gradient("L").resize((width, height))
    return Image.composite(Image.new("RGB", (width, height), bottom),
                           Image.new("RGB", (width, height), top), mask)


def _tree(d: ImageDraw.ImageDraw, x: float, base: float, h: float,
          leaves: tuple[int, int, int]) -> None:
    trunk = h * 0.08
    d.rectangle((x - trunk, base - h * 0.45, x + trunk, base), fill=(92, 64, 44))
    r = h * 0.3
    d.ellipse((x - r, base - h, x + r, base - h + 2 * r), fill=leaves)


def _house(d: ImageDraw.ImageDraw, x: float, base: float, w: float, h: float,
           wall: tuple[int, int, int], roof: tuple[int, int, int]) -> None:
    d.rectangle((x, base - h, x + w, base), fill=wall)
    d.polygon(((x - w * 0.08, base - h), (x + w / 2, base - h - w * 0.6),
               (x + w * 1.08, base - h)), fill=roof)
    win = (245, 225, 150)
    d.rectangle((x + w * 0.15, base - h * 0.75, x + w * 0.38, base - h * 0.5), fill=win)
    d.rectangle((x + w * 0.62, base - h * 0.75, x + w * 0.85, base - h * 0.5), fill=win)
    d.rectangle((x + w * 0.4, base - h * 0.4, x + w * 0.6, base), fill=(70, 50, 40))


def _sky_and_ground(rng: random.Random, w: int, h: int, horizon: float) -> Image.Image:
    top, bottom = rng.choice(_SKIES)
    img = gradient(w, h, top, bottom)
    d = ImageDraw.Draw(img)
    ground = rng.choice(_GROUNDS)
    d.rectangle((0, horizon, w, h), fill=ground)
    r = min(w, h) * rng.uniform(0.05, 0.09)
    sx, sy = w * rng.uniform(0.1, 0.9), horizon * rng.uniform(0.15, 0.45)
    d.ellipse((sx - r, sy - r, sx + r, sy + r), fill=(255, 214, 90))
    for _ in range(rng.randint(1, 3)):  # a few clouds
        cx, cy, cr = w * rng.random(), horizon * rng.uniform(0.1, 0.5), min(w, h) * 0.05
        for k in range(3):
            d.ellipse((cx + (k - 1) * cr * 1.2 - cr, cy - cr, cx + (k - 1) * cr * 1.2 + cr,
                       cy + cr), fill=(250, 250, 250))
    return img


def _draw_dorp(rng: random.Random, w: int, h: int) -> Image.Image:
    horizon = h * rng.uniform(0.55, 0.7)
    img = _sky_and_ground(rng, w, h, horizon)
    d = ImageDraw.Draw(img)
    tx = w * rng.uniform(0.2, 0.8)  # church tower behind the houses
    tw = w * 0.05
    d.rectangle((tx - tw, horizon - h * 0.4, tx + tw, horizon), fill=(150, 140, 130))
    d.polygon(((tx - tw * 1.2, horizon - h * 0.4), (tx, horizon - h * 0.58),
               (tx + tw * 1.2, horizon - h * 0.4)), fill=(60, 70, 80))
    x = -w * 0.05
    while x < w:
        hw = w * rng.uniform(0.1, 0.17)
        _house(d, x, horizon + h * 0.05, hw, h * rng.uniform(0.15, 0.25),
               rng.choice(_WALLS), rng.choice(_ROOFS))
        x += hw * rng.uniform(1.15, 1.5)
    d.rectangle((0, horizon + h * 0.05, w, h), fill=(150, 150, 155))  # the street
    for i in range(int(w // (w * 0.12)) + 1):
        d.rectangle((i * w * 0.12, h * 0.9, i * w * 0.12 + w * 0.06, h * 0.92),
                    fill=(240, 240, 240))
    for _ in range(rng.randint(2, 4)):
        _tree(d, w * rng.random(), horizon + h * 0.06, h * rng.uniform(0.2, 0.3),
              rng.choice(_LEAVES))
    return img


def _draw_polder(rng: random.Random, w: int, h: int) -> Image.Image:
    horizon = h * rng.uniform(0.6, 0.72)
    img = _sky_and_ground(rng, w, h, horizon)
    d = ImageDraw.Draw(img)
    for i in range(4):  # ditches run to the horizon
        y = horizon + (h - horizon) * (0.2 + i * 0.22)
        d.line((0, y, w, y - h * 0.02), fill=(110, 150, 190), width=max(2, int(h * 0.012)))
    mx, mh = w * rng.uniform(0.55, 0.85), h * 0.35
    mw = w * 0.05
    d.polygon(((mx - mw, horizon), (mx - mw * 0.6, horizon - mh), (mx + mw * 0.6, horizon - mh),
               (mx + mw, horizon)), fill=(90, 80, 75))
    hub = (mx, horizon - mh)
    blade = mh * 0.8
    angle = rng.uniform(0, 90)
    for k in range(4):  # four sails, drawn as rotated bars
        img_b = Image.new("L", (int(blade * 2) + 2, int(blade * 2) + 2), 0)
        ImageDraw.Draw(img_b).rectangle((blade - blade * 0.06, 0, blade + blade * 0.06, blade),
                                        fill=255)
        img_b = img_b.rotate(angle + k * 90, center=(blade, blade))
        img.paste((235, 230, 220), (int(hub[0] - blade), int(hub[1] - blade)), img_b)
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(5, 9)):
        _tree(d, w * rng.random(), horizon + 2, h * rng.uniform(0.08, 0.14), rng.choice(_LEAVES))
    for _ in range(rng.randint(2, 5)):  # cows: an ellipse and a head
        cx, cy = w * rng.random(), horizon + (h - horizon) * rng.uniform(0.3, 0.8)
        s = h * 0.03
        d.ellipse((cx - 2 * s, cy - s, cx + 2 * s, cy + s), fill=(245, 245, 245))
        d.ellipse((cx - 0.5 * s, cy - 0.8 * s, cx + 0.8 * s, cy + 0.4 * s), fill=(30, 30, 30))
        d.ellipse((cx + 1.6 * s, cy - 1.2 * s, cx + 2.6 * s, cy - 0.2 * s), fill=(30, 30, 30))
    return img


def _draw_fiets(rng: random.Random, w: int, h: int) -> Image.Image:
    back = rng.choice(_PALETTE)
    img = gradient(w, h, _mix(back, (255, 255, 255), 0.55), _mix(back, (255, 255, 255), 0.8))
    d = ImageDraw.Draw(img)
    s = min(w, h)
    r = s * 0.2
    cx, cy = w / 2, h / 2 + s * 0.1
    rear, front = (cx - r * 1.3, cy), (cx + r * 1.3, cy)
    lw = max(3, int(s * 0.02))
    frame = rng.choice(_PALETTE)
    for wx, wy in (rear, front):
        d.ellipse((wx - r, wy - r, wx + r, wy + r), outline=(40, 40, 40), width=lw * 2)
        d.ellipse((wx - r * 0.12, wy - r * 0.12, wx + r * 0.12, wy + r * 0.12), fill=(90, 90, 90))
    crank = (cx - r * 0.1, cy)
    seat = (cx - r * 0.5, cy - r * 1.1)
    head = (cx + r * 0.9, cy - r * 1.2)
    for a, b in ((rear, crank), (crank, seat), (seat, rear), (crank, head), (head, front),
                 (seat, (head[0] - r * 0.2, head[1] + r * 0.1))):
        d.line((a, b), fill=frame, width=lw)
    d.line(((seat[0] - r * 0.25, seat[1] - r * 0.1), (seat[0] + r * 0.2, seat[1] - r * 0.1)),
           fill=(40, 40, 40), width=lw * 2)
    d.line((head, (head[0] + r * 0.3, head[1] - r * 0.25)), fill=(40, 40, 40), width=lw)
    d.line((0, cy + r, w, cy + r), fill=(120, 120, 120), width=lw)
    return img


def _draw_park(rng: random.Random, w: int, h: int) -> Image.Image:
    horizon = h * rng.uniform(0.45, 0.6)
    img = _sky_and_ground(rng, w, h, horizon)
    d = ImageDraw.Draw(img)
    d.polygon(((w * 0.4, h), (w * 0.6, h), (w * 0.52, horizon), (w * 0.48, horizon)),
              fill=(214, 196, 160))  # a path into the distance
    bases = sorted(horizon + (h - horizon) * rng.uniform(0.0, 0.5)
                   for _ in range(rng.randint(6, 12)))
    for y in bases:  # far trees first, so nearer ones overlap them
        _tree(d, w * rng.random(), y, h * rng.uniform(0.2, 0.45) * (y / h + 0.3),
              rng.choice(_LEAVES))
    bx, by, bw = w * rng.uniform(0.1, 0.3), h * 0.85, w * 0.18
    d.rectangle((bx, by - h * 0.05, bx + bw, by - h * 0.035), fill=(120, 80, 50))
    d.rectangle((bx, by - h * 0.02, bx + bw, by), fill=(120, 80, 50))
    for lx in (bx + bw * 0.1, bx + bw * 0.85):
        d.rectangle((lx, by, lx + bw * 0.05, by + h * 0.04), fill=(50, 50, 50))
    return img


def _draw_koffie(rng: random.Random, w: int, h: int) -> Image.Image:
    table = rng.choice(((170, 120, 80), (200, 160, 110), (140, 100, 70)))
    img = gradient(w, h, _mix(table, (255, 255, 255), 0.2), table)
    d = ImageDraw.Draw(img)
    s = min(w, h)
    for _ in range(rng.randint(2, 5)):
        cx, cy, r = w * rng.uniform(0.15, 0.85), h * rng.uniform(0.2, 0.8), s * rng.uniform(
            0.08, 0.14)
        d.ellipse((cx - r * 1.5, cy - r * 1.5, cx + r * 1.5, cy + r * 1.5), fill=(245, 245, 240))
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=rng.choice(_PALETTE))
        d.ellipse((cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8), fill=(90, 55, 30))
        d.rectangle((cx + r * 0.9, cy - r * 0.15, cx + r * 1.4, cy + r * 0.15),
                    fill=(245, 245, 240))
    for _ in range(rng.randint(3, 8)):  # biscuits
        cx, cy, r = w * rng.random(), h * rng.random(), s * 0.03
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(220, 170, 90))
    return img


def _draw_patroon(rng: random.Random, w: int, h: int) -> Image.Image:
    img = Image.new("RGB", (w, h), rng.choice(_PALETTE))
    d = ImageDraw.Draw(img)
    cell = min(w, h) / rng.randint(4, 8)
    y = 0.0
    while y < h:
        x = 0.0
        while x < w:
            colour = rng.choice(_PALETTE)
            if rng.random() < 0.5:
                d.ellipse((x + cell * 0.1, y + cell * 0.1, x + cell * 0.9, y + cell * 0.9),
                          fill=colour)
            else:
                d.pieslice((x, y, x + cell * 2, y + cell * 2), 180, 270, fill=colour)
            x += cell
        y += cell
    return img


_DRAWERS = {
    "dorp": _draw_dorp, "polder": _draw_polder, "fiets": _draw_fiets, "park": _draw_park,
    "koffie": _draw_koffie, "patroon": _draw_patroon,
}


def draw_picture(rng: random.Random, width: int, height: int, motif: str) -> Image.Image:
    """Draw one RGB picture of `motif` (one of `MOTIFS`) at the given size."""
    return _DRAWERS[motif](rng, width, height)


def draw_logo(colour: str, size: int = 256, variant: int = 0) -> Image.Image:
    """Draw a square RGBA logo: a roof over a circle of neighbours, in the portal's colour.

    `colour` is ``#rrggbb``; `variant` (0–2) changes the arrangement so that portals with
    the same colour still look different.
    """
    rgb = (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))
    light = _mix(rgb, (255, 255, 255), 0.55)
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size
    d.rounded_rectangle((s * 0.04, s * 0.04, s * 0.96, s * 0.96), radius=s * 0.2, fill=rgb)
    d.polygon(((s * 0.18, s * 0.5), (s * 0.5, s * 0.2), (s * 0.82, s * 0.5)), fill=(255, 255, 255))
    d.rectangle((s * 0.26, s * 0.48, s * 0.74, s * 0.8), fill=(255, 255, 255))
    dots = 3 + variant % 3
    for i in range(dots):  # the neighbours: small heads in the doorway
        x = s * (0.32 + 0.36 * i / max(1, dots - 1))
        d.ellipse((x - s * 0.045, s * 0.58, x + s * 0.045, s * 0.67), fill=rgb)
        d.rounded_rectangle((x - s * 0.055, s * 0.68, x + s * 0.055, s * 0.8), radius=s * 0.03,
                            fill=light)
    return img


def to_stored_orientation(img: Image.Image, orientation: int) -> Image.Image:
    """Return the pixels a camera would store for `img` under EXIF `orientation`.

    A viewer that applies the tag (``ImageOps.exif_transpose``) shows `img` upright again;
    one that ignores the tag shows it turned or mirrored. Only 1, 3, 6 and 8 are supported.
    """
    # exif_transpose applies the inverse of these, so the round trip is the identity.
    undo = {1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90,
            8: Image.Transpose.ROTATE_270}[orientation]
    return img if undo is None else img.transpose(undo)


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round((value - degrees - minutes / 60) * 3600, 2)
    return (float(degrees), float(minutes), seconds)


def camera_exif(lat: float, lon: float, orientation: int, taken: datetime) -> Image.Exif:
    """EXIF like a phone camera writes: make, model, time taken, orientation and GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Buurtcamera"
    exif[ExifTags.Base.Model] = "Telefoon 7"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.DateTime] = taken.strftime("%Y:%m:%d %H:%M:%S")
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N" if lat >= 0 else "S",
        ExifTags.GPS.GPSLatitude: _dms(lat),
        ExifTags.GPS.GPSLongitudeRef: "E" if lon >= 0 else "W",
        ExifTags.GPS.GPSLongitude: _dms(lon),
    }
    return exif


def save_picture(img: Image.Image, path: Path, exif: Image.Exif | None = None) -> None:
    """Write `img` as JPEG or PNG (by suffix), with no varying metadata, so bytes repeat."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() in (".jpg", ".jpeg"):
        kwargs = {"exif": exif} if exif is not None else {}
        img.convert("RGB").save(path, "JPEG", quality=82, **kwargs)
    elif path.suffix.lower() == ".png":
        # A low compression level keeps large PNGs quick to write; sizes stay modest
        # because the drawings are flat colour.
        img.save(path, "PNG", compress_level=3)
    else:
        raise ValueError(f"unsupported picture format: {path.suffix}")
