"""Tests for sitegen.images: responsive derivatives, metadata stripping, cache, safety."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import multiprocessing
import os
import struct
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms, ImageFile

from sitegen import images
from sitegen.images import Derivative, ImageError, ImageProcessor, ImageSet

RED = (220, 20, 20)
BLUE = (20, 20, 220)


# -- helpers ----------------------------------------------------------------------------


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "media").mkdir(parents=True)
    return root


@pytest.fixture
def processor(content: Path, tmp_path: Path) -> ImageProcessor:
    return ImageProcessor(content, tmp_path / "cache")


def save(content: Path, name: str, image: Image.Image, fmt: str | None = None, **kw) -> str:
    """Save ``image`` under content/media/ and return its content-relative path."""
    image.save(content / "media" / name, fmt, **kw)
    return f"media/{name}"


def halves(width: int, height: int) -> Image.Image:
    """Left half red, right half blue: shows which way an image was turned."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    return image


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width``×``height`` pixels but holds no pixel data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


def output_files(processor: ImageProcessor, image_set: ImageSet) -> list[tuple[Path, str, int]]:
    """(cache file, expected Pillow format, expected width) for every derivative file."""
    out = []
    for d in image_set.derivatives:
        out.append((processor.cache_dir / Path(d.webp).name, "WEBP", d.width))
        out.append((processor.cache_dir / Path(d.jpeg).name, "JPEG", d.width))
    return out


def close_to(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


# -- sizes --------------------------------------------------------------------------------


def test_large_image_gets_every_width(content, processor):
    rel = save(content, "big.jpg", halves(2000, 1000))
    image_set = processor.derive(rel)

    assert [d.width for d in image_set.derivatives] == [320, 640, 1024, 1600]
    assert [d.height for d in image_set.derivatives] == [160, 320, 512, 800]
    assert (image_set.width, image_set.height) == (1600, 800)
    for path, fmt, width in output_files(processor, image_set):
        with Image.open(path) as out:
            assert out.format == fmt
            assert out.width == width


def test_names_are_content_hash_and_width(content, processor):
    rel = save(content, "big.jpg", halves(700, 100))
    digest = hashlib.sha256((content / rel).read_bytes()).hexdigest()[:16]
    image_set = processor.derive(rel)
    assert image_set.derivatives[0] == Derivative(
        320, 46, f"media/{digest}-320.webp", f"media/{digest}-320.jpg"
    )
    assert (processor.cache_dir / f"{digest}.json").is_file()


@pytest.mark.parametrize(
    ("size", "expected_widths"),
    [
        ((800, 600), [320, 640, 800]),  # own width added, nothing wider
        ((1600, 900), [320, 640, 1024, 1600]),  # exactly the widest width
        ((200, 100), [200]),  # smaller than every width
        ((320, 320), [320]),
    ],
)
def test_never_upscaled(content, processor, size, expected_widths):
    rel = save(content, "small.png", halves(*size))
    image_set = processor.derive(rel)
    assert [d.width for d in image_set.derivatives] == expected_widths
    for path, _, width in output_files(processor, image_set):
        with Image.open(path) as out:
            assert out.width == width <= size[0]


def test_very_thin_image_keeps_at_least_one_pixel(content, processor):
    rel = save(content, "line.png", Image.new("RGB", (3000, 1), RED))
    assert all(d.height == 1 for d in processor.derive(rel).derivatives)


def test_srcset_and_fallback(content, processor):
    image_set = processor.derive(save(content, "big.png", halves(2000, 1000)))
    d = image_set.derivatives
    assert image_set.srcset("webp") == ", ".join(f"{x.webp} {x.width}w" for x in d)
    assert image_set.srcset("jpeg", "../../").startswith(f"../../{d[0].jpeg} 320w, ../../")
    assert image_set.fallback.width == 1024
    with pytest.raises(ValueError):
        image_set.srcset("gif")

    small = processor.derive(save(content, "small.png", halves(200, 100)))
    assert small.fallback.width == 200


def test_widths_must_be_positive(content, tmp_path):
    with pytest.raises(ValueError):
        ImageProcessor(content, tmp_path / "cache", widths=())
    with pytest.raises(ValueError):
        ImageProcessor(content, tmp_path / "cache", widths=(0, 320))


# -- metadata and orientation -------------------------------------------------------------


def phone_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "SnoopPhone"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 50.0, 12.5),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (4.0, 41.0, 3.25),
    }
    return exif


