"""Responsive derivatives of content images, cached by content hash.

Organisations and connectors upload photos straight from their phones: large, rotated by
an EXIF flag, often carrying the GPS position of someone's home. A built portal must
serve none of that. For every image referenced from ``content/`` this module makes a set
of smaller copies (WebP plus a JPEG fallback) at a few widths for ``srcset``, with the
orientation applied and every piece of metadata removed.

The work is cached in a directory keyed by the SHA-256 of the source file's bytes, so an
unchanged image is decoded once, ever, however often the portals are rebuilt. Cache
files are written atomically; a build that is killed half-way, or two builds running at
the same time, never leave a damaged file behind.

This module is pure: it knows nothing about Pelican or Django. Source images are
untrusted input; whatever is wrong with one surfaces as an :class:`ImageError` whose
message is plain words, fit to report as ``path: image: message``.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import secrets
import shutil
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

# The decoders of the accepted formats are imported (and so registered) explicitly, so
# that Pillow never needs to load all of its plugins.
from PIL import (
    ExifTags,
    GifImagePlugin,  # noqa: F401
    Image,
    ImageOps,
    JpegImagePlugin,  # noqa: F401
    PngImagePlugin,  # noqa: F401
    UnidentifiedImageError,
    WebPImagePlugin,  # noqa: F401
)

from sitegen.messages import phrase

with contextlib.suppress(ImportError):  # AVIF decoding is newer and optional in Pillow builds
    from PIL import AvifImagePlugin  # noqa: F401

try:  # colour management is optional in Pillow builds; without it colours are kept as-is
    from PIL import ImageCms
except ImportError:  # pragma: no cover - depends on how Pillow was built
    ImageCms = None  # type: ignore[assignment]

__all__ = ["Derivative", "ImageError", "ImageProcessor", "ImageSet", "MEDIA_DIR"]

#: Folder of the built site (and prefix of every derivative path) that holds derivatives.
MEDIA_DIR = "media"

# Only these decoders ever see an uploaded file. Pillow would otherwise try every format
# it knows, including EPS (which runs Ghostscript) and rarely used, little-fuzzed ones.
_ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF", "AVIF": "AVIF"}

_WEBP_OPTIONS: dict[str, Any] = {"quality": 80, "method": 4}
_JPEG_OPTIONS: dict[str, Any] = {"quality": 82, "optimize": True, "progressive": True}

# Bump when the output of the same source changes (encoder settings, colour handling):
# cached derivatives made by an older recipe are then made again.
_RECIPE_VERSION = 1

# The <img src> fallback: the widest derivative that is not wider than this.
_FALLBACK_MAX_WIDTH = 1024

# Orientation values that swap width and height (the four 90-degree cases).
_SWAPPING_ORIENTATIONS = frozenset({5, 6, 7, 8})

# What rendering produces: the source's displayed size, the derivative sizes (ascending)
# and the encoded files by cache file name.
_Rendered = tuple[tuple[int, int], list[tuple[int, int]], dict[str, bytes]]


class ImageError(Exception):
    """An image that cannot be used; the message says why in plain words.

    Examples: ``is not an image that can be read (JPEG, PNG, WebP, GIF, AVIF)`` or
    ``is too large (40000×40000 pixels; at most 40 megapixels)``. The message has no
    subject, so that the caller can prefix the image's path. It is made from a template
    and values (`phrase`), so that editors can read it in Dutch (sitegen/locale).
    """

    def __init__(self, template: str, /, **params: Any) -> None:
        self.phrase = phrase(template, **params)
        super().__init__(str(self.phrase))


@dataclass(frozen=True)
class Derivative:
    """One size of an image, in two formats with the same pixel size.

    Paths are relative to the site root, e.g. ``media/3fa2c1d09e7b4a11-640.webp``.
    """

    width: int
    height: int
    webp: str
    jpeg: str


@dataclass(frozen=True)
class ImageSet:
    """All sizes made of one source image, for ``<picture>``/``srcset``."""

    derivatives: tuple[Derivative, ...]  # ascending width, never empty
    width: int  # of the largest derivative
    height: int

    def srcset(self, fmt: str, url_prefix: str = "") -> str:
        """The ``srcset`` value for ``fmt`` (``"webp"`` or ``"jpeg"``).

        ``url_prefix`` is put before every path, e.g. ``"../../"`` or ``"/"``:
        ``"../../media/x-320.webp 320w, ../../media/x-640.webp 640w"``.
        """
        if fmt not in ("webp", "jpeg"):
            raise ValueError(f"unknown image format {fmt!r}; use 'webp' or 'jpeg'")
        return ", ".join(f"{url_prefix}{getattr(d, fmt)} {d.width}w" for d in self.derivatives)

    @property
    def fallback(self) -> Derivative:
        """A middle-sized derivative for ``<img src>`` in browsers that ignore ``srcset``."""
        fitting = [d for d in self.derivatives if d.width <= _FALLBACK_MAX_WIDTH]
        return fitting[-1] if fitting else self.derivatives[0]


class ImageProcessor:
    """Makes responsive derivatives of content images, cached by content hash.

    ``content_root`` is the ``content/`` folder that image paths are relative to;
    ``cache_dir`` keeps the derivatives between builds (it may be shared by several
    processes). ``widths`` are the derivative widths in pixels; an image is never scaled
    up, and one narrower than the widest listed width also gets a derivative at its own
    width. Images of more than ``max_pixels`` pixels or ``max_file_bytes`` bytes are
    refused. Pillow's own process-wide limit (``Image.MAX_IMAGE_PIXELS``) still applies
    on top of ``max_pixels``.

    Instances hold no open resources and can be pickled to worker processes.
    """

    def __init__(
        self,
        content_root: Path,
        cache_dir: Path,
        widths: Iterable[int] = (320, 640, 1024, 1600),
        max_pixels: int = 40_000_000,
        max_file_bytes: int = 25_000_000,
    ) -> None:
        self.content_root = Path(content_root)
        self.cache_dir = Path(cache_dir)
        self.widths = tuple(sorted(set(widths)))
        if not self.widths or any(not isinstance(w, int) or w < 1 for w in self.widths):
            raise ValueError(f"widths must be positive integers, got {widths!r}")
        self.max_pixels = max_pixels
        self.max_file_bytes = max_file_bytes
        # Everything that decides what a derivative looks like; stored in each manifest so
        # that a change of settings is a cache miss rather than a stale hit.
        self._recipe = {
            "version": _RECIPE_VERSION,
            "widths": list(self.widths),
            "webp": _WEBP_OPTIONS,
            "jpeg": _JPEG_OPTIONS,
        }

    # -- public API ---------------------------------------------------------------------

    def derive(self, rel_path: str) -> ImageSet:
        """The derivatives of ``content_root/rel_path``, made now or taken from the cache.

        On a cache hit the image is only read and hashed, never decoded. Raises
        :class:`ImageError` for a path outside the content root, a missing or unreadable
        file, or an image that is too large, damaged or of an unsupported format. Failing
        to write the cache (a full disk) raises ``OSError``: that is a problem of the
        build machine, not of the image.
        """
        data = self._read(self._resolve(rel_path))
        digest = hashlib.sha256(data).hexdigest()[:16]
        cached = self._from_cache(digest)
        if cached is not None:
            return cached
        source_size, sizes, files = self._render(data, digest)
        self._store(digest, source_size, sizes, files)
        return self._image_set(digest, sizes)

    def publish(self, image_set: ImageSet, site_root: Path) -> None:
        """Place the files of ``image_set`` at ``site_root/<path>``.

        A hard link from the cache when the file system allows it (no copying, no extra
        disk space), else a copy. Each file appears atomically, so a web server serving
        ``site_root`` never sees half a file.
        """
        site_root = Path(site_root)
        for derivative in image_set.derivatives:
            for rel in (derivative.webp, derivative.jpeg):
                source = self.cache_dir / PurePosixPath(rel).name
                target = site_root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(source, target)

    # -- reading the source -------------------------------------------------------------

    def _resolve(self, rel_path: str) -> Path:
        """The absolute path of ``rel_path``, refusing anything outside the content root."""
        pure = PurePosixPath(rel_path)
        # Content paths are POSIX-style and relative; a backslash or NUL byte is never
        # legitimate and could mean something else to the OS.
        if (
            not rel_path
            or pure.is_absolute()
            or ".." in pure.parts
            or "\\" in rel_path
            or "\x00" in rel_path
        ):
            raise ImageError("is not a path inside the content folder")
        root = self.content_root.resolve()
        # resolve() follows symlinks. The path itself is inside content/ (checked above),
        # so only a link on the way can lead out of it.
        path = (root / pure).resolve()
        if not path.is_relative_to(root):
            raise ImageError("is a link to a file outside the content folder; put the "
                             "picture itself in the content folder")
        if not path.is_file():
            raise ImageError("does not exist")
        return path

    def _read(self, path: Path) -> bytes:
        """The file's bytes, refusing files above the size limit without reading them whole."""
        try:
            with path.open("rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size > self.max_file_bytes:
                    raise ImageError("is too large ({size} MB; at most {limit} MB)",
                                     size=_millions(size), limit=_millions(self.max_file_bytes))
                # Read one byte more than allowed: the file may have grown since fstat.
                data = f.read(self.max_file_bytes + 1)
        except OSError as exc:
            raise ImageError("cannot be read ({reason})", reason=exc.strerror or exc) from exc
        if len(data) > self.max_file_bytes:
            raise ImageError("is too large (more than {limit} MB)",
                             limit=_millions(self.max_file_bytes))
        return data

    # -- the cache ----------------------------------------------------------------------

    def _from_cache(self, digest: str) -> ImageSet | None:
        """The cached set for ``digest``, or None when any part is missing or stale."""
        try:
            manifest = json.loads((self.cache_dir / f"{digest}.json").read_text("utf-8"))
            if manifest["recipe"] != self._recipe:
                return None
            source_w, source_h = manifest["source"]
            sizes = []
            for entry in manifest["derivatives"]:
                width, height = int(entry["width"]), int(entry["height"])
                # Compare sizes, not just existence: a file cut short by a crash (renamed
                # before its data reached the disk) must count as missing.
                for ext, key in (("webp", "webp_bytes"), ("jpg", "jpeg_bytes")):
                    name = f"{digest}-{width}.{ext}"
                    if (self.cache_dir / name).stat().st_size != entry[key]:
                        return None
                sizes.append((width, height))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not sizes:
            return None
        # The limit may have been lowered since the image was cached.
        self._check_pixels(int(source_w), int(source_h))
        return self._image_set(digest, sizes)

    def _store(
        self,
        digest: str,
        source_size: tuple[int, int],
        sizes: list[tuple[int, int]],
        files: dict[str, bytes],
    ) -> None:
        """Write the derivatives, then the manifest that makes them a cache hit."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            _atomic_write(self.cache_dir / name, data)
        manifest = {
            "recipe": self._recipe,
            "source": list(source_size),
            "derivatives": [
                {
                    "width": w,
                    "height": h,
                    "webp_bytes": len(files[f"{digest}-{w}.webp"]),
                    "jpeg_bytes": len(files[f"{digest}-{w}.jpg"]),
                }
                for w, h in sizes
            ],
        }
        # Written last: its presence means every file above is complete.
        _atomic_write(
            self.cache_dir / f"{digest}.json",
            json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"),
        )

    @staticmethod
    def _image_set(digest: str, sizes: list[tuple[int, int]]) -> ImageSet:
        derivatives = tuple(
            Derivative(
                width=w,
                height=h,
                webp=f"{MEDIA_DIR}/{digest}-{w}.webp",
                jpeg=f"{MEDIA_DIR}/{digest}-{w}.jpg",
            )
            for w, h in sorted(sizes)
        )
        return ImageSet(derivatives, derivatives[-1].width, derivatives[-1].height)

    # -- decoding and encoding ----------------------------------------------------------

    def _render(self, data: bytes, digest: str) -> _Rendered:
        """Decode ``data`` and encode every derivative in memory.

        Returns the source's displayed size, the derivative sizes and the encoded files by
        cache name. Every failure of Pillow becomes an ImageError.
        """
        try:
            # Pillow only warns between its limit and twice its limit; make that an error.
            # (catch_warnings changes process-wide state. With threads deriving at once the
            # "error" filter may outlive this call, which only makes Pillow stricter.)
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data), formats=_accepted_formats()) as im:
                    return self._render_open(im, digest)
        except ImageError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageError("is too large (more than {limit} megapixels)",
                             limit=_millions(self._pixel_limit())) from exc
        except UnidentifiedImageError as exc:
            raise ImageError("is not an image that can be read ({formats})",
                             formats=_format_names()) from exc
        except MemoryError:
            raise  # the build machine's problem, not the image's
        except Exception as exc:
            # Damaged data surfaces from Pillow's decoders as OSError, ValueError,
            # SyntaxError, EOFError, struct.error, ... depending on the format.
            raise ImageError("is damaged or incomplete: its image data cannot be decoded") from exc

    def _render_open(self, im: Image.Image, digest: str) -> _Rendered:
        """The work of `_render` on an opened (not yet decoded) image."""
        source_format = im.format
        width, height = im.size
        # Checked on the header's size, before any pixel is decoded.
        self._check_pixels(width, height)

        sizes = None
        if source_format == "JPEG":
            # A JPEG can be decoded directly at 1/2, 1/4 or 1/8 of its size (DCT scaling),
            # far faster than decoding a 40-megapixel photo and shrinking it. The EXIF
            # orientation is known from the header, so the sizes can be planned first.
            orientation = im.getexif().get(ExifTags.Base.Orientation, 1)
            swapped = orientation in _SWAPPING_ORIENTATIONS
            shown_w, shown_h = (height, width) if swapped else (width, height)
            sizes = _plan(shown_w, shown_h, self.widths)
            largest_w, largest_h = sizes[-1]
            im.draft(None, (largest_h, largest_w) if swapped else (largest_w, largest_h))

        im = ImageOps.exif_transpose(im)  # decodes the pixels
        if sizes is None:
            sizes = _plan(im.width, im.height, self.widths)
            shown_w, shown_h = im.size

        base = _normalise_mode(im)
        out_mode = "RGBA" if base.mode == "RGBA" else "RGB"
        to_srgb = _srgb_transform(im.info.get("icc_profile"), base.mode, out_mode)

        files: dict[str, bytes] = {}
        for w, h in sizes:
            img = base.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
            img = ImageCms.applyTransform(img, to_srgb) if to_srgb else img.convert(out_mode)
            files[f"{digest}-{w}.webp"] = _encode(img, "WEBP", _WEBP_OPTIONS)
            files[f"{digest}-{w}.jpg"] = _encode(_flatten(img), "JPEG", _JPEG_OPTIONS)
        return (shown_w, shown_h), sizes, files

    def _pixel_limit(self) -> int:
        pillow_limit = Image.MAX_IMAGE_PIXELS
        return min(self.max_pixels, pillow_limit) if pillow_limit else self.max_pixels

    def _check_pixels(self, width: int, height: int) -> None:
        if width < 1 or height < 1:
            raise ImageError("has no pixels")
        if width * height > self.max_pixels:
            raise ImageError("is too large ({width}×{height} pixels; at most {limit} megapixels)",
                             width=width, height=height, limit=_millions(self.max_pixels))


# -- helpers --------------------------------------------------------------------------------


def _plan(width: int, height: int, widths: tuple[int, ...]) -> list[tuple[int, int]]:
    """Derivative sizes for a ``width``×``height`` image: never wider than the image."""
    chosen = [w for w in widths if w <= width]
    if width < widths[-1] and width not in chosen:
        # Narrower than the widest derivative: its full width is the best there is.
        chosen.append(width)
    return [(w, max(1, round(height * w / width))) for w in chosen]


def _normalise_mode(im: Image.Image) -> Image.Image:
    """``im`` as L, RGB, RGBA or CMYK: the modes that resize and colour conversion take."""
    if im.mode in ("I", "I;16", "I;16L", "I;16B", "I;16N"):
        # 16-bit greyscale (scans, some PNGs): Pillow's convert would clip it to white.
        im = im.convert("I").point(lambda v: v / 256).convert("L")
    has_alpha = im.has_transparency_data
    if im.mode == "RGBA" or (im.mode in ("L", "RGB", "CMYK") and not has_alpha):
        return im
    # Palette, LA, 1-bit, a transparency key, ...: alpha becomes a real channel.
    return im.convert("RGBA" if has_alpha else "RGB")


@functools.cache
def _srgb_profile() -> Any:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _srgb_transform(icc_profile: bytes | None, in_mode: str, out_mode: str) -> Any:
    """A transform from the embedded colour profile to sRGB, or None to convert plainly.

    The profile is not copied into the output (it can identify the device), so colours
    must be converted: a phone photo in Display P3 would otherwise look dull.
    """
    if not icc_profile or ImageCms is None:
        return None
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        return ImageCms.buildTransform(source, _srgb_profile(), in_mode, out_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None  # a broken or mismatched profile: keep the numbers as they are


def _flatten(img: Image.Image) -> Image.Image:
    """``img`` without transparency, on white (JPEG has no alpha channel)."""
    if img.mode != "RGBA":
        return img
    background = Image.new("RGB", img.size, (255, 255, 255))
    background.paste(img, mask=img.getchannel("A"))
    return background


def _encode(img: Image.Image, fmt: str, options: dict[str, Any]) -> bytes:
    """``img`` encoded as ``fmt``, with no metadata at all."""
    # Encoders pick some metadata up from `info` (the JPEG encoder copies a comment), and
    # resize() copies the source's info, EXIF and GPS included. No exif=, xmp= or
    # icc_profile= is passed either.
    img.info = {}
    buffer = io.BytesIO()
    img.save(buffer, fmt, **options)
    return buffer.getvalue()


def _atomic_write(path: Path, data: bytes) -> None:
    """Write ``path`` so that it is either absent, the old file or the whole new file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates 0600; published hard links must stay readable by the web server.
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _link_or_copy(source: Path, target: Path) -> None:
    """Make ``target`` the same file as ``source``: a hard link if possible, else a copy."""
    with contextlib.suppress(OSError):
        if os.path.samefile(source, target):
            return
    # Link or copy to a temporary name, then rename over the target: atomic, and it
    # replaces a stale file left by an earlier build.
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    try:
        try:
            os.link(source, tmp)
        except OSError:
            # Another file system, or one without hard links: copy instead.
            shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _accepted_formats() -> tuple[str, ...]:
    """The accepted formats this Pillow build can decode (AVIF support is optional)."""
    return tuple(f for f in _ACCEPTED_FORMATS if f in Image.OPEN)


def _format_names() -> str:
    """E.g. 'JPEG, PNG, WebP, GIF, AVIF': without a word that would need translating."""
    return ", ".join(_ACCEPTED_FORMATS[f] for f in _accepted_formats())


def _millions(n: int) -> str:
    """``n`` in millions, for messages: 25_000_000 -> '25', 31_254_000 -> '31.25'."""
    return f"{n / 1_000_000:.2f}".rstrip("0").rstrip(".")