@pytest.mark.parametrize("widths", [(320, 640, 1024, 1600), (320, 640)])
def test_exif_orientation_applied_and_all_metadata_stripped(content, tmp_path, widths):
    # 4000×2400 turned a quarter: shown as 2400×4000. With widths up to 640 the JPEG is
    # decoded at reduced size (draft), which must take the turn into account too.
    rel = save(
        content,
        "phone.jpg",
        halves(4000, 2400),
        exif=phone_exif(6).tobytes(),
        xmp=b"<x:xmpmeta><secret>home</secret></x:xmpmeta>",
        comment=b"SnoopComment",
    )
    with Image.open(content / rel) as source:  # the fixture really carries GPS
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)

    processor = ImageProcessor(content, tmp_path / "cache", widths=widths)
    image_set = processor.derive(rel)

    assert [d.width for d in image_set.derivatives] == list(widths)
    for d in image_set.derivatives:
        assert d.height == round(d.width * 4000 / 2400)  # portrait now
    for path, _, width in output_files(processor, image_set):
        raw = path.read_bytes()
        for secret in (b"SnoopPhone", b"SnoopComment", b"secret", b"Exif\x00\x00"):
            assert secret not in raw
        with Image.open(path) as out:
            assert out.width == width and out.height > out.width
            assert not out.getexif()
            assert not out.getexif().get_ifd(ExifTags.IFD.GPSInfo)
            for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"):
                assert key not in out.info
            # Orientation 6 means "turn a quarter clockwise": the left half ends on top.
            rgb = out.convert("RGB")
            assert close_to(rgb.getpixel((out.width // 2, out.height // 10)), RED)
            assert close_to(rgb.getpixel((out.width // 2, out.height * 9 // 10)), BLUE)


def test_colour_profile_is_converted_and_dropped(content, processor):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    rel = save(content, "profiled.jpg", halves(800, 400), icc_profile=srgb)
    for path, _, _ in output_files(processor, processor.derive(rel)):
        with Image.open(path) as out:
            assert "icc_profile" not in out.info
            assert close_to(out.convert("RGB").getpixel((10, 10)), RED)


def test_mismatched_colour_profile_is_ignored(content, processor):
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    rel = save(content, "odd.png", halves(400, 200), icc_profile=lab)
    image_set = processor.derive(rel)
    with Image.open(processor.cache_dir / Path(image_set.fallback.jpeg).name) as out:
        assert close_to(out.getpixel((10, 10)), RED)


# -- colour modes -------------------------------------------------------------------------


def test_png_with_alpha(content, processor):
    image = Image.new("RGBA", (800, 400), (0, 0, 0, 0))  # transparent left half
    image.paste((20, 20, 220, 255), (400, 0, 800, 400))
    image_set = processor.derive(save(content, "logo.png", image))

    for d in image_set.derivatives:
        with Image.open(processor.cache_dir / Path(d.webp).name) as webp:
            assert webp.mode == "RGBA"  # WebP keeps the transparency
            assert webp.getpixel((5, 5))[3] == 0
            assert close_to(webp.getpixel((d.width - 5, 5)), BLUE)
        with Image.open(processor.cache_dir / Path(d.jpeg).name) as jpeg:
            assert jpeg.mode == "RGB"  # JPEG flattened on white, not black
            assert close_to(jpeg.getpixel((5, 5)), (255, 255, 255), tolerance=10)


@pytest.mark.parametrize(
    ("name", "image", "options", "webp_mode"),
    [
        ("bw.png", Image.new("1", (500, 300), 1), {}, "RGB"),
        ("grey.jpg", Image.new("L", (500, 300), 128), {}, "RGB"),
        ("grey-alpha.png", Image.new("LA", (500, 300), (128, 100)), {}, "RGBA"),
        ("cmyk.jpg", Image.new("CMYK", (500, 300), (0, 100, 100, 0)), {}, "RGB"),
        ("deep.png", Image.new("I;16", (500, 300), 40000), {}, "RGB"),
        # A transparency key that no pixel uses: nothing to see through, so no alpha.
        ("palette.gif", Image.new("P", (500, 300), 3), {"transparency": 0}, "RGB"),
        ("photo.webp", halves(500, 300), {}, "RGB"),
    ],
)
def test_source_modes_and_formats(content, processor, name, image, options, webp_mode):
    image_set = processor.derive(save(content, name, image, **options))
    assert [d.width for d in image_set.derivatives] == [320, 500]
    for path, fmt, width in output_files(processor, image_set):
        with Image.open(path) as out:
            out.load()
            assert (out.format, out.width) == (fmt, width)
            # WebP keeps what can be seen through; JPEG has no alpha channel.
            assert out.mode == (webp_mode if fmt == "WEBP" else "RGB")


def test_sixteen_bit_grey_is_scaled_not_clipped(content, processor):
    image_set = processor.derive(save(content, "deep.png", Image.new("I;16", (400, 200), 32768)))
    with Image.open(processor.cache_dir / Path(image_set.fallback.jpeg).name) as out:
        assert 110 < out.getpixel((10, 10))[0] < 150


# -- bad images ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.jpg", b""),
        ("text.jpg", b"this is not an image at all\n" * 10),
        ("random.png", os.urandom(2048)),
        ("script.gif", b"GIF89a<script>alert(1)</script>"),
        ("eps.jpg", b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"),
        ("header-only.png", png_header(100, 100)),
    ],
    # Named by the file only: every xdist worker must collect the same test ids, and the
    # random bytes differ in each process.
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_unreadable_files_raise_image_error(content, processor, name, data):
    (content / "media" / name).write_bytes(data)
    with pytest.raises(ImageError):
        processor.derive(f"media/{name}")
    # Nothing is cached for a file that could not be read: the cache folder is not even made.
    assert not processor.cache_dir.exists()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_truncated_image_raises_image_error(content, processor, fmt):
    buffer = io.BytesIO()
    Image.effect_noise((600, 400), 64).convert("RGB").save(buffer, fmt)
    (content / "media" / "cut").write_bytes(buffer.getvalue()[: buffer.tell() // 2])
    with pytest.raises(ImageError, match="damaged or incomplete"):
        processor.derive("media/cut")


def test_message_names_accepted_formats(content, processor):
    (content / "media" / "x.heic").write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(100))
    with pytest.raises(ImageError, match=r"^is not an image that can be read \(JPEG, PNG, WebP"):
        processor.derive("media/x.heic")


@pytest.mark.parametrize(
    ("width", "height", "cause"),
    [
        (30000, 30000, Image.DecompressionBombError),  # Pillow refuses outright
        (10000, 10000, Image.DecompressionBombWarning),  # Pillow only warns: made an error
    ],
)
def test_decompression_bomb_raises_image_error(content, tmp_path, width, height, cause):
    (content / "media" / "bomb.png").write_bytes(png_header(width, height))
    # A generous own limit, so that Pillow's protection is what must stop the bomb.
    processor = ImageProcessor(content, tmp_path / "cache", max_pixels=10**12)
    with pytest.raises(ImageError, match=r"^is too large \(more than [\d.]+ megapixels\)$") as e:
        processor.derive("media/bomb.png")
    assert isinstance(e.value.__cause__, cause)


def test_bomb_caught_by_own_limit_with_default_settings(content, processor):
    (content / "media" / "bomb.png").write_bytes(png_header(8000, 8000))  # under Pillow's
    with pytest.raises(ImageError, match=r"^is too large \(8000×8000 pixels; at most 40 mega"):
        processor.derive("media/bomb.png")


def test_pixel_limit_checked_before_decoding(content, tmp_path, monkeypatch):
    rel = save(content, "photo.png", halves(200, 200))
    processor = ImageProcessor(content, tmp_path / "cache", max_pixels=10_000)

    def no_decoding(self):
        raise AssertionError("pixels decoded although the image is too large")

    monkeypatch.setattr(images.Image.Image, "load", no_decoding)
    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ImageError) as caught:
        processor.derive(rel)
    assert str(caught.value) == "is too large (200×200 pixels; at most 0.01 megapixels)"


def test_file_size_limit(content, tmp_path):
    rel = save(content, "heavy.png", Image.effect_noise((300, 300), 100))
    processor = ImageProcessor(content, tmp_path / "cache", max_file_bytes=10_000)
    with pytest.raises(ImageError, match=r"^is too large \(0\.\d+ MB; at most 0\.01 MB\)$"):
        processor.derive(rel)


# -- paths --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel",
    ["../secret.jpg", "media/../../secret.jpg", "/etc/passwd", "", "media\\..\\..\\x", "a\x00b"],
)
def test_paths_outside_content_rejected(content, processor, rel):
    (content.parent / "secret.jpg").write_bytes(b"")
    with pytest.raises(ImageError, match="not a path inside the content folder"):
        processor.derive(rel)


def test_symlink_out_of_content_rejected(content, processor, tmp_path):
    outside = tmp_path / "outside.png"
    halves(400, 200).save(outside)
    (content / "media" / "link.png").symlink_to(outside)
    # The path is inside the folder; the message says what is wrong: where it leads.
    with pytest.raises(ImageError) as caught:
        processor.derive("media/link.png")
    assert str(caught.value) == ("is a link to a file outside the content folder; put the "
                                 "picture itself in the content folder")
    assert caught.value.phrase.template == str(caught.value)


def test_image_problems_are_worded_from_templates_with_dutch(content, processor):
    """What the build reports of an image, editors read in Dutch in the CMS."""
    from sitegen.model import Problem

    (content / "media" / "kapot.png").write_bytes(b"not a picture")
    with pytest.raises(ImageError) as caught:
        processor.derive("media/kapot.png")
    problem = Problem.worded("dorp/events/x.md", "image", "{path} {problem}",
                             path="media/kapot.png", problem=caught.value.phrase)
    assert problem.message.startswith("media/kapot.png is not an image that can be read (JPEG")
    assert problem.translated("nl").startswith(
        "media/kapot.png is geen afbeelding die kan worden gelezen (JPEG")


def test_missing_file(content, processor):
    with pytest.raises(ImageError, match="does not exist"):
        processor.derive("media/nothing.jpg")
    with pytest.raises(ImageError, match="does not exist"):
        processor.derive("media")  # a folder


# -- cache --------------------------------------------------------------------------------


def test_cache_hit_never_opens_the_image(content, processor, monkeypatch):
    rel = save(content, "photo.jpg", halves(1200, 800))
    first = processor.derive(rel)
    mtimes = {p: p.stat().st_mtime_ns for p in processor.cache_dir.iterdir()}

    def refuse(*args, **kwargs):
        raise AssertionError("Image.open called on a cache hit")

    monkeypatch.setattr(images.Image, "open", refuse)
    second = ImageProcessor(content, processor.cache_dir).derive(rel)  # a new build

    assert second == first
    assert {p: p.stat().st_mtime_ns for p in processor.cache_dir.iterdir()} == mtimes


def test_same_bytes_under_another_name_share_the_cache(content, processor, monkeypatch):
    rel = save(content, "a.png", halves(700, 300))
    first = processor.derive(rel)
    (content / "media" / "b.png").write_bytes((content / rel).read_bytes())
    monkeypatch.setattr(images.Image, "open", None)  # any decoding would fail
    assert processor.derive("media/b.png") == first


def test_changed_image_is_made_again(content, processor):
    rel = save(content, "photo.png", halves(700, 300))
    first = processor.derive(rel)
    save(content, "photo.png", halves(900, 300))
    second = processor.derive(rel)
    assert second.derivatives[-1].width == 900
    assert first.derivatives[0].webp != second.derivatives[0].webp


@pytest.mark.parametrize("damage", ["delete", "truncate", "manifest"])
def test_damaged_cache_is_repaired(content, processor, damage):
    rel = save(content, "photo.png", halves(700, 300))
    image_set = processor.derive(rel)
    victim = processor.cache_dir / Path(image_set.derivatives[1].jpeg).name
    manifest = next(processor.cache_dir.glob("*.json"))
    if damage == "delete":
        victim.unlink()
    elif damage == "truncate":
        victim.write_bytes(victim.read_bytes()[:100])
    else:
        manifest.write_text("{not json")

    assert processor.derive(rel) == image_set
    with Image.open(victim) as out:
        out.load()
    assert json.loads(manifest.read_text())["derivatives"]


def test_changed_settings_are_a_cache_miss(content, tmp_path):
    rel = save(content, "photo.png", halves(2000, 1000))
    cache = tmp_path / "cache"
    assert len(ImageProcessor(content, cache).derive(rel).derivatives) == 4
    narrow = ImageProcessor(content, cache, widths=(500,)).derive(rel)
    assert [d.width for d in narrow.derivatives] == [500]


def test_lowered_pixel_limit_applies_to_cached_images(content, tmp_path):
    rel = save(content, "photo.png", halves(400, 300))
    cache = tmp_path / "cache"
    ImageProcessor(content, cache).derive(rel)
    with pytest.raises(ImageError, match="too large"):
        ImageProcessor(content, cache, max_pixels=1000).derive(rel)


def test_killed_build_leaves_no_half_files(content, processor, monkeypatch):
    rel = save(content, "photo.png", halves(1200, 800))
    real_replace = os.replace
    calls = []

    def dies_on_third(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the build is killed while writing the cache
        real_replace(src, dst)

    monkeypatch.setattr(images.os, "replace", dies_on_third)
    with pytest.raises(KeyboardInterrupt):
        processor.derive(rel)
    monkeypatch.setattr(images.os, "replace", real_replace)

    left = sorted(p.name for p in processor.cache_dir.iterdir())
    assert len(left) == 2 and not any(n.endswith((".tmp", ".json")) for n in left)
    image_set = processor.derive(rel)  # not a cache hit: the manifest was never written
    for path, _, _ in output_files(processor, image_set):
        with Image.open(path) as out:
            out.load()


def _derive_in_worker(args: tuple[str, str, str]) -> ImageSet:
    content, cache, rel = args
    return ImageProcessor(Path(content), Path(cache)).derive(rel)


def test_concurrent_processes_share_the_cache_safely(content, tmp_path):
    rel = save(content, "photo.jpg", halves(2000, 1500))
    cache = tmp_path / "cache"
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(4, mp_context=context) as pool:
        results = list(pool.map(_derive_in_worker, [(str(content), str(cache), rel)] * 8))

    assert all(r == results[0] for r in results)
    processor = ImageProcessor(content, cache)
    assert not [p for p in cache.iterdir() if p.name.endswith(".tmp")]
    for path, fmt, width in output_files(processor, results[0]):
        with Image.open(path) as out:
            out.load()
            assert (out.format, out.width) == (fmt, width)
    assert processor._from_cache(Path(results[0].derivatives[0].webp).name[:16]) == results[0]


# -- publishing ---------------------------------------------------------------------------


def test_publish_places_hard_links(content, processor, tmp_path):
    image_set = processor.derive(save(content, "photo.png", halves(700, 300)))
    site = tmp_path / "site"
    processor.publish(image_set, site)
    processor.publish(image_set, site)  # again: nothing breaks

    for d in image_set.derivatives:
        for rel in (d.webp, d.jpeg):
            published = site / rel
            cached = processor.cache_dir / Path(rel).name
            assert published.read_bytes() == cached.read_bytes()
            assert os.path.samefile(published, cached)
            assert published.stat().st_mode & 0o044 == 0o044  # readable by a web server
    assert sorted(p.name for p in (site / "media").iterdir()) == sorted(
        Path(p).name for d in image_set.derivatives for p in (d.webp, d.jpeg)
    )


def test_publish_copies_when_links_fail(content, processor, tmp_path, monkeypatch):
    image_set = processor.derive(save(content, "photo.png", halves(700, 300)))
    site = tmp_path / "site"
    (site / "media").mkdir(parents=True)
    stale = site / image_set.fallback.webp
    stale.write_bytes(b"left over from an older build")

    def no_links(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(images.os, "link", no_links)
    processor.publish(image_set, site)

    for d in image_set.derivatives:
        published = site / d.webp
        assert published.read_bytes() == (processor.cache_dir / Path(d.webp).name).read_bytes()
        assert not os.path.samefile(published, processor.cache_dir / Path(d.webp).name)
    assert not [p for p in (site / "media").iterdir() if p.name.endswith(".tmp")]
